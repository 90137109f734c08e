"""The definitions of quality.definitions as SQL expressions, so the database computes them.

Each expression here mirrors one pure function there; the tests run both over the same
tables of cases. PostgreSQL is the production database; SQLite (the embedded `make run`)
gets equivalent SQL, and a median aggregate registered in quality.apps.
"""

from contextlib import contextmanager
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import (
    Aggregate,
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    FilteredRelation,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import LessThan

from zorgteam.models import Membership

from . import definitions as d


@contextmanager
def analytic_queries():
    """Run the quality queries with PostgreSQL's JIT compiler off. Their wide CASE
    expressions make the planner's cost estimate cross jit_above_cost, and compiling them
    took 0.7 s where running them takes milliseconds (measured on 1,000 placements). One
    query, the same for any amount of data."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Sorting a year of deadlines per norm spilled to disk at the default 4 MB.
                cursor.execute("SET LOCAL jit = off; SET LOCAL work_mem = '32MB'")
        yield


def streamed(lines):
    """An iterator over `lines` that runs its queries under analytic_queries(), for a
    streaming response that is read after the view has returned."""
    with analytic_queries():
        yield from lines


# --- Functions the ORM lacks -----------------------------------------------------------------


class DaysBetween(Func):
    """`later - earlier` in whole days (an integer, as date arithmetic in Python)."""

    output_field = IntegerField()
    arity = 2

    def as_sql(self, compiler, connection, **extra):
        later, earlier = (compiler.compile(e) for e in self.get_source_expressions())
        return f"({later[0]} - {earlier[0]})", (*later[1], *earlier[1])

    def as_sqlite(self, compiler, connection, **extra):
        later, earlier = (compiler.compile(e) for e in self.get_source_expressions())
        sql = f"CAST(julianday({later[0]}) - julianday({earlier[0]}) AS INTEGER)"
        return sql, (*later[1], *earlier[1])


class AddMonths(Func):
    """evaluations.rules.add_months in SQL: keep the day, clamp to the month's end."""

    output_field = DateField()
    arity = 1

    def __init__(self, expression, months, **extra):
        self.months = int(months)
        super().__init__(expression, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        # PostgreSQL's date + interval clamps to the month's end, as add_months does.
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"(({sql})::date + interval '{self.months} months')::date", params

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite rolls 31 January + 1 month over into March: take the first of the target
        # month plus (day - 1) days, capped at the target month's last day.
        sql, params = compiler.compile(self.get_source_expressions()[0])
        n = self.months
        same_day = (
            f"date({sql}, 'start of month', '{n:+d} months', "
            f"'+' || (CAST(strftime('%%d', {sql}) AS INTEGER) - 1) || ' days')"
        )
        month_end = f"date({sql}, 'start of month', '{n + 1:+d} months', '-1 day')"
        return f"MIN({same_day}, {month_end})", (*params, *params, *params)

    def as_sql(self, compiler, connection, **extra):  # pragma: no cover - other databases
        raise NotImplementedError(f"AddMonths is not written for {connection.vendor}")


class Median(Aggregate):
    """The median of the non-null values (PostgreSQL's percentile_cont)."""

    function = "percentile_cont"
    name = "Median"
    output_field = FloatField()
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra):
        # A Python aggregate registered on each SQLite connection (quality.apps).
        return super().as_sql(
            compiler,
            connection,
            function="quality_median",
            template="%(function)s(%(expressions)s)",
        )


def median_sql(column):
    """Median as raw SQL for the database in use (see Median)."""
    if connection.vendor == "postgresql":
        return f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {column})"
    return f"quality_median({column})"


class SQLiteMedian:
    """The `quality_median` aggregate for SQLite (sqlite3.Connection.create_aggregate)."""

    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        if not self.values:
            return None
        values = sorted(self.values)
        middle = len(values) // 2
        if len(values) % 2:
            return float(values[middle])
        return (values[middle - 1] + values[middle]) / 2.0


# --- One deadline's outcome (definitions.outcome, definitions.days_late) ----------------------


def outcome(as_of):
    return Case(
        When(status=d.DONE, closed_on__lte=F("due_date"), then=Value(d.ON_TIME)),
        When(status=d.DONE, then=Value(d.LATE)),
        When(status=d.OPEN, due_date__lt=as_of, then=Value(d.LATE)),
        When(status=d.OPEN, then=Value(d.PENDING)),
        When(status=d.CANCELLED, closed_on__gt=F("due_date"), then=Value(d.LATE)),
        default=Value(d.NOT_JUDGED),
        output_field=CharField(),
    )


def days_late(as_of):
    return Case(
        When(status=d.DONE, closed_on__gt=F("due_date"), then=DaysBetween("closed_on", "due_date")),
        When(
            status=d.OPEN,
            due_date__lt=as_of,
            then=DaysBetween(Value(as_of, output_field=DateField()), "due_date"),
        ),
        When(
            status=d.CANCELLED,
            closed_on__gt=F("due_date"),
            then=DaysBetween("closed_on", "due_date"),
        ),
        default=None,
        output_field=IntegerField(),
    )


def judged(as_of):
    """outcome(as_of) in (ON_TIME, LATE), on plain columns: the planner estimates these well
    (the CASE expression it guessed at 1% of the rows, and sorted on disk)."""
    return (
        Q(status=d.DONE)
        | Q(status=d.OPEN, due_date__lt=as_of)
        | Q(status=d.CANCELLED, closed_on__gt=F("due_date"))
    )


def on_time():
    """outcome == ON_TIME, on plain columns."""
    return Q(status=d.DONE, closed_on__lte=F("due_date"))


# --- Age at placement (definitions.age_in_years, definitions.age_band) ----------------------


def age_in_years(birth, on):
    before_birthday = LessThan(
        ExtractMonth(on) * 100 + ExtractDay(on), ExtractMonth(birth) * 100 + ExtractDay(birth)
    )
    return (
        ExtractYear(on)
        - ExtractYear(birth)
        - Case(When(before_birthday, then=Value(1)), default=Value(0), output_field=IntegerField())
    )


def age_band(birth, on):
    age = age_in_years(birth, on)
    return Case(
        When(Q(**{f"{birth}__isnull": True}), then=Value(d.AGE_UNKNOWN)),
        When(LessThan(age, 5), then=Value(d.AGE_0_4)),
        When(LessThan(age, 12), then=Value(d.AGE_5_11)),
        default=Value(d.AGE_12_UP),
        output_field=CharField(),
    )


# --- Endings (definitions.duration_bucket) ----------------------------------------------------


def duration_bucket(start="start_date", end="end_date"):
    return Case(
        When(LessThan(F(end), AddMonths(F(start), 3)), then=Value(d.WITHIN_3_MONTHS)),
        When(LessThan(F(end), AddMonths(F(start), 12)), then=Value(d.MONTHS_3_TO_12)),
        default=Value(d.AFTER_12_MONTHS),
        output_field=CharField(),
    )


# --- Staff changes in the 12 months up to a day (definitions.staff_changes) -----------------


def staff_changes(reference):
    """The number of staff changes of each placement in the 12 months up to `reference`: a
    date, or the name of a date annotation of the outer placement query."""
    if isinstance(reference, date):
        window = Q(start_date__gte=d.lookback_start(reference), start_date__lte=reference)
    else:
        # lookback_start(ref) <= start  <=>  add_months(ref, -12) < start
        window = Q(start_date__gt=AddMonths(OuterRef(reference), -d.LOOKBACK_MONTHS))
        window &= Q(start_date__lte=OuterRef(reference))
    earlier = Membership.objects.filter(
        placement_id=OuterRef("placement_id"), role=OuterRef("role")
    ).filter(
        Q(start_date__lt=OuterRef("start_date"))
        | Q(start_date=OuterRef("start_date"), pk__lt=OuterRef("pk"))
    )
    changes = (
        Membership.objects.filter(placement_id=OuterRef("pk"), role__in=d.STAFF_CHANGE_ROLES)
        .filter(window)
        .filter(Exists(earlier))
        .order_by()
        .values("placement_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(changes[:1]), 0, output_field=IntegerField())


# --- Who held the responsible role on the due date -----------------------------------------


def with_holder(deadlines):
    """Deadlines joined to the membership of whoever held their responsible role on the due
    date, as `holder` (holder__person_id; null when nobody did). If two overlapped, the one
    who started last: a new professional added before the old one was ended takes over.

    A join (hash joins over the whole period) rather than a subquery per deadline: three
    times faster on a year of 10,000 placements' deadlines.
    """
    covers = Q(placement__memberships__role=F("responsible_role")) & Q(
        placement__memberships__start_date__lte=F("due_date")
    )
    covers &= Q(placement__memberships__end_date__isnull=True) | Q(
        placement__memberships__end_date__gte=F("due_date")
    )
    newer = (
        Membership.objects.filter(
            placement_id=OuterRef("placement_id"),
            role=OuterRef("responsible_role"),
            start_date__lte=OuterRef("due_date"),
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("due_date")))
        .filter(
            Q(start_date__gt=OuterRef("holder__start_date"))
            | Q(start_date=OuterRef("holder__start_date"), pk__gt=OuterRef("holder__id"))
        )
    )
    return deadlines.annotate(
        holder=FilteredRelation("placement__memberships", condition=covers)
    ).filter(~Exists(newer))


def responsible_on_due_date(field="person__full_name"):
    """One field of the member who held the role on the due date, for a short list."""
    holders = (
        Membership.objects.filter(
            placement_id=OuterRef("placement_id"),
            role=OuterRef("responsible_role"),
            start_date__lte=OuterRef("due_date"),
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("due_date")))
        .order_by("-start_date", "-pk")
        .values(field)
    )
    return Subquery(holders[:1])


# --- Aggregating over per-row facts that are correlated subqueries ------------------------


def over_rows(queryset, select, params=(), dates=()):
    """Run `select` (SQL that reads the table "t") over the rows of `queryset`, a values()
    queryset, computed once each.

    PostgreSQL inlines a plain subquery in FROM into the outer query, so a per-row fact that
    is a correlated subquery runs again for every outer reference (a filter, a sort key, each
    aggregate): measured three times per placement. A MATERIALIZED common table expression
    computes each row once. Returns a list of dicts; the `dates` columns as dates (a raw
    query bypasses the ORM's converters: SQLite hands dates over as text).
    """
    inner, inner_params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"WITH t AS MATERIALIZED ({inner}) {select}", (*inner_params, *params))
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        for name in dates:
            value = row[name]
            if isinstance(value, str):
                row[name] = date.fromisoformat(value[:10])
            elif isinstance(value, datetime):  # DATE_TRUNC on PostgreSQL: a timestamp
                row[name] = value.date()
    return rows
