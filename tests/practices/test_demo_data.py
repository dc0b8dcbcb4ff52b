from io import StringIO

import pytest
from django.core.management import call_command

from practices.models import Practice

pytestmark = pytest.mark.django_db


def test_demo_data_holds_the_seed_and_varied_marked_practices():
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    assert "Seed practice added: 1; demo practices added: 48." in out.getvalue()

    seed = Practice.objects.get(title="Soutien familial à Sarpsborg")
    assert seed.is_published and not seed.is_demo
    assert seed.organisation.name == "Municipalité de Sarpsborg"

    demo = Practice.objects.filter(is_demo=True)
    assert demo.count() == 48
    assert all(p.is_published for p in demo)
    assert set(demo.values_list("language", flat=True)) == {"en", "fr"}
    assert demo.values("country").distinct().count() >= 10
    assert demo.values("organisation__type").distinct().count() >= 4
    assert demo.filter(organisation__is_demo=False).count() == 0


def test_loading_demo_data_twice_adds_nothing():
    call_command("load_demo_data", stdout=StringIO())
    count = Practice.objects.count()
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    assert Practice.objects.count() == count
    assert "Seed practice added: 0; demo practices added: 0." in out.getvalue()


def test_demo_practices_are_badged_on_the_list(client):
    call_command("load_demo_data", "--count", "3", stdout=StringIO())
    page = client.get("/practices/").content.decode()
    assert page.count('class="badge badge-demo"') == 3
