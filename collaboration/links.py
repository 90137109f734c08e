"""URLs the deadline engine and emails link to (registered in apps.py)."""

from django.urls import reverse


def meeting_record_url(reference):
    return reverse("collaboration:meeting_record", args=[reference])


def explanation_url(reference, key):
    """The decision an open explanation request (deadline key = request pk) is about."""
    from .models import ExplanationRequest

    decision_id = (
        ExplanationRequest.objects.filter(pk=int(key)).values_list("decision_id", flat=True).first()
        if key
        else None
    )
    if decision_id is None:
        return reverse("cases:placement_detail", args=[reference]) + "#decisions"
    return reverse("collaboration:decision_detail", args=[reference, decision_id]) + "#explain"
