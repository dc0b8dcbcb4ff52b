from django.urls import path

from network import views

app_name = "network"

urlpatterns = [
    path("", views.network_list, name="list"),
    path("new/", views.network_create, name="create"),
    path("search/", views.search, name="search_all"),
    path("notifications/", views.notifications, name="notifications"),
    path("invitations/<int:pk>/answer/", views.invitation_answer, name="invitation_answer"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation"),
    path("<int:pk>/", views.network_detail, name="detail"),
    path("<int:pk>/join/", views.network_join, name="join"),
    path("<int:pk>/leave/", views.network_leave, name="leave"),
    path("<int:pk>/email/", views.network_email, name="email"),
    path("<int:pk>/members/", views.network_members, name="members"),
    path("<int:pk>/invite/", views.network_invite, name="invite"),
    path("<int:pk>/settings/", views.network_settings, name="settings"),
    path("<int:pk>/bans/", views.network_bans, name="bans"),
    path("<int:pk>/mentions/", views.mention_suggestions, name="mentions"),
    path("<int:pk>/requests/", views.network_requests, name="requests"),
    path("<int:pk>/reports/", views.network_reports, name="reports"),
    path("<int:pk>/search/", views.search, name="search"),
    path("<int:pk>/threads/new/", views.thread_create, name="thread_create"),
    path("memberships/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("memberships/<int:pk>/role/", views.member_role, name="member_role"),
    path("memberships/<int:pk>/lift-ban/", views.ban_lift, name="ban_lift"),
    path("requests/<int:pk>/decide/", views.request_decide, name="request_decide"),
    path("reports/<int:pk>/resolve/", views.report_resolve, name="report_resolve"),
    path("threads/<int:pk>/", views.thread_detail, name="thread"),
    path("threads/<int:pk>/reply/", views.thread_reply, name="reply"),
    path("threads/<int:pk>/moderate/", views.thread_moderate, name="thread_moderate"),
    path("threads/<int:pk>/subscription/", views.thread_subscribe, name="subscription"),
    path("posts/<int:pk>/", views.post_link, name="post"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:pk>/delete/", views.post_delete, name="post_delete"),
    path("posts/<int:pk>/moderate/", views.post_moderate, name="post_moderate"),
    path("posts/<int:pk>/history/", views.post_history, name="post_history"),
    path("posts/<int:pk>/report/", views.post_report, name="post_report"),
]
