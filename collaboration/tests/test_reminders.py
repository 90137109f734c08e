"""The new deadline kinds reach the professionals' daily digest like the others, with a
link straight to where to act."""

import pytest

from agreements.services import meeting_request_create
from collaboration.services import decision_record, explanation_request_create
from reminders.models import Reminder
from reminders.sending import sweep_and_send_now

pytestmark = pytest.mark.django_db


def test_the_digest_lists_the_new_kinds_with_links(
    new_placement, voogd, foster_parent, pleegzorgbegeleider, mailoutbox, settings, today
):
    settings.SITE_URL = "https://zorgteam.example.nl"
    meeting_request_create(placement=new_placement, requested_by=foster_parent, reason="Graag")
    decision = decision_record(
        placement=new_placement,
        date=today,
        subject="Besluit",
        decision="D",
        decided_by=voogd,
        decided_by_role="voogd",
        consulted="C",
        foster_parents_view="V",
        explanation="E",
        recorded_by=voogd,
    )
    explanation_request_create(decision=decision, requested_by=foster_parent)

    sweep_and_send_now(as_of=today)

    kinds = set(Reminder.objects.values_list("deadline__kind", "recipient__email"))
    assert ("start_meeting", "sanne@example.org") in kinds
    assert ("start_meeting", "marieke@example.org") in kinds  # also reminded
    assert ("requested_meeting", "sanne@example.org") in kinds
    assert ("decision_explanation", "marieke@example.org") in kinds
    assert ("decision_explanation", "sanne@example.org") in kinds
    assert not any(email == "visser@example.org" for _kind, email in kinds)

    [to_sanne] = [m for m in mailoutbox if m.to == ["sanne@example.org"]]
    html = next(c for c, mimetype in to_sanne.alternatives if mimetype == "text/html")
    reference = new_placement.reference
    for body in (to_sanne.body, html):
        assert "Startbijeenkomst met alle partijen" in body
        assert "Zorgteamoverleg waar een lid om vroeg" in body
        assert "Een besluit uitleggen aan het gezin" in body
        assert "4 december 2026" in body
        site = "https://zorgteam.example.nl/placements"
        assert f"{site}/{reference}/meetings/record/?kind=start" in body
        assert f"{site}/{reference}/meetings/record/?kind=on_request" in body
        assert f"{site}/{reference}/decisions/{decision.pk}/#explain" in body
