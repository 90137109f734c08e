"""The quality page, the lists behind its figures, and the CSV exports. Thin: scope, form,
figures, render. Families get a 404: to them this page does not exist."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audit_record
from zorgteam.models import Membership

from . import ending_tables as et
from . import endings, figures, lists, pages, risk, sql
from . import risk_tables as rt
from .forms import DeadlineFilterForm, PeriodForm, PlacementFilterForm, RiskFilterForm
from .norms import NORMS_BY_KEY
from .scope import Scope
from .tables import Links, csv_lines

PAGE_SIZE = 50


def professionals_only(view):
    """Login required; families get a 404. The view's queries (and the rendering of the
    template, which reads some of them) run under sql.analytic_queries()."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_professional or request.user.is_superuser):
            raise Http404
        with sql.analytic_queries():
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            return response

    return wrapped


def _scope(request):
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, today=today)
    return Scope(request.user, today, form.period()), form


def _valid(form):
    if not form.is_valid():
        raise Http404  # a hand-edited link: there is no such figure
    return form


def _page(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _csv(request, table, what):
    audit_record(user=request.user, action="export", what=f"quality CSV: {what}")
    response = StreamingHttpResponse(
        sql.streamed(csv_lines(table)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="kwaliteit-{table.key}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@professionals_only
def overview(request):
    scope, form = _scope(request)
    links = Links(scope.period)
    context = pages.overview(scope, links)
    context.update(scope=scope, form=form, links=links, organisation=request.user.organisation)
    return render(request, "quality/overview.html", context)


def _render_list(request, scope, form, heading, page, table, query):
    links = Links(scope.period)
    context = {
        "scope": scope,
        "form": form,
        "links": links,
        "keep": query,
        "heading": heading,
        "page": page,
        "table": table(page.object_list, heading, query),
    }
    return render(request, "quality/list.html", links.with_exports(context))


# --- The deadlines behind a norm's figure -----------------------------------------------------


def _deadline_filters(request, scope):
    filters = _valid(DeadlineFilterForm(request.GET)).filters()
    norm = NORMS_BY_KEY.get(filters["norm"]) if filters["norm"] else None
    if not scope.is_lead and (filters["person"] or filters["team"]):
        raise Http404  # per professional and per team are the team lead's views
    # Names only of people in the zorgteams of the scope: a made-up pk shows no stranger.
    in_scope = Membership.objects.filter(placement__in=scope.placements())
    person = team = ""
    if isinstance(filters["person"], int):
        found = in_scope.filter(person_id=filters["person"]).values_list("person__full_name")
        person = next(iter(found[:1]), ("",))[0]
    if isinstance(filters["team"], int):
        found = in_scope.filter(person__organisation_id=filters["team"]).values_list(
            "person__organisation__name"
        )
        team = next(iter(found[:1]), ("",))[0]
    heading = lists.deadline_heading(filters, norm, person, team)
    queryset = figures.deadlines_behind(scope, **{**filters, "norm": norm})
    query = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in filters.items()}
    return queryset, heading, {k: v for k, v in query.items() if v is not None}


@professionals_only
def deadlines(request):
    scope, form = _scope(request)
    queryset, heading, query = _deadline_filters(request, scope)
    page = _page(request, lists.deadline_rows(queryset))
    audit_record(user=request.user, action="view", what=f"quality list: {heading}"[:200])
    return _render_list(request, scope, form, heading, page, lists.deadline_table, query)


# --- The placements behind an endings figure ------------------------------------------------


def _placement_filters(request, scope):
    filters = _valid(PlacementFilterForm(request.GET)).filters()
    parts = [str(et.GROUP_LABELS[filters["group"]]) if filters["group"] else _("Ended")]
    if filters["reason"]:
        parts.append(et.reason_label(filters["reason"]))
    if filters["bucket"]:
        parts.append(str(et.BUCKET_LABELS[filters["bucket"]]))
    if filters["signal"]:
        parts.append(str(et.PRECEDED_LABELS[filters["signal"]]))
    query = {k: v for k, v in filters.items() if v is not None}
    return endings.placements_behind(scope, **filters), " · ".join(parts), query


@professionals_only
def placements(request):
    scope, form = _scope(request)
    queryset, heading, query = _placement_filters(request, scope)
    page = _page(request, lists.placement_rows(queryset))
    audit_record(user=request.user, action="view", what=f"quality list: {heading}"[:200])
    return _render_list(request, scope, form, heading, page, lists.placement_table, query)


# --- Placements at risk ------------------------------------------------------------------------


@professionals_only
def risk_list(request):
    scope, form = _scope(request)
    signal = _valid(RiskFilterForm(request.GET)).cleaned_data["signal"] or None
    try:
        number = max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        number = 1
    rows, counts = risk.ranked(
        scope, signal=signal, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE
    )
    if not rows and number > 1:  # past the end: the first page, as Paginator.get_page does
        number = 1
        rows, counts = risk.ranked(scope, signal=signal, limit=PAGE_SIZE)
    # The page's rows came with the count (window sums): the Paginator only numbers pages.
    paginator = Paginator(range(counts.matching), PAGE_SIZE)
    page = paginator.get_page(number)
    audit_record(user=request.user, action="view", what="quality list: placements at risk")
    links = Links(scope.period)
    keep = {"signal": signal} if signal else {}
    return render(
        request,
        "quality/risk.html",
        {
            "scope": scope,
            "form": form,
            "links": links,
            "keep": keep,
            "signal_label": risk.SIGNAL_LABELS.get(signal, ""),
            "page": page,
            "rows": rt.risk_rows(rows, scope.today),
            "export_url": links.export("risk", **keep),
        },
    )


# --- CSV -------------------------------------------------------------------------------------


@professionals_only
def export(request, key):
    scope, _form = _scope(request)
    links = Links(scope.period)
    if key == "deadlines":
        queryset, heading, query = _deadline_filters(request, scope)
        table = lists.deadline_table(lists.deadline_rows(queryset).iterator(), heading, query)
    elif key == "placements":
        queryset, heading, query = _placement_filters(request, scope)
        table = lists.placement_table(lists.placement_rows(queryset).iterator(), heading, query)
    elif key == "risk":
        signal = _valid(RiskFilterForm(request.GET)).cleaned_data["signal"] or None
        rows, _counts = risk.ranked(scope, signal=signal, everything=True)
        table = rt.risk_table(rt.risk_rows(rows, scope.today))
    elif key in pages.EXPORTS and (key not in pages.LEAD_ONLY or scope.is_lead):
        table = pages.EXPORTS[key](scope, links)
    else:
        raise Http404
    return _csv(request, table, key)
