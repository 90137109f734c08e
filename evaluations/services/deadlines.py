"""Stored deadlines: the facts the rules need, read from the database, and keeping the
stored rows equal to what the rules say.

deadlines_refresh is the single place where stored deadlines of one placement change;
everything that affects them (events, variant, team, end of placement) calls it inside its
own transaction. deadlines_refresh_many does the same for many placements in a fixed
number of queries per chunk, for the nightly run and the caseload import (caseload_import).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cases.models import Placement
from zorgteam.models import Membership

from .. import rules
from ..closing import closed_on, closing_event, satisfies
from ..facts import FACT_ROLES, Member, build_facts
from ..models import (
    CourtOrder,
    Deadline,
    GuardianContact,
    PerspectiveDecision,
    PerspectiveStudyStart,
    VisitEvaluation,
    ZorgteamMeeting,
)

# Placements per batch in the bulk paths: keeps every `IN (...)` under SQLite's 999 limit.
CHUNK = 500


def periods():
    return rules.Periods(**settings.DEADLINE_PERIODS)


def chunked(iterable, size=CHUNK):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def placements_facts(placements, *, today=None):
    """{placement pk: PlacementFacts} for many placements, in 7 queries per CHUNK placements.

    `placements` need their child loaded (select_related("child")).
    """
    today = today or timezone.localdate()
    result = {}
    for batch in chunked(placements):
        ids = [p.pk for p in batch]
        members = defaultdict(list)
        for pk, placement_id, role, start, end in Membership.objects.filter(
            placement_id__in=ids, role__in=FACT_ROLES
        ).values_list("pk", "placement_id", "role", "start_date", "end_date"):
            members[placement_id].append(Member(pk, role, start, end))

        # "Since the last X" means the last one actually recorded (DOMAIN.md): the maxima.
        last = {}
        for model in (VisitEvaluation, PerspectiveStudyStart, PerspectiveDecision, GuardianContact):
            last[model] = dict(
                model.objects.filter(placement_id__in=ids)
                .order_by()
                .values("placement_id")
                .annotate(last=Max("date"))
                .values_list("placement_id", "last")
            )
        # One query for all events with several rows each: meetings and court orders.
        orders = defaultdict(list)
        for pk, placement_id, kind, day, end, review in CourtOrder.objects.filter(
            placement_id__in=ids
        ).values_list("pk", "placement_id", "kind", "date", "end_date", "review"):
            orders[placement_id].append(
                rules.CourtOrderFact(
                    key=str(pk), kind=kind, date=day, end_date=end, review_done=bool(review)
                )
            )
        meetings = defaultdict(list)
        for placement_id, day, kind in ZorgteamMeeting.objects.filter(
            placement_id__in=ids
        ).values_list("placement_id", "date", "kind"):
            meetings[placement_id].append((day, kind))

        for p in batch:
            result[p.pk] = build_facts(
                today=today,
                start=p.start_date,
                end=p.end_date,
                variant=p.variant,
                child_birth_date=p.child.birth_date,
                perspective_decision_date=p.perspective_decision_date,
                members=members.get(p.pk, ()),
                last_visit_evaluation=last[VisitEvaluation].get(p.pk),
                perspective_study_started=last[PerspectiveStudyStart].get(p.pk),
                perspective_decided=last[PerspectiveDecision].get(p.pk),
                last_guardian_contact=last[GuardianContact].get(p.pk),
                court_orders=orders.get(p.pk, ()),
                meetings=meetings.get(p.pk, ()),
            )
    return result


def placement_facts(placement, *, today=None):
    """Everything the pure rules need to know about one placement, read from the database."""
    return placements_facts([placement], today=today)[placement.pk]


def _wanted(placement, facts, today, period_values):
    if placement.is_ended(on=today):
        return {}  # DOMAIN.md: an ended placement has no open deadlines; its history stays.
    return {(o.kind, o.key): o for o in rules.open_obligations(facts, period_values)}


def deadline_row(placement_id, obligation):
    """An unsaved open Deadline for an obligation (for bulk_create)."""
    return Deadline(
        placement_id=placement_id,
        kind=obligation.kind,
        key=obligation.key,
        due_date=obligation.due,
        basis_date=obligation.basis,
        responsible_role=obligation.responsible,
    )


def _close(deadline, event, today):
    if event is None:
        # Nothing recorded satisfied it: the placement ended or the rule stopped applying
        # (e.g. the placement moved to the opvoedingsvariant).
        deadline.status = Deadline.Status.CANCELLED
        deadline.closed_on = today
    else:
        deadline.status = Deadline.Status.DONE
        deadline.closed_on = closed_on(event) or today
        deadline.closed_by_type = ContentType.objects.get_for_model(event)
        deadline.closed_by_id = event.pk
    deadline.save(
        update_fields=["status", "closed_on", "closed_by_type", "closed_by_id", "updated_at"]
    )


@dataclass
class DeadlineChanges:
    """What one refresh did: for the "which deadline closed, what is next" message and tests."""

    closed: list = field(default_factory=list)
    opened: list = field(default_factory=list)
    moved: list = field(default_factory=list)


@dataclass
class RefreshCounts:
    placements: int = 0  # placements whose stored deadlines changed
    opened: int = 0
    closed: int = 0


# --- Refresh --------------------------------------------------------------------------------


def lock_placement(placement_id):
    # Serialise every write of one placement: two concurrent refreshes must not both insert.
    # of=("self",): lock the placement row, not the joined child.
    return (
        Placement.objects.select_for_update(of=("self",))
        .select_related("child")
        .get(pk=placement_id)
    )


@transaction.atomic
def deadlines_refresh(*, placement, today=None, event=None):
    """Make the stored open deadlines of one placement equal to what the rules say.

    `event` is the event just recorded, if any: the open deadline it satisfies is closed
    as done by it and a fresh one opens, even when the next due date is the same (an
    evaluation recorded on the very day the clock started from).

    Without an event, a changed *basis* (a newer event was recorded) closes the old row as
    done and opens a new one, so history shows each obligation and what satisfied it. A
    changed due date with the same basis (variant switch, a period setting, a perspective
    date set by the zorgteam) moves the open row. An obligation that disappeared is closed
    by the event that satisfied it, or cancelled when nothing did.
    """
    today = today or timezone.localdate()
    placement = lock_placement(placement.pk)
    wanted = _wanted(placement, placement_facts(placement, today=today), today, periods())
    changes = DeadlineChanges()

    keep = {}
    for deadline in Deadline.objects.filter(placement=placement).open():
        ident = (deadline.kind, deadline.key)
        obligation = wanted.get(ident)
        if event is not None and satisfies(event, deadline):
            _close(deadline, event, today)
            changes.closed.append(deadline)
        elif obligation is None:
            _close(deadline, closing_event(placement, deadline), today)
            changes.closed.append(deadline)
        elif obligation.basis != deadline.basis_date:
            # A newer event satisfied the row. An *older* basis means the event it was
            # counted from was removed (a correction in the admin): nothing satisfied it.
            closer = (
                closing_event(placement, deadline)
                if obligation.basis > deadline.basis_date
                else None
            )
            _close(deadline, closer, today)
            changes.closed.append(deadline)
        else:
            keep[ident] = deadline
            if (obligation.due, obligation.responsible) != (
                deadline.due_date,
                deadline.responsible_role,
            ):
                deadline.due_date = obligation.due
                deadline.responsible_role = obligation.responsible
                deadline.save(update_fields=["due_date", "responsible_role", "updated_at"])
                changes.moved.append(deadline)

    changes.opened = Deadline.objects.bulk_create(
        deadline_row(placement.pk, o) for ident, o in wanted.items() if ident not in keep
    )
    return changes


def _stored_matches(stored, wanted):
    return stored.keys() == wanted.keys() and all(
        stored[ident] == (o.due, o.basis, o.responsible) for ident, o in wanted.items()
    )


@transaction.atomic
def deadlines_refresh_many(*, placement_ids, today=None):
    """deadlines_refresh for many placements, cheaply when little changes.

    Per chunk: lock the placements, compute what the rules want in bulk, and compare with
    the stored open rows. A placement without open rows only gets new rows (bulk insert);
    one whose rows already match is left alone; the rest go through deadlines_refresh,
    which knows how to close a row and by what.
    """
    today = today or timezone.localdate()
    period_values = periods()
    counts = RefreshCounts()
    for ids in chunked(sorted(set(placement_ids))):
        # Locked in pk order, so two bulk refreshes cannot deadlock on each other.
        placements = list(
            Placement.objects.select_for_update(of=("self",))
            .select_related("child")
            .filter(pk__in=ids)
            .order_by("pk")
        )
        running = [p for p in placements if not p.is_ended(on=today)]
        facts = placements_facts(running, today=today)
        stored = defaultdict(dict)
        for placement_id, kind, key, due, basis, role in (
            Deadline.objects.open()
            .filter(placement_id__in=ids)
            .values_list(
                "placement_id", "kind", "key", "due_date", "basis_date", "responsible_role"
            )
        ):
            stored[placement_id][(kind, key)] = (due, basis, role)

        new_rows, slow = [], []
        for placement in placements:
            wanted = _wanted(placement, facts.get(placement.pk), today, period_values)
            rows = stored.get(placement.pk, {})
            if _stored_matches(rows, wanted):
                continue
            counts.placements += 1
            if rows:
                slow.append(placement)
            else:
                new_rows.extend(deadline_row(placement.pk, o) for o in wanted.values())
        Deadline.objects.bulk_create(new_rows, batch_size=1000)
        counts.opened += len(new_rows)
        for placement in slow:
            changes = deadlines_refresh(placement=placement, today=today)
            counts.opened += len(changes.opened)
            counts.closed += len(changes.closed)
    return counts


def refresh_all(*, today=None):
    """Nightly: time-driven rules (a 12th birthday, an end date passing) need a recompute.

    One transaction per chunk, so locks are held briefly. Returns the number of placements
    looked at.
    """
    ids = list(Placement.objects.order_by("pk").values_list("pk", flat=True))
    for batch in chunked(ids):
        deadlines_refresh_many(placement_ids=batch, today=today)
    return len(ids)
