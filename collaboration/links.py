"""URLs the deadline engine and emails link to (registered in apps.py)."""

from django.urls import reverse


def meeting_record_url(reference):
    return reverse("collaboration:meeting_record", args=[reference])


def explanation_url(reference, key, placement=None):
    """The decision an open explanation request (deadline key = request pk) is about.

    On the placement page (`placement` given) the questions are read once already, with the
    decisions (reads.explanation_requests): no query per open question.
    """
    from . import reads
    from .models import ExplanationRequest

    decision_id = None
    if key and placement is not None:
        decision_id = next(
            (q.decision_id for q in reads.explanation_requests(placement) if str(q.pk) == key),
            None,
        )
    if key and decision_id is None:
        decision_id = (
            ExplanationRequest.objects.filter(pk=int(key))
            .values_list("decision_id", flat=True)
            .first()
        )
    if decision_id is None:
        return reverse("cases:placement_detail", args=[reference]) + "#decisions"
    return reverse("collaboration:decision_detail", args=[reference, decision_id]) + "#explain"
