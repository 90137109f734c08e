"""Importing a running caseload (`manage.py import_caseload`): check, plan, then write in bulk.

The rows come parsed and checked from caseload_import.parsing. Here: what needs the
database (existing people and placements), a plan of what changes, and the writes. The
writes are bulk inserts and a bulk deadline refresh, not one service call per row: 10,000
rows must import in seconds, and the whole file is one transaction (all or nothing).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.models import Child, Placement, VariantChange
from core.models import AuditEvent
from evaluations.models import Deadline
from evaluations.services.deadlines import chunked, deadlines_refresh_many, placements_facts
from zorgteam.models import Membership

from .parsing import CaseloadFileError, RowError
from .planning import (
    TEAM_ROLES,
    Writes,
    import_note,
    new_deadlines,
    plan_new,
    plan_people,
    plan_update,
    team_of,
)

BATCH = 1000


@dataclass
class ImportReport:
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    people_created: int = 0
    memberships_added: int = 0
    memberships_ended: int = 0
    events: Counter = field(default_factory=Counter)  # verbose name -> count
    deadlines_opened: int = 0
    details: list[str] = field(default_factory=list)  # one line per updated placement


def _by_chunks(queryset_for, keys):
    for batch in chunked(sorted(keys)):
        yield from queryset_for(batch)


def _load_users(emails):
    return {
        user.email: user
        for user in _by_chunks(
            lambda batch: User.objects.filter(email__in=batch).only("pk", "email", "person_type"),
            emails,
        )
    }


def _load_placements(references):
    return {
        p.reference: p
        for p in _by_chunks(
            lambda batch: Placement.objects.filter(reference__in=batch).select_related("child"),
            references,
        )
    }


def _load_team(placements, today):
    """{placement pk: {role: [membership, ...]}} of the members who are (or will be) in the team."""
    team = defaultdict(lambda: defaultdict(list))
    for membership in _by_chunks(
        lambda batch: (
            Membership.objects.filter(placement_id__in=batch, role__in=TEAM_ROLES)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
            .select_related("person")
            .order_by("start_date", "pk")
        ),
        [p.pk for p in placements],
    ):
        team[membership.placement_id][membership.role].append(membership)
    return team


def _database_errors(rows, users, existing, facts):
    """Problems only the database can show, reported like the file's own (by line)."""
    errors = []
    for row in rows:
        for email in (row.pleegzorgbegeleider_email, row.voogd_email):
            user = users.get(email)
            if user is not None and not user.is_professional:
                errors.append(
                    RowError(
                        row.line,
                        _("%(email)s is registered as %(type)s, not as a professional.")
                        % {"email": email, "type": user.get_person_type_display()},
                    )
                )
        for email in row.pleegouder_emails:
            user = users.get(email)
            if user is not None and user.is_professional:
                errors.append(
                    RowError(
                        row.line,
                        _("%(email)s is registered as a professional and cannot be a pleegouder.")
                        % {"email": email},
                    )
                )
        placement = existing.get(row.reference)
        if placement is None:
            continue
        if placement.start_date != row.start:
            errors.append(
                RowError(
                    row.line,
                    _(
                        "placement %(reference)s exists with start date %(date)s; an import "
                        "cannot change the start of a placement."
                    )
                    % {"reference": row.reference, "date": placement.start_date.isoformat()},
                )
            )
        if row.end is not None:
            last = _last_event_day(facts[placement.pk])
            if last is not None and row.end < last:
                errors.append(
                    RowError(
                        row.line,
                        _("placement_end is before an event recorded on %(date)s.")
                        % {"date": last.isoformat()},
                    )
                )
    return errors


def _last_event_day(facts):
    days = [
        facts.last_visit_evaluation,
        facts.last_guardian_contact,
        facts.perspective_study_started,
        facts.perspective_decided,
        *facts.meeting_dates,
        *(order.date for order in facts.court_orders),
    ]
    days = [d for d in days if d is not None]
    return max(days) if days else None


def _write(writes, users, existing, today):
    User.objects.bulk_create(writes.users.values(), batch_size=BATCH)
    users = {**users, **writes.users}

    Child.objects.bulk_create([child for _row, child, _p in writes.new], batch_size=BATCH)
    for _row, child, placement in writes.new:
        placement.child = child
    Placement.objects.bulk_create([p for _row, _c, p in writes.new], batch_size=BATCH)
    placements = {**existing, **{p.reference: p for _row, _c, p in writes.new}}

    Child.objects.bulk_update(
        writes.children_changed, ["first_name", "last_name", "birth_date"], batch_size=BATCH
    )
    now = timezone.now()
    for placement in writes.placements_changed:
        placement.updated_at = now  # bulk_update skips auto_now
    Placement.objects.bulk_update(
        writes.placements_changed, ["variant", "end_date", "updated_at"], batch_size=BATCH
    )
    VariantChange.objects.bulk_create(
        (
            VariantChange(
                placement=placements[reference],
                variant=variant,
                from_date=day,
                note=import_note(),
            )
            for reference, variant, day in writes.variant_changes
        ),
        batch_size=BATCH,
    )
    Membership.objects.bulk_update(writes.memberships_ended, ["end_date"], batch_size=BATCH)
    for batch in chunked(m.pk for m in writes.memberships_dropped):
        Membership.objects.filter(pk__in=batch).delete()
    for membership, email in writes.memberships_repointed:
        membership.person = users[email]
    Membership.objects.bulk_update(
        [m for m, _email in writes.memberships_repointed], ["person"], batch_size=BATCH
    )
    Membership.objects.bulk_create(
        (
            Membership(
                placement=placements[reference], person=users[email], role=role, start_date=start
            )
            for reference, role, email, start in writes.memberships_new
        ),
        batch_size=BATCH,
    )
    by_model = defaultdict(list)
    for reference, model, values in writes.events:
        by_model[model].append(model(placement=placements[reference], **values))
    for model, objects in by_model.items():
        model.objects.bulk_create(objects, batch_size=BATCH)

    new_references = {p.reference for _row, _c, p in writes.new}
    # AVG: every change of a case file is traceable; an import has no user, the row says so.
    AuditEvent.objects.bulk_create(
        (
            AuditEvent(
                action=AuditEvent.Action.CREATE
                if reference in new_references
                else AuditEvent.Action.CHANGE,
                what="caseload import",
                placement=placements[reference],
            )
            for reference in sorted(writes.touched)
        ),
        batch_size=BATCH,
    )
    deadlines = new_deadlines(writes, today)
    Deadline.objects.bulk_create(deadlines, batch_size=BATCH)
    # Updated placements may have history the file does not show: the general refresh.
    counts = deadlines_refresh_many(
        placement_ids=[
            placements[reference].pk
            for reference in writes.touched
            if reference not in new_references
        ],
        today=today,
    )
    return len(deadlines) + counts.opened


def caseload_import(*, rows, dry_run=False, today=None):
    """Create or update the placements of a parsed caseload file. All or nothing.

    Raises CaseloadFileError (nothing written) when a row conflicts with the database.
    With dry_run, returns the report of what would change and writes nothing.
    """
    today = today or timezone.localdate()
    # Reads and writes in one transaction: the plan is made from what it then changes.
    with transaction.atomic():
        return _import(rows, dry_run, today)


def _import(rows, dry_run, today):
    emails = {email for row in rows for _role, email in team_of(row)}
    users = _load_users(emails)
    existing = _load_placements({row.reference for row in rows})
    facts = placements_facts(list(existing.values()), today=today)
    errors = _database_errors(rows, users, existing, facts)
    if errors:
        raise CaseloadFileError(errors)

    team = _load_team(existing.values(), today)
    writes = Writes()
    report = ImportReport(dry_run=dry_run)
    plan_people(rows, users, writes)
    for row in rows:
        placement = existing.get(row.reference)
        if placement is None:
            plan_new(row, writes)
            report.created += 1
            continue
        changes = plan_update(
            row, placement, team[placement.pk], facts[placement.pk], today, writes
        )
        if changes:
            report.updated += 1
            report.details.append(
                _("line %(line)s, %(reference)s: %(changes)s")
                % {"line": row.line, "reference": row.reference, "changes": "; ".join(changes)}
            )
        else:
            report.unchanged += 1

    report.people_created = len(writes.users)
    report.memberships_added = len(writes.memberships_new) + len(writes.memberships_repointed)
    report.memberships_ended = len(writes.memberships_ended) + len(writes.memberships_dropped)
    report.events = Counter(str(model._meta.verbose_name) for _ref, model, _v in writes.events)
    if dry_run:
        report.deadlines_opened = len(new_deadlines(writes, today))
        return report
    report.deadlines_opened = _write(writes, users, existing, today)
    return report
