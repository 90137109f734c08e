from django.urls import path

from . import privacy_views, views

app_name = "cases"

urlpatterns = [
    path("<str:reference>/", views.placement_detail, name="placement_detail"),
    path("<str:reference>/privacy/", privacy_views.privacy, name="privacy"),
]
