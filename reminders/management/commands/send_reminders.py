"""`manage.py send_reminders [--as-of DATE] [--dry-run]`: the sweep and the send, without a worker.

The same services as the Celery task, run synchronously. A second run for the same day
sends nothing: each person's digest for that day is sent once.
"""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from accounts.models import User
from evaluations.models import Deadline
from reminders.emails import digest_groups
from reminders.models import Digest, Reminder
from reminders.sending import (
    NOTHING,
    SENT,
    DigestSendFailed,
    recipients_to_send,
    sweep_and_send_now,
    triage,
)
from reminders.services import reminders_sweep


def _date(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--as-of: not a date (YYYY-MM-DD): {value!r}") from None


class Command(BaseCommand):
    help = "Turn open deadlines into reminders and send each person their daily digest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of", type=_date, default=None, help="The day to run for (default: today)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print who would get what; write and send nothing.",
        )

    def handle(self, *args, as_of=None, dry_run=False, **options):
        as_of = as_of or timezone.localdate()
        if dry_run:
            self._dry_run(as_of)
            return
        run = sweep_and_send_now(as_of=as_of)
        self.stdout.write(
            f"Sweep as of {as_of}: {run.sweep.deadlines} open deadlines in the reminder "
            f"window, {len(run.sweep.new)} new reminders."
        )
        sent = [r for r in run.results.values() if getattr(r, "outcome", None) == SENT]
        failed = [r for r in run.results.values() if isinstance(r, DigestSendFailed)]
        empty = [r for r in run.results.values() if getattr(r, "outcome", None) == NOTHING]
        dropped = sum(getattr(r, "dropped", 0) for r in run.results.values())
        self.stdout.write(
            f"Sent {len(sent)} digests ({sum(r.items for r in sent)} reminders); "
            f"{len(failed)} failed and will be retried; {len(empty)} with nothing left to "
            f"send; {dropped} reminders dropped as no longer relevant."
        )
        for exc in failed:
            self.stderr.write(f"  digest {exc.digest_id} failed: {exc}")

    def _dry_run(self, as_of):
        """What the real run would send now, computed without writing a single row."""
        sweep = reminders_sweep(as_of=as_of, dry_run=True)
        deadlines = Deadline.objects.select_related("placement__child").in_bulk(
            {row.deadline_id for row in sweep.new}
        )
        pool = {}
        for reminder in (
            Reminder.objects.pending()
            .filter(digest=None)
            .select_related("deadline__placement__child", "recipient")
        ):
            pool.setdefault(reminder.recipient, []).append(reminder)
        by_id = {user.pk: user for user in pool}
        missing = {row.recipient_id for row in sweep.new} - set(by_id)
        by_id.update(User.objects.in_bulk(missing))
        for row in sweep.new:
            recipient = by_id[row.recipient_id]
            reminder = Reminder(
                deadline=deadlines[row.deadline_id],
                recipient=recipient,
                stage=row.stage,
                occurrence=row.occurrence,
                stage_date=row.stage_date,
                reason=row.reason,
            )
            pool.setdefault(recipient, []).append(reminder)

        sent_today = set(
            Digest.objects.filter(day=as_of, status=Digest.Status.SENT).values_list(
                "recipient_id", flat=True
            )
        )
        # Same eligibility as the real run, apart from the pool the sweep would add.
        eligible = set(recipients_to_send(day=as_of)) | {r.recipient_id for r in sweep.new}
        self.stdout.write(
            f"Dry run as of {as_of}: {sweep.deadlines} open deadlines in the reminder window, "
            f"{len(sweep.new)} reminders would be written. Nothing is written or sent."
        )
        total = 0
        for recipient in sorted(pool, key=lambda u: (u.full_name, u.email)):
            if recipient.pk in sent_today or recipient.pk not in eligible:
                continue
            keep, _dropped = triage(pool[recipient], recipient=recipient, day=as_of)
            if not keep:
                continue
            total += 1
            self.stdout.write(f"{recipient.full_name} <{recipient.email}>: {len(keep)} item(s)")
            with translation.override(settings.LANGUAGE_CODE):
                for group in digest_groups(keep, as_of):
                    for item in group["items"]:
                        self.stdout.write(
                            f"  {group['reference']} · {group['child_first_name']} — "
                            f"{item['what']}: {item['status']} "
                            f"({item['due_date']:%Y-%m-%d}; {item['reason']})"
                        )
        self.stdout.write(f"{total} digest(s) would be sent.")
