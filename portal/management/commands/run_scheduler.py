"""Run the periodic jobs (portal/scheduler.py) in a loop; docker-compose's `scheduler`."""

import os
import signal
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import InterfaceError, OperationalError, connections

from portal.scheduler import jobs_run_due


class Command(BaseCommand):
    help = (
        "Run the management commands of PORTAL_SCHEDULE (e.g. purge_case_rooms=1h,send_digests=1d) "
        "at their periods. Several schedulers may run: a database lease keeps each job to one."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="Run what is due, then exit.")
        parser.add_argument("--poll", type=float, default=30.0, help="Seconds between looks (default 30).")
        parser.add_argument("--duration", type=float, default=None, help="Stop after this many seconds.")

    def handle(self, *args, once: bool, poll: float, duration: float | None, **options) -> None:
        jobs = settings.SCHEDULED_JOBS
        if not jobs:
            raise CommandError("PORTAL_SCHEDULE names no job.")
        heartbeat = os.environ.get("SCHEDULER_HEARTBEAT_FILE", "").strip()
        self.heartbeat = Path(heartbeat) if heartbeat else None
        self.stdout.write("Scheduler for: " + ", ".join(f"{name} every {s} s" for name, s in jobs.items()))
        stopping: list[bool] = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        end = None if duration is None else time.monotonic() + duration
        while True:
            self._tick(jobs)
            if once or stopping or (end is not None and time.monotonic() >= end):
                return
            time.sleep(poll if end is None else max(0.0, min(poll, end - time.monotonic())))

    def _tick(self, jobs: dict[str, int]) -> None:
        try:
            for name in jobs_run_due(jobs=jobs):
                self.stdout.write(f"ran {name}")
        except (OperationalError, InterfaceError) as error:  # the database restarts: wait, reconnect
            connections.close_all()
            self.stderr.write(f"database unavailable, retrying: {error}")
        if self.heartbeat is not None:
            self.heartbeat.touch()
            os.utime(self.heartbeat)
