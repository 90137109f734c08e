"""The foster parents' portal, mounted under portal/ with namespace "portal"."""

from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.portal_home, name="home"),
    path("<str:reference>/", views.portal_placement, name="placement"),
    path(
        "<str:reference>/agreements/<int:pk>/seen/",
        views.agreement_seen,
        name="agreement_seen",
    ),
    path(
        "<str:reference>/agreements/seen/",
        views.agreements_seen_all,
        name="agreements_seen_all",
    ),
    path("<str:reference>/meeting/", views.meeting_request, name="meeting_request"),
    path("<str:reference>/print/", views.current_print, name="print"),
]
