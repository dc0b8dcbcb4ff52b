"""Pull peers every FEDERATION_PULL_INTERVAL (and on their 'changed' notices), post receipts
and withdraw notices with retries (federation/worker.py). docker-compose's federation service.

With FEDERATION_WORKER_HEARTBEAT_FILE set, the file is touched after every loop. SIGTERM (or
Ctrl-C) lets the current loop finish, then the worker exits 0.
"""

import os
import signal
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, connections

from federation.worker import worker_cycle


class Command(BaseCommand):
    help = "Pull shared practices from peers and deliver receipts and withdraw notices, with retries."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="One loop: pull what is due, post what is owed.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between loops (default 2).")

    def handle(self, *args, once: bool, interval: float, **options) -> None:
        heartbeat = os.environ.get("FEDERATION_WORKER_HEARTBEAT_FILE", "").strip()
        self.heartbeat = Path(heartbeat) if heartbeat else None
        if once:
            self._cycle()
            return
        stopping: list[int] = []  # set by SIGTERM or Ctrl-C: the current loop finishes first
        signal.signal(signal.SIGTERM, lambda number, frame: stopping.append(number))
        signal.signal(signal.SIGINT, lambda number, frame: stopping.append(number))
        while not stopping:
            self._cycle()
            _sleep(interval, until=stopping)
        self.stdout.write("stopped")

    def _cycle(self) -> None:
        try:
            report = worker_cycle()
        except (OperationalError, InterfaceError) as error:  # the database restarts: wait, reconnect
            connections.close_all()
            self.stderr.write(f"database unavailable, retrying: {error}")
        else:
            if report.pulled or report.failed_pulls or report.delivered or report.failed_deliveries:
                self.stdout.write(
                    f"pulled {report.pulled} (failed {report.failed_pulls}),"
                    f" delivered {report.delivered} (failed {report.failed_deliveries})"
                )
        if self.heartbeat is not None:
            self.heartbeat.touch()


def _sleep(seconds: float, *, until: list[int]) -> None:
    """Sleep ``seconds``, in short steps so that a stop request is seen within 0.2 s."""
    deadline = time.monotonic() + seconds
    while not until and time.monotonic() < deadline:
        time.sleep(min(0.2, max(deadline - time.monotonic(), 0)))
