"""Recording events against the database: each closes its deadline and schedules the next."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import VariantChange
from cases.services import placement_change_variant, placement_end
from evaluations import rules, services
from evaluations.models import (
    CourtOrder,
    Deadline,
    GuardianContact,
    PerspectiveDecision,
    VisitEvaluation,
    ZorgteamMeeting,
)
from evaluations.tasks import refresh_all_deadlines
from tests.factories import UserFactory
from tests.helpers import open_deadline, open_dues
from zorgteam.services import membership_add, membership_replace

from .conftest import TODAY

pytestmark = pytest.mark.django_db

D = date


def closed_by(deadline):
    deadline.refresh_from_db()
    return deadline.closed_by


def test_the_placement_starts_with_the_deadlines_of_domain_md(placement):
    assert open_dues(placement) == {
        rules.VISIT_EVALUATION: D(2026, 12, 1),
        rules.PERSPECTIVE_STUDY_START: D(2026, 12, 1),
        rules.PERSPECTIVE_DECISION: D(2027, 6, 1),
        rules.GUARDIAN_CONTACT: D(2026, 10, 13),
        rules.CHILD_JOINS_ZORGTEAM: D(2031, 3, 4),
    }


def test_visit_evaluation_closes_its_deadline_and_schedules_the_next(
    placement, pleegzorgbegeleider
):
    before = open_deadline(placement, rules.VISIT_EVALUATION)
    event = services.visit_evaluation_record(
        placement=placement,
        date=D(2026, 11, 10),
        participants="Ouders, pleegouders, voogd",
        outcome="Bezoek blijft eens per twee weken",
        recorded_by=pleegzorgbegeleider,
    )
    before.refresh_from_db()
    assert before.status == Deadline.Status.DONE
    assert before.closed_by == event
    assert before.closed_on == D(2026, 11, 10)
    # Three calendar months after the evaluation itself, not after the old due date.
    assert open_deadline(placement, rules.VISIT_EVALUATION).due_date == D(2027, 2, 10)


def test_a_late_evaluation_moves_the_clock(placement):
    services.visit_evaluation_record(
        placement=placement, date=D(2026, 11, 20), participants="Zorgteam", outcome="Ok"
    )
    services.visit_evaluation_record(
        placement=placement, date=D(2026, 11, 20), participants="Zorgteam", outcome="Nog eens"
    )
    done = Deadline.objects.filter(placement=placement, kind=rules.VISIT_EVALUATION, status="done")
    assert done.count() == 2  # each recording closed the obligation that was open
    assert open_deadline(placement, rules.VISIT_EVALUATION).due_date == D(2027, 2, 20)


def test_an_older_evaluation_entered_late_changes_nothing(placement):
    services.visit_evaluation_record(
        placement=placement, date=D(2026, 11, 10), participants="Zorgteam", outcome="Ok"
    )
    services.visit_evaluation_record(
        placement=placement, date=D(2026, 10, 1), participants="Zorgteam", outcome="Vergeten"
    )
    assert open_deadline(placement, rules.VISIT_EVALUATION).due_date == D(2027, 2, 10)
    assert Deadline.objects.filter(placement=placement, kind=rules.VISIT_EVALUATION).count() == 2


def test_evaluation_on_the_start_date_still_closes_the_deadline(placement):
    event = services.visit_evaluation_record(
        placement=placement, date=placement.start_date, participants="Zorgteam", outcome="Ok"
    )
    done = Deadline.objects.get(placement=placement, kind=rules.VISIT_EVALUATION, status="done")
    assert done.closed_by == event
    assert open_deadline(placement, rules.VISIT_EVALUATION).due_date == D(2026, 12, 1)


def test_guardian_contact_is_rolling(placement, voogd):
    overdue = open_deadline(placement, rules.GUARDIAN_CONTACT)
    contact = services.guardian_contact_record(
        placement=placement,
        date=D(2026, 11, 15),
        form=GuardianContact.Form.HOME_VISIT,
        with_whom="Moeder",
        recorded_by=voogd,
    )
    assert closed_by(overdue) == contact
    assert open_deadline(placement, rules.GUARDIAN_CONTACT).due_date == D(2026, 12, 27)


def test_perspective_study_start_closes_without_a_next_one(placement):
    deadline = open_deadline(placement, rules.PERSPECTIVE_STUDY_START)
    study = services.perspective_study_start_record(placement=placement, date=D(2026, 11, 1))
    assert closed_by(deadline) == study
    assert rules.PERSPECTIVE_STUDY_START not in open_dues(placement)
    assert rules.PERSPECTIVE_DECISION in open_dues(placement)


def test_decision_return_home_closes_the_perspective_rules(placement):
    decision_deadline = open_deadline(placement, rules.PERSPECTIVE_DECISION)
    study_deadline = open_deadline(placement, rules.PERSPECTIVE_STUDY_START)
    decision = services.perspective_decision_record(
        placement=placement, date=D(2026, 11, 18), outcome=PerspectiveDecision.Outcome.RETURN_HOME
    )
    assert closed_by(decision_deadline) == decision
    study_deadline.refresh_from_db()
    # Decided without a study: the study obligation no longer applies, nothing satisfied it.
    assert study_deadline.status == Deadline.Status.CANCELLED
    assert study_deadline.closed_by is None
    placement.refresh_from_db()
    assert placement.variant == "hulpverlening"


def test_decision_foster_family_switches_to_opvoeding_and_reschedules(placement):
    evaluation = open_deadline(placement, rules.VISIT_EVALUATION)
    services.perspective_decision_record(
        placement=placement,
        date=D(2026, 11, 18),
        outcome=PerspectiveDecision.Outcome.FOSTER_FAMILY,
    )
    placement.refresh_from_db()
    assert placement.variant == "opvoeding"
    change = VariantChange.objects.filter(placement=placement).latest("pk")
    assert (change.variant, change.from_date) == ("opvoeding", D(2026, 11, 18))
    # Same obligation, new interval counted from the start: six months instead of three.
    evaluation.refresh_from_db()
    assert evaluation.status == Deadline.Status.OPEN
    assert evaluation.due_date == D(2027, 3, 1)


def test_variant_switch_reschedules_from_the_last_evaluation(placement):
    services.visit_evaluation_record(
        placement=placement, date=D(2026, 11, 10), participants="Zorgteam", outcome="Ok"
    )
    placement_change_variant(placement=placement, variant="opvoeding", from_date=D(2026, 11, 15))
    assert open_dues(placement)[rules.VISIT_EVALUATION] == D(2027, 5, 10)
    # The perspective rules apply only in hulpverlening: they no longer apply.
    assert rules.PERSPECTIVE_DECISION not in open_dues(placement)
    placement_change_variant(placement=placement, variant="hulpverlening", from_date=TODAY)
    assert open_dues(placement)[rules.VISIT_EVALUATION] == D(2027, 2, 10)


def test_court_order_opens_a_meeting_and_a_review_deadline(placement, voogd):
    order = services.court_order_record(
        placement=placement, date=D(2026, 11, 2), kind="ots", end_date=D(2027, 11, 1)
    )
    meeting_due = open_deadline(placement, rules.ZORGTEAM_AFTER_COURT_ORDER)
    review_due = open_deadline(placement, rules.COURT_ORDER_REVIEW)
    assert (meeting_due.key, meeting_due.due_date) == (str(order.pk), D(2026, 11, 16))
    assert (review_due.key, review_due.due_date) == (str(order.pk), D(2027, 8, 9))

    meeting = services.zorgteam_meeting_record(
        placement=placement,
        date=D(2026, 11, 19),
        kind=ZorgteamMeeting.Kind.AFTER_COURT_ORDER,
        participants="Zorgteam",
    )
    assert closed_by(meeting_due) == meeting

    services.court_order_review_record(
        court_order=order,
        review=CourtOrder.Review.EXTENSION_REQUESTED,
        review_date=TODAY,
        recorded_by=voogd,
    )
    review_due.refresh_from_db()
    assert review_due.status == Deadline.Status.DONE
    assert review_due.closed_by == CourtOrder.objects.get(pk=order.pk)
    assert review_due.closed_on == TODAY
    assert rules.COURT_ORDER_REVIEW not in open_dues(placement)


def test_court_order_review_needs_a_decision_and_a_sensible_date(placement):
    order = services.court_order_record(
        placement=placement, date=D(2026, 11, 2), kind="muhp", end_date=D(2027, 5, 1)
    )
    with pytest.raises(ValidationError) as error:
        services.court_order_review_record(court_order=order, review="", review_date=TODAY)
    assert "review" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.court_order_review_record(
            court_order=order, review="not_extended", review_date=D(2026, 11, 1)
        )
    assert "review_date" in error.value.error_dict
    assert rules.COURT_ORDER_REVIEW in open_dues(placement)


def test_handover_is_closed_by_a_handover_meeting_only(placement, voogd):
    new_voogd = UserFactory(email="joost@example.org", person_type="voogd")
    membership = placement.memberships.get(person=voogd)
    membership_replace(membership=membership, new_person=new_voogd, change_date=D(2026, 11, 16))
    handover = open_deadline(placement, rules.HANDOVER)
    assert (handover.due_date, handover.responsible_role) == (D(2026, 11, 30), "voogd")

    services.zorgteam_meeting_record(
        placement=placement, date=TODAY, kind=ZorgteamMeeting.Kind.EVALUATION, participants="Team"
    )
    assert rules.HANDOVER in open_dues(placement)
    meeting = services.zorgteam_meeting_record(
        placement=placement, date=TODAY, kind=ZorgteamMeeting.Kind.HANDOVER, participants="Team"
    )
    assert closed_by(handover) == meeting


@pytest.mark.parametrize(
    ("day", "field", "message"),
    [
        (TODAY + timedelta(days=1), "date", "toekomst"),
        (D(2026, 8, 31), "date", "start van de plaatsing"),
    ],
)
def test_bad_dates_are_refused_and_nothing_is_saved(placement, day, field, message):
    before = list(Deadline.objects.values_list("pk", "status", "due_date"))
    with pytest.raises(ValidationError) as error:
        services.visit_evaluation_record(
            placement=placement, date=day, participants="Zorgteam", outcome="Ok"
        )
    assert message in " ".join(error.value.message_dict[field])
    assert not VisitEvaluation.objects.exists()
    assert list(Deadline.objects.values_list("pk", "status", "due_date")) == before


def test_an_event_after_the_end_of_the_placement_is_refused(placement):
    placement_end(placement=placement, end_date=D(2026, 11, 1), reason="Terug naar huis")
    with pytest.raises(ValidationError) as error:
        services.guardian_contact_record(
            placement=placement, date=D(2026, 11, 2), form="phone", with_whom="Moeder"
        )
    assert "1 november 2026" in error.value.message_dict["date"][0]


def test_an_ended_placement_closes_everything(placement):
    was_open = list(Deadline.objects.open().filter(placement=placement))
    assert was_open
    placement_end(placement=placement, end_date=TODAY, reason="Terug naar huis")
    assert not Deadline.objects.open().filter(placement=placement).exists()
    for deadline in was_open:
        deadline.refresh_from_db()
        # Nothing was done: they no longer apply. The history stays.
        assert deadline.status == Deadline.Status.CANCELLED
        assert deadline.closed_by is None


def test_nightly_refresh_closes_what_an_end_date_in_the_future_leaves(placement, travel):
    placement_end(placement=placement, end_date=D(2026, 11, 25), reason="Naar gezinshuis")
    # Due before the end: still owed. Due on or after it: never owed.
    assert set(open_dues(placement)) == {rules.GUARDIAN_CONTACT}
    travel(D(2026, 11, 25))
    refresh_all_deadlines.apply()
    assert open_dues(placement) == {}


def test_nightly_refresh_sees_the_child_join_on_the_day(placement, travel):
    child = membership_add(
        placement=placement,
        person=UserFactory(person_type="pleegkind"),
        role="pleegkind",
        start_date=D(2026, 11, 23),
    )
    joins = open_deadline(placement, rules.CHILD_JOINS_ZORGTEAM)
    travel(D(2026, 11, 23))
    services.refresh_all()
    joins.refresh_from_db()
    assert joins.status == Deadline.Status.DONE
    assert joins.closed_by == child
    assert joins.closed_on == D(2026, 11, 23)


def test_nightly_refresh_twice_changes_nothing(placement, other_placement):
    services.refresh_all()
    first = list(Deadline.objects.values_list("pk", "status", "due_date", "updated_at"))
    assert services.refresh_all() == 2
    assert list(Deadline.objects.values_list("pk", "status", "due_date", "updated_at")) == first


def test_bulk_refresh_computes_what_the_single_refresh_computes(placement, voogd):
    services.visit_evaluation_record(
        placement=placement, date=D(2026, 10, 3), participants="Team", outcome="Ok"
    )
    services.court_order_record(
        placement=placement, date=D(2026, 11, 2), kind="ots", end_date=D(2027, 11, 1)
    )
    membership_replace(
        membership=placement.memberships.get(person=voogd),
        new_person=UserFactory(person_type="voogd"),
        change_date=D(2026, 11, 10),
    )
    fields = ("kind", "key", "due_date", "basis_date", "responsible_role")
    expected = sorted(Deadline.objects.open().filter(placement=placement).values_list(*fields))
    Deadline.objects.filter(placement=placement).delete()
    counts = services.deadlines_refresh_many(placement_ids=[placement.pk])
    assert counts.opened == len(expected)
    assert sorted(Deadline.objects.open().values_list(*fields)) == expected


def test_facts_read_in_a_fixed_number_of_queries(
    placement, other_placement, django_assert_num_queries
):
    with django_assert_num_queries(7):
        facts = services.placements_facts([placement, other_placement], today=TODAY)
    assert facts[placement.pk].start == placement.start_date


EVENTS = {
    "visit_evaluation": lambda p, day: services.visit_evaluation_record(
        placement=p, date=day, participants="Zorgteam", outcome="Ok"
    ),
    "guardian_contact": lambda p, day: services.guardian_contact_record(
        placement=p, date=day, form="phone", with_whom="Vader"
    ),
    "perspective_study_start": lambda p, day: services.perspective_study_start_record(
        placement=p, date=day
    ),
    "perspective_decision": lambda p, day: services.perspective_decision_record(
        placement=p, date=day, outcome="elsewhere"
    ),
}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    kind=st.sampled_from(sorted(EVENTS)),
    day=st.dates(min_value=D(2026, 9, 1), max_value=TODAY),
)
def test_property_a_recorded_event_closes_its_deadline_and_schedules_after_itself(
    placement, kind, day
):
    # Every example runs in a savepoint that is rolled back: the next starts clean.
    with transaction.atomic():
        deadline = open_deadline(placement, kind)
        event = EVENTS[kind](placement, day)
        deadline.refresh_from_db()
        assert deadline.status == Deadline.Status.DONE
        assert deadline.closed_by_type == ContentType.objects.get_for_model(event)
        assert deadline.closed_by_id == event.pk
        assert deadline.closed_on == day
        for later in Deadline.objects.open().filter(placement=placement, kind=kind):
            assert later.due_date > day
        transaction.set_rollback(True)
