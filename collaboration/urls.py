"""Mounted under placements/ next to cases, evaluations, agreements and zorgteam."""

from django.urls import path

from .views import decisions, meetings, staff

app_name = "collaboration"

urlpatterns = [
    path("<str:reference>/meetings/record/", meetings.meeting_record, name="meeting_record"),
    path("<str:reference>/meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("<str:reference>/decisions/new/", decisions.decision_add, name="decision_add"),
    path("<str:reference>/decisions/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path(
        "<str:reference>/decisions/<int:pk>/questions/<int:question_pk>/answer/",
        decisions.explanation_answer,
        name="explanation_answer",
    ),
    path("<str:reference>/handover/<int:pk>/plan/", staff.handover_plan, name="handover_plan"),
    path(
        "<str:reference>/handover/<int:pk>/<slug:item>/", staff.handover_item, name="handover_item"
    ),
]
