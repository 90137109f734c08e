"""The professionals' plan pages, mounted under placements/ (next to cases and evaluations)."""

from django.urls import path

from . import item_views, meeting_views, print_views, views

app_name = "agreements"

urlpatterns = [
    path("<str:reference>/plan/", views.plan, name="plan"),
    path("<str:reference>/plan/versions/new/", views.version_start, name="version_start"),
    path(
        "<str:reference>/plan/versions/<int:number>/",
        views.version_detail,
        name="version_detail",
    ),
    path(
        "<str:reference>/plan/versions/<int:number>/adopt/",
        views.version_adopt,
        name="version_adopt",
    ),
    path(
        "<str:reference>/plan/versions/<int:number>/discard/",
        views.version_discard,
        name="version_discard",
    ),
    path(
        "<str:reference>/plan/versions/<int:number>/print/",
        print_views.version_print,
        name="version_print",
    ),
    path(
        "<str:reference>/plan/versions/<int:number>/goals/new/",
        item_views.goal_add,
        name="goal_add",
    ),
    path("<str:reference>/plan/goals/<int:pk>/edit/", item_views.goal_edit, name="goal_edit"),
    path("<str:reference>/plan/goals/<int:pk>/remove/", item_views.goal_remove, name="goal_remove"),
    path(
        "<str:reference>/plan/goals/<int:pk>/shared-with/",
        item_views.goal_withdraw,
        name="goal_withdraw",
    ),
    path(
        "<str:reference>/plan/versions/<int:number>/agreements/new/",
        item_views.agreement_add,
        name="agreement_add",
    ),
    path(
        "<str:reference>/plan/agreements/<int:pk>/",
        item_views.agreement_detail,
        name="agreement_detail",
    ),
    path(
        "<str:reference>/plan/agreements/<int:pk>/edit/",
        item_views.agreement_edit,
        name="agreement_edit",
    ),
    path(
        "<str:reference>/plan/agreements/<int:pk>/shared-with/",
        item_views.agreement_withdraw,
        name="agreement_withdraw",
    ),
    path(
        "<str:reference>/plan/agreements/<int:pk>/remove/",
        item_views.agreement_remove,
        name="agreement_remove",
    ),
    path(
        "<str:reference>/plan/versions/<int:number>/proposals/new/",
        item_views.comment_add,
        name="comment_add",
    ),
    path(
        "<str:reference>/plan/proposals/<int:pk>/handled/",
        item_views.comment_resolve,
        name="comment_resolve",
    ),
    path(
        "<str:reference>/meeting-requests/new/",
        meeting_views.meeting_request_add,
        name="meeting_request_add",
    ),
    path(
        "<str:reference>/meeting-requests/<int:pk>/handle/",
        meeting_views.meeting_request_handle,
        name="meeting_request_handle",
    ),
]
