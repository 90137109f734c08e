"""Early endings on hand-made placements, with the answers worked out by hand.

Period 1 Dec 2025 - 22 Nov 2026. Placements of "Pleegzorg Noord":

E1 1 Jan 2026 - 1 Mar 2026   child's behaviour (early), < 3 months; a visit evaluation due
                              10 Feb was still open at the end (dropped on 1 Mar): overdue
E2 15 Jun 2025 - 15 Feb 2026 foster family stops (early), 3-12 months; the voogd changed on
                              1 Oct 2025 (within the 12 months before the end)
E6 31 Jan 2026 - 30 Apr 2026 match did not work (early), exactly 3 calendar months: 3-12;
                              a meeting request of 10 Feb answered on 10 Mar (28 days)
E3 1 Jan 2024 - 30 Jun 2026  return home (planned), > 12 months; a pleegzorgbegeleider change
                              on 1 Jun 2024 (more than 12 months before the end: not counted)
E4 1 Dec 2025 - 1 May 2026   kind not recorded, 3-12 months
E5 1 Jan 2023 - 1 Oct 2025   ended before the period: not counted
C1 1 Jan 2025 - (running)    changes of pleegzorgbegeleider (1 Jun 2026) and voogd
                              (1 Sep 2026); a request of 1 Nov 2026 still open (21 days)
C2 1 Mar 2026 - 1 Jan 2027   a planned end after the period: continuing

Ended in the period: 5, of which early 3 (60%), planned 1, kind not recorded 1.
"""

from datetime import date

import pytest

from agreements.models import MeetingRequest
from evaluations import rules
from quality import definitions as d
from quality import endings
from quality.definitions import default_period
from quality.scope import Scope

from .conftest import TODAY, deadline, member, moment, placement, professional

pytestmark = pytest.mark.django_db

D = date


def request(p, asked, handled=None):
    row = MeetingRequest.objects.create(
        placement=p,
        reason="Graag overleg",
        status=MeetingRequest.Status.CLOSED if handled else MeetingRequest.Status.OPEN,
        handled_at=moment(handled) if handled else None,
    )
    # created_at is auto_now_add: set the simulated moment afterwards.
    MeetingRequest.objects.filter(pk=row.pk).update(created_at=moment(asked))
    return row


@pytest.fixture
def world(org, gi, lead):
    pbg = professional("anna@example.org", "Anna Aalders", "pleegzorgbegeleider", org)
    pbg2 = professional("bram@example.org", "Bram Bos", "pleegzorgbegeleider", org)
    voogd = professional("vera@example.org", "Vera Visser", "voogd", gi)
    voogd2 = professional("wim@example.org", "Wim Wouters", "voogd")

    e1 = placement("E1", D(2026, 1, 1), provider=org, end=D(2026, 3, 1), reason="child_behaviour")
    deadline(e1, rules.VISIT_EVALUATION, D(2026, 2, 10), D(2026, 3, 1), status="cancelled")

    e2 = placement(
        "E2", D(2025, 6, 15), provider=org, end=D(2026, 2, 15), reason="foster_family_stops"
    )
    member(e2, voogd, "voogd", end=D(2025, 9, 30))
    member(e2, voogd2, "voogd", start=D(2025, 10, 1))

    e6 = placement("E6", D(2026, 1, 31), provider=org, end=D(2026, 4, 30), reason="no_match")
    request(e6, D(2026, 2, 10), D(2026, 3, 10))

    e3 = placement("E3", D(2024, 1, 1), provider=org, end=D(2026, 6, 30), reason="return_home")
    member(e3, pbg, "pleegzorgbegeleider", end=D(2024, 5, 31))
    member(e3, pbg2, "pleegzorgbegeleider", start=D(2024, 6, 1))

    placement("E4", D(2025, 12, 1), provider=org, end=D(2026, 5, 1))
    placement("E5", D(2023, 1, 1), provider=org, end=D(2025, 10, 1), reason="parents")

    c1 = placement("C1", D(2025, 1, 1), provider=org)
    member(c1, pbg, "pleegzorgbegeleider", end=D(2026, 5, 31))
    member(c1, pbg2, "pleegzorgbegeleider", start=D(2026, 6, 1))
    member(c1, voogd, "voogd", end=D(2026, 8, 31))
    member(c1, voogd2, "voogd", start=D(2026, 9, 1))
    request(c1, D(2026, 11, 1))
    placement("C2", D(2026, 3, 1), provider=org, end=D(2027, 1, 1))

    # Another provider's early ending: not the team lead's.
    placement("X1", D(2026, 1, 1), provider=gi, end=D(2026, 2, 1), reason="parents")
    return lead


def scope(user, period=None):
    return Scope(user, TODAY, period or default_period(TODAY))


def test_number_and_share_ended_early(world):
    result = endings.endings(scope(world))
    assert (result.ended, result.early) == (5, 3)
    assert result.early_share == 60.0
    assert result.groups[d.PLANNED].count == 1
    assert result.groups[d.UNKNOWN_REASON].count == 1
    assert result.groups[d.CONTINUING].count == 2


def test_by_reason(world):
    by_reason = endings.endings(scope(world)).by_reason
    assert {k: v for k, v in by_reason.items() if v} == {
        "child_behaviour": 1,
        "foster_family_stops": 1,
        "no_match": 1,
        "return_home": 1,
        "": 1,
    }


def test_by_duration(world):
    result = endings.endings(scope(world))
    found = {key: n for key, n in result.by_bucket.items() if n}
    assert found == {
        (d.EARLY, d.WITHIN_3_MONTHS): 1,  # E1
        (d.EARLY, d.MONTHS_3_TO_12): 2,  # E2, E6 (31 Jan + 3 months = 30 Apr)
        (d.UNKNOWN_REASON, d.MONTHS_3_TO_12): 1,  # E4
        (d.PLANNED, d.AFTER_12_MONTHS): 1,  # E3
    }
    assert result.bucket_total(d.MONTHS_3_TO_12) == 3


def test_what_preceded_the_endings_beside_continuing_placements(world):
    groups = endings.endings(scope(world)).groups
    early, planned, continuing = groups[d.EARLY], groups[d.PLANNED], groups[d.CONTINUING]
    assert early.with_signal == {
        endings.STAFF_CHANGE: 1,  # E2
        endings.LATE_EVALUATION: 1,  # E1
        endings.WAITED_REQUEST: 1,  # E6
    }
    assert early.staff_changes == 1 and early.mean_staff_changes == pytest.approx(1 / 3)
    assert planned.with_signal == dict.fromkeys(endings.SIGNALS, 0)  # E3's change is too old
    assert continuing.with_signal == {
        endings.STAFF_CHANGE: 1,
        endings.LATE_EVALUATION: 0,
        endings.WAITED_REQUEST: 1,
    }
    assert continuing.staff_changes == 2  # C1: two changes
    assert continuing.signal_share(endings.STAFF_CHANGE) == 50.0


def test_the_placements_behind_an_endings_figure(world):
    s = scope(world)

    def refs(**filters):
        return sorted(p.reference for p in endings.placements_behind(s, **filters))

    assert refs() == ["E1", "E2", "E3", "E4", "E6"]
    assert refs(group=d.EARLY) == ["E1", "E2", "E6"]
    assert refs(reason="no_match") == ["E6"]
    assert refs(group=d.EARLY, bucket=d.MONTHS_3_TO_12) == ["E2", "E6"]
    assert refs(group=d.CONTINUING, signal=endings.STAFF_CHANGE) == ["C1"]
    assert refs(group=d.EARLY, signal=endings.WAITED_REQUEST) == ["E6"]


def test_a_shorter_period(world):
    result = endings.endings(scope(world, d.Period(D(2026, 4, 1), D(2026, 6, 30))))
    # E6 (30 Apr, early), E4 (1 May, unknown), E3 (30 Jun, planned)
    assert (result.ended, result.early) == (3, 1)
    # Continuing past 30 Jun: C1, C2 (E1 and E2 ended before April).
    assert result.groups[d.CONTINUING].count == 2
