"""Network pages. Every private object comes from ``network.access``; every write goes
through ``network.services``, whose refusals become messages. Anyone who may not use
networks gets the same 404 page for every private URL, whether the object exists or not.

One module a concern: ``networks`` (the list of networks, a network's page, joining and
leaving, members, settings, bans, mention suggestions), ``queues`` (invitations, requests to
join and reported posts), ``threads`` (threads, posts, the search of posts, notifications);
``common`` holds what they share. urls.py reads the views from this package."""

from network.views.common import (
    networks_only,
)
from network.views.networks import (
    ban_lift,
    member_detail,
    member_remove,
    member_role,
    mention_suggestions,
    network_bans,
    network_create,
    network_detail,
    network_email,
    network_join,
    network_leave,
    network_list,
    network_members,
    network_settings,
)
from network.views.queues import (
    invitation_accept,
    invitation_answer,
    invitation_resend,
    invitation_revoke,
    network_invite,
    network_reports,
    network_requests,
    report_hide,
    report_resolve,
    request_decide,
    request_decline,
)
from network.views.threads import (
    notifications,
    post_delete,
    post_edit,
    post_hide,
    post_history,
    post_link,
    post_moderate,
    post_report,
    search,
    thread_create,
    thread_detail,
    thread_first_new,
    thread_moderate,
    thread_reply,
    thread_subscribe,
)

__all__ = [
    "ban_lift",
    "invitation_accept",
    "invitation_answer",
    "invitation_resend",
    "invitation_revoke",
    "member_detail",
    "member_remove",
    "member_role",
    "mention_suggestions",
    "network_bans",
    "network_create",
    "network_detail",
    "network_email",
    "network_invite",
    "network_join",
    "network_leave",
    "network_list",
    "network_members",
    "network_reports",
    "network_requests",
    "network_settings",
    "networks_only",
    "notifications",
    "post_delete",
    "post_edit",
    "post_hide",
    "post_history",
    "post_link",
    "post_moderate",
    "post_report",
    "report_hide",
    "report_resolve",
    "request_decide",
    "request_decline",
    "search",
    "thread_create",
    "thread_detail",
    "thread_first_new",
    "thread_moderate",
    "thread_reply",
    "thread_subscribe",
]
