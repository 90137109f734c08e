from django.core.management.base import BaseCommand

from demo.data import DEMO_PASSWORD, PEOPLE, load_demo


class Command(BaseCommand):
    help = "Load the demo organisation, people and placements (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-logins", action="store_true", help="Do not print the demo logins."
        )

    def handle(self, *args, quiet_logins=False, **options):
        created = load_demo()
        self.stdout.write(f"Demo data: {created} placement(s) created.")
        if not quiet_logins:
            self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
            for email, name, person_type, _phone in PEOPLE:
                self.stdout.write(f"  {email:32} {name:18} {person_type.label}")
            self.stdout.write(
                "Professionals set up two-step verification at their first login: scan the QR\n"
                "code with an authenticator app (or type the key shown) and enter its code."
            )
