"""The access-log pages: per placement (under placements/) and the privacy officer's."""

from django.urls import path

from . import audit_views

app_name = "audit"

urlpatterns = [
    path(
        "placements/<str:reference>/access-log/",
        audit_views.placement_log,
        name="placement_log",
    ),
    path("privacy/", audit_views.officer_home, name="officer_home"),
    path("privacy/people/<int:user_id>/", audit_views.officer_person, name="officer_person"),
    path(
        "privacy/people/<int:user_id>/access-log.csv",
        audit_views.officer_person_csv,
        name="officer_person_csv",
    ),
    path(
        "privacy/placements/<str:reference>/",
        audit_views.officer_placement,
        name="officer_placement",
    ),
]
