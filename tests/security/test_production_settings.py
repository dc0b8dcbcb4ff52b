"""Issue 14, item 15: production settings pass Django's deployment checks, and every page
carries a Content-Security-Policy without 'unsafe-inline' that the templates can live with."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

PROJECT = Path(__file__).resolve().parents[2]


def production_environment(**extra: str) -> dict[str, str]:
    """The environment of a production process: debug off, a real key, defaults for the rest."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PORTAL_", "PYTEST", "SECURE_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        **extra,
    )
    return environment


def test_deployment_checks_pass_at_warning_level_with_production_settings(tmp_path):
    environment = production_environment(DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}")
    manage = [sys.executable, "manage.py"]
    migrate = subprocess.run(
        [*manage, "migrate", "-v0"], cwd=PROJECT, env=environment, capture_output=True, timeout=300
    )
    assert migrate.returncode == 0, migrate.stderr
    result = subprocess.run(
        [*manage, "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stderr + result.stdout


def test_https_settings_are_configurable():
    script = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        env=production_environment(DJANGO_HSTS_SECONDS="3600", DJANGO_SSL_REDIRECT="false"),
    )
    assert result.stdout.split("\n")[0] == "3600 False ('HTTP_X_FORWARDED_PROTO', 'https')", result.stderr


@pytest.mark.django_db
def test_a_page_over_https_carries_hsts_and_a_strict_content_security_policy(client, settings):
    settings.SECURE_HSTS_SECONDS = 600
    response = client.get(reverse("home"), secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=600")
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "default-src 'self'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_plain_http_is_redirected_except_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    redirected = client.get(reverse("home"))
    assert redirected.status_code == 301 and redirected["Location"].startswith("https://")
    assert client.get("/healthz/").status_code == 200
    proxied = client.get(reverse("home"), HTTP_X_FORWARDED_PROTO="https")
    assert proxied.status_code == 200


# An executable inline script (no src, not a JSON data block), a <style> element,
# a style attribute, an on* event handler attribute, or a javascript: link.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>"
    r"|<style[\s>]|\sstyle=|\son[a-z]+\s*=|javascript:",
    re.I,
)


def test_no_template_holds_inline_script_style_or_event_handlers():
    offenders = [
        f"{path.relative_to(PROJECT)}: {match.group(0)}"
        for path in sorted((PROJECT / "templates").rglob("*.html"))
        for match in INLINE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.django_db
def test_the_api_documentation_page_runs_no_inline_script(client):
    page = client.get(reverse("api:docs"), secure=True).content.decode()
    assert INLINE.findall(page) == []
