"""Reads for the caseload dashboard. Everything starts at Placement.objects.visible_to(user).

The caseload is filtered and sorted in SQL (a subquery gives each placement its most urgent
open due date), one page is fetched, and the page's open deadlines and current voogden come
in one query each. So the number of queries is the same for 10 or 1,000 placements.
"""

from collections import defaultdict
from datetime import timedelta
from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Concat

from cases.models import Placement
from core.dates import since_start
from evaluations.formatting import labels, short_date
from evaluations.lights import lights_for, worst_status
from evaluations.links import placement_url
from evaluations.models import Deadline
from zorgteam.audiences import REGIE_ROLES
from zorgteam.models import Membership, Role

WEEK_DAYS = 7
# The placement fields a caseload row uses (decorate_rows, the caseload_row tag).
ROW_FIELDS = (
    "reference",
    "variant",
    "start_date",
    "end_date",
    "provider_id",
    "child__first_name",
    "child__last_name",
)


def caseload_queryset(user, *, today, filters=None):
    """The caseload, most urgent first: earliest open due date; ended placements last.

    `filters` is the cleaned data of CaseloadFilterForm (empty: every running placement).
    """
    filters = filters or {}
    open_deadlines = Deadline.objects.open().filter(placement=OuterRef("pk"))
    # The first entry of the index deadline_open_by_placement, for each row.
    next_due = open_deadlines.order_by("due_date").values("due_date")
    qs = (
        Placement.objects.visible_to(user, on=today)
        .select_related("child")
        # Only what a row shows: PostgreSQL sorts and windows every running placement before
        # the page is cut, and all their columns made that a third slower at 1,000.
        .only(*ROW_FIELDS)
        .annotate(
            next_due=Subquery(next_due[:1]),
            ended=Case(
                When(end_date__isnull=False, end_date__lte=today, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
    )
    if not filters.get("show_ended"):
        qs = qs.filter(ended=0)
    urgency = filters.get("urgency")
    if urgency == "overdue":
        qs = qs.filter(Exists(open_deadlines.filter(due_date__lt=today)))
    elif urgency == "week":
        week_end = today + timedelta(days=WEEK_DAYS)
        qs = qs.filter(Exists(open_deadlines.filter(due_date__gte=today, due_date__lte=week_end)))
    if filters.get("variant"):
        qs = qs.filter(variant=filters["variant"])
    if filters.get("voogd"):
        qs = qs.filter(
            Exists(
                Membership.objects.current(on=today).filter(
                    placement=OuterRef("pk"), role=Role.VOOGD, person=filters["voogd"]
                )
            )
        )
    search = (filters.get("q") or "").strip()
    if search:
        qs = qs.annotate(
            child_name=Concat("child__first_name", Value(" "), "child__last_name")
        ).filter(
            Q(reference__icontains=search)
            | Q(child__first_name__icontains=search)
            | Q(child__last_name__icontains=search)
            | Q(child_name__icontains=search)
        )
    return qs.order_by("ended", F("next_due").asc(nulls_last=True), "reference")


# Beyond this a page number is a typo or a probe: it reads as "past the end" (the last page)
# instead of reaching the database as an OFFSET it cannot hold (a 500 before).
MAX_PAGE = 100_000


def page_number(value):
    """The page number asked for, as a plain int from 1 to MAX_PAGE (a pure function)."""
    try:
        number = int(str(value).strip()) if value is not None else 1
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def caseload_page(queryset, number, per_page):
    """One page of the caseload, and a Paginator that knows the total, in one query.

    COUNT(*) OVER () rides along with the page's rows, saving the separate COUNT that
    Paginator would run. Only an empty or out-of-range page costs the usual queries.
    """
    paginator = Paginator(queryset, per_page)
    number = page_number(number)
    offset = (number - 1) * per_page
    rows = list(queryset.annotate(total=Window(Count("pk")))[offset : offset + per_page])
    if not rows:
        return paginator.get_page(number)  # as Django does: past the end means the last page
    paginator.count = rows[0].total  # Paginator.count is a cached_property: set it, skip it
    return Page(rows, number, paginator)


def decorate_rows(placements, *, today, user=None):
    """Give one page of placements their lights and current voogd: two queries in all.

    Like prefetch_related, but as plain tuples: a page holds some 250 open deadlines, and
    building a model instance for each was a measurable share of the render time.
    Deadlines tell of court orders and the voogd's contacts, so a placement gets lights only
    where `user` reads the whole file (zorgteam.access); the same membership query tells.
    """
    placements = list(placements)
    ids = [p.pk for p in placements]
    deadlines = defaultdict(list)
    voogden = {}
    whole_file = set()
    if user is None or user.is_superuser:
        whole_file = set(ids)
    elif user.is_professional and user.is_team_lead and user.organisation_id:
        whole_file = {p.pk for p in placements if p.provider_id == user.organisation_id}
    if ids:
        # Ordered by start: after a staff change the newest voogd is the current one.
        mine = Q(person=user, role__in=REGIE_ROLES) if user is not None else Q(pk__in=[])
        for placement_id, role, person_id, name in (
            Membership.objects.current(on=today)
            .filter(Q(role=Role.VOOGD) | mine, placement_id__in=ids)
            .order_by("start_date", "pk")
            .values_list("placement_id", "role", "person_id", "person__full_name")
        ):
            if role == Role.VOOGD:
                voogden[placement_id] = name
            if user is not None and person_id == user.pk and role in REGIE_ROLES:
                whole_file.add(placement_id)
        for row in (
            Deadline.objects.open()
            .filter(placement_id__in=[pk for pk in ids if pk in whole_file])
            .order_by("due_date", "kind")
            .values_list("placement_id", "kind", "key", "due_date", "responsible_role")
        ):
            deadlines[row[0]].append(row[1:])
    lab = labels()
    for p in placements:
        p.lights = lights_for(deadlines[p.pk], reference=p.reference, today=today)
        p.worst = worst_status(p.lights)
        p.voogd_name = voogden.get(p.pk, "")
        p.variant_label = lab["variant"].get(p.variant, p.variant)
        p.url = placement_url(p.reference)
        p.since_start = since_start(p.start_date, today)
        p.start_label = lab["from"] % {"date": short_date(p.start_date, lab)}
    return placements


def _running(user, today):
    # Deadlines are the whole file's business (zorgteam.access): not a teacher's.
    return Placement.objects.whole_file_for(user, on=today).active(on=today)


def this_week(user, *, today, limit):
    """Everything overdue or due in the next 7 days across the caseload, oldest first.

    Returns (lights, counts): at most `limit` lights, and how many are overdue and due in the
    next 7 days in all.

    Two queries: the list walks the index deadline_open_due and stops after `limit` rows; the
    counts are one pass with hash joins. Counted by window functions over the listed query,
    PostgreSQL visited every due deadline through nested loops: 11 ms at 1,000 placements
    where the two take 2.
    """
    due = Deadline.objects.due_by(today + timedelta(days=WEEK_DAYS)).filter(
        placement__in=_running(user, today)
    )
    counts = due.aggregate(overdue=Count("pk", filter=Q(due_date__lt=today)), total=Count("pk"))
    rows = due.order_by("due_date", "placement__reference", "kind").values_list(
        "kind",
        "key",
        "due_date",
        "responsible_role",
        "placement__reference",
        "placement__child__first_name",
    )[:limit]
    lights = [
        light
        for kind, key, due_date, role, ref, name in rows
        for light in lights_for(
            [(kind, key, due_date, role)], reference=ref, today=today, child_first_name=name
        )
    ]
    return lights, {"overdue": counts["overdue"], "week": counts["total"] - counts["overdue"]}


class VoogdChoice(NamedTuple):
    """A voogd in the caseload's filter: all the filter shows and sends."""

    pk: int
    full_name: str
    email: str


def voogd_choices(user, *, today):
    """The current voogden of the caseload, for the filter, by name (VoogdChoice).

    Two flat queries, the first's result handed to the second as one array, rather than one
    query nested three deep (users, their memberships, the visible placements with the
    reader's own membership): on a freshly filled database without statistics PostgreSQL
    planned the nested form (and a two-deep one) into more than ten minutes.
    """
    visible = list(
        Placement.objects.visible_to(user, on=today).order_by().values_list("pk", flat=True)
    )
    rows = (
        Membership.objects.current(on=today)
        # A thousand ids for an application manager or a team lead: one array parameter.
        .filter(role=Role.VOOGD, placement_id__in_array=visible)
        .values_list("person_id", "person__full_name", "person__email")
        .order_by("person__full_name", "person_id")
        .distinct()
    )
    return [VoogdChoice(*row) for row in rows]
