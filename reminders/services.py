"""The sweep: open deadlines become outbox rows, one per (deadline, stage, occurrence, recipient).

Batched on purpose (`make bench`): a fixed handful of queries whatever the number
of deadlines — one read of the open deadlines in the reminder window, one of the current
memberships of their placements, one of the outbox rows that may already exist, and one
bulk insert (on PostgreSQL Django sends it as a single INSERT … UNNEST).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from core.services import heartbeat_record
from evaluations.models import Deadline
from zorgteam.models import Membership

from . import stages
from .models import Reminder

SWEEP_HEARTBEAT = "reminder-sweep"


def stage_settings():
    return {
        "due_soon_days": settings.REMINDER_DUE_SOON_DAYS,
        "repeat_days": settings.REMINDER_OVERDUE_REPEAT_DAYS,
    }


def stage_of(deadline, day):
    """The current stage of a Deadline (or anything with a due_date) on `day`."""
    return stages.stage_on(deadline.due_date, day, **stage_settings())


class PlannedReminder(NamedTuple):
    """One outbox row the sweep wants. A tuple: a sweep may plan hundreds of thousands."""

    deadline_id: int
    stage: str
    occurrence: int
    recipient_id: int
    stage_date: date
    reason: str

    @property
    def key(self):
        return self[:4]


@dataclass
class SweepResult:
    as_of: date
    deadlines: int = 0
    new: list[PlannedReminder] = field(default_factory=list)
    written: bool = False


def _window_deadlines(as_of):
    window_end = as_of + timedelta(days=settings.REMINDER_DUE_SOON_DAYS)
    # The partial index deadline_open_due serves this range scan. An ended placement's
    # deadlines are closed by the nightly refresh; until then they must not remind anyone.
    return Deadline.objects.due_by(window_end).filter(
        Q(placement__end_date__isnull=True) | Q(placement__end_date__gt=as_of)
    )


def current_recipients_by_placement(placement_ids, as_of):
    """{placement_id: {role: [person_id, …]}} for the professionals a reminder may reach.

    Only active professionals: foster parents and family never get deadline emails, even
    when someone gave them a professional's role by mistake.
    """
    rows = (
        Membership.objects.current(on=as_of)
        .filter(
            placement_id__in=placement_ids,
            role__in=stages.all_reminded_roles(),
            person__is_active=True,
            person__person_type__in=User.PROFESSIONAL_TYPES,
        )
        .exclude(person__email="")
        .order_by("placement_id", "role", "start_date", "person_id")
        .values_list("placement_id", "role", "person_id")
    )
    by_placement = {}
    for placement_id, role, person_id in rows:
        by_placement.setdefault(placement_id, {}).setdefault(role, []).append(person_id)
    return by_placement


def plan(as_of):
    """Every reminder that is current on `as_of`: (number of deadlines looked at, rows)."""
    window = _window_deadlines(as_of)
    deadlines = window.values_list("pk", "placement_id", "kind", "due_date", "responsible_role")
    members = current_recipients_by_placement(window.values("placement_id"), as_of)
    periods = stage_settings()
    # Many deadlines share a due date and a rule: compute each stage and role set once.
    stage_cache, roles_cache = {}, {}
    planned = {}
    count = 0
    for deadline_id, placement_id, kind, due_date, responsible_role in deadlines:
        count += 1
        if due_date not in stage_cache:
            stage_cache[due_date] = stages.stage_on(due_date, as_of, **periods)
        current = stage_cache[due_date]
        if current is None:
            continue
        team = members.get(placement_id)
        if not team:
            continue
        rule = (kind, responsible_role, current.stage)
        roles = roles_cache.get(rule)
        if roles is None:
            roles = roles_cache[rule] = list(stages.recipient_roles(*rule).items())
        for role, reason in roles:
            for person_id in team.get(role, ()):
                key = (deadline_id, current.stage, current.occurrence, person_id)
                # One person in two roles gets one row, with the strongest reason (the
                # roles come responsible first, then escalated, then informed).
                if key not in planned:
                    planned[key] = PlannedReminder(*key, current.starts, reason)
    return count, list(planned.values())


def _existing_keys(as_of):
    # A current stage started at most one period ago, so only those rows can match; older
    # rows are history. A row outside this range that still matches (its deadline's due
    # date moved) is caught by the unique constraint instead.
    longest = max(settings.REMINDER_DUE_SOON_DAYS, settings.REMINDER_OVERDUE_REPEAT_DAYS)
    return set(
        Reminder.objects.filter(
            stage_date__gte=as_of - timedelta(days=longest), stage_date__lte=as_of
        ).values_list("deadline_id", "stage", "occurrence", "recipient_id")
    )


def _insert(rows):
    """Insert the outbox rows, skipping any that exist (another sweep may be inserting them).

    On PostgreSQL one INSERT … SELECT FROM UNNEST of one array per column: building a model
    instance per row costs more than the database's own work at 100,000 deadlines. The
    values are ids, dates and our own choice keys (letters and underscores), so they are
    safe to write as array literals. Elsewhere (the embedded SQLite default) bulk_create.
    """
    if not rows:
        return
    if connection.vendor != "postgresql":
        Reminder.objects.bulk_create(
            [Reminder(**row._asdict()) for row in rows], ignore_conflicts=True
        )
        return
    quote = connection.ops.quote_name
    meta = Reminder._meta
    columns = [meta.get_field(name).column for name in PlannedReminder._fields]
    types = ["bigint", "varchar", "smallint", "bigint", "date", "varchar"]
    arrays = [
        "{" + ",".join(str(value) for value in values) + "}" for values in zip(*rows, strict=True)
    ]
    sql = (
        f"INSERT INTO {quote(meta.db_table)} "
        f"({', '.join(quote(c) for c in columns)}, {quote('status')}, "
        f"{quote('dropped_reason')}, {quote('created_at')}) "
        f"SELECT u.*, %s, '', %s FROM UNNEST("
        + ", ".join(f"%s::{t}[]" for t in types)
        + ") AS u ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [Reminder.Status.PENDING, timezone.now(), *arrays])


def reminders_sweep(*, as_of, dry_run=False):
    """Write the outbox rows for `as_of`. Safe to run any number of times, also concurrently.

    dry_run: compute what would be written and write nothing (not even the heartbeat).
    """
    count, planned = plan(as_of)
    existing = _existing_keys(as_of)
    # Sorted, so two sweeps at once insert (and wait on) the same keys in the same order
    # and cannot deadlock each other.
    new = sorted(row for row in planned if row[:4] not in existing)
    result = SweepResult(as_of=as_of, deadlines=count, new=new)
    if dry_run:
        return result
    _insert(new)
    result.written = True
    heartbeat_record(
        name=SWEEP_HEARTBEAT,
        detail=f"as of {as_of.isoformat()}: {count} deadlines, {len(new)} new reminders",
    )
    return result
