"""What each page and each CSV export shows: figures turned into tables and charts.

The overview computes each figure once; an export computes only its own table. Either way
the number of queries is fixed: it does not grow with the number of placements.
"""

from . import ending_tables as et
from . import norm_tables as nt
from . import risk_tables as rt
from .endings import endings
from .figures import age_split, by_professional, by_team, compute, norm_figures, trend
from .norms import AGE_NORMS, NORMS
from .risk import ranked

RISK_ON_OVERVIEW = 25


def _with_data(trend_data):
    """The norms with anything due in the period (the others say "no data" once, above)."""
    return [norm.key for norm in NORMS if any(counts.judged for _m, counts in trend_data[norm.key])]


def overview(scope, links):
    computed = compute(scope)
    figures, trend_data, ages = computed.norms, computed.trend, computed.ages
    with_data = _with_data(trend_data)
    ending = endings(scope)
    ranked_rows, counts = ranked(scope, limit=RISK_ON_OVERVIEW)
    top = rt.risk_rows(ranked_rows, scope.today)
    context = {
        "figures": figures,
        "norms_table": nt.norms_table(figures, links),
        "norms_chart": nt.norms_chart(figures),
        "trend_table": nt.trend_table(trend_data, links, with_data),
        "trend_charts": nt.trend_charts(trend_data, with_data),
        "no_data_norms": [f.norm for f in figures if not f.judged],
        "age_sections": [
            (norm, nt.age_chart(norm, ages[norm.key]), nt.age_table(norm, ages[norm.key], links))
            for norm in AGE_NORMS
        ],
        "endings": ending,
        "reasons_table": et.reasons_table(ending, links),
        "reasons_chart": et.reasons_chart(ending),
        "durations_table": et.durations_table(ending, links),
        "durations_chart": et.durations_chart(ending),
        "preceded_table": et.preceded_table(ending, links),
        "preceded_chart": et.preceded_chart(ending),
        "risk_counts": counts,
        "signals_table": rt.signals_table(counts, links),
        "signals_chart": rt.signals_chart(counts),
        "risk_rows": top,
        "risk_more": counts.at_risk > len(top),
        "risk_export_url": links.export("risk"),
    }
    if computed.people is not None:
        people = computed.people
        keys = [n.key for n in NORMS if any(n.key in g.norms for g in people)]
        context["people_table"] = nt.groups_table(people, links, keys)
        context["teams_table"] = nt.groups_table(by_team(people), links, keys, teams=True)
    return links.with_exports(context)


def _people(scope, links, teams):
    people = by_professional(scope)
    keys = [n.key for n in NORMS if any(n.key in g.norms for g in people)]
    groups = by_team(people) if teams else people
    return nt.groups_table(groups, links, keys, teams=teams)


def _trend(scope, links):
    trend_data = trend(scope)
    return nt.trend_table(trend_data, links, _with_data(trend_data))


# The tables of the overview, by their key, for the CSV export. Per professional and per
# team only for those who oversee an organisation (the view checks Scope.is_lead).
EXPORTS = {
    "norms": lambda scope, links: nt.norms_table(norm_figures(scope), links),
    "trend": _trend,
    **{
        f"age-{norm.key}": (
            lambda scope, links, norm=norm: nt.age_table(norm, age_split(scope)[norm.key], links)
        )
        for norm in AGE_NORMS
    },
    "professionals": lambda scope, links: _people(scope, links, teams=False),
    "teams": lambda scope, links: _people(scope, links, teams=True),
    "endings-reasons": lambda scope, links: et.reasons_table(endings(scope), links),
    "endings-durations": lambda scope, links: et.durations_table(endings(scope), links),
    "endings-preceded": lambda scope, links: et.preceded_table(endings(scope), links),
    "risk-signals": lambda scope, links: rt.signals_table(ranked(scope, limit=1)[1], links),
}
LEAD_ONLY = {"professionals", "teams"}
