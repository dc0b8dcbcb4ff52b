"""The header's unread badge (templates/base.html): one query per page for a signed-in
member on a miss, none once kept (``badge.kept_badge_count``), none for anonymous visitors."""

from django import template

from network.badge import kept_badge_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_count(context) -> int:
    """Unread mentions and replies, and invitations waiting for an answer; asked once per request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return 0
    if not hasattr(request, "_network_unread_count"):
        request._network_unread_count = kept_badge_count(user=user)
    return request._network_unread_count
