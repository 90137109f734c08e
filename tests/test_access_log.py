"""The access log (NEN 7513): a row for every kind of access, with who, in
which role, when, what, which placement and from where; one INSERT per request."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditEvent
from tests.factories import UserFactory
from zorgteam.services import membership_add

pytestmark = pytest.mark.django_db

REMOTE = "198.51.100.7"


@pytest.fixture
def frozen_day():
    """After the placement's start (1 September 2026) and the plan's adoption (1 October)."""
    return date(2026, 11, 2)


@pytest.fixture
def docent(placement):
    person = UserFactory(full_name="Dirk Docent", person_type="professional")
    membership_add(
        placement=placement, person=person, role="docent", start_date=placement.start_date
    )
    return person


@pytest.fixture
def today_caseload(placement, pleegzorgbegeleider, voogd, organisation):
    """Fifty more placements of hers, so the caseload page does its real work."""
    from tests.factories import bulk_caseload

    bulk_caseload(
        50,
        pleegzorgbegeleider=pleegzorgbegeleider,
        voogden=[voogd],
        today=date(2026, 11, 2),
        prefix="BULK",
    )


@pytest.fixture
def stranger(db):
    """A professional of another organisation: the placement does not exist for her."""
    return UserFactory(full_name="Vera Vreemd", person_type="pleegzorgbegeleider")


def _web_rows(**filters):
    """Rows written by requests (not by the fixtures), without the test client's logins."""
    return AuditEvent.objects.filter(source="web", **filters).exclude(action="login")


def _get(client, url, **extra):
    return client.get(url, REMOTE_ADDR=REMOTE, **extra)


@pytest.mark.parametrize(
    ("name", "args", "action", "object_type"),
    [
        ("cases:placement_detail", [], "read", "placement"),
        ("agreements:plan", [], "read", "plan"),
        ("agreements:version_detail", [1], "read", "plan version"),
        ("agreements:version_print", [1], "export", "plan version"),
        ("zorgteam:manage", [], "read", "zorgteam"),
    ],
)
def test_a_case_page_read_is_one_row_with_the_nen_7513_fields(
    client, plan, placement, pleegzorgbegeleider, name, args, action, object_type
):
    client.force_login(pleegzorgbegeleider)
    assert _get(client, reverse(name, args=[placement.reference, *args])).status_code == 200
    row = _web_rows().get()
    assert row.user_id == pleegzorgbegeleider.pk
    assert row.user_name == "Sanne de Vries"
    assert row.role == "pleegzorgbegeleider"
    assert (row.action, row.outcome, row.object_type) == (action, "success", object_type)
    assert (row.placement_id, row.placement_reference) == (placement.pk, "PL-TEST-1")
    assert row.ip_address == REMOTE
    assert row.request_id
    if args:
        assert row.object_id == "1"  # the version number


def test_the_timeline_is_read_on_the_placement_page_and_logged_there(
    client, placement, pleegzorgbegeleider
):
    client.force_login(pleegzorgbegeleider)
    html = _get(client, placement.get_absolute_url()).content.decode()
    assert "Tijdlijn" in html
    assert _web_rows(action="read", object_type="placement", placement_id=placement.pk).exists()


def test_an_agreements_history_is_logged_with_its_id(client, plan, placement, pleegzorgbegeleider):
    agreement = plan.agreements.first()
    client.force_login(pleegzorgbegeleider)
    url = reverse("agreements:agreement_detail", args=[placement.reference, agreement.pk])
    assert _get(client, url).status_code == 200
    row = _web_rows(action="read").get()
    assert (row.object_type, row.object_id, row.what) == (
        "agreement",
        str(agreement.pk),
        "agreement history",
    )


def test_portal_and_its_print_are_logged_in_the_family_role(client, plan, placement, foster_parent):
    client.force_login(foster_parent)
    assert _get(client, reverse("portal:placement", args=[placement.reference])).status_code == 200
    assert _get(client, reverse("portal:print", args=[placement.reference])).status_code == 200
    rows = list(_web_rows(placement_id=placement.pk).order_by("at", "id"))
    assert [(r.action, r.object_type, r.role) for r in rows] == [
        ("read", "portal", "pleegouder"),
        ("export", "plan", "pleegouder"),
    ]


def test_caseload_and_reminders_pages_are_logged(client, placement, pleegzorgbegeleider):
    client.force_login(pleegzorgbegeleider)
    assert _get(client, "/").status_code == 200
    assert _get(client, reverse("reminders:open")).status_code == 200
    rows = list(_web_rows().order_by("at", "id"))
    assert [(r.action, r.object_type, r.placement_id) for r in rows] == [
        ("read", "caseload", None),
        ("read", "reminders", None),
    ]
    # Outside a placement the role is the person's own kind.
    assert rows[0].role == "pleegzorgbegeleider"


def test_calendar_download_is_an_export_by_the_token_owner(client, placement, voogd):
    url = reverse("dashboard:calendar_feed", args=[voogd.calendar_token])
    assert _get(client, url).status_code == 200  # no login: the secret address is the key
    row = _web_rows(action="export").get()
    assert (row.user_id, row.user_name, row.object_type) == (
        voogd.pk,
        voogd.full_name,
        "calendar feed",
    )
    # A guessed address is a refused access.
    assert _get(client, reverse("dashboard:calendar_feed", args=["guessed"])).status_code == 404
    assert _web_rows(action="refused", what="dashboard:calendar_feed (404)").exists()


def test_a_change_through_a_service_is_logged_per_object_with_its_id(
    client, plan, placement, pleegzorgbegeleider, voogd
):
    client.force_login(pleegzorgbegeleider)
    version = client.post(reverse("agreements:version_start", args=[placement.reference]))
    assert version.status_code == 302
    draft = placement.plan_versions.get(number=2)
    # Starting version 2 is logged as the version's creation (its content is copied in bulk
    # from version 1, which the log already names).
    created = _web_rows(action="create").values_list("object_type", "object_id")
    assert ("agreements.planversion", str(draft.pk)) in set(created)

    membership = placement.memberships.get(person=voogd)
    url = reverse("zorgteam:member_edit", args=[placement.reference, membership.pk])
    data = {"responsibilities": "Besluiten; contact met de ouders", "reachable": "ma-vr"}
    response = client.post(url, data, REMOTE_ADDR=REMOTE)
    assert response.status_code == 302
    row = _web_rows(action="change", object_type="zorgteam.membership").get()
    assert (row.object_id, row.placement_id, row.role, row.ip_address) == (
        str(membership.pk),
        placement.pk,
        "pleegzorgbegeleider",
        REMOTE,
    )


def test_a_refused_case_url_is_logged_for_strangers_and_wrong_roles(
    client, placement, stranger, docent
):
    client.force_login(stranger)
    assert _get(client, placement.get_absolute_url()).status_code == 404
    row = _web_rows(action="refused").get()
    assert (row.user_id, row.outcome, row.role) == (stranger.pk, "refused", "none")
    # The attempt shows in the placement's own log, though she could not see it.
    assert (row.placement_id, row.placement_reference) == (placement.pk, "PL-TEST-1")
    assert _get(client, "/placements/PL-TEST-1/no-such-page/").status_code == 404
    assert _web_rows(action="refused", what="unknown case URL").exists()

    client.force_login(docent)
    add = reverse("zorgteam:member_add", args=[placement.reference])
    assert _get(client, add).status_code == 403
    row = _web_rows(action="refused", user_id=docent.pk).get()
    assert (row.role, row.what) == ("docent", "zorgteam:member_add (403)")


def test_admin_reads_and_changes_are_logged(client, placement):
    manager = UserFactory(full_name="Beheer", is_staff=True, is_superuser=True)
    client.force_login(manager)
    change = reverse("admin:cases_placement_change", args=[placement.pk])
    assert _get(client, reverse("admin:cases_placement_changelist")).status_code == 200
    assert _get(client, change).status_code == 200
    membership = placement.memberships.get(role="voogd")
    member_url = reverse("admin:zorgteam_membership_change", args=[membership.pk])
    assert _get(client, member_url).status_code == 200
    admin_rows = AuditEvent.objects.filter(source="admin", action="read").order_by("at", "id")
    assert [(r.object_type, r.object_id, r.placement_id, r.role) for r in admin_rows] == [
        ("cases.placement", "", None, "staff"),
        ("cases.placement", str(placement.pk), placement.pk, "staff"),
        ("zorgteam.membership", str(membership.pk), placement.pk, "staff"),
    ]
    # A change in the admin: the object's row, from the admin.
    response = client.post(
        member_url,
        {
            "placement": placement.pk,
            "person": membership.person_id,
            "role": "voogd",
            "start_date": "2026-09-01",
            "end_date": "",
            "responsibilities": "Besluiten",
            "reachable": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row = AuditEvent.objects.get(source="admin", action="change")
    assert (row.object_type, row.object_id, row.placement_id) == (
        "zorgteam.membership",
        str(membership.pk),
        placement.pk,
    )


def test_logins_failed_logins_and_logouts_are_logged(client, pleegzorgbegeleider, password):
    login = reverse("login")
    client.post(
        login, {"username": pleegzorgbegeleider.email, "password": "wrong"}, REMOTE_ADDR=REMOTE
    )
    client.post(login, {"username": "nobody@example.org", "password": "wrong"}, REMOTE_ADDR=REMOTE)
    client.post(
        login, {"username": pleegzorgbegeleider.email, "password": password}, REMOTE_ADDR=REMOTE
    )
    client.post(reverse("logout"), REMOTE_ADDR=REMOTE)
    rows = list(
        AuditEvent.objects.filter(action__in=["login", "login_failed", "logout"]).order_by(
            "at", "id"
        )
    )
    assert [(r.action, r.user_id, r.outcome, r.ip_address) for r in rows] == [
        ("login_failed", pleegzorgbegeleider.pk, "failed", REMOTE),
        ("login_failed", None, "failed", REMOTE),
        ("login", pleegzorgbegeleider.pk, "success", REMOTE),
        ("logout", pleegzorgbegeleider.pk, "success", REMOTE),
    ]
    # The typed address of an unknown account is not stored (people type passwords there).
    assert "nobody" not in str(rows[1].__dict__)


def test_the_privacy_officers_export_is_logged(client, placement, pleegzorgbegeleider):
    officer = UserFactory(full_name="Olga Officer", person_type="professional")
    officer.groups.add(Group.objects.get(name="privacy_officer"))
    client.force_login(officer)
    url = reverse("privacy:officer_person_csv", args=[pleegzorgbegeleider.pk])
    response = _get(client, url)
    assert response.status_code == 200
    b"".join(response.streaming_content)
    row = _web_rows(action="export", user_id=officer.pk).get()
    assert (row.object_type, row.object_id) == ("accounts.user", str(pleegzorgbegeleider.pk))


# --- One write per request -------------------------------------------------------------------


def _writes(queries):
    return [
        q["sql"] for q in queries if q["sql"].split(None, 1)[0] in ("INSERT", "UPDATE", "DELETE")
    ]


def test_a_page_read_costs_one_insert_and_nothing_else(
    client, plan, placement, pleegzorgbegeleider
):
    client.force_login(pleegzorgbegeleider)
    for url in (
        "/",
        placement.get_absolute_url(),
        reverse("agreements:plan", args=[placement.reference]),
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        writes = _writes(queries.captured_queries)
        assert len(writes) == 1, writes
        assert writes[0].startswith('INSERT INTO "core_auditevent"')


def test_a_change_request_writes_its_log_rows_in_one_insert(
    client, plan, placement, pleegzorgbegeleider
):
    client.force_login(pleegzorgbegeleider)
    url = reverse("zorgteam:member_add", args=[placement.reference])
    data = {
        "email": "oma@example.org",
        "full_name": "Oma Bakker",
        "role": "netwerk",
        "start_date": "2026-11-02",
        "responsibilities": "",
        "reachable": "",
    }
    with CaptureQueriesContext(connection) as queries:
        assert client.post(url, data).status_code == 302
    log_writes = [w for w in _writes(queries.captured_queries) if "core_auditevent" in w]
    assert len(log_writes) == 1
    # The invitation and the view's own line: two rows, one INSERT.
    rows = set(_web_rows(action="create").values_list("object_type", "what"))
    assert rows == {
        ("zorgteam.invitation", "create zorgteam.invitation"),
        ("", "zorgteam invitation (netwerk)"),
    }


def test_a_change_that_rolls_back_is_not_logged(placement, stranger):
    from django.db import transaction

    from core.audit import audit_scope

    with audit_scope("test"), pytest.raises(RuntimeError), transaction.atomic():
        membership_add(
            placement=placement, person=stranger, role="voogd", start_date=placement.start_date
        )
        raise RuntimeError("refused after the save")
    assert not AuditEvent.objects.filter(source="test").exists()

    with audit_scope("test"):
        membership_add(
            placement=placement, person=stranger, role="voogd", start_date=placement.start_date
        )
    row = AuditEvent.objects.get(source="test")
    assert (row.action, row.object_type, row.placement_id) == (
        "create",
        "zorgteam.membership",
        placement.pk,
    )


# --- Where from ------------------------------------------------------------------------------


def test_forwarded_for_is_believed_only_behind_trusted_proxies(
    client, settings, placement, pleegzorgbegeleider
):
    """The log names the address the lockout names (security.ip, TRUSTED_PROXY_COUNT)."""
    client.force_login(pleegzorgbegeleider)
    spoofed = {"HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    client.get(placement.get_absolute_url(), REMOTE_ADDR=REMOTE, **spoofed)
    settings.TRUSTED_PROXY_COUNT = 1
    client.get(
        placement.get_absolute_url(),
        REMOTE_ADDR="10.1.2.3",
        HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.5",
    )
    rows = _web_rows(action="read").order_by("at", "id")
    # Without a proxy the header is ignored; behind one, the address our proxy appended is
    # the client (what is left of it the client could have written).
    assert [r.ip_address for r in rows] == [REMOTE, "203.0.113.5"]


def test_logging_adds_exactly_its_insert_to_the_caseload_page(
    settings, placement, pleegzorgbegeleider, today_caseload
):
    """No extra query beyond the one INSERT (measured with and without the log)."""
    from tests.twofactor import VerifiedClient

    def measure():
        client = (
            VerifiedClient()
        )  # a new client: the middleware chain is built on its first request
        client.force_login(pleegzorgbegeleider)
        client.get("/")  # warm: translations, the URL resolver
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return [q["sql"] for q in queries.captured_queries]

    logged = measure()
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "core.audit_http.AuditMiddleware"]
    unlogged = measure()
    print(f"caseload page: {len(unlogged)} queries without the log, {len(logged)} with it")
    assert len(logged) == len(unlogged) + 1
    # The same queries (up to their values: another session, another moment), then the INSERT.
    assert [q.split(" WHERE ")[0] for q in logged[:-1]] == [q.split(" WHERE ")[0] for q in unlogged]
    assert logged[-1].startswith('INSERT INTO "core_auditevent"')


def test_lockouts_are_logged(settings, pleegzorgbegeleider, password):
    from django.test import Client

    settings.AXES_FAILURE_LIMIT = 3
    browser = Client(REMOTE_ADDR=REMOTE)
    for _ in range(3):
        browser.post(reverse("login"), {"username": pleegzorgbegeleider.email, "password": "x"})
    assert (
        browser.post(
            reverse("login"), {"username": pleegzorgbegeleider.email, "password": password}
        ).status_code
        == 429
    )
    rows = AuditEvent.objects.filter(action="lockout")
    assert rows.exists()
    row = rows.first()
    assert (row.user_id, row.outcome, row.ip_address) == (pleegzorgbegeleider.pk, "refused", REMOTE)


def test_second_factor_events_are_logged(pleegzorgbegeleider):
    from django.test import Client

    from security import twofactor
    from tests.twofactor import confirmed_totp_device, totp_code

    verify = reverse("security:two_factor_verify")
    device = confirmed_totp_device(pleegzorgbegeleider)
    browser = Client(REMOTE_ADDR=REMOTE)
    browser.force_login(pleegzorgbegeleider)
    browser.post(verify, {"code": "000000"})
    device.refresh_from_db()
    device.throttling_failure_timestamp = None
    device.throttling_failure_count = 0
    device.save()
    browser.post(verify, {"code": totp_code(device)})
    codes = twofactor.new_recovery_codes(pleegzorgbegeleider)
    other = Client(REMOTE_ADDR=REMOTE)
    other.force_login(pleegzorgbegeleider)
    other.post(verify, {"code": codes[0]})
    rows = AuditEvent.objects.filter(action__startswith="otp_").order_by("at", "id")
    assert [(r.action, r.outcome, r.user_id, r.ip_address) for r in rows] == [
        ("otp_failed", "failed", pleegzorgbegeleider.pk, REMOTE),
        ("otp_verified", "success", pleegzorgbegeleider.pk, REMOTE),
        ("otp_recovery_used", "success", pleegzorgbegeleider.pk, REMOTE),
    ]


def test_setting_up_a_second_factor_is_logged(voogd):
    import re
    from html import unescape

    from django.test import Client

    from tests.twofactor import totp_code_for_secret

    setup = reverse("security:two_factor_setup")
    browser = Client(REMOTE_ADDR=REMOTE)
    browser.force_login(voogd)
    page = browser.get(setup).content.decode()
    secret = unescape(re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1))
    browser.post(setup, {"code": totp_code_for_secret(secret)})
    row = AuditEvent.objects.get(action="otp_enrolled")
    assert (row.user_id, row.role, row.ip_address) == (voogd.pk, "voogd", REMOTE)


def test_the_quality_page_and_its_export_are_logged(client, placement, pleegzorgbegeleider):
    client.force_login(pleegzorgbegeleider)
    assert _get(client, reverse("quality:overview")).status_code == 200
    assert _get(client, reverse("quality:export", args=["norms"])).status_code == 200
    rows = list(_web_rows().order_by("at", "id"))
    assert [(r.action, r.object_type) for r in rows] == [
        ("read", "quality:overview"),
        ("export", "quality figures"),
    ]
