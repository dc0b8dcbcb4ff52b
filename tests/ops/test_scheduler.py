"""Issue 14, item 18: periodic jobs run (manage.py run_scheduler), each by one scheduler at a time."""

import io
import subprocess
import sys
from datetime import timedelta

import pytest
import yaml
from django.core.management import call_command
from django.utils import timezone

from network import services
from network.models import Post, Thread
from portal.models import ScheduledJob
from portal.scheduler import job_claim
from tests.network.conftest import add_member
from tests.ops.conftest import PROJECT, manage, process_environment


@pytest.fixture
def room_with_an_old_post(moderator, contributor):
    room = services.network_create(
        actor=moderator,
        name="Case K",
        purpose="One situation",
        policy="invitation",
        is_case_room=True,
        access_ends_on=timezone.localdate() + timedelta(days=60),
        retention_days=30,
    )
    add_member(room, contributor, moderator=moderator)
    thread = services.thread_create(network=room, actor=contributor, title="Old", body="Old case notes")
    Post.objects.filter(thread=thread).update(created_at=timezone.now() - timedelta(days=31))
    return room


@pytest.mark.django_db
def test_the_scheduler_purges_case_rooms_every_period(room_with_an_old_post, settings):
    settings.SCHEDULED_JOBS = {"purge_case_rooms": 1}
    call_command("run_scheduler", poll=0.1, duration=2.5, stdout=io.StringIO())
    assert not Post.objects.filter(thread__network=room_with_an_old_post).exists()
    assert not Thread.objects.filter(network=room_with_an_old_post).exists()
    job = ScheduledJob.objects.get(name="purge_case_rooms")
    assert job.runs >= 2 and job.last_error == "" and job.locked_until is None


@pytest.mark.django_db
def test_a_job_held_by_one_scheduler_is_not_taken_by_another_until_its_lease_ends():
    now = timezone.now()
    assert job_claim(name="send_digests", now=now, lease=timedelta(minutes=5))
    assert not job_claim(name="send_digests", now=now + timedelta(minutes=1))
    assert job_claim(name="send_digests", now=now + timedelta(minutes=6))  # the first scheduler died


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_the_others_still_run(settings, room_with_an_old_post):
    settings.SCHEDULED_JOBS = {"no_such_command": 60, "purge_case_rooms": 60}
    call_command("run_scheduler", once=True, stdout=io.StringIO())
    assert "no_such_command" in ScheduledJob.objects.get(name="no_such_command").last_error
    assert not Post.objects.filter(thread__network=room_with_an_old_post).exists()


def test_two_schedulers_at_once_run_a_job_once(migrated_sqlite_url):
    environment = process_environment(DATABASE_URL=migrated_sqlite_url, PORTAL_SCHEDULE="send_digests=1h")
    command = [sys.executable, "manage.py", "run_scheduler", "--poll", "0.05", "--duration", "3"]
    schedulers = [
        subprocess.Popen(
            command, cwd=PROJECT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [scheduler.communicate(timeout=120) for scheduler in schedulers]
    assert [scheduler.returncode for scheduler in schedulers] == [0, 0], outputs
    assert sum(out.count("ran send_digests") for out, _err in outputs) == 1
    shell = "from portal.models import ScheduledJob as J; print(J.objects.get(name='send_digests').runs)"
    assert manage("shell", "-v0", "-c", shell, environment=environment).stdout.strip() == "1"


def test_docker_compose_runs_the_scheduler_beside_the_worker():
    compose = yaml.safe_load((PROJECT / "docker-compose.yml").read_text())
    scheduler = compose["services"]["scheduler"]
    assert scheduler["command"] == ["python", "manage.py", "run_scheduler"]
    assert scheduler["depends_on"]["web"]["condition"] == "service_healthy"


def test_in_production_an_email_waits_in_the_outbox_until_the_scheduler_delivers_it(migrated_sqlite_url):
    """Debugging off, the default PORTAL_SCHEDULE: sending writes a row; the scheduler's job sends it."""
    environment = process_environment(DATABASE_URL=migrated_sqlite_url, DJANGO_DEBUG="0")
    for name in ("PORTAL_SCHEDULE", "PORTAL_EMAIL_OUTBOX", "DJANGO_EMAIL_BACKEND"):
        environment.pop(name, None)
    send = (
        "from django.core.mail import send_mail; from mailer.models import Message; "
        "send_mail('Outbox check', 'Queued first.', None, ['reader@example.org']); "
        "print(Message.objects.count())"
    )
    sent = manage("shell", "-v0", "-c", send, environment=environment)
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.strip() == "1" and "Queued first." not in sent.stdout  # queued, not printed

    scheduler = manage("run_scheduler", "--once", environment=environment)
    assert scheduler.returncode == 0, scheduler.stderr
    assert "ran send_mail" in scheduler.stdout and "Queued first." in scheduler.stdout  # the console backend
    left = manage(
        "shell",
        "-v0",
        "-c",
        "from mailer.models import Message; print(Message.objects.count())",
        environment=environment,
    )
    assert left.stdout.strip() == "0", left.stderr
