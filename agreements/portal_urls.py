"""The foster parents' portal, mounted under portal/ with namespace "portal"."""

from django.urls import path

from . import portal_views, print_views

app_name = "portal"

urlpatterns = [
    path("", portal_views.portal_home, name="home"),
    path("<str:reference>/", portal_views.portal_placement, name="placement"),
    path(
        "<str:reference>/agreements/<int:pk>/seen/",
        portal_views.agreement_seen,
        name="agreement_seen",
    ),
    path(
        "<str:reference>/agreements/seen/",
        portal_views.agreements_seen_all,
        name="agreements_seen_all",
    ),
    path("<str:reference>/meeting/", portal_views.meeting_request, name="meeting_request"),
    path("<str:reference>/print/", print_views.current_print, name="print"),
]
