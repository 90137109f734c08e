from django.urls import path

from . import views

app_name = "evaluations"

# Included under placements/ (pleegzorg/urls.py), next to cases' <reference>/.
urlpatterns = [
    path("<str:reference>/record/<slug:event_type>/", views.record, name="record"),
    path(
        "<str:reference>/events/<slug:model_name>/<int:pk>/shared-with/",
        views.event_audiences,
        name="event_audiences",
    ),
    path(
        "<str:reference>/court-orders/<int:pk>/review/",
        views.court_order_review,
        name="court_order_review",
    ),
]
