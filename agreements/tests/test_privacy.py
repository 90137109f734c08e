"""A professionals-only agreement never reaches a foster parent — not on a page, in print, in
an email or in a count — and another family's placement, plan and agreements are a 404."""

import re
from datetime import date

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Agreement, Goal, PlanVersion
from agreements.notifications import plan_adopted_notify
from tests.factories import SECRET, SHARED, VISITS, build_plan

pytestmark = pytest.mark.django_db


# --- The one rule ---------------------------------------------------------------------------


def test_visible_to_is_the_rule(
    plan, placement, pleegzorgbegeleider, voogd, foster_parent, other_foster_parent
):
    from django.contrib.auth.models import AnonymousUser

    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    services.agreement_add(
        version=draft,
        changed_by=pleegzorgbegeleider,
        category="other",
        text="Nog in concept",
        owner_role="voogd",
    )

    def texts(user):
        return set(Agreement.objects.visible_to(user).values_list("text", flat=True))

    assert texts(foster_parent) == {SHARED, VISITS}  # adopted, shared with the team
    assert texts(pleegzorgbegeleider) == texts(voogd) == {SHARED, VISITS, SECRET, "Nog in concept"}
    assert texts(other_foster_parent) == set()
    assert texts(AnonymousUser()) == set()
    assert list(PlanVersion.objects.visible_to(foster_parent)) == [plan]
    assert Goal.objects.visible_to(foster_parent).count() == 1  # the draft's copy is not visible


# --- Never on a page, in print, in an email or in a count -----------------------------------


def test_portal_page_shows_shared_agreements_only_and_counts_them(
    client, plan, placement, foster_parent
):
    client.force_login(foster_parent)
    response = client.get(reverse("portal:placement", args=[placement.reference]))
    html = response.content.decode()
    assert SHARED in html and VISITS in html
    assert SECRET not in html
    assert response.context["agreement_count"] == 2
    # The unread counter on the "Afspraken" link counts what the family may see: 2, not 3.
    assert re.search(
        r'href="#agreements">Afspraken <span class="badge text-bg-primary">2</span>', html
    )
    assert html.count("Markeer als gezien") == 2


def test_portal_print_and_version_print_leave_it_out(client, plan, placement, foster_parent):
    client.force_login(foster_parent)
    for url in (
        reverse("portal:print", args=[placement.reference]),
        reverse("agreements:version_print", args=[placement.reference, 1]),
    ):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert SHARED in html and VISITS in html and SECRET not in html
        assert "Alleen de regie" not in html
        assert "Toont wat met jou gedeeld is." in html


def test_professional_print_has_everything(client, plan, placement, pleegzorgbegeleider):
    client.force_login(pleegzorgbegeleider)
    html = client.get(
        reverse("agreements:version_print", args=[placement.reference, 1])
    ).content.decode()
    assert SECRET in html and "[Alleen de regie]" in html
    assert "Het zorgteam: wie doet wat" in html and "Regie; eerste aanspreekpunt" in html
    assert "Noor slaapt vijf nachten per week" in html


def test_professional_pages_send_a_foster_parent_to_the_portal(
    client, plan, placement, foster_parent
):
    client.force_login(foster_parent)
    secret = plan.agreements.get(text=SECRET)
    for url in (
        reverse("agreements:plan", args=[placement.reference]),
        reverse("agreements:version_detail", args=[placement.reference, 1]),
        reverse("agreements:agreement_detail", args=[placement.reference, secret.pk]),
        reverse("agreements:agreement_edit", args=[placement.reference, secret.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("portal:placement", args=[placement.reference])
        assert SECRET not in response.content.decode()


def test_a_professionals_only_agreement_cannot_be_marked_seen(
    client, plan, placement, foster_parent
):
    client.force_login(foster_parent)
    secret = plan.agreements.get(text=SECRET)
    response = client.post(reverse("portal:agreement_seen", args=[placement.reference, secret.pk]))
    assert response.status_code == 404
    assert not secret.reads.exists()


def test_a_draft_never_reaches_the_family(
    client, plan, placement, pleegzorgbegeleider, foster_parent
):
    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    services.agreement_add(
        version=draft,
        changed_by=pleegzorgbegeleider,
        category="other",
        text="Nog in concept",
        owner_role="voogd",
    )
    client.force_login(foster_parent)
    assert (
        "Nog in concept"
        not in client.get(reverse("portal:placement", args=[placement.reference])).content.decode()
    )
    assert (
        client.get(reverse("agreements:version_print", args=[placement.reference, 2])).status_code
        == 404
    )
    new = draft.agreements.get(text="Nog in concept")
    assert (
        client.post(
            reverse("portal:agreement_seen", args=[placement.reference, new.pk])
        ).status_code
        == 404
    )


def test_adoption_email_counts_only_what_each_person_may_see(
    placement, pleegzorgbegeleider, voogd, foster_parent, mailoutbox
):
    version = build_plan(placement, pleegzorgbegeleider)
    assert plan_adopted_notify(version_id=version.pk) == 2
    by_recipient = {m.to[0]: m for m in mailoutbox}
    family = by_recipient[foster_parent.email]
    professional = by_recipient[voogd.email]
    for message in (family, professional):
        html = message.alternatives[0][0]
        assert SECRET not in message.body and SECRET not in html  # no agreement text at all
    assert "en 2 afspraken voor jou." in family.body
    assert "2 afspraken zijn nieuw of gewijzigd." in family.body
    assert "/portal/PL-TEST-1/" in family.body
    assert "en 3 afspraken voor jou." in professional.body
    assert "/placements/PL-TEST-1/plan/versions/1/" in professional.body
    assert (
        family.subject == "Versie 1 van het hulpverleningsplan voor Noor (PL-TEST-1) is vastgesteld"
    )


def test_a_changed_professionals_only_agreement_is_not_counted_as_changed_for_the_family(
    plan, placement, pleegzorgbegeleider, foster_parent, mailoutbox
):
    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    services.agreement_update(
        agreement=draft.agreements.get(text=SECRET),
        changed_by=pleegzorgbegeleider,
        text=SECRET + " Ook geen telefoonnummer.",
    )
    v2 = services.plan_version_adopt(
        version=draft,
        adopted_on=date(2026, 11, 2),
        adopted_by=pleegzorgbegeleider,
        notify_team=False,
    )
    plan_adopted_notify(version_id=v2.pk)
    family = next(m for m in mailoutbox if m.to == [foster_parent.email])
    assert "nieuw of gewijzigd" not in family.body


# --- Another family's placement, plan, versions and agreements: 404 --------------------------


def _urls(placement, version, agreement, goal):
    ref = placement.reference
    return [
        ("get", reverse("portal:placement", args=[ref])),
        ("get", reverse("portal:print", args=[ref])),
        ("get", reverse("portal:meeting_request", args=[ref])),
        ("post", reverse("portal:meeting_request", args=[ref])),
        ("post", reverse("portal:agreement_seen", args=[ref, agreement.pk])),
        ("post", reverse("portal:agreements_seen_all", args=[ref])),
        ("get", reverse("agreements:plan", args=[ref])),
        ("get", reverse("agreements:version_detail", args=[ref, version.number])),
        ("get", reverse("agreements:version_print", args=[ref, version.number])),
        ("get", reverse("agreements:version_adopt", args=[ref, version.number])),
        ("post", reverse("agreements:version_start", args=[ref])),
        ("get", reverse("agreements:agreement_detail", args=[ref, agreement.pk])),
        ("get", reverse("agreements:agreement_edit", args=[ref, agreement.pk])),
        ("get", reverse("agreements:goal_edit", args=[ref, goal.pk])),
        ("get", reverse("agreements:meeting_request_add", args=[ref])),
    ]


def test_another_familys_urls_answer_404(
    client, plan, placement, other_plan, other_placement, foster_parent
):
    """The foster parent of PL-TEST-1 tries every URL of the other family's PL-TEST-2."""
    client.force_login(foster_parent)
    agreement = other_plan.agreements.get(text=SHARED)
    for method, url in _urls(other_placement, other_plan, agreement, other_plan.goals.get()):
        response = getattr(client, method)(url, {"reason": "x"} if method == "post" else None)
        assert response.status_code == 404, url
        assert "Mila" not in response.content.decode()


def test_a_professional_outside_the_team_gets_404(
    client, plan, placement, other_plan, other_placement, voogd
):
    client.force_login(voogd)  # member of PL-TEST-1 only
    agreement = other_plan.agreements.get(text=SECRET)
    for method, url in _urls(other_placement, other_plan, agreement, other_plan.goals.get()):
        assert getattr(client, method)(url).status_code == 404, url


def test_own_placement_with_another_placements_ids_is_404(
    client, plan, placement, other_plan, pleegzorgbegeleider
):
    """Ids are looked up inside the placement in the URL, not on their own."""
    client.force_login(pleegzorgbegeleider)
    agreement = other_plan.agreements.get(text=SHARED)
    goal = other_plan.goals.get()
    ref = placement.reference
    assert (
        client.get(reverse("agreements:agreement_detail", args=[ref, agreement.pk])).status_code
        == 404
    )
    assert client.get(reverse("agreements:goal_edit", args=[ref, goal.pk])).status_code == 404
    assert client.get(reverse("agreements:version_detail", args=[ref, 7])).status_code == 404
