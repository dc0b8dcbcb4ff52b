"""Widening who can read a practice (own organisation → members → public) first says who will be
able to read it and asks; only the confirmation's form (``confirm=1``) applies it. Narrowing
applies at once. Whoever may not change it gets the 403 the service gave, never the page."""

import pytest
from django.urls import reverse

from practices.models import Practice
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def _visibility(practice) -> str:
    return Practice.objects.get(pk=practice.pk).visibility


@pytest.mark.parametrize(
    ("start", "wider", "who"),
    [
        ("organisation", "members", "Every verified practitioner of the portal will be able to read it"),
        ("organisation", "public", "Everyone who visits the portal will be able to read it, signed in or not"),
        ("members", "public", "Everyone who visits the portal will be able to read it, signed in or not"),
    ],
)
def test_widening_a_draft_says_who_will_read_it_and_asks_first(contributor, contributor_client, start, wider, who):
    practice = make_practice(author=contributor, title="Family circles", visibility=start)
    url = reverse("practices:visibility", args=[practice.pk])
    response = contributor_client.post(url, {"visibility": wider})
    assert response.status_code == 200
    text = " ".join(response.content.decode().split())
    assert 'Let more people read “<span lang="en">Family circles</span>”?' in text  # the title in its language
    assert who in text and "This applies once it is published." in text
    assert 'name="confirm" value="1"' in text and f'name="visibility" value="{wider}"' in text
    assert _visibility(practice) == start  # nothing changed by asking
    response = contributor_client.post(url, {"visibility": wider, "confirm": "1"})
    assert response.status_code == 302
    assert _visibility(practice) == wider


@pytest.mark.parametrize(
    ("start", "narrower"), [("public", "members"), ("public", "organisation"), ("members", "organisation")]
)
def test_narrowing_applies_at_once(contributor, contributor_client, start, narrower):
    practice = make_practice(author=contributor, visibility=start)
    response = contributor_client.post(reverse("practices:visibility", args=[practice.pk]), {"visibility": narrower})
    assert response.status_code == 302
    assert _visibility(practice) == narrower


def test_narrowing_a_published_practice_applies_at_once(contributor, contributor_client):
    practice = make_practice(author=contributor, publish=True)
    response = contributor_client.post(reverse("practices:visibility", args=[practice.pk]), {"visibility": "members"})
    assert response.status_code == 302
    assert _visibility(practice) == "members"


def test_widening_a_published_practice_is_refused_without_a_confirmation_page(contributor, contributor_client):
    """A published practice is widened through a reviewed update: no page asks, the refusal says how."""
    practice = make_practice(author=contributor, publish=True)
    Practice.objects.filter(pk=practice.pk).update(visibility="organisation")
    response = contributor_client.post(
        reverse("practices:visibility", args=[practice.pk]), {"visibility": "public"}, follow=True
    )
    assert "propose an update of the practice" in response.content.decode()
    assert _visibility(practice) == "organisation"


@pytest.mark.parametrize("persona", ["outsider_client", "colleague_client"])
def test_someone_who_may_not_change_it_gets_403_and_no_confirmation(request, persona, contributor):
    practice = make_practice(author=contributor, publish=True, visibility="members")
    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.PUBLISHED)
    response = request.getfixturevalue(persona).post(
        reverse("practices:visibility", args=[practice.pk]), {"visibility": "public", "confirm": "1"}
    )
    assert response.status_code == 403
    assert "Let more people read" not in response.content.decode()
    response = request.getfixturevalue(persona).post(
        reverse("practices:visibility", args=[practice.pk]), {"visibility": "public"}
    )
    assert response.status_code == 403
    assert "Let more people read" not in response.content.decode()
    assert _visibility(practice) == "members"


def test_a_visitor_is_sent_to_sign_in(client, contributor):
    practice = make_practice(author=contributor, visibility="organisation")
    response = client.post(reverse("practices:visibility", args=[practice.pk]), {"visibility": "public"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert _visibility(practice) == "organisation"


# The editor: a draft (or an update) saved with a wider setting than it had ------------------


def _edit_data(client, practice, **changes) -> dict:
    form = client.get(reverse("practices:edit", args=[practice.pk])).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(each) for each in value] if isinstance(value, list | tuple) else value
    data.update(changes)
    return data


def test_saving_a_draft_with_a_wider_setting_asks_first_and_keeps_what_was_typed(contributor, contributor_client):
    practice = make_practice(author=contributor, title="Family circles", visibility="organisation")
    url = reverse("practices:edit", args=[practice.pk])
    data = _edit_data(contributor_client, practice, title="Family circles in Ravnstad", visibility="public")
    response = contributor_client.post(url, data)
    assert response.status_code == 200
    text = " ".join(response.content.decode().split())
    assert "Let more people read it?" in text
    assert "Everyone who visits the portal will be able to read it, signed in or not" in text
    assert 'name="confirm_widening" value="1"' in text
    assert 'value="Family circles in Ravnstad"' in text  # what was typed comes back
    saved = Practice.objects.get(pk=practice.pk)
    assert (saved.title, saved.visibility) == ("Family circles", "organisation")  # nothing saved yet
    response = contributor_client.post(url, {**data, "confirm_widening": "1"})
    assert response.status_code == 302
    saved = Practice.objects.get(pk=practice.pk)
    assert (saved.title, saved.visibility) == ("Family circles in Ravnstad", "public")


def test_saving_a_draft_with_the_same_or_a_narrower_setting_does_not_ask(contributor, contributor_client):
    practice = make_practice(author=contributor, visibility="members")
    url = reverse("practices:edit", args=[practice.pk])
    assert contributor_client.post(url, _edit_data(contributor_client, practice, title="Same")).status_code == 302
    narrower = _edit_data(contributor_client, practice, visibility="organisation")
    assert contributor_client.post(url, narrower).status_code == 302
    assert _visibility(practice) == "organisation"
