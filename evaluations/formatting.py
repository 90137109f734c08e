"""Labels and dates of the deadline lights, translated once per language and process.

A caseload page formats a few hundred deadlines; gettext and Django's date filter per item
were a measurable part of its render time (the dashboard stays within 5x a trivial page).
"""

from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, pgettext

from cases.models import Variant
from core import dates
from zorgteam.models import Role

from .models import Deadline
from .status import STATUS_LABELS

_labels_by_language = {}


def labels():
    language = get_language()
    found = _labels_by_language.get(language)
    if found is None:
        found = {
            # The same words as the deadlines section of the placement page (one source).
            "status": {status: capfirst(str(label)) for status, label in STATUS_LABELS.items()},
            "kind": {value: str(label) for value, label in Deadline.Kind.choices},
            "role": {value: str(label) for value, label in Role.choices},
            "months": dates.month_abbreviations(),
            # Contexts keep these msgids apart from the same English in other apps' catalogs,
            # which Django would otherwise let win (earlier INSTALLED_APPS take precedence).
            "by": pgettext("traffic light", "by %(date)s"),
            "today": pgettext("traffic light", "due today"),
            "overdue": {},
            "record": gettext("Record"),
            "from": pgettext("start of the placement", "from %(date)s"),
            # Under a column headed "Variant" the word itself is redundant.
            "variant": {
                Variant.HULPVERLENING: pgettext("variant, short", "Hulpverlening"),
                Variant.OPVOEDING: pgettext("variant, short", "Opvoeding"),
            },
        }
        _labels_by_language[language] = found
    return found


def short_date(day, lab=None):
    """'1 dec 2026': Dutch writes month abbreviations in lower case."""
    return dates.short_date(day, (lab or labels())["months"])
