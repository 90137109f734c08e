"""Plausible date ranges: a typo such as 0001-01-01 or 9999-12-31 is refused with a Dutch
message instead of being saved (and later breaking a deadline, a sort or the calendar).

`window()` is a pure function of the kind of date, today and the placement's period, so
the ranges are table-tested (core/tests/test_plausible.py). Services call
`check_in_window()`; forms show the service's error on the field, keeping what was typed.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# (years back from today, years ahead of today) per kind of date.
YEARS = {
    # A goal of the plan: "to be reached by", within a few years either way.
    "target_date": (5, 5),
    # An agreement may run until the child is 18.
    "valid_from": (20, 20),
    "valid_until": (20, 20),
    # A zorgteam meeting is planned within two years.
    "planned_on": (0, 2),
    # A placement registered in the app: started within a childhood, not far ahead.
    "placement_start": (25, 1),
    "birth_date": (30, 0),
}


def _years(day, years):
    """The same day `years` later (29 February becomes 28 February in a common year)."""
    year = day.year + years
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def window(kind, *, today, start=None, end=None):
    """(earliest, latest) allowed for a date of this kind.

    Memberships fall within the placement: `start`/`end` are the placement's dates (a
    running placement's members may be planned up to a year ahead).
    """
    if kind == "membership":
        latest = end if end is not None else _years(max(today, start), 1)
        return start, latest
    if kind == "placement_end":
        return start, _years(today, 5)
    back, ahead = YEARS[kind]
    return _years(today, -back), _years(today, ahead)


def check_in_window(value, bounds, field):
    earliest, latest = bounds
    if value is None or not isinstance(value, date):
        return
    if (earliest is not None and value < earliest) or (latest is not None and value > latest):
        raise ValidationError(
            {
                field: _("Choose a date between %(earliest)s and %(latest)s.")
                % {
                    "earliest": date_format(earliest, "j F Y"),
                    "latest": date_format(latest, "j F Y"),
                }
            }
        )
