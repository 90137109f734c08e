"""The data migration from 'who may see it' (whole team / professionals only) to audiences.

Run against the real database: migrate agreements back to 0001, write rows as they were,
migrate forward and read them through the new rule.
"""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from zorgteam.audiences import Audience

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("agreements", "0001_initial")]
AFTER = [("agreements", "0002_audiences")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_visibility_moves_to_audiences_without_loss(placement, pleegzorgbegeleider):
    old = _migrate(BEFORE)
    try:
        Version = old.get_model("agreements", "PlanVersion")
        Agreement = old.get_model("agreements", "Agreement")
        Goal = old.get_model("agreements", "Goal")
        version = Version.objects.create(
            placement_id=placement.pk,
            number=1,
            status="adopted",
            adopted_on=date(2026, 10, 1),
            adopted_at="2026-10-01T10:00:00+02:00",
        )
        common = {"version_id": version.pk, "owner_role": "voogd"}
        team = Agreement.objects.create(
            text="Met het hele team", category="school", visibility="team", **common
        )
        pros = Agreement.objects.create(
            text="Alleen professionals", category="other", visibility="professionals", **common
        )
        goal = Goal.objects.create(
            version_id=version.pk, description="Doel", target_date=date(2027, 1, 1)
        )
    finally:
        _migrate(AFTER)
    from agreements.models import Agreement as NewAgreement
    from agreements.models import Goal as NewGoal

    everyone = {
        Audience.REGIE,
        Audience.PROFESSIONALS,
        Audience.FOSTER_PARENTS,
        Audience.PARENTS,
        Audience.CHILD,
        Audience.NETWORK,
    }
    # "The whole zorgteam": everyone who read it still reads it.
    assert NewAgreement.objects.get(pk=team.pk).audiences == everyone
    # "Professionals only": the regie keeps it; a teacher in the team no longer reads it.
    assert NewAgreement.objects.get(pk=pros.pk).audiences == {Audience.REGIE}
    # Goals were shown to every member.
    assert NewGoal.objects.get(pk=goal.pk).audiences == everyone


def test_the_migration_reverses(placement):
    _migrate(AFTER)
    from agreements.models import Agreement, PlanVersion

    version = PlanVersion.objects.create(
        placement=placement,
        number=1,
        status="adopted",
        adopted_on=date(2026, 10, 1),
        adopted_at="2026-10-01T10:00:00+02:00",
    )
    shared = Agreement.objects.create(
        version=version, text="Gedeeld", category="school", owner_role="voogd", for_parents=True
    )
    regie = Agreement.objects.create(
        version=version, text="Regie", category="other", owner_role="voogd"
    )
    old = _migrate(BEFORE)
    try:
        OldAgreement = old.get_model("agreements", "Agreement")
        assert OldAgreement.objects.get(pk=shared.pk).visibility == "team"
        assert OldAgreement.objects.get(pk=regie.pk).visibility == "professionals"
    finally:
        _migrate(AFTER)
