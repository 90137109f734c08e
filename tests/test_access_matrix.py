"""The access matrix: every URL of the project, requested by every role,
answers as DOMAIN.md ("Privacy and access") says it may.

The URLs come from the URL configuration itself (walked recursively), so a new page cannot
escape review: a URL name missing from MATRIX fails `test_every_url_is_in_the_matrix`.
Every URL is requested with GET, filled with the ids of the role's own placement
(tests/access_matrix_world.py): the running placement, or for the family of an ended
placement, that one. Outcomes: a status code, LOGIN (sent to the login page), ADMIN_LOGIN
(sent to the admin's login), or "→name" (sent on to that page).
"""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.access_matrix_world import ROLES, build
from tests.twofactor import VerifiedClient

pytestmark = pytest.mark.django_db

LOGIN = "login"
ADMIN_LOGIN = "admin login"
PORTAL = "→portal:placement"
PORTAL_HOME = "→portal:home"
PLACEMENT = "→cases:placement_detail"

# --- The matrix -------------------------------------------------------------------------------
# One row per URL name, in ROLES order:
#   regie, docent, foster_parent, parent, child, network, ex_member, ended_family, stranger,
#   anonymous.


def row(regie, docent, foster, parent, child, network, ex, ended, stranger, anonymous):
    return dict(
        zip(
            ROLES,
            (regie, docent, foster, parent, child, network, ex, ended, stranger, anonymous),
            strict=True,
        )
    )


# Shorthands for rows that recur.
HEALTH = {200, 503}  # public; 503 until a Celery heartbeat arrived (none in the tests)
EVERYONE = 200
# The regie's pages (plan changes, team changes, events): other professionals are refused,
# families go to their portal, people outside the team find nothing.
# The family of an ended placement is refused its closed file (403: they knew it).
REGIE_ONLY = row(200, 403, PORTAL, PORTAL, PORTAL, PORTAL, 404, 403, 404, LOGIN)
# Pages of the file every professional in the team reads (their content follows the audiences).
TEAM_READ = row(200, 200, PORTAL, PORTAL, PORTAL, PORTAL, 404, 403, 404, LOGIN)
# The family's portal pages: the members of the placement, not outsiders, not after its end.
PORTAL_READ = row(200, 200, 200, 200, 200, 200, 404, 403, 404, LOGIN)
# A form that only takes POST: GET is refused before anything is shown (405).
POST_ONLY = row(*[405] * 10)
# Pages about one's own account or calendar.
OWN = row(200, 200, 200, 200, 200, 200, 200, 200, 200, LOGIN)
# Professional-only overviews (caseload-wide): families do not find them.
PROFESSIONAL = row(200, 200, 404, 404, 404, 404, 200, 404, 200, LOGIN)
PRIVACY_OFFICER_ONLY = row(403, 403, 403, 403, 403, 403, 403, 403, 403, LOGIN)
TWO_FACTOR_SETUP = row(
    "→security:account",
    "→security:account",
    200,
    200,
    200,
    200,
    "→security:account",
    200,
    "→security:account",
    LOGIN,
)
TWO_FACTOR_VERIFY = row(
    "→home",
    "→home",
    "→security:two_factor_setup",
    "→security:two_factor_setup",
    "→security:two_factor_setup",
    "→security:two_factor_setup",
    "→home",
    "→security:two_factor_setup",
    "→home",
    LOGIN,
)

MATRIX = {
    # The placement's life (lifecycle, collaboration): the regie records, the family asks.
    # A new placement is registered by a pleegzorgbegeleider or team lead, of any provider.
    "intake:new": row(200, 403, 403, 403, 403, 403, 403, 403, 200, LOGIN),
    "lifecycle:variant_change": REGIE_ONLY,
    "lifecycle:placement_end": REGIE_ONLY,
    "lifecycle:placement_end_undo": POST_ONLY,
    "lifecycle:court_order_extend": REGIE_ONLY,
    "collaboration:meeting_record": REGIE_ONLY,
    "collaboration:meeting_detail": REGIE_ONLY,
    "collaboration:decision_add": REGIE_ONLY,
    # The decision log is the regie's file.
    "collaboration:decision_detail": REGIE_ONLY,
    "collaboration:explanation_answer": POST_ONLY,
    "collaboration:handover_plan": POST_ONLY,
    "collaboration:handover_item": POST_ONLY,
    # Professionals read decisions on the placement page. The world's decision is shared
    # with the foster parents only: the parent, the child and the network do not find it.
    "collaboration_portal:decision": row(
        PLACEMENT, PLACEMENT, 200, 404, 404, 404, 404, 403, 404, LOGIN
    ),
    "collaboration_portal:ask_explanation": POST_ONLY,
    "home": row(
        200, 200, PORTAL_HOME, PORTAL_HOME, PORTAL_HOME, PORTAL_HOME, 200, PORTAL_HOME, 200, LOGIN
    ),
    "health": row(*[HEALTH] * 10),
    "login": row(*["→home"] * 9, 200),
    "logout": POST_ONLY,
    "password_reset": row(*[EVERYONE] * 10),
    "password_reset_done": row(*[EVERYONE] * 10),
    "password_reset_confirm": row(*[EVERYONE] * 10),  # a wrong link: the page says so
    "password_reset_complete": row(*[EVERYONE] * 10),
    "security:two_factor_setup": TWO_FACTOR_SETUP,
    "security:two_factor_verify": TWO_FACTOR_VERIFY,
    "security:recovery_codes_new": POST_ONLY,
    "security:two_factor_disable": POST_ONLY,
    "security:account": OWN,
    "cases:placement_detail": TEAM_READ,
    "evaluations:record": REGIE_ONLY,
    "evaluations:court_order_review": REGIE_ONLY,
    "agreements:plan": TEAM_READ,
    "agreements:version_start": POST_ONLY,
    "agreements:version_detail": TEAM_READ,
    "agreements:version_adopt": REGIE_ONLY,
    "agreements:version_discard": POST_ONLY,
    # The print of a version: the team, and each family member their own placement's (the
    # view filters it by audience) -- not after the placement ended.
    "agreements:version_print": PORTAL_READ,
    "agreements:goal_add": REGIE_ONLY,
    "agreements:goal_edit": REGIE_ONLY,
    "agreements:goal_remove": POST_ONLY,
    "agreements:agreement_add": REGIE_ONLY,
    "agreements:agreement_detail": TEAM_READ,
    "agreements:agreement_edit": REGIE_ONLY,
    "agreements:agreement_remove": POST_ONLY,
    "agreements:comment_add": POST_ONLY,
    "agreements:comment_resolve": POST_ONLY,
    # Any member may ask for a meeting (DOMAIN.md): the professionals here, families in the portal.
    "agreements:meeting_request_add": TEAM_READ,
    "agreements:meeting_request_handle": POST_ONLY,
    "zorgteam:manage": TEAM_READ,
    "zorgteam:member_add": REGIE_ONLY,
    "zorgteam:member_edit": REGIE_ONLY,
    "zorgteam:member_end": REGIE_ONLY,
    "zorgteam:member_replace": REGIE_ONLY,
    "zorgteam:invitation_revoke": POST_ONLY,
    "agreements:goal_withdraw": REGIE_ONLY,
    "agreements:agreement_withdraw": REGIE_ONLY,
    "evaluations:event_audiences": REGIE_ONLY,
    "cases:privacy": REGIE_ONLY,
    "invitation_accept": row(*[410] * 10),  # a wrong or used invitation is gone, for anyone
    "privacy:placement_log": REGIE_ONLY,
    "privacy:officer_home": PRIVACY_OFFICER_ONLY,
    "privacy:officer_person": PRIVACY_OFFICER_ONLY,
    "privacy:officer_person_csv": PRIVACY_OFFICER_ONLY,
    "privacy:officer_placement": PRIVACY_OFFICER_ONLY,
    "portal:home": row(200, PORTAL, PORTAL, PORTAL, PORTAL, PORTAL, 200, 200, 200, LOGIN),
    "portal:placement": PORTAL_READ,
    "portal:agreement_seen": POST_ONLY,
    "portal:agreements_seen_all": POST_ONLY,
    "portal:meeting_request": PORTAL_READ,
    "portal:print": PORTAL_READ,
    "reminders:open": PROFESSIONAL,
    "dashboard:calendar": OWN,
    "dashboard:calendar_rotate": row(*[405] * 9, LOGIN),
    # The secret address is the key: each person's own feed; a wrong address finds nothing.
    "dashboard:calendar_feed": row(*[200] * 9, 404),
    "quality:overview": PROFESSIONAL,
    "quality:deadlines": PROFESSIONAL,
    "quality:placements": PROFESSIONAL,
    "quality:risk": PROFESSIONAL,
    "quality:export": PROFESSIONAL,
    # The Django admin is behind its own gate (staff with a verified second factor): none of
    # these roles is staff, so every admin page sends them to the admin's login -- except
    # the login page itself and the logout, which returns to the index (and so the login).
    "admin:*": row(*[ADMIN_LOGIN] * 10),
    "admin:login": row(*[200] * 9, LOGIN),
    "route:admin/login/": row(*[200] * 9, LOGIN),
    "admin:logout": row(*["→admin:index"] * 10),
}

# Where the app today gives a role more than DOMAIN.md allows. Not expected: each is checked
# to be still there (so the entry is removed when it is fixed) and reported in the test output.
DEFECTS = {
    # Empty since the access branch landed: the family of an ended placement kept its portal,
    # print and meeting requests (found here before; now 403). Add (url name, role): why.
}


# --- Walking the URL configuration ------------------------------------------------------------


def _kwarg_names(pattern):
    return list(pattern.pattern.regex.groupindex)


def url_patterns(patterns=None, namespaces=(), route="", kwargs=()):
    """(key, route, kwarg names) of every URL pattern; the key is the namespaced URL name, or
    the route for a pattern without a name."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        names = (*kwargs, *_kwarg_names(pattern))
        here = route + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            found += url_patterns(pattern.url_patterns, inner, here, names)
        elif isinstance(pattern, URLPattern):
            key = ":".join((*namespaces, pattern.name)) if pattern.name else f"route:{here}"
            found.append((key, here, names))
    return found


def matrix_key(key):
    if key in MATRIX:
        return key
    return "admin:*" if key.startswith("admin:") or key.startswith("route:admin/") else key


# Which object a URL's `pk` names (the ids in access_matrix_world._furnish).
PK_OF = {
    "evaluations:court_order_review": "court_order",
    "agreements:goal_edit": "draft_goal",
    "agreements:goal_remove": "draft_goal",
    "agreements:agreement_detail": "agreement",
    "agreements:agreement_edit": "draft_agreement",
    "agreements:agreement_remove": "draft_agreement",
    "agreements:comment_resolve": "comment",
    "agreements:meeting_request_handle": "meeting_request",
    "zorgteam:member_edit": "membership",
    "zorgteam:member_end": "membership",
    "zorgteam:member_replace": "membership",
    "portal:agreement_seen": "agreement",
    "agreements:goal_withdraw": "goal",
    "agreements:agreement_withdraw": "agreement",
    "evaluations:event_audiences": "meeting",
    "zorgteam:invitation_revoke": "invitation",
    "lifecycle:court_order_extend": "court_order",
    "collaboration:meeting_detail": "meeting",
    "collaboration:decision_detail": "decision",
    "collaboration:explanation_answer": "decision",
    "collaboration:handover_plan": "handover",
    "collaboration:handover_item": "handover",
    "collaboration_portal:decision": "decision",
    "collaboration_portal:ask_explanation": "decision",
}
# URLs whose version `number` is the draft (the others show the adopted version).
DRAFT_VIEWS = {
    "agreements:version_adopt",
    "agreements:version_discard",
    "agreements:goal_add",
    "agreements:agreement_add",
    "agreements:comment_add",
}


def url_for(key, route, names, world, role):
    case = world.case_for(role)
    ids, person = case.ids, world.people.get(role)
    values = {}
    for name in names:
        if name == "reference":
            values[name] = case.placement.reference
        elif name == "number":
            values[name] = (
                ids.get("draft", ids["version"]) if key in DRAFT_VIEWS else ids["version"]
            )
        elif name == "pk" and matrix_key(key) == "admin:*":
            values[name] = case.placement.pk  # any id: the admin's gate comes first
        elif name == "pk":
            assert key in PK_OF, f"{key} takes a pk: say in PK_OF which object it names"
            values[name] = ids.get(PK_OF[key]) or world.running.ids.get(PK_OF[key], 999999)
        elif name == "model_name":
            values[name] = "zorgteammeeting"
        elif name == "event_type":
            values[name] = "visit-evaluation"
        elif name == "token" and key == "invitation_accept":
            values[name] = "not-an-invitation"
        elif name == "token" and key == "dashboard:calendar_feed":
            values[name] = person.calendar_token if person else "not-a-calendar-address"
        elif (name, key) in (
            ("uidb64", "password_reset_confirm"),
            ("token", "password_reset_confirm"),
        ):
            values[name] = "MQ" if name == "uidb64" else "set-password"
        elif name == "user_id":
            values[name] = world.people["regie"].pk
        elif name == "question_pk":
            values[name] = ids.get("question", 999999)
        elif name == "item":
            values[name] = "file-read"
        elif name == "key":
            values[name] = "norms"
        elif name in ("object_id", "id"):
            values[name] = str(case.placement.pk)
        elif name == "app_label":
            values[name] = "cases"
        elif name == "content_type_id":
            from django.contrib.contenttypes.models import ContentType

            values[name] = ContentType.objects.get_for_model(type(case.placement)).pk
        elif name == "url":
            values[name] = "not-a-page/"
        else:
            raise AssertionError(f"{key}: teach url_for what to put in <{name}>")
    if key.startswith("route:"):
        # No name to reverse: fill the route's <converter:name> parts (and the admin's final
        # catch-all regex) by hand.
        url = route.replace("(?P<url>.*)$", values.get("url", ""))
        url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), url)
        assert not re.search(r"[<>()^$]", url), f"{key}: teach url_for to build this URL"
        return "/" + url
    return reverse(key, kwargs=values)


def outcome(response):
    if response.status_code in (301, 302):
        path = urlsplit(response["Location"]).path
        if path == reverse("login"):
            return LOGIN
        if path == "/admin/login/":
            return ADMIN_LOGIN
        try:
            return "→" + resolve(path).view_name
        except Resolver404:
            return f"→{path}"
    return response.status_code


def observe(world, role):
    """{url key: outcome} for one role, every URL of the project requested with GET."""
    # A crash is an outcome too (500), reported with the others, not a stop.
    client = VerifiedClient(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world.people[role])
    seen = {}
    for key, route, names in url_patterns():
        url = url_for(key, route, names, world, role)
        seen[key] = outcome(client.get(url))
    return seen


@pytest.fixture
def world(db):
    return build()


# --- The tests --------------------------------------------------------------------------------


def test_every_url_is_in_the_matrix():
    keys = {key for key, _route, _names in url_patterns()}
    missing = sorted(key for key in keys if matrix_key(key) not in MATRIX)
    assert not missing, (
        "These URLs are not in the access matrix. Add a row for each to MATRIX in "
        f"tests/test_access_matrix.py, with what every role must get (DOMAIN.md): {missing}"
    )
    stale = sorted(set(MATRIX) - {matrix_key(k) for k in keys})
    assert not stale, f"MATRIX has rows for URLs that no longer exist: {stale}"


def _expected(value, seen):
    return seen in value if isinstance(value, set) else seen == value


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_domain_md_says(world, role):
    seen = observe(world, role)
    wrong, fixed = [], []
    for key, outcome_seen in sorted(seen.items()):
        expected = MATRIX[matrix_key(key)][role]
        if (key, role) in DEFECTS:
            if _expected(expected, outcome_seen):
                fixed.append(key)
            continue
        if not _expected(expected, outcome_seen):
            wrong.append(f"{key}: expected {expected}, got {outcome_seen}")
    assert not wrong, f"{role}:\n  " + "\n  ".join(wrong)
    assert not fixed, f"{role}: fixed, remove from DEFECTS: {fixed}"


def test_the_known_defects_are_listed_in_the_output():
    """Kept visible: each is a place where the app gives a role more than DOMAIN.md allows."""
    for (key, role), why in sorted(DEFECTS.items()):
        assert MATRIX[key][role] in (404, 403), f"{key} / {role}: {why}"
