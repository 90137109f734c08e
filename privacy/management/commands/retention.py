"""`manage.py retention [--dry-run]`: destroy the files whose retention period is over.

Jeugdwet art. 7.3.8: 20 years after the end of care (RETENTION_YEARS). Beat runs the same
every night (privacy.tasks.retention); the dry run lists what would go and changes nothing.
"""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.audit import audit_scope
from privacy.retention import retention_ends, retention_run


class Command(BaseCommand):
    help = "Destroy ended placements whose retention period is over (--dry-run: only list them)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be destroyed; change nothing"
        )
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")

    def handle(self, *args, dry_run=False, as_of=None, **options):
        try:
            today = date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError:
            raise CommandError(f"--as-of: {as_of!r} is not a date (YYYY-MM-DD).") from None
        years = settings.RETENTION_YEARS
        with audit_scope("command:retention"):
            due, destroyed = retention_run(today=today, dry_run=dry_run, years=years)
        verb = "would be destroyed" if dry_run else "destroyed"
        for placement in due:
            kept_until = retention_ends(placement.end_date, years)
            self.stdout.write(
                f"{placement.reference}\tended {placement.end_date.isoformat()}"
                f"\tkept until {kept_until.isoformat()}\t{verb}"
            )
        accounts = sum(d.accounts_deleted for d in destroyed)
        summary = f"{len(due)} placement(s) {verb} ({years} years after the end of care)"
        if not dry_run:
            summary += f"; {accounts} family account(s) deleted"
        self.stdout.write(summary + ".")
