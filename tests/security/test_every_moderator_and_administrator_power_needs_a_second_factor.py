"""With PORTAL_REQUIRE_MFA on, a role's powers need a second factor: a moderator or an organisation
administrator without one is refused every action that uses the role, on the web and the API alike
(``portal.access.powers_unlocked``), and allowed it once they have one."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from practices.models import Finding, Practice
from practices.versions import content_fingerprint
from tests.security.conftest import Powers, second_factor, signed_in_api

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Power:
    name: str
    act: Callable  # (web client, API client, Powers) -> response
    done: Callable  # (Powers, response) -> bool: the power took effect (or showed what it guards)
    refused: int  # the answer without a second factor


def _fresh(practice: Practice) -> Practice:
    return Practice.objects.get(pk=practice.pk)


def _finding(world: Powers) -> Finding:
    return Finding.objects.get(pk=world.finding.pk)


MODERATOR_POWERS = [
    Power(
        "withdraw another organisation's practice",
        lambda web, api, w: web.post(
            reverse("practices:withdraw", args=[w.outsider_published.pk]), {"reason": "Duplicate"}
        ),
        lambda w, r: _fresh(w.outsider_published).status == Practice.Status.WITHDRAWN,
        302,
    ),
    Power(
        "narrow another organisation's practice",
        lambda web, api, w: web.post(
            reverse("practices:visibility", args=[w.outsider_published.pk]), {"visibility": "organisation"}
        ),
        lambda w, r: _fresh(w.outsider_published).visibility == "organisation",
        302,
    ),
    Power(
        "redact a finding on the web",
        lambda web, api, w: web.post(reverse("moderation:finding_redact", args=[w.submitted.pk, w.finding.pk])),
        lambda w, r: _finding(w).status == Finding.Status.REDACTED,
        302,
    ),
    Power(
        "redact a finding through the practice page",
        lambda web, api, w: web.post(reverse("practices:finding_redact", args=[w.finding.pk])),
        lambda w, r: _finding(w).status == Finding.Status.REDACTED,
        404,
    ),
    Power(
        "dismiss a finding through the API",
        lambda web, api, w: api.post(
            reverse("api:moderation-dismiss", args=[w.submitted.pk, w.finding.pk]), {"reason": "A word"}, format="json"
        ),
        lambda w, r: _finding(w).status == Finding.Status.DISMISSED,
        403,
    ),
    Power(
        "edit a submitted practice through the API",
        lambda web, api, w: api.patch(
            reverse("api:practice-detail", args=[w.submitted.pk]), {"title": "Retitled by a moderator"}, format="json"
        ),
        lambda w, r: _fresh(w.submitted).title == "Retitled by a moderator",
        404,
    ),
    Power(
        "edit a submitted practice on the web",
        lambda web, api, w: web.get(reverse("practices:edit", args=[w.submitted.pk])),
        lambda w, r: r.status_code == 200,
        404,
    ),
    Power(
        "start a revision of another organisation's practice",
        lambda web, api, w: api.post(reverse("api:practice-revision", args=[w.outsider_published.pk])),
        lambda w, r: w.outsider_published.revisions.exists(),
        403,
    ),
    Power(
        "approve a submission",
        lambda web, api, w: api.post(
            reverse("api:moderation-approve", args=[w.clean_submitted.pk]),
            {"comment": "", "reviewed": content_fingerprint(w.clean_submitted)},
            format="json",
        ),
        lambda w, r: _fresh(w.clean_submitted).status == Practice.Status.PUBLISHED,
        403,
    ),
    Power(
        "read findings through the API",
        lambda web, api, w: api.get(reverse("api:practice-detail", args=[w.submitted.pk])),
        lambda w, r: r.status_code == 200 and len(r.json()["findings"]) == 1,
        404,
    ),
    Power(
        "read findings on the practice page",
        lambda web, api, w: web.get(reverse("practices:detail", args=[w.submitted.pk])),
        lambda w, r: r.status_code == 200,
        404,
    ),
    Power(
        "read a network one is no member of",
        lambda web, api, w: web.get(reverse("network:thread", args=[w.thread.pk])),
        lambda w, r: r.status_code == 200 and "Notes on K." in r.content.decode(),
        404,
    ),
    Power(
        "read a case room through the API",
        lambda web, api, w: api.get(reverse("api:thread-posts", args=[w.case_thread.pk])),
        lambda w, r: r.status_code == 200 and "Room notes." in r.content.decode(),
        404,
    ),
]

ADMIN_POWERS = [
    Power(
        "withdraw a practice of one's organisation",
        lambda web, api, w: web.post(reverse("practices:withdraw", args=[w.published.pk]), {"reason": "Outdated"}),
        lambda w, r: _fresh(w.published).status == Practice.Status.WITHDRAWN,
        302,
    ),
    Power(
        "narrow a colleague's practice",
        lambda web, api, w: web.post(
            reverse("practices:visibility", args=[w.published.pk]), {"visibility": "organisation"}
        ),
        lambda w, r: _fresh(w.published).visibility == "organisation",
        302,
    ),
    Power(
        "read a colleague's draft",
        lambda web, api, w: api.get(reverse("api:practice-detail", args=[w.colleague_draft.pk])),
        lambda w, r: r.status_code == 200,
        404,
    ),
    Power(
        "redact a finding on a colleague's submission",
        lambda web, api, w: web.post(reverse("practices:finding_redact", args=[w.finding.pk])),
        lambda w, r: _finding(w).status == Finding.Status.REDACTED,
        404,
    ),
]


def _clients(user) -> tuple[Client, object]:
    web = Client()
    web.force_login(user)
    return web, signed_in_api(user)


def _run(power: Power, user, powers: Powers):
    web, api = _clients(user)
    return power.act(web, api, powers)


@pytest.mark.parametrize("power", MODERATOR_POWERS, ids=lambda power: power.name)
def test_a_moderator_without_a_second_factor_is_refused(power, bare_moderator, powers):
    response = _run(power, second_factor(bare_moderator, False), powers)
    assert response.status_code == power.refused
    assert not power.done(powers, response)


@pytest.mark.parametrize("power", MODERATOR_POWERS, ids=lambda power: power.name)
def test_a_moderator_with_a_second_factor_is_allowed(power, bare_moderator, powers):
    response = _run(power, second_factor(bare_moderator, True), powers)
    assert response.status_code < 400
    assert power.done(powers, response)


@pytest.mark.parametrize("power", ADMIN_POWERS, ids=lambda power: power.name)
def test_an_organisation_administrator_without_a_second_factor_is_refused(power, bare_admin, powers):
    response = _run(power, second_factor(bare_admin, False), powers)
    assert response.status_code == power.refused
    assert not power.done(powers, response)


@pytest.mark.parametrize("power", ADMIN_POWERS, ids=lambda power: power.name)
def test_an_organisation_administrator_with_a_second_factor_is_allowed(power, bare_admin, powers):
    response = _run(power, second_factor(bare_admin, True), powers)
    assert response.status_code < 400
    assert power.done(powers, response)


def test_a_refused_moderator_is_sent_to_set_up_a_second_factor(bare_moderator, powers):
    web, _api = _clients(bare_moderator)
    response = web.post(reverse("practices:withdraw", args=[powers.outsider_published.pk]), {"reason": "Duplicate"})
    assert response["Location"] == reverse("mfa_activate_totp")
