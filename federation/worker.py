"""One loop of ``manage.py federation_worker``: pull the peers that are due, schedule and post
what is owed (receipts, withdraw and revoke-all notices)."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from federation import deliveries
from federation.models import Delivery, Peer, PullState
from federation.pull import PullFailed, daily_check, peer_pull

logger = logging.getLogger(__name__)


@dataclass
class CycleReport:
    pulled: int = 0
    failed_pulls: int = 0
    delivered: int = 0
    failed_deliveries: int = 0


def peers_due() -> list[Peer]:
    """Active peers whose next pull is due, asked for by a ``changed`` notice, or never pulled."""
    now = timezone.now()
    due = Q(pull_state__isnull=True) | Q(pull_state__requested=True) | Q(pull_state__next_pull_at__isnull=True)
    due |= Q(pull_state__next_pull_at__lte=now)
    return list(Peer.objects.filter(state=Peer.State.ACTIVE).filter(due).order_by("pk"))


CHECK_EVERY = timedelta(days=1)


def _checks_due() -> None:
    """The daily manifest check and holdings report of each active peer pulled successfully."""
    since = timezone.now() - CHECK_EVERY
    due = Q(pull_state__last_check_at__isnull=True) | Q(pull_state__last_check_at__lt=since)
    for peer in Peer.objects.filter(state=Peer.State.ACTIVE, pull_state__failures=0).filter(due):
        try:
            daily_check(peer=peer)
        except PullFailed as exc:
            logger.warning("checking %s's manifest failed: %s", peer.name, exc)
        except Exception:  # one peer's answers never stop the worker: logged, tried again next loop
            logger.exception("checking %s's manifest failed unexpectedly", peer.name)


def worker_cycle() -> CycleReport:
    report = CycleReport()
    for peer in peers_due():
        try:
            peer_pull(peer=peer)
            report.pulled += 1
        except PullFailed as exc:
            report.failed_pulls += 1
            logger.warning("pulling %s failed: %s", peer.name, exc)
    _checks_due()
    deliveries.withdrawals_schedule()
    deliveries.changes_announce()
    deliveries.revocations_schedule()
    report.delivered, report.failed_deliveries = deliveries.deliver_due()
    deliveries.revocations_schedule()
    return report


def pending_deliveries(peer: Peer) -> int:
    return Delivery.objects.filter(peer=peer, delivered_at__isnull=True).count()


def ensure_states() -> None:
    for peer in Peer.objects.filter(pull_state__isnull=True):
        PullState.objects.get_or_create(peer=peer)
