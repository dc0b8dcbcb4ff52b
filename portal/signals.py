"""Signals the portal sends for apps above it (which it must not import)."""

from django.dispatch import Signal

# Sent by ``portal.services.membership_end`` once an approved membership or a request has ended;
# ``membership`` is the ended row.
membership_ended = Signal()

# Sent by ``portal.services.user_close`` before anything changes; each receiver returns the
# reasons (texts for the person) why the account may not close yet, or an empty list.
account_close_refusals = Signal()

# Sent by ``portal.services.user_close`` in its transaction, after the organisation memberships
# ended and before the person's names and addresses are erased: each app ends what the account
# holds in it (networks, requests, invitations, tokens).
account_closing = Signal()
