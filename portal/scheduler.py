"""Periodic jobs: one small loop (``manage.py run_scheduler``) that runs management commands
at their periods (settings.SCHEDULED_JOBS, from PORTAL_SCHEDULE).

Any number of schedulers may run: a job is claimed by one conditional UPDATE of its
ScheduledJob row (due, and not leased by another scheduler), so two never run the same job
at once. A scheduler that dies mid-job holds its lease until ``LEASE`` has passed; then
another runs the job again. See docs/OPERATIONS.md, "Periodic jobs".
"""

import logging
from datetime import datetime, timedelta

from django.core.management import call_command
from django.db.models import F, Q
from django.utils import timezone

from portal.models import ScheduledJob

logger = logging.getLogger(__name__)

LEASE = timedelta(hours=1)  # longer than any job takes


def job_claim(*, name: str, now: datetime, lease: timedelta = LEASE) -> bool:
    """Take the job if it is due and no other scheduler holds it; True when taken."""
    ScheduledJob.objects.get_or_create(name=name, defaults={"next_run_at": now})
    free = Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    taken = ScheduledJob.objects.filter(free, name=name, next_run_at__lte=now).update(
        locked_until=now + lease, last_started_at=now
    )
    return taken == 1


def job_finish(*, name: str, started_at: datetime, period: timedelta, error: str = "") -> None:
    """Release the job and set its next run one period after this one started."""
    ScheduledJob.objects.filter(name=name).update(
        locked_until=None,
        next_run_at=started_at + period,
        last_finished_at=timezone.now(),
        last_error=error,
        runs=F("runs") + 1,
    )


def job_run(*, name: str, period: timedelta) -> bool:
    """Run the job if it is due and free; True when this scheduler ran it."""
    started_at = timezone.now()
    if not job_claim(name=name, now=started_at):
        return False
    error = ""
    try:
        call_command(name)
    except Exception as exc:  # a failing job must not stop the others; it runs again next period
        logger.exception("Scheduled job %s failed", name)
        error = f"{type(exc).__name__}: {exc}"
    job_finish(name=name, started_at=started_at, period=period, error=error)
    return True


def jobs_run_due(*, jobs: dict[str, int]) -> list[str]:
    """Run every due job of ``jobs`` ({command: period in seconds}); the names of those run."""
    return [name for name, seconds in jobs.items() if job_run(name=name, period=timedelta(seconds=seconds))]
