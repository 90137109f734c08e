"""Shared by mistake, taken back: a withdrawal reaches every version and every print, and is
logged ("an agreement made professionals-only in version 2 is still readable by
the family in version 1's print")."""

from datetime import date

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Agreement, AgreementChange, Goal
from core.models import AuditEvent
from tests.factories import GOAL, SHARED
from zorgteam.audiences import Audience

pytestmark = pytest.mark.django_db


def _print(client, placement, number):
    response = client.get(reverse("agreements:version_print", args=[placement.reference, number]))
    assert response.status_code == 200
    return response.content.decode()


def test_made_regie_only_in_version_2_it_leaves_version_1_and_its_print(
    client, plan, placement, pleegzorgbegeleider, foster_parent
):
    client.force_login(foster_parent)
    assert SHARED in _print(client, placement, 1)
    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    copy = draft.agreements.get(text=SHARED)
    services.agreement_update(agreement=copy, changed_by=pleegzorgbegeleider, audiences=[])

    # Version 1 is still the current plan and keeps its wording; the family no longer sees it.
    assert Agreement.objects.get(version=plan, key=copy.key).text == SHARED
    assert SHARED not in _print(client, placement, 1)
    portal = client.get(reverse("portal:placement", args=[placement.reference])).content.decode()
    assert SHARED not in portal
    assert AuditEvent.objects.filter(
        placement=placement, user=pleegzorgbegeleider, what__startswith="withdrew agreement"
    ).exists()
    change = AgreementChange.objects.filter(key=copy.key).first()
    assert change.details["gedeeld met"] == [
        "De regie en: andere professionals, pleegouders, ouders, het kind",
        "Alleen de regie",
    ]
    # The regie still reads it, in both versions.
    client.force_login(pleegzorgbegeleider)
    assert SHARED in _print(client, placement, 1)


def test_withdrawing_from_an_adopted_version_through_the_page(
    client, plan, placement, pleegzorgbegeleider, foster_parent
):
    agreement = plan.agreements.get(text=SHARED)
    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    client.force_login(pleegzorgbegeleider)
    url = reverse("agreements:agreement_withdraw", args=[placement.reference, agreement.pk])
    page = client.get(url).content.decode()
    assert "Wie ziet deze afspraak" in page and SHARED in page
    response = client.post(url, {"audiences": ["professionals"]}, follow=True)
    assert "Opgeslagen: het is ingetrokken uit elke versie" in response.content.decode()
    for row in Agreement.objects.filter(key=agreement.key):
        assert row.audiences == {Audience.REGIE, Audience.PROFESSIONALS}, row.version.number
    assert draft.agreements.get(key=agreement.key).audiences == {
        Audience.REGIE,
        Audience.PROFESSIONALS,
    }
    assert AuditEvent.objects.filter(what__startswith="withdrew agreement").count() == 1
    client.force_login(foster_parent)
    assert SHARED not in _print(client, placement, 1)


def test_sharing_more_is_not_a_withdrawal(client, plan, placement, pleegzorgbegeleider):
    agreement = plan.agreements.get(text=SHARED)
    client.force_login(pleegzorgbegeleider)
    url = reverse("agreements:agreement_withdraw", args=[placement.reference, agreement.pk])
    everyone = ["professionals", "foster_parents", "parents", "child", "network"]
    response = client.post(url, {"audiences": everyone})
    assert response.status_code == 200
    assert "Hier kun je alleen intrekken" in response.content.decode()
    agreement.refresh_from_db()
    assert Audience.NETWORK not in agreement.audiences


def test_sharing_more_in_a_draft_does_not_reach_older_versions(
    plan, placement, pleegzorgbegeleider
):
    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    copy = draft.agreements.get(text=SHARED)
    services.agreement_update(
        agreement=copy,
        changed_by=pleegzorgbegeleider,
        audiences=[Audience.FOSTER_PARENTS, Audience.NETWORK],
    )
    old = plan.agreements.get(key=copy.key)
    assert Audience.NETWORK not in old.audiences
    # What was withdrawn (professionals, parents, child) is withdrawn everywhere.
    assert old.audiences == {Audience.REGIE, Audience.FOSTER_PARENTS}


def test_a_goal_is_withdrawn_from_every_version(
    client, plan, placement, pleegzorgbegeleider, foster_parent
):
    goal = plan.goals.get()
    services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    client.force_login(pleegzorgbegeleider)
    url = reverse("agreements:goal_withdraw", args=[placement.reference, goal.pk])
    client.post(url, {"audiences": ["professionals"]})
    assert all(
        Audience.FOSTER_PARENTS not in g.audiences for g in Goal.objects.filter(key=goal.key)
    )
    client.force_login(foster_parent)
    assert GOAL not in _print(client, placement, 1)
    assert AuditEvent.objects.filter(what__startswith="withdrew goal").exists()


def test_only_the_regie_editor_withdraws(client, plan, placement, voogd, foster_parent):
    agreement = plan.agreements.get(text=SHARED)
    url = reverse("agreements:agreement_withdraw", args=[placement.reference, agreement.pk])
    client.force_login(voogd)  # reads the whole file, but the plan is the pleegzorgbegeleider's
    assert client.post(url, {"audiences": []}).status_code == 403
    client.force_login(foster_parent)
    assert client.post(url, {"audiences": []}).status_code == 302  # to the portal
    agreement.refresh_from_db()
    assert Audience.FOSTER_PARENTS in agreement.audiences


def test_a_decision_withdrawn_from_the_parents_leaves_their_portal(
    client, placement, pleegzorgbegeleider
):
    from evaluations import services as events
    from tests.factories import UserFactory
    from zorgteam.services import membership_add

    mother = UserFactory(email="moeder@example.org", person_type="ouder")
    membership_add(
        placement=placement, person=mother, role="ouder", start_date=placement.start_date
    )
    decision = events.perspective_decision_record(
        placement=placement,
        date=date(2026, 10, 20),
        outcome="return_home",
        note="Terug in de zomer",
    )
    assert decision.audiences == {Audience.REGIE, Audience.FOSTER_PARENTS, Audience.PARENTS}
    client.force_login(mother)
    portal = reverse("portal:placement", args=[placement.reference])
    assert "Terug in de zomer" in client.get(portal).content.decode()
    client.force_login(pleegzorgbegeleider)
    url = reverse(
        "evaluations:event_audiences",
        args=[placement.reference, "perspectivedecision", decision.pk],
    )
    assert client.post(url, {"audiences": ["foster_parents"]}).status_code == 302
    client.force_login(mother)
    assert "Terug in de zomer" not in client.get(portal).content.decode()
    assert AuditEvent.objects.filter(
        placement=placement, what__contains="withdrawn from parents"
    ).exists()
