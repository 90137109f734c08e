"""Plan versions: draft → adopted, read-only after adoption, a new version copies the last,
every change of an agreement is kept."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements import services
from agreements.models import Agreement, AgreementChange, Goal, PlanVersion
from tests.factories import SHARED, VISITS

pytestmark = pytest.mark.django_db


def test_first_version_is_an_empty_draft_numbered_one(placement, pleegzorgbegeleider):
    version = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    assert (version.number, version.status) == (1, "draft")
    assert not version.goals.exists() and not version.agreements.exists()


def test_adoption_sets_date_and_publishes_the_wording(plan, pleegzorgbegeleider):
    assert plan.status == "adopted"
    assert plan.adopted_on == date(2026, 10, 1)
    assert plan.adopted_by == pleegzorgbegeleider
    assert set(plan.agreements.values_list("published_at", flat=True)) == {plan.adopted_at}


def test_new_version_is_a_copy_of_the_last(plan, placement, pleegzorgbegeleider):
    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    assert draft.number == 2 and draft.based_on == plan
    assert sorted(draft.agreements.values_list("text", flat=True)) == sorted(
        plan.agreements.values_list("text", flat=True)
    )
    assert list(draft.goals.values_list("key", flat=True)) == list(
        plan.goals.values_list("key", flat=True)
    )
    # Unchanged copies keep when they reached the team: not "new" to the family again.
    for copy in draft.agreements.all():
        assert copy.published_at == plan.agreements.get(key=copy.key).published_at
    # The adopted version itself is untouched and stays readable.
    assert plan.agreements.count() == 3


def test_only_one_draft_at_a_time(plan, placement, pleegzorgbegeleider):
    services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    with pytest.raises(ValidationError, match="Er is al een concept \\(versie 2\\)"):
        services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    # The database backs the rule up for a writer that skips the service.
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanVersion.objects.create(placement=placement, number=3)


@pytest.mark.parametrize(
    "write",
    [
        lambda v, a, u: services.agreement_update(agreement=a, changed_by=u, text="Anders"),
        lambda v, a, u: services.agreement_remove(agreement=a, changed_by=u),
        lambda v, a, u: services.agreement_add(
            version=v, changed_by=u, category="school", text="Nieuw", owner_role="voogd"
        ),
        lambda v, a, u: services.goal_add(
            version=v, description="Nieuw", target_date=date(2027, 1, 1)
        ),
        lambda v, a, u: services.goal_update(goal=v.goals.first(), description="Anders"),
        lambda v, a, u: services.plan_version_discard(version=v),
    ],
    ids=[
        "change-agreement",
        "remove-agreement",
        "add-agreement",
        "add-goal",
        "change-goal",
        "discard",
    ],
)
def test_an_adopted_version_is_read_only(plan, pleegzorgbegeleider, write):
    agreement = plan.agreements.get(text=SHARED)
    before = (
        list(plan.agreements.values_list("text", flat=True).order_by("pk")),
        list(plan.goals.values_list("description", flat=True)),
        AgreementChange.objects.count(),
    )
    with pytest.raises(ValidationError) as excinfo:
        write(plan, agreement, pleegzorgbegeleider)
    assert "is vastgesteld op 1 oktober 2026 en kan niet meer worden gewijzigd" in str(
        excinfo.value
    )
    after = (
        list(plan.agreements.values_list("text", flat=True).order_by("pk")),
        list(plan.goals.values_list("description", flat=True)),
        AgreementChange.objects.count(),
    )
    assert after == before
    assert PlanVersion.objects.filter(pk=plan.pk).exists()


def test_adopting_twice_fails_with_a_dutch_message(plan, pleegzorgbegeleider):
    with pytest.raises(
        ValidationError, match="Versie 1 is al vastgesteld op 1 oktober 2026 door Sanne de Vries"
    ):
        services.plan_version_adopt(
            version=plan, adopted_on=date(2026, 10, 2), adopted_by=pleegzorgbegeleider
        )
    plan.refresh_from_db()
    assert plan.adopted_on == date(2026, 10, 1)


def test_adoption_date_rules(plan, placement, pleegzorgbegeleider):
    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    with pytest.raises(ValidationError, match="kan niet in de toekomst"):
        services.plan_version_adopt(
            version=draft, adopted_on=date(2026, 11, 3), adopted_by=pleegzorgbegeleider
        )
    with pytest.raises(ValidationError, match="niet eerder worden vastgesteld"):
        services.plan_version_adopt(
            version=draft, adopted_on=date(2026, 9, 30), adopted_by=pleegzorgbegeleider
        )
    draft.refresh_from_db()
    assert draft.is_draft


def test_an_empty_draft_cannot_be_adopted(placement, pleegzorgbegeleider):
    version = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    with pytest.raises(ValidationError, match="minstens één doel of afspraak"):
        services.plan_version_adopt(
            version=version, adopted_on=date(2026, 11, 1), adopted_by=pleegzorgbegeleider
        )


def test_a_change_keeps_who_when_old_and_new_text(
    plan, placement, pleegzorgbegeleider, time_machine
):
    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    copy = draft.agreements.get(text=SHARED)
    time_machine.move_to("2026-11-03 14:30:00+01:00", tick=False)
    services.agreement_update(
        agreement=copy,
        changed_by=pleegzorgbegeleider,
        text="Pleegouders brengen Noor op maandag en dinsdag naar school.",
        valid_from=date(2026, 12, 1),
    )
    change = AgreementChange.objects.get(key=copy.key, kind="changed")
    assert change.changed_by == pleegzorgbegeleider
    assert change.changed_at.isoformat().startswith("2026-11-03T13:30")
    assert change.old_text == SHARED
    assert change.new_text == "Pleegouders brengen Noor op maandag en dinsdag naar school."
    assert change.details == {"geldig vanaf": ["—", "1 december 2026"]}
    # The history follows the agreement across versions: added in v1, changed in v2.
    kinds = list(
        AgreementChange.objects.filter(key=copy.key)
        .order_by("changed_at")
        .values_list("kind", "version__number")
    )
    assert kinds == [("created", 1), ("changed", 2)]
    # The changed wording is unpublished until the draft is adopted.
    copy.refresh_from_db()
    assert copy.published_at is None
    assert plan.agreements.get(key=copy.key).text == SHARED


def test_saving_without_a_change_writes_no_history(plan, placement, pleegzorgbegeleider):
    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    copy = draft.agreements.get(text=SHARED)
    services.agreement_update(agreement=copy, changed_by=pleegzorgbegeleider, text=SHARED)
    assert not AgreementChange.objects.filter(key=copy.key, kind="changed").exists()
    copy.refresh_from_db()
    assert copy.published_at is not None


def test_removal_from_a_draft_is_recorded(plan, placement, pleegzorgbegeleider):
    draft = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    copy = draft.agreements.get(text=VISITS)
    services.agreement_remove(agreement=copy, changed_by=pleegzorgbegeleider)
    removal = AgreementChange.objects.get(key=copy.key, kind="removed")
    assert removal.old_text == VISITS and removal.agreement is None
    assert plan.agreements.filter(text=VISITS).exists()  # still in the adopted version


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"valid_from": date(2027, 2, 1), "valid_until": date(2027, 1, 1)},
            "valid_until",
            "De einddatum (1 januari 2027) ligt vóór de begindatum (1 februari 2027).",
        ),
        ({"text": "   "}, "text", "de tekst van de afspraak mag niet leeg zijn."),
        ({"owner_role": ""}, "owner_role", "Geef aan wie deze afspraak uitvoert"),
        ({"visit_frequency": "weekly"}, "category", "hoort bij de categorie"),
        (
            {"category": "contact_parents", "visit_frequency": "weekly"},
            "visit_form",
            "Vul in hoe vaak, in welke vorm en hoe lang",
        ),
    ],
    ids=[
        "until-before-from",
        "empty-text",
        "no-owner",
        "visits-wrong-category",
        "visits-incomplete",
    ],
)
def test_bad_agreement_input_saves_nothing(placement, pleegzorgbegeleider, fields, field, message):
    version = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    values = {"category": "school", "text": "Naar school", "owner_role": "pleegouder", **fields}
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_add(version=version, changed_by=pleegzorgbegeleider, **values)
    assert message in " ".join(excinfo.value.message_dict[field])
    assert not Agreement.objects.exists()
    assert not AgreementChange.objects.exists()


def test_empty_goal_is_refused(placement, pleegzorgbegeleider):
    version = services.plan_version_start(placement=placement, created_by=pleegzorgbegeleider)
    with pytest.raises(ValidationError, match="Beschrijf het doel"):
        services.goal_add(version=version, description="  ", target_date=date(2027, 1, 1))
    assert not Goal.objects.exists()
