"""Retention (Jeugdwet art. 7.3.8): a file is destroyed 20 years after the end of care; the
access log about it stays."""

from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from cases.models import Child, Placement
from cases.services import placement_create, placement_end
from core.models import AuditEvent
from privacy.retention import retention_ends, years_before
from tests.factories import UserFactory
from zorgteam.services import membership_add

pytestmark = pytest.mark.django_db

TODAY = date(2046, 6, 15)


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2046, 6, 15), 20, date(2026, 6, 15)),
        (date(2048, 2, 29), 20, date(2028, 2, 29)),
        (date(2049, 2, 28), 21, date(2028, 2, 28)),
        (date(2045, 3, 1), 20, date(2025, 3, 1)),
    ],
)
def test_years_before_is_calendar_arithmetic(day, years, expected):
    assert years_before(day, years) == expected


@pytest.mark.parametrize(
    ("end", "years", "expected"),
    [(date(2026, 6, 14), 20, date(2046, 6, 14)), (date(2024, 2, 29), 21, date(2045, 2, 28))],
)
def test_the_file_is_kept_until_the_end_plus_the_period(end, years, expected):
    assert retention_ends(end, years) == expected


def _ended(reference, *, end, organisation, family, pzb):
    with time_machine.travel(date(end.year - 1, 1, 10), tick=False):
        placement = placement_create(
            reference=reference,
            child_first_name=f"Kind {reference}",
            start_date=date(end.year - 2, 1, 1),
            provider=organisation,
        )
        membership_add(
            placement=placement,
            person=pzb,
            role="pleegzorgbegeleider",
            start_date=placement.start_date,
        )
        membership_add(
            placement=placement, person=family, role="pleegouder", start_date=placement.start_date
        )
    with time_machine.travel(end, tick=False):
        placement_end(placement=placement, end_date=end, reason="Terug naar huis")
    return placement


@pytest.fixture
def files(organisation, pleegzorgbegeleider, client):
    """One file ended 20 years and a day before TODAY, one ended 19 years before."""
    old_family = UserFactory(full_name="Familie Oud", person_type="pleegouder")
    recent_family = UserFactory(full_name="Familie Recent", person_type="pleegouder")
    old = _ended(
        "OLD-1",
        end=date(2026, 6, 14),
        organisation=organisation,
        family=old_family,
        pzb=pleegzorgbegeleider,
    )
    recent = _ended(
        "RECENT-1",
        end=date(2027, 6, 15),
        organisation=organisation,
        family=recent_family,
        pzb=pleegzorgbegeleider,
    )
    # Someone read the old file while it was kept: that row must outlive it.
    with time_machine.travel(date(2030, 1, 1), tick=False):
        client.force_login(pleegzorgbegeleider)
        assert client.get(old.get_absolute_url()).status_code == 200
    return old, recent, old_family, recent_family


def _counts():
    return (Placement.objects.count(), Child.objects.count(), AuditEvent.objects.count())


def test_dry_run_lists_what_would_go_and_changes_nothing(files, capsys):
    before = _counts()
    with time_machine.travel(TODAY, tick=False):
        call_command("retention", "--dry-run")
    out = capsys.readouterr().out
    assert "OLD-1\tended 2026-06-14\tkept until 2046-06-14\twould be destroyed" in out
    assert "RECENT-1" not in out
    assert "1 placement(s) would be destroyed (20 years after the end of care)." in out
    assert _counts() == before


def test_a_file_20_years_and_a_day_after_its_end_goes_and_its_log_stays(files, capsys):
    old, recent, old_family, recent_family = files
    old_pk, child_pk = old.pk, old.child_id
    read = AuditEvent.objects.get(action="read", placement_id=old_pk)
    with time_machine.travel(TODAY, tick=False):
        call_command("retention")
    assert "1 placement(s) destroyed" in capsys.readouterr().out
    assert not Placement.objects.filter(pk=old_pk).exists()
    assert not Child.objects.filter(pk=child_pk).exists()
    assert Placement.objects.filter(pk=recent.pk).exists()  # ended 19 years ago: stays
    # The family account that was only there for this file goes; the other family stays.
    assert not type(old_family).objects.filter(pk=old_family.pk).exists()
    assert type(recent_family).objects.filter(pk=recent_family.pk).exists()
    # The log: the old read is still there, with the reference; the destruction is logged.
    read = AuditEvent.objects.get(pk=read.pk)
    assert (read.placement_id, read.placement_reference) == (old_pk, "OLD-1")
    destroyed = AuditEvent.objects.get(
        action="delete", object_type="cases.placement", object_id=str(old_pk)
    )
    assert (destroyed.placement_reference, destroyed.source) == ("OLD-1", "command:retention")
    assert "retention period of 20 years" in destroyed.what
    # One row for the file, not one per cascaded record.
    assert AuditEvent.objects.filter(source="command:retention").count() == 2  # + the account


def test_the_period_follows_retention_years(files, settings):
    settings.RETENTION_YEARS = 18
    with time_machine.travel(TODAY, tick=False):
        call_command("retention")
    assert not Placement.objects.filter(reference__in=["OLD-1", "RECENT-1"]).exists()


def test_the_nightly_task_is_scheduled_and_destroys(files, settings):
    from privacy.tasks import retention

    assert settings.CELERY_BEAT_SCHEDULE["retention-nightly"]["task"] == "privacy.tasks.retention"
    with time_machine.travel(TODAY, tick=False):
        retention.apply()
    assert list(Placement.objects.values_list("reference", flat=True)) == ["RECENT-1"]
    row = AuditEvent.objects.get(action="delete", object_type="cases.placement")
    assert row.source == "task:privacy.tasks.retention"


def test_the_officer_still_reads_the_log_of_a_destroyed_file(files, client, organisation):
    from django.contrib.auth.models import Group

    with time_machine.travel(TODAY, tick=False):
        call_command("retention")
        officer = UserFactory(person_type="professional")
        officer.groups.add(Group.objects.get(name="privacy_officer"))
        client.force_login(officer)
        html = client.get(reverse("privacy:officer_placement", args=["OLD-1"])).content.decode()
    assert "Sanne de Vries" in html
