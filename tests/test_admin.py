"""The Django admin is usable by an application manager for every model."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_with_demo(client):
    call_command("load_demo", quiet_logins=True)
    manager = User.objects.create_superuser(
        email="beheer@example.org", password="x", full_name="Beheer"
    )
    client.force_login(manager)
    return client


def _models():
    from django.apps import apps

    return [
        m
        for m in apps.get_models()
        # Django's own and third-party apps' models (django-otp, django-axes register theirs).
        if m._meta.app_label
        not in {"auth", "contenttypes", "sessions", "admin", "otp_static", "otp_totp", "axes"}
    ]


@pytest.mark.parametrize("model", _models(), ids=lambda m: m._meta.label)
def test_every_project_model_is_in_the_admin(model):
    assert model in admin.site._registry, f"{model._meta.label} has no admin"


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_admin_list_and_detail_pages_open(admin_client_with_demo, model):
    opts = model._meta
    changelist = admin_client_with_demo.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    )
    assert changelist.status_code == 200
    obj = model._default_manager.first()
    if obj is not None:
        detail = admin_client_with_demo.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )
        assert detail.status_code == 200


def test_correcting_an_event_in_the_admin_moves_the_deadline(admin_client_with_demo):
    from evaluations.models import Deadline, GuardianContact

    contact = (
        GuardianContact.objects.filter(placement__reference="DEMO-005").order_by("-date").first()
    )
    before = (
        Deadline.objects.open().get(placement=contact.placement, kind="guardian_contact").due_date
    )
    new_date = contact.date.replace(day=1) if contact.date.day != 1 else contact.date.replace(day=2)
    url = reverse("admin:evaluations_guardiancontact_change", args=[contact.pk])
    response = admin_client_with_demo.post(
        url,
        {
            "placement": contact.placement.pk,
            "date": new_date.isoformat(),
            "form": contact.form,
            "with_whom": contact.with_whom,
            "note": contact.note,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    after = (
        Deadline.objects.open().get(placement=contact.placement, kind="guardian_contact").due_date
    )
    assert after != before
    assert (after - new_date).days == 42


def test_adding_the_child_to_the_zorgteam_in_the_admin_closes_its_deadline(admin_client_with_demo):
    from django.utils import timezone

    from cases.models import Placement
    from evaluations.models import Deadline

    placement = Placement.objects.get(reference="DEMO-006")
    assert Deadline.objects.open().filter(placement=placement, kind="child_joins_zorgteam").exists()
    child = User.objects.create_user(
        email="julia@example.org", full_name="Julia", person_type="pleegkind"
    )
    response = admin_client_with_demo.post(
        reverse("admin:zorgteam_membership_add"),
        {
            "placement": placement.pk,
            "person": child.pk,
            "role": "pleegkind",
            "start_date": timezone.localdate().isoformat(),
            "responsibilities": "",
            "reachable": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    assert (
        not Deadline.objects.open()
        .filter(placement=placement, kind="child_joins_zorgteam")
        .exists()
    )
    assert Deadline.objects.get(placement=placement, kind="child_joins_zorgteam").status == "done"


def test_switching_the_variant_in_the_admin_records_history_and_reschedules(admin_client_with_demo):
    from cases.models import Placement
    from evaluations.models import Deadline

    placement = Placement.objects.get(reference="DEMO-001")
    before = Deadline.objects.open().get(placement=placement, kind="visit_evaluation").due_date
    url = reverse("admin:cases_placement_change", args=[placement.pk])
    form = admin_client_with_demo.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["variant"] = "opvoeding"
    # Leave the inlines (team, variant history) untouched: no forms submitted for them.
    for prefix in ("memberships", "variant_changes"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = admin_client_with_demo.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    placement.refresh_from_db()
    assert placement.variant == "opvoeding"
    assert placement.variant_changes.filter(variant="opvoeding").exists()
    after = Deadline.objects.open().get(placement=placement, kind="visit_evaluation").due_date
    assert after != before
