"""Feed the search engines outside the database from the outbox (search/worker.py).

With SEARCH_WORKER_HEARTBEAT_FILE set, the file is touched after every poll (every
``--interval`` seconds, whether the engines answered or not): docker-compose's health
check reads its age (docs/OPERATIONS.md, "The worker's heartbeat").
"""

import os
import signal
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, connections

from search.backends import outbox_engines
from search.embedding import store
from search.worker import drain


class Command(BaseCommand):
    help = (
        "Apply outbox rows to the search engines outside the database (Elasticsearch) and compute "
        "the documents' vectors for hybrid search (SEARCH_EMBEDDINGS), with retries."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="Drain what is due, then exit.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between polls (default 2).")
        parser.add_argument("--batch-size", type=int, default=100)

    def handle(self, *args, once: bool, interval: float, batch_size: int, **options) -> None:
        heartbeat = os.environ.get("SEARCH_WORKER_HEARTBEAT_FILE", "").strip()
        self.heartbeat = Path(heartbeat) if heartbeat else None
        engines = outbox_engines()
        if store.enabled() and not store.load_model():  # once, at start; rows wait while it fails
            self.stderr.write("the sentence-embedding model could not be loaded: rows are delayed until it can")
        self.stdout.write(f"Search worker for: {', '.join(engines) or 'no engine outside the database'}")
        if once:
            self._drain(engines, batch_size)
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        try:
            while not stopping:
                self._drain(engines, batch_size)
                time.sleep(interval)
        except KeyboardInterrupt:
            pass

    def _drain(self, engines, batch_size: int) -> None:
        try:
            report = drain(engines=engines, batch_size=batch_size)
        except (OperationalError, InterfaceError) as error:  # the database restarts: wait, reconnect
            connections.close_all()
            self.stderr.write(f"database unavailable, retrying: {error}")
            self._beat()
            return
        if report.processed or report.failed:
            self.stdout.write(f"processed {report.processed}, delayed {report.failed}")
        if report.error:
            self.stderr.write(f"retrying later: {report.error}")
        self._beat()

    def _beat(self) -> None:
        """Touch the heartbeat file: the loop is alive."""
        if self.heartbeat is not None:
            self.heartbeat.touch()
            os.utime(self.heartbeat)
