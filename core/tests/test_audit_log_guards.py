"""The access log is append-only and outlives the people and placements it names."""

import pytest
from django.contrib import admin
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from cases.models import Placement
from core.models import AuditEvent, AuditLogIsAppendOnly
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def row(client, placement, pleegzorgbegeleider):
    client.force_login(pleegzorgbegeleider)
    client.get(placement.get_absolute_url())
    return AuditEvent.objects.get(action="read", placement_id=placement.pk)


def test_the_app_cannot_change_or_delete_a_row(row):
    row.what = "nothing happened"
    with pytest.raises(AuditLogIsAppendOnly):
        row.save()
    with pytest.raises(AuditLogIsAppendOnly):
        row.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=row.pk).update(what="nothing happened")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=row.pk).delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.bulk_update([row], ["what"])


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditevent SET what = 'x' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ],
)
def test_postgresql_refuses_raw_updates_and_deletes(row, sql):
    assert connection.vendor == "postgresql"  # the suite runs on PostgreSQL, as production
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [row.pk])
    assert AuditEvent.objects.get(pk=row.pk).what == row.what


def test_the_admin_reads_but_never_changes_or_deletes():
    model_admin = admin.site._registry[AuditEvent]
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.get_actions(request) == {}


def test_rows_survive_the_deletion_of_the_person_and_the_placement(row, pleegzorgbegeleider):
    user_id, placement_id = row.user_id, row.placement_id
    placement = Placement.objects.get(pk=placement_id)
    placement.memberships.all().delete()
    pleegzorgbegeleider.delete()
    placement.delete()
    row = AuditEvent.objects.get(pk=row.pk)
    assert (row.user_id, row.user_name) == (user_id, "Sanne de Vries")
    assert (row.placement_id, row.placement_reference) == (placement_id, "PL-TEST-1")


def test_the_admin_list_and_a_row_open_after_the_person_is_gone(client, row, pleegzorgbegeleider):
    from django.urls import reverse

    Placement.objects.get(pk=row.placement_id).memberships.all().delete()
    pleegzorgbegeleider.delete()
    manager = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(manager)
    assert client.get(reverse("admin:core_auditevent_changelist")).status_code == 200
    page = client.get(reverse("admin:core_auditevent_change", args=[row.pk]))
    assert page.status_code == 200
    assert "Sanne de Vries" in page.content.decode()
