"""The audit log in words: every code the code base writes has a sentence, in both languages."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from network.models import JoinRequest, NetworkMembership, Post, Report
from portal import services as portal_services
from practices.audit_labels import SENTENCES, STATES, action_label, change_label
from tests.conftest import make_user

ROOT = Path(__file__).resolve().parents[2]
APPS = ["portal", "practices", "network", "api", "search", "federation"]
# An action built with an f-string, and the values its placeholder takes where it is written.
EXPANSIONS = {
    "network.member.{state}": [NetworkMembership.State.REMOVED, NetworkMembership.State.BANNED],  # member_remove
}


def _strings(node: ast.AST) -> list[str]:
    """The action codes an expression may evaluate to."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    if isinstance(node, ast.JoinedStr):
        template = "".join(
            part.value if isinstance(part, ast.Constant) else "{" + ast.unparse(part.value) + "}"
            for part in node.values
        )
        assert template in EXPANSIONS, f"say which values {template!r} takes in EXPANSIONS"
        placeholder = template[template.index("{") : template.index("}") + 1]
        return [template.replace(placeholder, str(value)) for value in EXPANSIONS[template]]
    return []


def _written_codes() -> set[str]:
    """Every audit action passed as ``action=`` or assigned to ``action`` in the apps' code."""
    codes = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if (isinstance(node, ast.keyword) and node.arg == "action") or (
                    isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "action" for t in node.targets)
                ):
                    codes.update(_strings(node.value))
    return {code for code in codes if "." in code}  # argparse's action="store_true" is not an audit code


def test_the_scan_finds_the_codes_of_every_app():
    codes = _written_codes()
    assert {
        "practice.publish",
        "membership.decide",
        "network.report.resolve",
        "membership.leave",
        "network.member.banned",
        "organisation.verify",
    } <= codes


def test_every_code_written_has_a_sentence():
    missing = sorted(code for code in _written_codes() if code not in SENTENCES)
    assert missing == []


@pytest.mark.parametrize(
    ("target", "model"),
    [("networkmembership", NetworkMembership), ("joinrequest", JoinRequest), ("post", Post), ("report", Report)],
)
def test_every_network_state_has_words(target, model):
    assert set(model.State.values) <= set(STATES[target])


def test_invitation_states_written_have_words():
    assert {"sent", "accepted"} <= set(STATES["invitation"])  # Invitation has no state field: services write these


@translation.override("en")
def test_decisions_read_as_sentences_not_codes():
    assert action_label("network.report.resolve", "dismissed") == "Report dismissed"
    assert action_label("membership.decide", "approved") == "Membership approved"
    assert action_label("practice.publish", "published") == "Practice published"
    assert change_label("network.report.resolve", "report", "open", "dismissed") == ""
    assert change_label("practice.submit", "practice", "draft", "submitted") == "from “Draft” to “Submitted for review”"


@pytest.fixture
def audited(home_organisation, org_admin, django_capture_on_commit_callbacks):
    applicant = make_user("candidate@ravnstad.example", display_name="Claire Candidate")
    membership = portal_services.membership_request(user=applicant, organisation=home_organisation)
    portal_services.membership_decide(membership=membership, actor=org_admin, approve=True)
    return membership


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_audit_log_page_shows_words_not_codes_or_arrows(settings, moderator_client, audited, language):
    settings.PORTAL_REQUIRE_MFA = False
    response = moderator_client.get(reverse("moderation:audit"), HTTP_ACCEPT_LANGUAGE=language)
    rows = response.content.decode().split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "membership.decide" not in rows and "membership.request" not in rows
    assert "→" not in rows and "“requested”" not in rows and "“approved”" not in rows
    if language == "en":
        assert "Membership approved" in rows and "Membership requested" in rows
