"""The invitation link, mounted at invitations/ (no login needed to open it)."""

from django.urls import path

from . import invitation_views

urlpatterns = [
    path("<str:token>/", invitation_views.accept, name="invitation_accept"),
]
