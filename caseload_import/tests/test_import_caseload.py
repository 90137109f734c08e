"""`manage.py import_caseload`: round trips, updates by reference, and bad files change nothing."""

import json
from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from accounts.models import User
from caseload_import.parsing import COLUMNS
from cases.models import Placement, VariantChange
from core.models import AuditEvent
from evaluations import rules
from evaluations.models import (
    Deadline,
    GuardianContact,
    PerspectiveDecision,
    PerspectiveStudyStart,
    VisitEvaluation,
)
from evaluations.services import deadlines_refresh_many
from tests.factories import UserFactory
from tests.helpers import open_dues
from zorgteam.models import Membership

pytestmark = pytest.mark.django_db

D = date


def line(**values):
    defaults = {
        "reference": "PL-1",
        "child_name": "Noor Bakker",
        "child_birth_date": "2019-03-04",
        "variant": "hulpverlening",
        "placement_start": "2026-09-01",
        "placement_end": "",
        "pleegzorgbegeleider_email": "sanne@example.org",
        "voogd_email": "marieke@example.org",
        "pleegouder_emails": "visser@example.org",
        "last_visit_evaluation": "",
        "last_guardian_contact": "",
        "perspective_study_started": "",
        "perspective_decided": "",
    }
    defaults.update(values)
    return [defaults[c] for c in COLUMNS]


def write_csv(tmp_path, *rows, delimiter=";", bom=False, name="caseload.csv"):
    text = "\n".join(delimiter.join(r) for r in [list(COLUMNS), *rows]) + "\n"
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
    return path


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_caseload", str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


def fail(path, *args):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="niets geïmporteerd"):
        call_command("import_caseload", str(path), *args, stdout=out, stderr=err)
    return err.getvalue()


def counts():
    """Rows of every model of the project: "nothing changed" means all of these are equal."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"accounts", "cases", "zorgteam", "evaluations", "core", "agreements", "reminders"}
    }


def test_round_trip_creates_people_team_events_and_deadlines(tmp_path):
    path = write_csv(
        tmp_path,
        line(
            last_visit_evaluation="2026-10-01",
            last_guardian_contact="10-11-2026",
            pleegouder_emails="visser@example.org|ouder2@example.org",
        ),
        line(
            reference="PL-2",
            child_name="Mila de Wit",
            child_birth_date="2012-07-07",
            variant="Opvoedingsvariant",
            placement_start="2024-05-31",
            voogd_email="joost@example.org",
            pleegouder_emails="smit@example.org",
            perspective_study_started="2024-07-01",
            perspective_decided="2025-02-01",
        ),
    )
    output = run(path)
    assert "plaatsingen aangemaakt: 2" in output

    noor = Placement.objects.get(reference="PL-1")
    assert (noor.child.first_name, noor.child.last_name) == ("Noor", "Bakker")
    team = {(m.role, m.person.email) for m in noor.memberships.select_related("person")}
    assert team == {
        ("pleegzorgbegeleider", "sanne@example.org"),
        ("voogd", "marieke@example.org"),
        ("pleegouder", "visser@example.org"),
        ("pleegouder", "ouder2@example.org"),
    }
    sanne = User.objects.get(email="sanne@example.org")
    assert sanne.person_type == "pleegzorgbegeleider"
    assert not sanne.has_usable_password()  # sets one through the password-reset email
    assert User.objects.get(email="visser@example.org").person_type == "pleegouder"
    assert VisitEvaluation.objects.get(placement=noor).date == D(2026, 10, 1)
    # The dates became events, so the deadlines follow from them.
    assert open_dues(noor) == {
        rules.VISIT_EVALUATION: D(2027, 1, 1),
        rules.GUARDIAN_CONTACT: D(2026, 12, 22),
        rules.PERSPECTIVE_STUDY_START: D(2026, 12, 1),
        rules.PERSPECTIVE_DECISION: D(2027, 6, 1),
        rules.CHILD_JOINS_ZORGTEAM: D(2031, 3, 4),
    }

    mila = Placement.objects.get(reference="PL-2")
    assert mila.variant == "opvoeding"
    assert list(mila.variant_changes.values_list("variant", "from_date")) == [
        ("hulpverlening", D(2024, 5, 31)),
        ("opvoeding", D(2025, 2, 1)),
    ]
    assert PerspectiveDecision.objects.get(placement=mila).outcome == "foster_family"
    assert PerspectiveStudyStart.objects.filter(placement=mila).exists()
    assert set(open_dues(mila)) == {
        rules.VISIT_EVALUATION,
        rules.GUARDIAN_CONTACT,
        rules.CHILD_JOINS_ZORGTEAM,
    }
    assert AuditEvent.objects.filter(what="caseload import", action="create").count() == 2
    # The import computed the deadlines from the rows; the database agrees with them.
    ids = Placement.objects.values_list("pk", flat=True)
    assert deadlines_refresh_many(placement_ids=ids).placements == 0

    # What the deadlines command reports is what the import stored.
    out = StringIO()
    call_command("deadlines", "--format", "json", "--placement", "PL-1", stdout=out)
    assert {r["kind"]: r["due"] for r in json.loads(out.getvalue())}["visit_evaluation"] == (
        "2027-01-01"
    )


def test_importing_the_same_file_twice_changes_nothing(tmp_path):
    path = write_csv(tmp_path, line(last_visit_evaluation="2026-10-01"))
    run(path)
    before = counts()
    output = run(path)
    assert "plaatsingen ongewijzigd: 1" in output
    assert counts() == before


def test_existing_people_are_found_by_email_whatever_the_case(tmp_path, pleegzorgbegeleider):
    run(write_csv(tmp_path, line(pleegzorgbegeleider_email="SANNE@Example.org")))
    assert User.objects.filter(email__iexact="sanne@example.org").count() == 1
    membership = Membership.objects.get(role="pleegzorgbegeleider")
    assert membership.person == pleegzorgbegeleider
    assert pleegzorgbegeleider.has_usable_password()  # an existing account is left alone


def test_an_existing_reference_is_updated_not_duplicated(tmp_path, placement, voogd):
    services_deadline = Deadline.objects.open().get(placement=placement, kind="visit_evaluation")
    path = write_csv(
        tmp_path,
        line(
            reference="PL-TEST-1",
            child_name="Noor Bakker",
            voogd_email="joost@example.org",
            pleegouder_emails="visser@example.org",
            last_visit_evaluation="2026-11-10",
            placement_end="2026-12-20",
        ),
    )
    output = run(path)
    assert "plaatsingen bijgewerkt: 1" in output
    assert Placement.objects.filter(reference="PL-TEST-1").count() == 1
    placement.refresh_from_db()
    assert placement.end_date == D(2026, 12, 20)

    # The voogd changed: the old one leaves yesterday, the new one starts today (handover).
    old = placement.memberships.get(person=voogd)
    assert old.end_date == D(2026, 11, 19)
    new = placement.memberships.get(person__email="joost@example.org")
    assert (new.role, new.start_date, new.end_date) == ("voogd", D(2026, 11, 20), None)
    handover = Deadline.objects.open().get(placement=placement, kind="handover")
    assert (handover.due_date, handover.responsible_role) == (D(2026, 12, 4), "voogd")

    # The newer evaluation is recorded; the old deadline is closed by it.
    services_deadline.refresh_from_db()
    assert services_deadline.status == "done"
    assert services_deadline.closed_by == VisitEvaluation.objects.get(placement=placement)
    # Due 10 Feb 2027, after the end date: an ended placement owes nothing after its end.
    assert "visit_evaluation" not in open_dues(placement)
    assert AuditEvent.objects.filter(what="caseload import", action="change").count() == 1


def test_an_older_date_in_the_file_does_not_rewrite_history(tmp_path, placement):
    from evaluations.services import guardian_contact_record

    guardian_contact_record(placement=placement, date=D(2026, 11, 15), form="phone", with_whom="M")
    run(write_csv(tmp_path, line(reference="PL-TEST-1", last_guardian_contact="2026-10-01")))
    assert list(GuardianContact.objects.values_list("date", flat=True)) == [D(2026, 11, 15)]


def test_dry_run_writes_nothing_and_reports_what_would_change(tmp_path, placement):
    path = write_csv(
        tmp_path,
        line(reference="PL-TEST-1", voogd_email="joost@example.org"),
        line(reference="PL-NEW", last_guardian_contact="2026-11-01"),
    )
    before = counts()
    output = run(path, "--dry-run")
    assert counts() == before
    assert "Proefdraai" in output
    assert "plaatsingen aangemaakt: 1" in output
    assert "plaatsingen bijgewerkt: 1" in output
    assert "nieuwe (Gezins)voogd joost@example.org" in output
    assert "marieke@example.org vertrekt als (Gezins)voogd" in output


@pytest.mark.parametrize(
    ("rows", "line_number", "needle"),
    [
        ([line(reference="PL-2", child_birth_date="30-02-2019")], 3, "geen datum"),
        ([line(reference="PL-2", variant="crisis")], 3, "variant"),
        ([line(reference="PL-2", voogd_email="nope")], 3, "geen geldig e-mailadres"),
        ([line(reference="")], 3, "reference is leeg"),
        ([line(reference="PL-2", placement_end="2026-08-01")], 3, "placement_end ligt vóór"),
        ([line(reference="PL-1")], 3, "ook op regel 2"),
    ],
)
def test_a_bad_row_changes_nothing_and_is_named(tmp_path, placement, rows, line_number, needle):
    path = write_csv(tmp_path, line(reference="PL-1"), *rows)
    before = counts()
    errors = fail(path)
    assert counts() == before
    assert f"regel {line_number}:" in errors and needle in errors


def test_a_wrong_header_changes_nothing(tmp_path, placement):
    path = tmp_path / "bad.csv"
    path.write_text("reference;child;birth\nPL-1;Noor;2019-01-01\n")
    before = counts()
    errors = fail(path)
    assert counts() == before
    assert errors.startswith("regel 1: de kopregel")


def test_database_conflicts_are_reported_by_line(tmp_path, placement, other_foster_parent):
    path = write_csv(
        tmp_path,
        line(reference="PL-1"),
        line(reference="PL-2", voogd_email=other_foster_parent.email, pleegouder_emails="a@x.org"),
        line(reference="PL-TEST-1", placement_start="2026-09-02"),
    )
    with path.open("a") as csv_file:
        # Only the database knows that ahmed is a professional.
        csv_file.write(
            ";".join(
                line(
                    reference="PL-3",
                    pleegzorgbegeleider_email="b@example.org",
                    voogd_email="c@example.org",
                    pleegouder_emails="ahmed@example.org",
                )
            )
            + "\n"
        )
    UserFactory(email="ahmed@example.org", person_type="pleegzorgbegeleider")
    before = counts()
    errors = fail(path).splitlines()
    assert counts() == before
    assert errors[0].startswith("regel 3: smit@example.org is geregistreerd als Pleegouder")
    assert errors[1].startswith("regel 4: plaatsing PL-TEST-1 bestaat met startdatum 2026-09-01")
    assert errors[2].startswith("regel 5: ahmed@example.org is geregistreerd als professional")


def test_end_date_before_a_recorded_event_is_refused(tmp_path, placement):
    from evaluations.services import guardian_contact_record

    guardian_contact_record(placement=placement, date=D(2026, 11, 15), form="phone", with_whom="M")
    errors = fail(write_csv(tmp_path, line(reference="PL-TEST-1", placement_end="2026-11-01")))
    assert "regel 2: placement_end ligt vóór een gebeurtenis van 2026-11-15" in errors


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("bom", [False, True])
def test_bom_and_both_delimiters_import(tmp_path, delimiter, bom):
    run(write_csv(tmp_path, line(), delimiter=delimiter, bom=bom))
    assert Placement.objects.filter(reference="PL-1").exists()


def test_an_ended_placement_imports_without_open_deadlines(tmp_path):
    run(write_csv(tmp_path, line(placement_start="2025-01-01", placement_end="2026-06-30")))
    placement = Placement.objects.get(reference="PL-1")
    assert placement.is_ended()
    assert not Deadline.objects.filter(placement=placement).exists()
    assert VariantChange.objects.filter(placement=placement).count() == 1


def test_verbose_output_lists_updates(tmp_path, placement):
    out = StringIO()
    call_command(
        "import_caseload",
        str(write_csv(tmp_path, line(reference="PL-TEST-1", placement_end="2026-12-31"))),
        verbosity=2,
        stdout=out,
    )
    assert "regel 2, PL-TEST-1: einddatum: 2026-12-31" in out.getvalue()
