"""Dates as the Dutch UI shows them and as people type them, shared by the placement page, the
deadlines, the caseload and the commands. Translated once per language and process: a
caseload page formats a few hundred."""

import re
from datetime import date
from functools import lru_cache

from django.utils.dates import MONTHS_3
from django.utils.timesince import timesince
from django.utils.translation import get_language
from django.utils.translation import gettext as _

_months_by_language = {}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


def month_abbreviations():
    """['jan', 'feb', 'mrt', ...] in the active language: Dutch writes them in lower case."""
    language = get_language()
    found = _months_by_language.get(language)
    if found is None:
        found = _months_by_language[language] = [str(MONTHS_3[m]) for m in range(1, 13)]
    return found


def short_date(day, months=None):
    """'1 dec 2026'. `months` is month_abbreviations(), for callers formatting many dates."""
    return f"{day.day} {(months or month_abbreviations())[day.month - 1]} {day.year}"


@lru_cache(maxsize=4096)
def _since(start, today, language):
    if start > today:
        return _("starts on %(date)s") % {"date": short_date(start)}
    if start == today:
        return _("started today")
    return timesince(start, today, depth=2)


def since_start(start, today):
    """'2 maanden, 3 weken' since the start; 'vandaag gestart' rather than '0 minuten'.

    Cached: the same caseload is looked at all day, and timesince costs some 25 us a row.
    """
    return _since(start, today, get_language())


def parse_date(text):
    """`YYYY-MM-DD` or `DD-MM-YYYY` (the Dutch spreadsheet habit); None if it is neither."""
    text = text.strip()
    if match := _ISO_DATE.match(text):
        year, month, day = match.groups()
    elif match := _DUTCH_DATE.match(text):
        day, month, year = match.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
