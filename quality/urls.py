from django.urls import path

from . import views

app_name = "quality"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("placements/", views.placements, name="placements"),
    path("risk/", views.risk_list, name="risk"),
    path("export/<slug:key>.csv", views.export, name="export"),
]
