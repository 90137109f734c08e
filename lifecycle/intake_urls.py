"""The intake of a new placement, mounted at intake/ (outside placements/<reference>/, so no
reference can shadow it)."""

from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [path("", views.intake_view, name="new")]
