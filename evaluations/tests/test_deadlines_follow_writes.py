"""The deadlines follow every write of a placement or its team through cases.hooks: the hook
is registered by evaluations and runs inside the write's transaction, under the lock."""

from datetime import date

import pytest
from django.db import DatabaseError, connection, connections, transaction

from cases import hooks
from cases.models import Placement, Variant
from cases.services import placement_change_variant
from evaluations.hooks import deadlines_follow
from evaluations.models import Deadline
from tests.factories import UserFactory
from tests.services import IN_CI
from zorgteam.services import membership_add


def test_evaluations_registers_the_deadlines_hook():
    assert deadlines_follow in [hook.placement_changed for hook in hooks.registered()]


def test_the_hook_refuses_to_run_outside_a_transaction(monkeypatch):
    monkeypatch.setattr(transaction.get_connection(), "in_atomic_block", False)
    with pytest.raises(RuntimeError):
        hooks.placement_changed(object())


def _with_hook(monkeypatch, run):
    """Add a hook after the deadlines (order 10), for this test only."""
    monkeypatch.setattr(hooks, "_HOOKS", [*hooks.registered(), hooks.Hook(99, "probe", run)])


@pytest.mark.django_db
def test_a_failing_hook_rolls_the_whole_write_back(monkeypatch, placement, voogd):
    deadlines_before = list(Deadline.objects.filter(placement=placement).values_list("pk", "kind"))

    def fail(placement):
        raise RuntimeError("the hook failed")

    _with_hook(monkeypatch, fail)
    newcomer = UserFactory(person_type="voogd", full_name="Joost Bakker")
    with pytest.raises(RuntimeError):
        membership_add(
            placement=placement, person=newcomer, role="voogd", start_date=date(2026, 11, 1)
        )
    with pytest.raises(RuntimeError):
        placement_change_variant(
            placement=placement, variant=Variant.OPVOEDING, from_date=date(2026, 11, 1)
        )
    assert not placement.memberships.filter(person=newcomer).exists()
    placement.refresh_from_db()
    assert placement.variant == Variant.HULPVERLENING
    assert placement.variant_changes.count() == 1
    after = list(Deadline.objects.filter(placement=placement).values_list("pk", "kind"))
    assert after == deadlines_before


@pytest.mark.django_db(transaction=True)
def test_the_deadlines_are_recomputed_inside_the_write_under_the_placement_lock(
    monkeypatch, placement
):
    if connection.vendor != "postgresql":
        if IN_CI:
            pytest.fail("row locks need PostgreSQL, which CI runs")
        pytest.skip("row locks need PostgreSQL")
    seen = {}

    def probe(changed):
        seen["in_transaction"] = transaction.get_connection().in_atomic_block
        # The deadlines hook ran just before: what it wrote is visible in this transaction...
        seen["opvoeding_interval"] = (
            Deadline.objects.open().get(placement=changed, kind="visit_evaluation").due_date
        )
        # ...and another connection cannot take the placement's lock until the write commits.
        default = connections["default"]
        other = type(default)({**default.settings_dict}, alias="lock-probe")
        try:
            with other.cursor() as cursor:
                cursor.execute(
                    "SELECT id FROM cases_placement WHERE id = %s FOR UPDATE NOWAIT", [changed.pk]
                )
            seen["locked"] = False
        except DatabaseError:
            seen["locked"] = True
        finally:
            other.close()

    _with_hook(monkeypatch, probe)
    placement_change_variant(
        placement=placement, variant=Variant.OPVOEDING, from_date=date(2026, 11, 1)
    )
    assert seen == {
        "in_transaction": True,
        "opvoeding_interval": date(2027, 3, 1),  # six months after the start, not three
        "locked": True,
    }
    assert Placement.objects.get(pk=placement.pk).variant == Variant.OPVOEDING
