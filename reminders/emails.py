"""The daily digest email: Dutch, plain text and HTML, grouped by placement.

No more personal data than needed (STYLE.md): the placement's reference and the child's
first name, what is due, by when, and a link straight to the form that records what was
done (the placement page where no form closes the deadline).
"""

from itertools import groupby
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from evaluations.forms import deadline_action_url

from .models import Reminder


def placement_url(reference):
    return settings.SITE_URL + reverse("cases:placement_detail", args=[reference])


def action_url(deadline):
    """The form that records what closes this deadline; the placement page where none does
    (the child joining the zorgteam is done by adding the child to the team there)."""
    path = deadline_action_url(
        reference=deadline.placement.reference, kind=deadline.kind, key=deadline.key
    )
    if path is None:
        return placement_url(deadline.placement.reference)
    return settings.SITE_URL + path


def status_text(stage, due_date, day):
    days = (due_date - day).days
    if stage == Reminder.Stage.DUE:
        return _("due today")
    if stage == Reminder.Stage.OVERDUE:
        return ngettext("%(days)d day overdue", "%(days)d days overdue", -days) % {"days": -days}
    return ngettext("due in %(days)d day", "due in %(days)d days", days) % {"days": days}


def digest_groups(reminders, day):
    """[{reference, child_first_name, url, items: [...]}, …] ordered by reference, then due."""
    rows = sorted(
        reminders,
        key=lambda r: (r.deadline.placement.reference, r.deadline.due_date, r.deadline.kind),
    )
    groups = []
    for reference, items in groupby(rows, key=lambda r: r.deadline.placement.reference):
        items = list(items)
        placement = items[0].deadline.placement
        groups.append(
            {
                "reference": reference,
                "child_first_name": placement.child.first_name,
                "url": placement_url(reference),
                "items": [
                    {
                        "what": r.deadline.get_kind_display(),
                        "url": action_url(r.deadline),
                        "due_date": r.deadline.due_date,
                        "stage": r.stage,
                        "status": status_text(r.stage, r.deadline.due_date, day),
                        "reason": r.get_reason_display(),
                    }
                    for r in items
                ],
            }
        )
    return groups


def _message_id(digest_id):
    # The same id on a retry: should a crashed attempt ever have reached the server after
    # all, mail clients show the two copies as one message.
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<reminder-digest-{digest_id}@{domain}>"


def digest_message(*, recipient, reminders, day, digest_id, connection=None):
    with translation.override(settings.LANGUAGE_CODE):
        groups = digest_groups(reminders, day)
        context = {
            "recipient_name": recipient.get_short_name(),
            "groups": groups,
            "item_count": sum(len(g["items"]) for g in groups),
            "has_overdue": any(
                item["stage"] == Reminder.Stage.OVERDUE for g in groups for item in g["items"]
            ),
            "day": day,
            "site_url": settings.SITE_URL,
            "reminders_url": settings.SITE_URL + reverse("reminders:open"),
        }
        subject = " ".join(render_to_string("emails/reminder_digest_subject.txt", context).split())
        text = render_to_string("emails/reminder_digest_body.txt", context)
        html = render_to_string("emails/reminder_digest_body.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={"Message-ID": _message_id(digest_id)},
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message
