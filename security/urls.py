"""Mounted under accounts/ with namespace "security"."""

from django.urls import path

from . import views

app_name = "security"

urlpatterns = [
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/recovery-codes/", views.recovery_codes_new, name="recovery_codes_new"),
    path("two-factor/disable/", views.two_factor_disable, name="two_factor_disable"),
    path("security/", views.account, name="account"),
]
