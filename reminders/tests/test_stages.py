"""The stage calendar, table-driven: due_soon 14 days before, due on the day, overdue weekly."""

from datetime import date, timedelta

import pytest

from reminders.stages import recipient_roles, stage_on

DUE = date(2026, 3, 31)


@pytest.mark.parametrize(
    ("days_from_due", "expected"),
    [
        (-15, None),  # further away than 14 days: nothing yet
        (-14, ("due_soon", 1, DUE - timedelta(days=14))),
        (-1, ("due_soon", 1, DUE - timedelta(days=14))),
        (0, ("due", 1, DUE)),
        (1, ("overdue", 1, DUE + timedelta(days=1))),
        (7, ("overdue", 1, DUE + timedelta(days=1))),
        (8, ("overdue", 2, DUE + timedelta(days=8))),
        (14, ("overdue", 2, DUE + timedelta(days=8))),
        (15, ("overdue", 3, DUE + timedelta(days=15))),
        (365, ("overdue", 53, DUE + timedelta(days=1 + 7 * 52))),
    ],
)
def test_stage_on_each_boundary(days_from_due, expected):
    current = stage_on(DUE, DUE + timedelta(days=days_from_due))
    if expected is None:
        assert current is None
    else:
        assert (current.stage, current.occurrence, current.starts) == expected


def test_the_stage_periods_follow_the_settings_values():
    assert stage_on(DUE, DUE - timedelta(days=7), due_soon_days=7).stage == "due_soon"
    assert stage_on(DUE, DUE - timedelta(days=8), due_soon_days=7) is None
    assert stage_on(DUE, DUE + timedelta(days=4), repeat_days=3).occurrence == 2


def test_guardian_contact_reminds_the_voogd_and_escalates_to_the_pleegzorgbegeleider():
    assert recipient_roles("guardian_contact", "voogd", "due_soon") == {"voogd": "responsible"}
    assert recipient_roles("guardian_contact", "voogd", "overdue") == {
        "voogd": "responsible",
        "pleegzorgbegeleider": "escalated",
    }


def test_also_reminded_roles_come_from_the_rules_table():
    assert recipient_roles("perspective_decision", "voogd", "due") == {
        "voogd": "responsible",
        "pleegzorgbegeleider": "informed",
    }
    # The pleegzorgbegeleider is responsible here; escalation does not demote her.
    assert recipient_roles("visit_evaluation", "pleegzorgbegeleider", "overdue") == {
        "pleegzorgbegeleider": "responsible",
        "voogd": "informed",
    }


@pytest.mark.parametrize(
    "kind",
    [
        "visit_evaluation",
        "perspective_study_start",
        "perspective_decision",
        "guardian_contact",
        "child_joins_zorgteam",
        "zorgteam_after_court_order",
        "handover",
        "court_order_review",
    ],
)
@pytest.mark.parametrize("stage", ["due_soon", "due", "overdue"])
def test_no_rule_ever_reminds_a_family_role(kind, stage):
    roles = set(recipient_roles(kind, "voogd", stage))
    assert roles <= {"voogd", "pleegzorgbegeleider"}
