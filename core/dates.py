"""Dates as the Dutch UI shows them, shared by the placement page, the deadlines and the
caseload. Translated once per language and process: a caseload page formats a few hundred."""

from functools import lru_cache

from django.utils.dates import MONTHS_3
from django.utils.timesince import timesince
from django.utils.translation import get_language
from django.utils.translation import gettext as _

_months_by_language = {}


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
