from django.utils import translation

from portal.models import OrganisationType
from practices.models import KeyTheme, TargetAudience


def test_migration_loads_every_list_of_the_template(db):
    assert KeyTheme.objects.count() == 23
    assert TargetAudience.objects.count() == 16
    assert OrganisationType.objects.count() == 8


def test_labels_follow_the_active_language(db):
    theme = KeyTheme.objects.get(code="family-support")
    with translation.override("fr"):
        assert theme.label == "Soutien de la famille"
    with translation.override("en"):
        assert theme.label == "Family support"


def test_lists_keep_template_order(db):
    assert list(OrganisationType.objects.values_list("code", flat=True))[:2] == ["municipality", "police"]
    assert KeyTheme.objects.first().code == "family-support"
