"""The plan of a caseload import: what it will write, built before anything is written.

Pure over what services.py read from the database: no queries here, so a dry run and the
real run report the same plan.
"""

import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.utils.translation import gettext as _

from accounts.models import User
from cases.models import Child, Placement, Variant
from evaluations import rules
from evaluations.facts import build_facts
from evaluations.models import (
    GuardianContact,
    PerspectiveDecision,
    PerspectiveStudyStart,
    VisitEvaluation,
)
from evaluations.services.deadlines import deadline_row, periods
from zorgteam.models import ROLE_PERSON_TYPES, Role

# The roles a caseload file fills: one column each.
TEAM_ROLES = (Role.PLEEGZORGBEGELEIDER, Role.VOOGD, Role.PLEEGOUDER)


@dataclass
class Writes:
    """Everything the import will write, built before anything is written."""

    users: dict = field(default_factory=dict)  # email -> unsaved User
    new: list = field(default_factory=list)  # (row, Child, Placement)
    children_changed: list = field(default_factory=list)
    placements_changed: list = field(default_factory=list)
    variant_changes: list = field(default_factory=list)
    memberships_new: list = field(
        default_factory=list
    )  # (placement or row ref, role, email, start)
    memberships_ended: list = field(default_factory=list)
    memberships_dropped: list = field(default_factory=list)  # had not started: a correction
    memberships_repointed: list = field(default_factory=list)  # (membership, email)
    events: list = field(default_factory=list)  # (placement or reference, model, fields)
    touched: set = field(default_factory=set)  # references created or changed


def import_note():
    return _("Imported from the caseload file.")


def _decision_outcome(row):
    # The file has the date, not the outcome; only the opvoedingsvariant tells it.
    if row.variant == Variant.OPVOEDING:
        return PerspectiveDecision.Outcome.FOSTER_FAMILY
    return PerspectiveDecision.Outcome.NOT_RECORDED


def _event_fields(model, row, day):
    note = import_note()
    if model is VisitEvaluation:
        return {"participants": _("not recorded (imported)"), "outcome": note}
    if model is GuardianContact:
        return {
            "form": GuardianContact.Form.OTHER,
            "with_whom": _("not recorded (imported)"),
            "note": note,
        }
    if model is PerspectiveDecision:
        return {"outcome": _decision_outcome(row), "note": note}
    return {"note": note}


def _new_events(row, facts):
    """The events the row adds: newer than what is recorded (rolling), or not recorded yet."""
    events = []
    rolling = (
        (VisitEvaluation, row.last_visit_evaluation, facts and facts.last_visit_evaluation),
        (GuardianContact, row.last_guardian_contact, facts and facts.last_guardian_contact),
    )
    for model, day, stored in rolling:
        if day is not None and (stored is None or day > stored):
            events.append((model, day))
    once = (
        (
            PerspectiveStudyStart,
            row.perspective_study_started,
            facts and facts.perspective_study_started,
        ),
        (PerspectiveDecision, row.perspective_decided, facts and facts.perspective_decided),
    )
    for model, day, stored in once:
        if day is not None and stored is None:
            events.append((model, day))
    return events


def plan_new(row, writes):
    child = Child(
        first_name=row.child_first_name,
        last_name=row.child_last_name,
        birth_date=row.child_birth_date,
    )
    placement = Placement(
        reference=row.reference,
        variant=row.variant,
        start_date=row.start,
        end_date=row.end,
    )
    writes.new.append((row, child, placement))
    writes.touched.add(row.reference)
    # The usual course (DOMAIN.md): hulpverlening first, opvoeding from the perspective
    # decision. Without a decision date the file's variant is the one it started in.
    if (
        row.variant == Variant.OPVOEDING
        and row.perspective_decided
        and row.perspective_decided > row.start
    ):
        history = [(Variant.HULPVERLENING, row.start), (Variant.OPVOEDING, row.perspective_decided)]
    else:
        history = [(row.variant, row.start)]
    for variant, day in history:
        writes.variant_changes.append((row.reference, variant, day))
    for role, email in team_of(row):
        writes.memberships_new.append((row.reference, role, email, row.start))
    for model, day in _new_events(row, None):
        writes.events.append(
            (row.reference, model, {"date": day, **_event_fields(model, row, day)})
        )


def team_of(row):
    yield Role.PLEEGZORGBEGELEIDER, row.pleegzorgbegeleider_email
    yield Role.VOOGD, row.voogd_email
    for email in row.pleegouder_emails:
        yield Role.PLEEGOUDER, email


def _plan_team(row, placement, members, today, writes, changes):
    """Make the team match the file: a new professional is a staff change from today."""
    start = max(placement.start_date, today)
    wanted = defaultdict(list)
    for role, email in team_of(row):
        wanted[role].append(email)
    for role in TEAM_ROLES:
        current = members.get(role, [])
        current_emails = {m.person.email for m in current}
        missing = [email for email in wanted[role] if email not in current_emails]
        leaving = [m for m in current if m.person.email not in wanted[role]]
        for email in missing:
            if leaving and leaving[-1].start_date >= today:
                # Not started yet: the file corrects who it is, it is not a staff change.
                writes.memberships_repointed.append((leaving.pop(), email))
            else:
                writes.memberships_new.append((placement.reference, role, email, start))
            changes.append(_("new %(role)s %(email)s") % {"role": Role(role).label, "email": email})
        for membership in leaving:
            if membership.start_date >= today:
                writes.memberships_dropped.append(membership)
            else:
                membership.end_date = today - timedelta(days=1)
                writes.memberships_ended.append(membership)
            changes.append(
                _("%(email)s leaves as %(role)s")
                % {"email": membership.person.email, "role": Role(role).label}
            )


def plan_update(row, placement, members, facts, today, writes):
    changes = []
    child = placement.child
    child_values = {
        "first_name": row.child_first_name,
        "last_name": row.child_last_name,
        "birth_date": row.child_birth_date,
    }
    if any(getattr(child, name) != value for name, value in child_values.items()):
        for name, value in child_values.items():
            setattr(child, name, value)
        writes.children_changed.append(child)
        changes.append(_("child's name or birth date"))
    placement_changed = False
    if placement.variant != row.variant:
        from_date = today
        if row.variant == Variant.OPVOEDING and row.perspective_decided:
            from_date = row.perspective_decided
        writes.variant_changes.append((row.reference, row.variant, from_date))
        placement.variant = row.variant
        placement_changed = True
        changes.append(_("variant: %(variant)s") % {"variant": Variant(row.variant).label})
    if placement.end_date != row.end:
        placement.end_date = row.end
        placement_changed = True
        changes.append(_("end date: %(date)s") % {"date": row.end.isoformat() if row.end else "—"})
    if placement_changed:
        writes.placements_changed.append(placement)
    _plan_team(row, placement, members, today, writes, changes)
    for model, day in _new_events(row, facts):
        writes.events.append(
            (row.reference, model, {"date": day, **_event_fields(model, row, day)})
        )
        changes.append(
            _("%(event)s on %(date)s")
            % {"event": model._meta.verbose_name, "date": day.isoformat()}
        )
    if changes:
        writes.touched.add(row.reference)
    return changes


def plan_people(rows, users, writes):
    for row in rows:
        for role, email in team_of(row):
            if email not in users and email not in writes.users:
                writes.users[email] = User(
                    email=email,
                    # No name in the file: the address until the person or an admin sets one.
                    full_name=email,
                    person_type=ROLE_PERSON_TYPES[role],
                    # Invited people choose a password through the password-reset email.
                    # What make_password(None) makes, without its slower random string.
                    password=UNUSABLE_PASSWORD_PREFIX + secrets.token_hex(20),
                )


def _row_facts(row, today):
    """The facts of a placement the import creates: everything it has comes from its row
    (one professional per role, so no staff change; no court orders, meetings or child
    membership yet), so the rules run on the row without reading the rows back."""
    return build_facts(
        today=today,
        start=row.start,
        end=row.end,
        variant=row.variant,
        child_birth_date=row.child_birth_date,
        last_visit_evaluation=row.last_visit_evaluation,
        perspective_study_started=row.perspective_study_started,
        perspective_decided=row.perspective_decided,
        last_guardian_contact=row.last_guardian_contact,
    )


def new_deadlines(writes, today):
    """Unsaved open Deadline rows of the new placements (placement ids once they are saved)."""
    period_values = periods()
    rows = []
    for row, _child, placement in writes.new:
        if placement.is_ended(on=today):
            continue  # an ended placement has no open deadlines
        rows.extend(
            deadline_row(placement.pk, obligation)
            for obligation in rules.open_obligations(_row_facts(row, today), period_values)
        )
    return rows
