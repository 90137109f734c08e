"""Tables as plain values: one definition renders as HTML (quality/_table.html) and as CSV,
so every table on the page can be exported exactly as shown. Dutch number formatting; every
figure carries the link to the placements behind it."""

import csv
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# A cell that a spreadsheet would read as a formula (=, +, -, @ …) is prefixed with a quote:
# child names and free text come from users (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Cell:
    text: str
    url: str = ""
    numeric: bool = False
    # For screen readers: what a bare number in a link is about ("late, Sanne de Vries").
    context: str = ""
    css: str = ""
    # A second, smaller line under a row's heading (the norm's term); its own CSV column.
    note: str = ""


@dataclass
class Table:
    key: str
    caption: str
    columns: list
    rows: list = field(default_factory=list)  # lists of Cells; the first cell heads its row
    # Query parameters of the figure's filters, kept on the export link.
    filters: dict = field(default_factory=dict)
    export_url: str = ""
    # The heading of the rows' notes (see Cell.note) as a column of the CSV.
    note_column: str = ""
    # Columns of words rather than figures: aligned left (figures align right).
    text_columns: frozenset = frozenset()


def cell(value, url="", context="", css=""):
    if isinstance(value, Cell):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Cell(number(value), url=url, numeric=True, context=context, css=css)
    return Cell("" if value is None else str(value), url=url, context=context, css=css)


# --- Dutch figures ---------------------------------------------------------------------------


def number(value, decimals=0):
    if value is None:
        return "—"
    if isinstance(value, float) and decimals == 0 and not value.is_integer():
        decimals = 1
    return formats.number_format(value, decimals, use_l10n=True)


def percent(share):
    """A share on time; "no data" when nothing was due (never a 0% that did not happen)."""
    if share is None:
        return pgettext("figure", "no data")
    return f"{number(round(share))}%"


def days(value):
    if value is None:
        return "—"
    return _("%(days)s d") % {"days": number(value)}


# --- Links to the placements behind a figure ------------------------------------------------


class Links:
    def __init__(self, period):
        self.period = {"start": period.start.isoformat(), "end": period.end.isoformat()}
        # A team lead's tables link a few thousand figures: reverse() each name once.
        self._paths = {}

    def _url(self, name, args=(), **params):
        path = self._paths.get((name, *args))
        if path is None:
            path = self._paths[(name, *args)] = reverse(name, args=args)
        query = {**self.period, **{k: v for k, v in params.items() if v not in (None, "")}}
        return f"{path}?{urlencode(query)}"

    def deadlines(self, **filters):
        return self._url("quality:deadlines", **filters)

    def placements(self, **filters):
        return self._url("quality:placements", **filters)

    def risk(self, signal=None):
        return self._url("quality:risk", signal=signal)

    def overview(self):
        return self._url("quality:overview")

    def export(self, key, **filters):
        return self._url("quality:export", args=[key], **filters)

    def with_exports(self, context):
        """Give every table in a template context its CSV link (same figures, same filters)."""

        def tables(value):
            if isinstance(value, Table):
                yield value
            elif isinstance(value, (list, tuple)):
                for item in value:
                    yield from tables(item)

        for value in context.values():
            for table in tables(value):
                table.export_url = self.export(table.key, **table.filters)
        return context


# --- CSV -------------------------------------------------------------------------------------


class _Echo:
    def write(self, value):
        return value


def _safe(text):
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_lines(table):
    """The table as CSV lines for Dutch spreadsheets: semicolons (the comma is the decimal
    sign), a byte-order mark so the accents survive, formulas defused."""
    writer = csv.writer(_Echo(), delimiter=";")
    columns = [str(c) for c in table.columns]
    if table.note_column:
        columns.insert(1, str(table.note_column))
    yield "\ufeff" + writer.writerow(columns)
    for row in table.rows:
        values = [c.text if c.numeric else _safe(c.text) for c in row]
        if table.note_column:
            values.insert(1, _safe(row[0].note))
        yield writer.writerow(values)
