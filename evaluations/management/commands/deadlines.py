"""`manage.py deadlines`: the open deadlines as of a day, as a table or as JSON.

Two queries whatever the caseload: the deadlines (joined to their placement) and the
current members in the responsible roles.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Placement
from core.dates import parse_date
from evaluations.selectors import deadlines_listing
from evaluations.status import STATUS_LABELS

COLUMNS = ("placement", "kind", "due", "status", "responsible", "responsible_email")


class Command(BaseCommand):
    help = "List the open deadlines as of a date (default: today, Europe/Amsterdam)."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--placement", help="only this placement (its reference)")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, as_of=None, placement=None, format="table", **options):
        if as_of is None:
            day = timezone.localdate()
        else:
            day = parse_date(as_of)
            if day is None:
                raise CommandError(
                    _("--as-of: “%(value)s” is not a date (YYYY-MM-DD).") % {"value": as_of}
                )
        rows = deadlines_listing(as_of=day, reference=placement)
        if (
            placement is not None
            and not rows
            and not Placement.objects.filter(reference=placement).exists()
        ):
            raise CommandError(
                _("No placement with reference %(reference)s.") % {"reference": placement}
            )
        if format == "json":
            # Compact: with indent= json switches from its C encoder to the pure-Python one,
            # several times slower over a whole caseload (`| python -m json.tool` to read).
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
        else:
            self.stdout.write(self._table(rows))

    def _table(self, rows):
        headers = (
            _("placement"),
            _("deadline"),
            _("due"),
            _("status"),
            _("responsible"),
            _("email"),
        )
        lines = [
            (
                row["placement"],
                row["kind"],
                row["due"],
                str(STATUS_LABELS[row["status"]]),
                row["responsible"],
                row["responsible_email"] or "—",
            )
            for row in rows
        ]
        widths = [
            max(len(str(cell)) for cell in column) for column in zip(headers, *lines, strict=False)
        ]
        out = [
            "  ".join(
                str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)
            ).rstrip()
            for line in (headers, *lines)
        ]
        if not rows:
            out.append(_("No open deadlines."))
        return "\n".join(out)
