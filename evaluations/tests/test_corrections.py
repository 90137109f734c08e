"""A correction of the recorded events (in the admin) recomputes the deadlines honestly."""

from datetime import date

import pytest

from evaluations.models import Deadline
from evaluations.services import deadlines_refresh, visit_evaluation_record

pytestmark = pytest.mark.django_db


def test_removing_the_latest_evaluation_cancels_its_deadline_instead_of_marking_it_done(
    placement, time_machine
):
    time_machine.move_to(date(2026, 11, 22))
    first = visit_evaluation_record(
        placement=placement, date=date(2026, 10, 1), participants="Team", outcome="ok"
    )
    second = visit_evaluation_record(
        placement=placement, date=date(2026, 11, 1), participants="Team", outcome="ok"
    )
    second.delete()  # a correction, e.g. in the admin
    deadlines_refresh(placement=placement)
    open_row = Deadline.objects.open().get(placement=placement, kind="visit_evaluation")
    assert open_row.basis_date == first.date
    counted_from_removed = Deadline.objects.get(
        placement=placement, kind="visit_evaluation", basis_date=second.date
    )
    assert counted_from_removed.status == Deadline.Status.CANCELLED
