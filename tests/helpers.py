"""Small readers of the stored deadlines, shared by the deadline and import tests."""

from evaluations.models import Deadline


def open_deadline(placement, kind):
    return Deadline.objects.open().get(placement=placement, kind=kind)


def open_dues(placement):
    """{kind: due date} of the open deadlines (one per kind in these tests)."""
    return dict(Deadline.objects.open().filter(placement=placement).values_list("kind", "due_date"))
