"""Building the app's notification emails: Dutch plain text + HTML from three templates
(<prefix>_subject.txt, <prefix>_body.txt, <prefix>_body.html), and absolute links to the
pages they point to (SITE_URL, as the reminder emails use)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def templated_email(*, to, prefix, context, connection=None):
    """One email to `to` from the templates at `prefix` (e.g. "agreements/emails/adopted")."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
        text = render_to_string(f"{prefix}_body.txt", context)
        html = render_to_string(f"{prefix}_body.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], connection=connection)
    message.attach_alternative(html, "text/html")
    return message


def site_link(name, *args):
    """The absolute address of a page, for an email."""
    return settings.SITE_URL + reverse(name, args=args)
