"""Labels and dates for the dashboard, translated once per language and process.

A caseload page formats a few hundred deadlines; gettext and Django's date filter per item
were a measurable part of its render time (issue 6: within 5x a trivial page).
"""

from django.utils.dates import MONTHS_3
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, pgettext

from cases.models import Variant
from evaluations.models import Deadline
from evaluations.status import STATUS_LABELS
from zorgteam.models import Role

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
            "months": [str(MONTHS_3[m]) for m in range(1, 13)],
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
    return f"{day.day} {(lab or labels())['months'][day.month - 1]} {day.year}"
