from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/new-address/", views.calendar_rotate, name="calendar_rotate"),
    path("calendar/<slug:token>.ics", views.calendar_feed, name="calendar_feed"),
]
