from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("<str:reference>/", views.placement_detail, name="placement_detail"),
]
