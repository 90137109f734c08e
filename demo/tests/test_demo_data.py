import pytest
from django.core.management import call_command

from accounts.models import User
from cases.models import Placement
from evaluations.models import Deadline
from zorgteam.models import Membership

pytestmark = pytest.mark.django_db


def _counts():
    return (
        User.objects.count(),
        Placement.objects.count(),
        Membership.objects.count(),
        Deadline.objects.count(),
    )


def test_loading_demo_data_twice_creates_nothing_twice():
    call_command("load_demo", quiet_logins=True)
    first = _counts()
    call_command("load_demo", quiet_logins=True)
    assert _counts() == first
    assert first[1] == 6


def test_demo_placements_are_at_the_promised_stages():
    from django.utils import timezone

    call_command("load_demo", quiet_logins=True)
    today = timezone.localdate()
    by_ref = {p.reference: p for p in Placement.objects.all()}
    assert by_ref["DEMO-003"].variant == "opvoeding"
    assert by_ref["DEMO-004"].is_ended(today)
    assert not Deadline.objects.open().filter(placement=by_ref["DEMO-004"]).exists()
    overdue_contact = Deadline.objects.open().get(
        placement=by_ref["DEMO-005"], kind="guardian_contact"
    )
    assert overdue_contact.due_date < today
    study = Deadline.objects.open().get(
        placement=by_ref["DEMO-002"], kind="perspective_study_start"
    )
    assert 0 <= (study.due_date - today).days <= 14
    joins = Deadline.objects.open().get(placement=by_ref["DEMO-006"], kind="child_joins_zorgteam")
    assert 0 < (joins.due_date - today).days <= 30
