"""Every norm's figures on a hand-made organisation, with the answers worked out by hand.

Organisation "Pleegzorg Noord" (team lead Lotte) has three placements; another provider has
one whose deadlines must count nowhere. Period: 1 Dec 2025 - 22 Nov 2026 (today).

P1 (start 1 Jun 2025, child born 10 Jan 2023: 2 at placement)
   pleegzorgbegeleider Anna until 31 May 2026, then Bram (a staff change); voogd Vera
P2 (start 10 Feb 2026, child born 1 May 2010: 15)   Anna; voogd Wim (no organisation)
P3 (start 20 Dec 2025, child born 1 Mar 2018: 7)    Bram; voogd Vera

visit evaluation (pleegzorgbegeleider)
  P1 due 15 Nov 2025, done 10 Dec 2025   before the period: not counted
  P1 due 15 Jan 2026, done 10 Jan        on time   Anna
  P1 due 15 Apr 2026, done 5 May         late 20   Anna
  P1 due  5 Aug 2026, done 5 Aug         on time   Bram  (done on the due date)
  P1 due  5 Nov 2026, open               late 17   Bram  (open past due)
  P1 due 22 Nov 2026, open               pending: due today, not judged
  P2 due 10 May 2026, done 9 Jun         late 30   Anna
  P2 due  9 Sep 2026, dropped 1 Sep      not judged (stopped applying before due)
  P2 due  1 Oct 2026, dropped 11 Oct     late 10   Anna  (was overdue when dropped)
  -> 6 judged, 2 on time (33%), 4 late: median (17+20)/2 = 18.5 days, worst 30, 1 still open
guardian contact (voogd)
  P1 due 1 Mar 2026 done 20 Feb on time Vera; P1 due 12 Apr done 12 Apr on time Vera;
  P2 due 24 Mar done 3 Apr late 10 Wim    -> 3 judged, 2 on time, median 10, worst 10
perspective study (voogd)     P2 due 10 May done 1 May on time Wim  -> 1 of 1
perspective decision (voogd)
  P1 due 1 Mar 2026 done 15 Apr late 45 Vera (0-4); P2 due 10 Nov open late 12 Wim (12+);
  P3 due 20 Sep done 1 Sep on time Vera (5-11) -> 3 judged, 1 on time, median 28.5, worst 45
handover (the new pleegzorgbegeleider)  P1 due 15 Jun done 10 Jun on time Bram -> 1 of 1
meeting after a request, start meeting: no deadlines of these kinds yet -> no data

Per professional (worst first): Anna 1 of 4 (25%), Wim 1 of 3, Bram 2 of 3, Vera 3 of 4.
Per team: no organisation (Wim) 1 of 3; Pleegzorg Noord (Anna, Bram) 3 of 7; GI (Vera) 3 of 4.
"""

from datetime import date

import pytest

from evaluations import rules
from quality import definitions as d
from quality import figures
from quality.definitions import default_period
from quality.norms import NORMS_BY_KEY
from quality.scope import Scope

from .conftest import TODAY, deadline, member, placement, professional

pytestmark = pytest.mark.django_db

D = date
VISIT, GUARDIAN = rules.VISIT_EVALUATION, rules.GUARDIAN_CONTACT
STUDY, DECISION = rules.PERSPECTIVE_STUDY_START, rules.PERSPECTIVE_DECISION


@pytest.fixture
def world(org, gi, lead):
    return build_world(org, gi, lead)


def build_world(org, gi, lead):
    """The organisation of the module's docstring (test_views.py uses it too)."""
    anna = professional("anna@example.org", "Anna Aalders", "pleegzorgbegeleider", org)
    bram = professional("bram@example.org", "Bram Bos", "pleegzorgbegeleider", org)
    vera = professional("vera@example.org", "Vera Visser", "voogd", gi)
    wim = professional("wim@example.org", "Wim Wouters", "voogd")
    p1 = placement("P1", D(2025, 6, 1), provider=org, birth=D(2023, 1, 10))
    p2 = placement("P2", D(2026, 2, 10), provider=org, birth=D(2010, 5, 1))
    p3 = placement("P3", D(2025, 12, 20), provider=org, birth=D(2018, 3, 1))
    member(p1, anna, "pleegzorgbegeleider", end=D(2026, 5, 31))
    new_pbg = member(p1, bram, "pleegzorgbegeleider", start=D(2026, 6, 1))
    member(p1, vera, "voogd")
    member(p2, anna, "pleegzorgbegeleider")
    member(p2, wim, "voogd")
    member(p3, bram, "pleegzorgbegeleider")
    member(p3, vera, "voogd")

    deadline(p1, VISIT, D(2025, 11, 15), D(2025, 12, 10), key="0")
    deadline(p1, VISIT, D(2026, 1, 15), D(2026, 1, 10), key="1")
    deadline(p1, VISIT, D(2026, 4, 15), D(2026, 5, 5), key="2")
    deadline(p1, VISIT, D(2026, 8, 5), D(2026, 8, 5), key="3")
    deadline(p1, VISIT, D(2026, 11, 5), key="4")
    deadline(p1, VISIT, D(2026, 11, 22), key="5")
    deadline(p2, VISIT, D(2026, 5, 10), D(2026, 6, 9), key="1")
    deadline(p2, VISIT, D(2026, 9, 9), D(2026, 9, 1), status="cancelled", key="2")
    deadline(p2, VISIT, D(2026, 10, 1), D(2026, 10, 11), status="cancelled", key="3")

    deadline(p1, GUARDIAN, D(2026, 3, 1), D(2026, 2, 20), key="1")
    deadline(p1, GUARDIAN, D(2026, 4, 12), D(2026, 4, 12), key="2")
    deadline(p2, GUARDIAN, D(2026, 3, 24), D(2026, 4, 3), key="1")

    deadline(p2, STUDY, D(2026, 5, 10), D(2026, 5, 1))
    deadline(p1, DECISION, D(2026, 3, 1), D(2026, 4, 15))
    deadline(p2, DECISION, D(2026, 11, 10))
    deadline(p3, DECISION, D(2026, 9, 20), D(2026, 9, 1))
    deadline(p1, rules.HANDOVER, D(2026, 6, 15), D(2026, 6, 10), key=str(new_pbg.pk))

    # Another provider's placement, with Anna in its team: counts for nobody here.
    other = placement("OTHER", D(2025, 1, 1), provider=gi)
    member(other, anna, "pleegzorgbegeleider", start=D(2025, 1, 1), end=D(2025, 12, 31))
    deadline(other, VISIT, D(2026, 2, 1), key="x")
    deadline(other, GUARDIAN, D(2026, 2, 1), D(2026, 3, 1), key="x")
    return {"anna": anna, "bram": bram, "vera": vera, "wim": wim, "lead": lead}


def scope_for(user):
    return Scope(user, TODAY, default_period(TODAY))


def by_key(found):
    return {f.norm.key: f for f in found}


def test_every_norm_share_and_lateness(world):
    found = by_key(figures.norm_figures(scope_for(world["lead"])))
    visit = found["visit_evaluation"]
    assert (visit.judged, visit.on_time, visit.late, visit.still_open) == (6, 2, 4, 1)
    assert visit.share == pytest.approx(100 / 3)
    assert (visit.median_late, visit.worst_late) == (18.5, 30)
    guardian = found["guardian_contact"]
    assert (guardian.judged, guardian.on_time, guardian.median_late, guardian.worst_late) == (
        3,
        2,
        10,
        10,
    )
    study = found["perspective_study"]
    assert (study.judged, study.on_time, study.share, study.worst_late) == (1, 1, 100.0, None)
    decision = found["perspective_decision"]
    assert (decision.judged, decision.on_time, decision.still_open) == (3, 1, 1)
    assert (decision.median_late, decision.worst_late) == (28.5, 45)
    handover = found["handover"]
    assert (handover.judged, handover.on_time) == (1, 1)


def test_norms_without_deadlines_of_their_kind_show_no_data(world):
    found = by_key(figures.norm_figures(scope_for(world["lead"])))
    for key in ("requested_meeting", "start_meeting"):
        assert found[key].judged == 0
        assert found[key].share is None  # "no data", never 0%
        assert found[key].median_late is None


def test_a_norm_lights_up_when_its_kind_appears(world, org):
    """start_meeting is opened by the engine of another branch: its rows count at once."""
    p = placement("P4", D(2026, 10, 1), provider=org)
    deadline(p, "start_meeting", D(2026, 10, 15), D(2026, 10, 20), role="pleegzorgbegeleider")
    start = by_key(figures.norm_figures(scope_for(world["lead"])))["start_meeting"]
    assert (start.judged, start.on_time, start.worst_late) == (1, 0, 5)


def test_monthly_trend(world):
    trend = figures.trend(scope_for(world["lead"]))
    months = dict(trend["visit_evaluation"])
    assert len(months) == 12
    expected = {
        D(2026, 1, 1): (1, 1),
        D(2026, 4, 1): (1, 0),
        D(2026, 5, 1): (1, 0),
        D(2026, 8, 1): (1, 1),
        D(2026, 10, 1): (1, 0),
        D(2026, 11, 1): (1, 0),
    }
    for month, counts in months.items():
        assert (counts.judged, counts.on_time) == expected.get(month, (0, 0)), month
    assert all(c.judged == 0 for _m, c in trend["start_meeting"])


def test_perspective_decision_by_age_at_placement(world):
    ages = {f.band: f for f in figures.age_split(scope_for(world["lead"]))["perspective_decision"]}
    assert (ages[d.AGE_0_4].judged, ages[d.AGE_0_4].on_time, ages[d.AGE_0_4].worst_late) == (
        1,
        0,
        45,
    )
    assert (ages[d.AGE_5_11].judged, ages[d.AGE_5_11].on_time) == (1, 1)
    assert (ages[d.AGE_12_UP].judged, ages[d.AGE_12_UP].on_time) == (1, 0)
    assert ages[d.AGE_12_UP].median_late == 12
    assert ages[d.AGE_UNKNOWN].judged == 0


def test_per_professional_attributes_to_whoever_held_the_role_on_the_due_date(world):
    people = figures.by_professional(scope_for(world["lead"]))
    rows = [(g.name, g.judged, g.on_time) for g in people]
    assert rows == [
        ("Anna Aalders", 4, 1),
        ("Wim Wouters", 3, 1),
        ("Bram Bos", 3, 2),
        ("Vera Visser", 4, 3),
    ]
    anna = people[0]
    assert (anna.norms["visit_evaluation"].judged, anna.norms["visit_evaluation"].late) == (4, 3)
    bram = people[2]
    assert bram.norms["handover"].on_time == 1


def test_per_team(world, org, gi):
    teams = figures.by_team(figures.by_professional(scope_for(world["lead"])))
    assert [(t.key, t.judged, t.on_time) for t in teams] == [
        (None, 3, 1),
        (org.pk, 7, 3),
        (gi.pk, 4, 3),
    ]


def test_two_members_in_one_role_count_for_the_one_who_started_last(world, org):
    p = placement("P5", D(2026, 1, 1), provider=org)
    member(p, world["anna"], "pleegzorgbegeleider")
    member(p, world["bram"], "pleegzorgbegeleider", start=D(2026, 3, 1))  # Anna never ended
    deadline(p, VISIT, D(2026, 4, 1), D(2026, 4, 20))
    people = {g.name: g for g in figures.by_professional(scope_for(world["lead"]))}
    assert people["Bram Bos"].judged == 4 and people["Anna Aalders"].judged == 4


def test_a_deadline_nobody_held_the_role_for(world, org):
    p = placement("P6", D(2026, 1, 1), provider=org)
    deadline(p, VISIT, D(2026, 4, 1), D(2026, 4, 2))
    people = figures.by_professional(scope_for(world["lead"]))
    nobody = [g for g in people if g.key is None]
    assert [(g.judged, g.on_time) for g in nobody] == [(1, 0)]
    # Not in any team: a deadline without a professional belongs to no organisation.
    assert sum(t.judged for t in figures.by_team(people)) == 14


def test_a_professional_sees_the_figures_of_their_own_caseload(world):
    """Anna is a current member of P2 only (she left P1): her page counts P2's deadlines."""
    found = by_key(figures.norm_figures(scope_for(world["anna"])))
    assert (found["visit_evaluation"].judged, found["visit_evaluation"].on_time) == (2, 0)
    assert found["guardian_contact"].judged == 1
    assert found["handover"].judged == 0


def test_the_deadlines_behind_a_figure(world):
    scope = scope_for(world["lead"])
    late_anna = figures.deadlines_behind(
        scope, norm=NORMS_BY_KEY["visit_evaluation"], outcome=d.LATE, person=world["anna"].pk
    ).order_by("-late_days")
    assert [(r.placement.reference, r.due_date, r.late_days) for r in late_anna] == [
        ("P2", D(2026, 5, 10), 30),
        ("P1", D(2026, 4, 15), 20),
        ("P2", D(2026, 10, 1), 10),
    ]
    young = figures.deadlines_behind(
        scope, norm=NORMS_BY_KEY["perspective_decision"], band=d.AGE_0_4
    )
    assert [r.placement.reference for r in young] == ["P1"]
    april = figures.deadlines_behind(
        scope, norm=NORMS_BY_KEY["visit_evaluation"], month=D(2026, 4, 1)
    )
    assert [r.due_date for r in april] == [D(2026, 4, 15)]
    no_team = figures.deadlines_behind(scope, team=figures.UNASSIGNED)
    assert sorted(r.kind for r in no_team) == sorted([GUARDIAN, STUDY, DECISION])


def test_a_chosen_period(world):
    scope = Scope(world["lead"], TODAY, d.Period(D(2026, 4, 1), D(2026, 6, 30)))
    visit = by_key(figures.norm_figures(scope))["visit_evaluation"]
    # 15 Apr (late 20) and 10 May (late 30)
    assert (visit.judged, visit.on_time, visit.median_late) == (2, 0, 25)
