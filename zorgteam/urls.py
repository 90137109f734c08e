"""The zorgteam pages, mounted under placements/ next to cases, evaluations and agreements."""

from django.urls import path

from . import views

app_name = "zorgteam"

urlpatterns = [
    path("<str:reference>/zorgteam/", views.manage, name="manage"),
    path("<str:reference>/zorgteam/add/", views.member_add, name="member_add"),
    path("<str:reference>/zorgteam/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("<str:reference>/zorgteam/<int:pk>/end/", views.member_end, name="member_end"),
    path(
        "<str:reference>/zorgteam/invitations/<int:pk>/withdraw/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "<str:reference>/zorgteam/<int:pk>/replace/",
        views.member_replace,
        name="member_replace",
    ),
]
