"""The demo data gets a small adopted plan for DEMO-001..DEMO-003, once."""

import pytest
from django.core.management import call_command

from agreements.models import Agreement, AgreementChange, PlanVersion

pytestmark = pytest.mark.django_db


def test_demo_plans_are_created_once():
    call_command("load_demo", quiet_logins=True)
    counts = (
        PlanVersion.objects.count(),
        Agreement.objects.count(),
        AgreementChange.objects.count(),
    )
    call_command("load_demo", quiet_logins=True)
    assert (
        PlanVersion.objects.count(),
        Agreement.objects.count(),
        AgreementChange.objects.count(),
    ) == counts
    adopted = set(PlanVersion.objects.adopted().values_list("placement__reference", "number"))
    assert adopted == {("DEMO-001", 1), ("DEMO-002", 1), ("DEMO-002", 2), ("DEMO-003", 1)}
    assert not PlanVersion.objects.drafts().exists()
    # DEMO-002's visits changed in version 2, and the history says so.
    change = AgreementChange.objects.get(kind="changed")
    assert change.version.placement.reference == "DEMO-002"
    assert "vader brengt haar terug" in change.new_text


def test_demo_family_sees_only_shared_agreements(client):
    from accounts.models import User

    call_command("load_demo", quiet_logins=True)
    visser = User.objects.get(email="fam.visser@demo.pleegzorg.nl")
    client.force_login(visser)
    html = client.get("/portal/DEMO-001/").content.decode()
    assert "Noah ziet zijn moeder op het kantoor van Pleegzorg." in html
    assert "Het adres van het pleeggezin wordt niet met moeder gedeeld." not in html
