"""The professionals' plan pages: drafting, adopting, bad input, read-only, the voogd."""

from datetime import date

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Agreement, AgreementChange, Goal, PlanComment, PlanVersion
from tests.factories import SECRET, SHARED, build_plan

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"agreements:{name}", args=args)


def _agreement_data(**overrides):
    data = {
        "category": "school",
        "text": "Pleegmoeder gaat naar de ouderavond.",
        "owner_role": "pleegouder",
        "owner_person": "",
        "concerns": "Noor",
        "valid_from": "",
        "valid_until": "",
        "audiences": ["professionals", "foster_parents", "parents"],
        "visit_frequency": "",
        "visit_form": "",
        "visit_location": "",
        "visit_duration_minutes": "",
    }
    data.update(overrides)
    return data


def test_pleegzorgbegeleider_drafts_and_adopts_through_the_forms(
    client,
    placement,
    pleegzorgbegeleider,
    foster_parent,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    client.force_login(pleegzorgbegeleider)
    response = client.post(_url("version_start", placement.reference), follow=True)
    assert "Conceptversie 1 is gestart." in response.content.decode()
    version = PlanVersion.objects.get(placement=placement)

    response = client.post(
        _url("goal_add", placement.reference, 1),
        {
            "description": "Noor fietst zelf naar school.",
            "target_date": "2027-06-01",
            "status": "open",
        },
    )
    assert response.status_code == 302
    client.post(_url("agreement_add", placement.reference, 1), _agreement_data())
    response = client.post(
        _url("agreement_add", placement.reference, 1),
        _agreement_data(
            category="contact_parents",
            text="Noor ziet haar vader.",
            owner_role="voogd",
            visit_frequency="monthly",
            visit_form="unsupervised",
            visit_location="Bij vader thuis",
            visit_duration_minutes="180",
        ),
    )
    assert response.status_code == 302
    assert version.goals.count() == 1 and version.agreements.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("version_adopt", placement.reference, 1),
            {"adopted_on": "2026-11-01", "notify_team": "on"},
            follow=True,
        )
    html = response.content.decode()
    assert "Versie 1 is vastgesteld." in html
    assert "Vastgesteld op 1 november 2026 door Sanne de Vries" in html
    assert "Elke maand, onbegeleid bezoek, Bij vader thuis, 180 minuten" in html
    version.refresh_from_db()
    assert version.is_adopted
    # The team hears of it by email (the pleegzorgbegeleider herself does not).
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == ["marieke@example.org", "visser@example.org"]


def test_placement_page_shows_the_current_plan(client, plan, placement, pleegzorgbegeleider):
    client.force_login(pleegzorgbegeleider)
    html = client.get(placement.get_absolute_url()).content.decode()
    assert "Hulpverleningsplan" in html
    assert "Vastgesteld op 1 oktober 2026" in html
    assert "3 afspraken, 1 alleen voor de regie" in html
    assert "Nieuwe versie opstellen" in html
    assert "Familie Visser" in html and "0 van 2 gedeelde afspraken gezien" in html


def test_older_versions_stay_readable(client, plan, placement, pleegzorgbegeleider):
    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    services.agreement_update(
        agreement=draft.agreements.get(text=SHARED),
        changed_by=pleegzorgbegeleider,
        text="Nieuwe schoolafspraak.",
    )
    services.plan_version_adopt(
        version=draft,
        adopted_on=date(2026, 11, 2),
        adopted_by=pleegzorgbegeleider,
        notify_team=False,
    )
    client.force_login(pleegzorgbegeleider)
    current = client.get(_url("plan", placement.reference)).content.decode()
    assert "Nieuwe schoolafspraak." in current and SHARED not in current
    old = client.get(_url("version_detail", placement.reference, 1)).content.decode()
    assert SHARED in old and "Dit is een oudere versie." in old


# --- Bad input: a Dutch message, nothing saved, the input kept ----------------------------


def test_until_before_from_is_refused_and_input_kept(client, placement, pleegzorgbegeleider):
    build_plan(placement, pleegzorgbegeleider, adopt=False)
    client.force_login(pleegzorgbegeleider)
    count = Agreement.objects.count()
    response = client.post(
        _url("agreement_add", placement.reference, 1),
        _agreement_data(
            text="Kapper elke zes weken.", valid_from="2027-02-01", valid_until="2027-01-01"
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "De einddatum (1 januari 2027) ligt vóór de begindatum (1 februari 2027)." in html
    assert "Kapper elke zes weken." in html and 'value="2027-02-01"' in html
    assert Agreement.objects.count() == count


def test_empty_text_is_refused(client, placement, pleegzorgbegeleider):
    build_plan(placement, pleegzorgbegeleider, adopt=False)
    client.force_login(pleegzorgbegeleider)
    count = Agreement.objects.count()
    response = client.post(
        _url("agreement_add", placement.reference, 1),
        _agreement_data(text="  ", concerns="Noor en Sem"),
    )
    html = response.content.decode()
    assert "de tekst van de afspraak mag niet leeg zijn" in html
    assert 'value="Noor en Sem"' in html
    assert Agreement.objects.count() == count


def test_editing_an_adopted_version_is_refused(client, plan, placement, pleegzorgbegeleider):
    client.force_login(pleegzorgbegeleider)
    agreement = plan.agreements.get(text=SHARED)
    # Opening the form sends you back with the reason.
    response = client.get(_url("agreement_edit", placement.reference, agreement.pk), follow=True)
    assert (
        "Versie 1 is vastgesteld op 1 oktober 2026 en kan niet meer worden gewijzigd."
        in response.content.decode()
    )
    # A form that was open before the adoption saves nothing and keeps what was typed.
    response = client.post(
        _url("agreement_edit", placement.reference, agreement.pk),
        _agreement_data(text="Pleegvader brengt Noor."),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "kan niet meer worden gewijzigd" in html
    assert "Pleegvader brengt Noor." in html
    agreement.refresh_from_db()
    assert agreement.text == SHARED
    assert not AgreementChange.objects.filter(kind="changed").exists()
    response = client.post(
        _url("goal_add", placement.reference, 1),
        {"description": "Nieuw doel", "target_date": "2027-01-01", "status": "open"},
    )
    assert "kan niet meer worden gewijzigd" in response.content.decode()
    assert Goal.objects.count() == 1


def test_adopting_an_adopted_version_again_is_refused_with_the_date_kept(
    client, plan, placement, pleegzorgbegeleider
):
    client.force_login(pleegzorgbegeleider)
    response = client.post(
        _url("version_adopt", placement.reference, 1), {"adopted_on": "2026-10-20"}
    )
    html = response.content.decode()
    assert (
        "Versie 1 is al vastgesteld op 1 oktober 2026 door Sanne de Vries. Er is niets gewijzigd."
        in html
    )
    assert 'value="2026-10-20"' in html
    plan.refresh_from_db()
    assert plan.adopted_on == date(2026, 10, 1)


def test_adoption_date_in_the_future_is_refused(client, placement, pleegzorgbegeleider):
    build_plan(placement, pleegzorgbegeleider, adopt=False)
    client.force_login(pleegzorgbegeleider)
    response = client.post(
        _url("version_adopt", placement.reference, 1), {"adopted_on": "2026-12-24"}
    )
    assert "die datum kan niet in de toekomst liggen" in response.content.decode()
    assert PlanVersion.objects.get(placement=placement).is_draft


# --- The voogd reads and proposes, but does not edit -------------------------------------


def test_voogd_reads_and_proposes_but_cannot_edit(
    client, plan, placement, voogd, pleegzorgbegeleider
):
    client.force_login(voogd)
    html = client.get(_url("plan", placement.reference)).content.decode()
    assert SECRET in html  # professionals see professionals-only agreements
    assert "Nieuwe versie opstellen" not in html
    assert client.post(_url("version_start", placement.reference)).status_code == 403
    agreement = plan.agreements.get(text=SHARED)
    assert client.get(_url("agreement_edit", placement.reference, agreement.pk)).status_code == 403

    response = client.post(
        _url("comment_add", placement.reference, 1),
        {"text": "Voorstel: ook op woensdag halen.", "agreement": agreement.pk, "goal": ""},
        follow=True,
    )
    assert "Je voorstel is aan het plan toegevoegd." in response.content.decode()
    comment = PlanComment.objects.get()
    assert (comment.author, comment.agreement) == (voogd, agreement)

    client.force_login(pleegzorgbegeleider)
    html = client.get(placement.get_absolute_url()).content.decode()
    assert "1 open voorstel" in html and "Voorstel: ook op woensdag halen." in html
    client.post(_url("comment_resolve", placement.reference, comment.pk))
    comment.refresh_from_db()
    assert comment.resolved_by == pleegzorgbegeleider


def test_empty_proposal_is_refused(client, plan, placement, voogd):
    client.force_login(voogd)
    response = client.post(_url("comment_add", placement.reference, 1), {"text": ""})
    assert "Schrijf je voorstel op: het mag niet leeg zijn." in response.content.decode()
    assert not PlanComment.objects.exists()


def test_agreement_history_page(client, plan, placement, pleegzorgbegeleider):
    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    copy = draft.agreements.get(text=SHARED)
    services.agreement_update(agreement=copy, changed_by=pleegzorgbegeleider, text="Nieuwe tekst.")
    client.force_login(pleegzorgbegeleider)
    html = client.get(_url("agreement_detail", placement.reference, copy.pk)).content.decode()
    assert "Oude tekst:" in html and SHARED in html and "Nieuwe tekst." in html
    assert "Sanne de Vries" in html and "Toegevoegd" in html and "Gewijzigd" in html


def test_plan_section_query_count_does_not_grow_with_the_plan(
    client, plan, placement, pleegzorgbegeleider, django_assert_max_num_queries
):
    from django.test import RequestFactory

    from cases.sections import _SECTIONS

    section = next(s for s in _SECTIONS if s.template_name == "agreements/_section.html")
    request = RequestFactory().get("/")
    request.user = pleegzorgbegeleider
    with django_assert_max_num_queries(9) as small:
        section.get_context(request, placement)
    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    for n in range(15):
        services.agreement_add(
            version=draft,
            changed_by=pleegzorgbegeleider,
            category="other",
            text=f"Extra {n}",
            owner_role="voogd",
        )
    services.plan_version_adopt(
        version=draft,
        adopted_on=date(2026, 11, 2),
        adopted_by=pleegzorgbegeleider,
        notify_team=False,
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        context = section.get_context(request, placement)
    assert context["plan_agreement_count"] == 18


def test_owner_is_named_by_person_and_role(client, plan, placement, pleegzorgbegeleider):
    client.force_login(pleegzorgbegeleider)
    html = client.get(_url("version_detail", placement.reference, 1)).content.decode()
    assert "Wie: Sanne de Vries (Pleegzorgbegeleider)" in html
    assert "Wie: Marieke Jansen, (Gezins)voogd" in html
