"""`manage.py import_caseload FILE [--dry-run]`: onboard a running caseload from a CSV file.

All or nothing: any bad row and nothing is written; every bad row is listed, by the line
number a text editor shows (the header is line 1), and the command exits non-zero.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from caseload_import.parsing import COLUMNS, CaseloadFileError, parse_caseload
from caseload_import.services import caseload_import


class Command(BaseCommand):
    help = "Import placements from a CSV file (UTF-8, ';' or ',') with the header: " + ", ".join(
        COLUMNS
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and report what would change, without writing anything",
        )

    def handle(self, *args, file, dry_run=False, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
            ) from None
        today = timezone.localdate()
        try:
            rows = parse_caseload(data, today=today)
            report = caseload_import(rows=rows, dry_run=dry_run, today=today)
        except CaseloadFileError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            count = len(exc.errors)
            raise CommandError(
                ngettext(
                    "%(count)s problem in %(file)s; nothing was imported.",
                    "%(count)s problems in %(file)s; nothing was imported.",
                    count,
                )
                % {"count": count, "file": file}
            ) from None
        self._report(report, verbosity=options.get("verbosity", 1))

    def _report(self, report, verbosity):
        write = self.stdout.write
        if report.dry_run:
            write(_("Dry run: nothing was written. The import would:"))
        else:
            write(_("Imported:"))
        write(_("  placements created: %(n)s") % {"n": report.created})
        write(_("  placements updated: %(n)s") % {"n": report.updated})
        write(_("  placements unchanged: %(n)s") % {"n": report.unchanged})
        write(_("  people created: %(n)s") % {"n": report.people_created})
        write(_("  zorgteam members added: %(n)s") % {"n": report.memberships_added})
        write(_("  zorgteam members leaving: %(n)s") % {"n": report.memberships_ended})
        for name, count in sorted(report.events.items()):
            write(_("  events recorded (%(kind)s): %(n)s") % {"kind": name, "n": count})
        if report.dry_run:
            write(
                _("  deadlines opened for the new placements: %(n)s")
                % {"n": report.deadlines_opened}
            )
        else:
            write(_("  deadlines opened: %(n)s") % {"n": report.deadlines_opened})
        if report.details and (report.dry_run or verbosity >= 2):
            write(_("Changes to existing placements:"))
            for line in report.details:
                write(f"  {line}")
