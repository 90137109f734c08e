"""Changes to a running placement, mounted under placements/."""

from django.urls import path

from . import views

app_name = "lifecycle"

urlpatterns = [
    path("<str:reference>/variant/", views.variant_change, name="variant_change"),
    path("<str:reference>/end/", views.placement_end, name="placement_end"),
    path("<str:reference>/end/undo/", views.placement_end_undo, name="placement_end_undo"),
    path(
        "<str:reference>/court-orders/<int:pk>/extend/",
        views.court_order_extend,
        name="court_order_extend",
    ),
]
