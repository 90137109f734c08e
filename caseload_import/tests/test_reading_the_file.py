"""Reading a caseload file (caseload_import.parsing): pure, no database."""

from datetime import date

import pytest

from caseload_import.parsing import (
    COLUMNS,
    CaseloadFileError,
    detect_delimiter,
    parse_caseload,
    parse_date,
)

TODAY = date(2026, 11, 20)
GOOD = [
    "PL-1",
    "Noor van der Berg",
    "2019-03-04",
    "hulpverlening",
    "2026-01-15",
    "",
    "Sanne@Example.org",
    "marieke@example.org",
    "visser@example.org",
    "2026-04-01",
    "01-10-2026",
    "",
    "",
]


def row(**changes):
    values = dict(zip(COLUMNS, GOOD, strict=True))
    values.update(changes)
    return [values[c] for c in COLUMNS]


def csv_text(*rows, delimiter=";", header=COLUMNS):
    lines = [delimiter.join(header)] + [delimiter.join(r) for r in rows]
    return "\r\n".join(lines) + "\r\n"


def errors_of(text, today=TODAY):
    with pytest.raises(CaseloadFileError) as error:
        parse_caseload(text.encode() if isinstance(text, str) else text, today=today)
    return [(e.line, e.message) for e in error.value.errors]


def test_a_good_row():
    (parsed,) = parse_caseload(csv_text(row()).encode(), today=TODAY)
    assert parsed.line == 2
    assert (parsed.child_first_name, parsed.child_last_name) == ("Noor", "van der Berg")
    assert parsed.variant == "hulpverlening"
    assert parsed.start == date(2026, 1, 15) and parsed.end is None
    assert parsed.pleegzorgbegeleider_email == "sanne@example.org"  # lowercased
    assert parsed.pleegouder_emails == ("visser@example.org",)
    assert parsed.last_visit_evaluation == date(2026, 4, 1)
    assert parsed.last_guardian_contact == date(2026, 10, 1)  # DD-MM-YYYY
    assert parsed.perspective_study_started is None


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_both_delimiters_with_and_without_bom(delimiter, bom):
    data = bom + csv_text(row(), row(reference="PL-2"), delimiter=delimiter).encode()
    assert detect_delimiter(csv_text(delimiter=delimiter).splitlines()[0]) == delimiter
    assert [r.reference for r in parse_caseload(data, today=TODAY)] == ["PL-1", "PL-2"]


@pytest.mark.parametrize(
    ("text", "variant"),
    [
        ("hulpverlening", "hulpverlening"),
        ("Hulpverleningsvariant", "hulpverlening"),
        ("OPVOEDING", "opvoeding"),
        ("opvoedingsVariant", "opvoeding"),
    ],
)
def test_variants_in_any_case(text, variant):
    (parsed,) = parse_caseload(csv_text(row(variant=text)).encode(), today=TODAY)
    assert parsed.variant == variant


@pytest.mark.parametrize(
    "cell", ["a@x.nl b@x.nl", "a@x.nl|b@x.nl", " a@x.nl |  b@x.nl ", "a@x.nl | b@x.nl a@x.nl"]
)
def test_pleegouder_emails_split_by_spaces_or_bars(cell):
    (parsed,) = parse_caseload(csv_text(row(pleegouder_emails=cell)).encode(), today=TODAY)
    assert parsed.pleegouder_emails == ("a@x.nl", "b@x.nl")


def test_optional_columns_may_be_empty():
    empty = dict.fromkeys(("placement_end", *COLUMNS[9:]), "")
    (parsed,) = parse_caseload(csv_text(row(**empty)).encode(), today=TODAY)
    assert parsed.end is None and parsed.last_visit_evaluation is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-02-29", date(2024, 2, 29)),
        ("29-02-2024", date(2024, 2, 29)),
        ("1-2-2024", date(2024, 2, 1)),
        ("2023-02-29", None),
        ("31-04-2024", None),
        ("2024/01/01", None),
        ("01-01-24", None),
        ("gisteren", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"child_birth_date": "2019-02-30"}, "child_birth_date: “2019-02-30” is geen datum"),
        ({"placement_start": "15/01/2026"}, "placement_start: “15/01/2026” is geen datum"),
        ({"variant": "pleegzorg"}, "variant: “pleegzorg”"),
        ({"voogd_email": "marieke-at-example.org"}, "voogd_email: “marieke-at-example.org”"),
        ({"pleegouder_emails": "a@x.nl|kapot"}, "pleegouder_emails: “kapot”"),
        ({"reference": ""}, "reference is leeg"),
        ({"reference": "PL 1"}, "reference: “PL 1”"),
        ({"child_name": " "}, "child_name is leeg"),
        ({"pleegouder_emails": ""}, "pleegouder_emails is leeg"),
        ({"placement_end": "2026-01-14"}, "placement_end ligt vóór placement_start"),
        ({"child_birth_date": "2027-01-01"}, "child_birth_date ligt in de toekomst"),
        (
            {"last_visit_evaluation": "2025-12-31"},
            "last_visit_evaluation ligt vóór placement_start",
        ),
        ({"last_guardian_contact": "2026-11-21"}, "last_guardian_contact ligt in de toekomst"),
        (
            {"placement_end": "2026-06-01", "perspective_decided": "2026-06-02"},
            "perspective_decided ligt na placement_end",
        ),
        ({"voogd_email": "sanne@example.org"}, "niet dezelfde persoon"),
        ({"pleegouder_emails": "marieke@example.org"}, "zowel professional als pleegouder"),
    ],
)
def test_each_kind_of_bad_value_names_the_line_and_the_reason(changes, needle):
    errors = errors_of(csv_text(row(reference="PL-0"), row(**changes)))
    assert [line for line, _message in errors] == [3] * len(errors)
    assert any(needle in message for _line, message in errors), errors


def test_every_bad_row_is_listed_in_one_run():
    errors = errors_of(
        csv_text(
            row(reference="PL-1"),
            row(reference="PL-2", variant="x"),
            row(reference="PL-3"),
            row(reference="PL-4", child_birth_date="gisteren", voogd_email="nope"),
            row(reference="PL-1"),
        )
    )
    assert sorted({line for line, _m in errors}) == [3, 5, 6]
    assert len([1 for line, _m in errors if line == 5]) == 2  # both problems of that row
    assert (6, "reference PL-1 staat ook op regel 2.") in errors


def test_line_numbers_count_like_an_editor_blank_and_multiline_rows_included():
    quoted = row(reference="PL-2")
    quoted[1] = '"Sara\nde Wit"'  # a cell with a line break takes two lines
    text = csv_text(row(reference="PL-1"), quoted, row(reference="PL-3", variant="?"))
    text = text.replace("\r\nPL-3", "\r\n\r\n;;;;;;;;;;;;\r\nPL-3")
    # header 1, PL-1 2, PL-2 3-4, blank 5, empty cells 6, PL-3 7
    assert errors_of(text) == [
        (7, "variant: “?” is geen hulpverlening(svariant) of opvoeding(svariant).")
    ]


def test_a_professional_cannot_be_a_pleegouder_on_another_line():
    errors = errors_of(
        csv_text(
            row(reference="PL-1"),
            row(
                reference="PL-2",
                pleegzorgbegeleider_email="ahmed@example.org",
                pleegouder_emails="sanne@example.org",
            ),
        )
    )
    assert errors == [
        (
            3,
            "sanne@example.org is op de ene regel professional en op de andere pleegouder (regel 2).",
        )
    ]


@pytest.mark.parametrize(
    ("header", "needle"),
    [
        (COLUMNS[:-1], "ontbreekt: perspective_decided"),
        ((*COLUMNS[:-1], "perspective_decision"), "onbekend: perspective_decision"),
        ((COLUMNS[1], COLUMNS[0], *COLUMNS[2:]), "verkeerde volgorde"),
    ],
)
def test_a_wrong_header_is_line_1(header, needle):
    errors = errors_of(csv_text(row(), header=header))
    assert len(errors) == 1
    assert errors[0][0] == 1 and needle in errors[0][1]


def test_wrong_number_of_cells():
    errors = errors_of(csv_text(row(reference="PL-1"), row(reference="PL-2")[:-2]))
    assert errors == [(3, "verwacht 13 kolommen gescheiden door “;”, gevonden 11.")]


def test_empty_file_not_utf8_and_header_only():
    assert errors_of(b"") == [(1, "het bestand is leeg.")]
    assert errors_of(csv_text()) == [(1, "het bestand heeft geen regels na de kopregel.")]
    latin1 = csv_text(row(reference="PL-1"), row(child_name="Zoë Jansen")).encode("latin-1")
    ((line, message),) = errors_of(latin1)
    assert line == 3 and "UTF-8" in message


def test_trailing_empty_columns_from_a_spreadsheet_are_ignored():
    text = csv_text(row(), header=(*COLUMNS, "", ""))
    text = text.replace(";01-10-2026;;\r\n", ";01-10-2026;;;;\r\n")
    assert ";;;;\r\n" in text
    (parsed,) = parse_caseload(text.encode(), today=TODAY)
    assert parsed.reference == "PL-1"
