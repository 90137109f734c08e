from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from core.views import health
from dashboard.views import home
from security.views import admin_login

# The admin asks for a verified second factor too (SecondFactorRequiredMiddleware sends
# people to it first; this is the second lock). django-otp's documented way to switch it.
admin.site.__class__ = OTPAdminSite

urlpatterns = [
    path("", home, name="home"),
    path("health/", health, name="health"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("security.urls")),
    path("invitations/", include("zorgteam.invitation_urls")),
    path("placements/", include("cases.urls")),
    path("placements/", include("evaluations.urls")),
    path("placements/", include("agreements.urls")),
    path("placements/", include("zorgteam.urls")),
    path("placements/", include("collaboration.urls")),
    path("placements/", include("lifecycle.urls")),
    path("intake/", include("lifecycle.intake_urls")),
    path("", include("privacy.urls")),
    path("portal/", include("portal.urls")),
    path("portal/", include("collaboration.portal_urls")),
    path("reminders/", include("reminders.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("quality/", include("quality.urls")),
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Pleegzorg zorgteam"
admin.site.site_title = "Pleegzorg zorgteam"
