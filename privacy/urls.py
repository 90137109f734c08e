"""The access-log pages: per placement (under placements/) and the privacy officer's."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path(
        "placements/<str:reference>/access-log/",
        views.placement_log,
        name="placement_log",
    ),
    path("privacy/", views.officer_home, name="officer_home"),
    path("privacy/people/<int:user_id>/", views.officer_person, name="officer_person"),
    path(
        "privacy/people/<int:user_id>/access-log.csv",
        views.officer_person_csv,
        name="officer_person_csv",
    ),
    path(
        "privacy/placements/<str:reference>/",
        views.officer_placement,
        name="officer_placement",
    ),
]
