from django.contrib import admin
from django.urls import include, path

from core.views import health
from dashboard.views import home

urlpatterns = [
    path("", home, name="home"),
    path("health/", health, name="health"),
    path("accounts/", include("accounts.urls")),
    path("placements/", include("cases.urls")),
    path("placements/", include("evaluations.urls")),
    path("placements/", include("agreements.urls")),
    path("placements/", include("zorgteam.urls")),
    path("", include("core.audit_urls")),
    path("portal/", include("agreements.portal_urls", namespace="portal")),
    path("reminders/", include("reminders.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Pleegzorg zorgteam"
admin.site.site_title = "Pleegzorg zorgteam"
