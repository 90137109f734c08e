"""Reading a caseload spreadsheet (CSV) for `manage.py import_caseload`. Pure: no database.

parse_caseload turns the file's bytes into CaseloadRow values or raises CaseloadFileError
listing every bad row, by its line number as a text editor counts it (the header is line
1), with the reason. What needs the database (is this email a foster parent already?) is
checked by caseload_import.services.caseload_import, which reports in the same way.
"""

import csv
import dataclasses
import io
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from cases.models import Variant
from core.dates import parse_date

COLUMNS = (
    "reference",
    "child_name",
    "child_birth_date",
    "variant",
    "placement_start",
    "placement_end",
    "pleegzorgbegeleider_email",
    "voogd_email",
    "pleegouder_emails",
    "last_visit_evaluation",
    "last_guardian_contact",
    "perspective_study_started",
    "perspective_decided",
)
OPTIONAL_COLUMNS = frozenset(
    {
        "placement_end",
        "last_visit_evaluation",
        "last_guardian_contact",
        "perspective_study_started",
        "perspective_decided",
    }
)
EVENT_COLUMNS = (
    "last_visit_evaluation",
    "last_guardian_contact",
    "perspective_study_started",
    "perspective_decided",
)
VARIANTS = {
    "hulpverlening": Variant.HULPVERLENING,
    "hulpverleningsvariant": Variant.HULPVERLENING,
    "opvoeding": Variant.OPVOEDING,
    "opvoedingsvariant": Variant.OPVOEDING,
}
# Same rule as cases.models.reference_validator, without importing a model's validator here.
REFERENCE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
NAME_MAX = 100  # Child.first_name / last_name
_EMAIL_SEPARATORS = re.compile(r"[\s|]+")

PROFESSIONAL = "professional"
FAMILY = "family"


@dataclass(frozen=True)
class CaseloadRow:
    line: int
    reference: str
    child_first_name: str
    child_last_name: str
    child_birth_date: date
    variant: str
    start: date
    end: date | None
    pleegzorgbegeleider_email: str
    voogd_email: str
    pleegouder_emails: tuple[str, ...]
    last_visit_evaluation: date | None = None
    last_guardian_contact: date | None = None
    perspective_study_started: date | None = None
    perspective_decided: date | None = None


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self):
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class CaseloadFileError(Exception):
    """The file cannot be imported. `errors` lists every problem, sorted by line."""

    def __init__(self, errors):
        # Stable: the problems of one line stay in column order.
        self.errors = sorted(errors, key=lambda e: e.line)
        super().__init__("\n".join(str(e) for e in self.errors))


def _decode(data):
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        # utf-8-sig drops a byte-order mark, which Excel writes in front of "UTF-8 CSV".
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CaseloadFileError(
            [RowError(line, _("the file is not UTF-8 text; save it as “CSV UTF-8”."))]
        ) from None


def _header_line(text):
    """(line number, text) of the first non-blank line."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            return number, line
    raise CaseloadFileError([RowError(1, _("the file is empty."))])


def _trim(cells):
    """Spreadsheets often add empty columns at the end of every line: they mean nothing."""
    while len(cells) > len(COLUMNS) and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def _split_header(line, delimiter):
    return [cell.strip() for cell in _trim(next(csv.reader([line], delimiter=delimiter)))]


def detect_delimiter(header):
    """`;` (Dutch Excel) or `,`: the one that splits the header into the expected columns."""
    for delimiter in (";", ","):
        if tuple(_split_header(header, delimiter)) == COLUMNS:
            return delimiter
    # Neither fits: take the more plausible one so the header error names real columns.
    return ";" if header.count(";") >= header.count(",") else ","


def _header_error(line_number, found):
    missing = [c for c in COLUMNS if c not in found]
    unknown = [c for c in found if c not in COLUMNS]
    details = []
    if missing:
        details.append(_("missing: %(columns)s") % {"columns": ", ".join(missing)})
    if unknown:
        details.append(_("unknown: %(columns)s") % {"columns": ", ".join(unknown)})
    if not details:
        details.append(_("the columns are in the wrong order"))
    return RowError(
        line_number,
        _("the header must have exactly these columns: %(columns)s (%(details)s).")
        % {"columns": ", ".join(COLUMNS), "details": "; ".join(details)},
    )


def _parse_email(value, column, problems):
    email = value.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        problems.append(
            _("%(column)s: “%(value)s” is not a valid email address.")
            % {"column": column, "value": value.strip()}
        )
        return None
    return email


class _RowParser:
    """Checks one record's cells; collects every problem instead of stopping at the first."""

    def __init__(self, cells, today):
        self.cells = cells
        self.today = today
        self.problems = []

    def text(self, column):
        return self.cells[column].strip()

    def required(self, column):
        value = self.text(column)
        if not value:
            self.problems.append(_("%(column)s is empty.") % {"column": column})
        return value

    def date(self, column):
        value = self.text(column) if column in OPTIONAL_COLUMNS else self.required(column)
        if not value:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problems.append(
                _("%(column)s: “%(value)s” is not a date (use YYYY-MM-DD or DD-MM-YYYY).")
                % {"column": column, "value": value}
            )
        return parsed

    def problem(self, message, **values):
        self.problems.append(message % values)


def _parse_record(cells, today):
    """(CaseloadRow | None, [problems]) for one record given as {column: cell}."""
    p = _RowParser(cells, today)

    reference = p.required("reference")
    if reference and not REFERENCE_RE.match(reference):
        p.problem(
            _(
                "reference: “%(value)s” may only hold letters, digits, dots, dashes and "
                "underscores, at most 40, starting with a letter or digit."
            ),
            value=reference,
        )

    child_name = " ".join(p.required("child_name").split())
    first_name, _space, last_name = child_name.partition(" ")
    if len(first_name) > NAME_MAX or len(last_name) > NAME_MAX:
        p.problem(_("child_name is too long (at most %(max)s characters per part)."), max=NAME_MAX)

    birth_date = p.date("child_birth_date")
    variant_text = p.required("variant")
    variant = VARIANTS.get(variant_text.lower())
    if variant_text and variant is None:
        p.problem(
            _("variant: “%(value)s” is not hulpverlening(svariant) or opvoeding(svariant)."),
            value=variant_text,
        )
    start = p.date("placement_start")
    end = p.date("placement_end")
    if start and end and end < start:
        p.problem(_("placement_end is before placement_start."))
    if birth_date and birth_date > today:
        p.problem(_("child_birth_date is in the future."))
    if birth_date and start and birth_date > start:
        p.problem(_("child_birth_date is after placement_start."))

    pbg_text = p.required("pleegzorgbegeleider_email")
    pbg = _parse_email(pbg_text, "pleegzorgbegeleider_email", p.problems) if pbg_text else None
    voogd_text = p.required("voogd_email")
    voogd = _parse_email(voogd_text, "voogd_email", p.problems) if voogd_text else None
    if pbg and pbg == voogd:
        p.problem(
            _("the pleegzorgbegeleider and the voogd cannot be the same person (%(email)s)."),
            email=pbg,
        )
    parents = []
    for value in _EMAIL_SEPARATORS.split(p.required("pleegouder_emails")):
        if value and (email := _parse_email(value, "pleegouder_emails", p.problems)):
            if email in (pbg, voogd):
                p.problem(
                    _("%(email)s cannot be both a professional and a pleegouder."), email=email
                )
            elif email not in parents:
                parents.append(email)

    events = {column: p.date(column) for column in EVENT_COLUMNS}
    for column, day in events.items():
        if day is None:
            continue
        if day > today:
            p.problem(_("%(column)s is in the future."), column=column)
        if start and day < start:
            p.problem(_("%(column)s is before placement_start."), column=column)
        if end and day > end:
            p.problem(_("%(column)s is after placement_end."), column=column)

    if p.problems:
        return None, p.problems
    return (
        CaseloadRow(
            line=0,
            reference=reference,
            child_first_name=first_name,
            child_last_name=last_name,
            child_birth_date=birth_date,
            variant=variant,
            start=start,
            end=end,
            pleegzorgbegeleider_email=pbg,
            voogd_email=voogd,
            pleegouder_emails=tuple(parents),
            **events,
        ),
        [],
    )


def _records(text, delimiter, header_number):
    """(first line of the record, cells) for every non-blank record after the header."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    last_line = 0
    for cells in reader:
        first_line, last_line = last_line + 1, reader.line_num
        if first_line <= header_number:
            continue
        # Spreadsheets export empty rows as ";;;;": skip them like blank lines.
        if any(cell.strip() for cell in cells):
            yield first_line, _trim(cells)


def _check_people(row, kinds, errors):
    """One email is a professional or a family member across the whole file, never both:
    a foster parent put in the voogd column would otherwise see the professionals' file."""
    people = [(row.pleegzorgbegeleider_email, PROFESSIONAL), (row.voogd_email, PROFESSIONAL)]
    people += [(email, FAMILY) for email in row.pleegouder_emails]
    for email, kind in people:
        first = kinds.setdefault(email, (kind, row.line))
        if first[0] != kind:
            errors.append(
                RowError(
                    row.line,
                    _(
                        "%(email)s is a professional on one line and a pleegouder on the other (line %(other)s)."
                    )
                    % {"email": email, "other": first[1]},
                )
            )


def parse_caseload(data, *, today):
    """The rows of a caseload file, or CaseloadFileError listing every bad row."""
    text = _decode(data)
    header_number, header = _header_line(text)
    delimiter = detect_delimiter(header)
    found = _split_header(header, delimiter)
    if tuple(found) != COLUMNS:
        raise CaseloadFileError([_header_error(header_number, found)])

    rows, errors = [], []
    first_line_of = {}
    kinds = {}
    for line, cells in _records(text, delimiter, header_number):
        if len(cells) != len(COLUMNS):
            errors.append(
                RowError(
                    line,
                    _(
                        "expected %(expected)s columns separated by “%(delimiter)s”, found %(found)s."
                    )
                    % {"expected": len(COLUMNS), "delimiter": delimiter, "found": len(cells)},
                )
            )
            continue
        row, problems = _parse_record(dict(zip(COLUMNS, cells, strict=True)), today)
        reference = cells[0].strip()
        if reference in first_line_of:
            problems.append(
                _("reference %(reference)s is also on line %(line)s.")
                % {"reference": reference, "line": first_line_of[reference]}
            )
        elif reference:
            first_line_of[reference] = line
        errors.extend(RowError(line, problem) for problem in problems)
        if row is not None and not problems:
            row = dataclasses.replace(row, line=line)
            _check_people(row, kinds, errors)
            rows.append(row)
    if errors:
        raise CaseloadFileError(errors)
    if not rows:
        raise CaseloadFileError(
            [RowError(header_number, _("the file has no rows after the header."))]
        )
    return rows
