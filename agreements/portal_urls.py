from django.urls import path

from . import portal_views

app_name = "portal"

urlpatterns = [
    path("", portal_views.portal_home, name="home"),
    path("<str:reference>/", portal_views.portal_placement, name="placement"),
]
