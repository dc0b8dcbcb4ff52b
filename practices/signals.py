"""Signals practices send for apps above them (which they must not import)."""

from django.dispatch import Signal

# Sent by ``practices.indexing.practice_changed``, inside the transaction of every service that
# changes what readers of a practice see (publication, update, visibility, withdrawal,
# redaction...); ``practice`` is the changed row. Federation appends its feed event here.
practice_changed = Signal()
