"""The professionals' plan pages, mounted under placements/ (next to cases and evaluations)."""

from django.urls import path

from .views import items, meetings, plan, printing

app_name = "agreements"

urlpatterns = [
    path("<str:reference>/plan/", plan.plan, name="plan"),
    path("<str:reference>/plan/versions/new/", plan.version_start, name="version_start"),
    path(
        "<str:reference>/plan/versions/<int:number>/",
        plan.version_detail,
        name="version_detail",
    ),
    path(
        "<str:reference>/plan/versions/<int:number>/adopt/",
        plan.version_adopt,
        name="version_adopt",
    ),
    path(
        "<str:reference>/plan/versions/<int:number>/discard/",
        plan.version_discard,
        name="version_discard",
    ),
    path(
        "<str:reference>/plan/versions/<int:number>/print/",
        printing.version_print,
        name="version_print",
    ),
    path(
        "<str:reference>/plan/versions/<int:number>/goals/new/",
        items.goal_add,
        name="goal_add",
    ),
    path("<str:reference>/plan/goals/<int:pk>/edit/", items.goal_edit, name="goal_edit"),
    path("<str:reference>/plan/goals/<int:pk>/remove/", items.goal_remove, name="goal_remove"),
    path(
        "<str:reference>/plan/goals/<int:pk>/shared-with/",
        items.goal_withdraw,
        name="goal_withdraw",
    ),
    path(
        "<str:reference>/plan/versions/<int:number>/agreements/new/",
        items.agreement_add,
        name="agreement_add",
    ),
    path(
        "<str:reference>/plan/agreements/<int:pk>/",
        items.agreement_detail,
        name="agreement_detail",
    ),
    path(
        "<str:reference>/plan/agreements/<int:pk>/edit/",
        items.agreement_edit,
        name="agreement_edit",
    ),
    path(
        "<str:reference>/plan/agreements/<int:pk>/shared-with/",
        items.agreement_withdraw,
        name="agreement_withdraw",
    ),
    path(
        "<str:reference>/plan/agreements/<int:pk>/remove/",
        items.agreement_remove,
        name="agreement_remove",
    ),
    path(
        "<str:reference>/plan/versions/<int:number>/proposals/new/",
        items.comment_add,
        name="comment_add",
    ),
    path(
        "<str:reference>/plan/proposals/<int:pk>/handled/",
        items.comment_resolve,
        name="comment_resolve",
    ),
    path(
        "<str:reference>/meeting-requests/new/",
        meetings.meeting_request_add,
        name="meeting_request_add",
    ),
    path(
        "<str:reference>/meeting-requests/<int:pk>/handle/",
        meetings.meeting_request_handle,
        name="meeting_request_handle",
    ),
]
