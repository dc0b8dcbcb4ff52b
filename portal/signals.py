"""Signals the portal sends for apps above it (which it must not import)."""

from django.dispatch import Signal

# Sent by ``portal.services.membership_end`` once an approved membership or a request has ended;
# ``membership`` is the ended row.
membership_ended = Signal()
