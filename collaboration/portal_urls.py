"""The family's pages of the collaboration app, mounted under portal/."""

from django.urls import path

from .views import portal

app_name = "collaboration_portal"

urlpatterns = [
    path("<str:reference>/decisions/<int:pk>/", portal.decision, name="decision"),
    path(
        "<str:reference>/decisions/<int:pk>/explain/",
        portal.ask_explanation,
        name="ask_explanation",
    ),
]
