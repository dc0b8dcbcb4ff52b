from portal.access import is_moderator


def roles(request) -> dict:
    """Role flags for navigation; decided by portal.access like everything else."""
    return {"is_moderator": is_moderator(getattr(request, "user", None))}
