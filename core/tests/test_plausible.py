"""Plausible date windows: a pure function, table-tested."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from core.plausible import check_in_window, window

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("kind", "kwargs", "expected"),
    [
        ("target_date", {}, (date(2021, 11, 20), date(2031, 11, 20))),
        ("valid_from", {}, (date(2006, 11, 20), date(2046, 11, 20))),
        ("valid_until", {}, (date(2006, 11, 20), date(2046, 11, 20))),
        ("planned_on", {}, (TODAY, date(2028, 11, 20))),
        ("placement_start", {}, (date(2001, 11, 20), date(2027, 11, 20))),
        ("birth_date", {}, (date(1996, 11, 20), TODAY)),
        ("placement_end", {"start": date(2026, 1, 1)}, (date(2026, 1, 1), date(2031, 11, 20))),
        # A membership falls within its placement; a running one up to a year ahead.
        ("membership", {"start": date(2026, 9, 1)}, (date(2026, 9, 1), date(2027, 11, 20))),
        (
            "membership",
            {"start": date(2026, 9, 1), "end": date(2026, 12, 31)},
            (date(2026, 9, 1), date(2026, 12, 31)),
        ),
        # A placement that starts later than today: a year from its start.
        ("membership", {"start": date(2027, 3, 1)}, (date(2027, 3, 1), date(2028, 3, 1))),
    ],
)
def test_window(kind, kwargs, expected):
    assert window(kind, today=TODAY, **kwargs) == expected


def test_29_february_moves_to_28_february():
    assert window("target_date", today=date(2028, 2, 29)) == (date(2023, 2, 28), date(2033, 2, 28))


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (date(1, 1, 1), False),
        (date(2021, 11, 19), False),
        (date(2021, 11, 20), True),
        (TODAY, True),
        (date(2031, 11, 20), True),
        (date(2031, 11, 21), False),
        (date(9999, 12, 31), False),
        (None, True),
    ],
)
def test_check_in_window(value, ok):
    bounds = window("target_date", today=TODAY)
    if ok:
        check_in_window(value, bounds, "target_date")
    else:
        with pytest.raises(ValidationError) as error:
            check_in_window(value, bounds, "target_date")
        assert error.value.message_dict["target_date"] == [
            "Kies een datum tussen 20 november 2021 en 20 november 2031."
        ]
