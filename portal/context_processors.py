from portal.access import holds_moderator_role


def roles(request) -> dict:
    """Role flags for navigation; decided by portal.access like everything else. A moderator
    without a second factor still sees the way to the moderation pages, which send them to set
    one up."""
    return {"is_moderator": holds_moderator_role(getattr(request, "user", None))}
