"""Writes on the hulpverleningsplan. Each function is one transaction.

Every write to a version's content first locks the version row and checks that it is still
a draft (`_lock_draft`), so an adopted version is read-only even for a form that was opened
before the adoption, and two people adopting the same draft at once cannot both succeed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cases.models import Placement
from core.audit_signals import log_update
from core.plausible import check_in_window, window
from zorgteam.audiences import FIELD_FOR, audience_flags, audiences_label

# Meeting requests have their own module; their writes are among the plan's services.
from .meeting_requests import (  # noqa: F401
    meeting_request_close,
    meeting_request_create,
    meeting_request_decline,
    meeting_request_plan,
    meeting_requests_held,
)
from .models import (
    GOAL_DEFAULT_AUDIENCES,
    Agreement,
    AgreementChange,
    Goal,
    PlanComment,
    PlanVersion,
    default_audiences,
)

AUDIENCE_FIELDS = tuple(FIELD_FOR.values())
GOAL_FIELDS = ("description", "target_date", "status", "progress_note", *AUDIENCE_FIELDS)
AGREEMENT_FIELDS = (
    "category",
    "text",
    "owner_role",
    "owner_person",
    "concerns",
    "valid_from",
    "valid_until",
    *AUDIENCE_FIELDS,
    *Agreement.VISIT_FIELDS,
)


def _with_audiences(fields, audiences, default=None):
    """`audiences` (a set of zorgteam.audiences.Audience) as the item's boolean columns.

    None leaves the columns as they are on an update, or gives the defaults on an add.
    """
    fields = dict(fields)
    if audiences is None and default is not None:
        audiences = default
    if audiences is not None:
        fields.update(audience_flags(audiences))
    return fields


def _check_dates(item, placement, names):
    today = timezone.localdate()
    for name in names:
        value = getattr(item, name)
        if value is not None:
            check_in_window(value, window(name, today=today, start=placement.start_date), name)


def adopted_version_message(version):
    return _(
        "Version %(number)s was adopted on %(date)s and can no longer be changed. "
        "Start a new version to change the plan."
    ) % {"number": version.number, "date": formats.date_format(version.adopted_on, "j F Y")}


def _lock_draft(version):
    locked = PlanVersion.objects.select_for_update().get(pk=version.pk)
    if not locked.is_draft:
        raise ValidationError(adopted_version_message(locked), code="adopted")
    return locked


# --- Versions -------------------------------------------------------------------------------


@transaction.atomic
def plan_version_start(*, placement, created_by, summary=""):
    """A new draft: the first version is empty, a later one is a copy of the last version."""
    # The placement's row lock serialises numbering; the one-draft constraint backs it up.
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    draft = placement.plan_versions.drafts().first()
    if draft is not None:
        raise ValidationError(
            _("There is already a draft (version %(number)s). Adopt or discard it first.")
            % {"number": draft.number},
            code="draft_exists",
        )
    last = placement.plan_versions.order_by("-number").first()
    version = PlanVersion.objects.create(
        placement=placement,
        number=(last.number + 1) if last else 1,
        based_on=last,
        created_by=created_by,
        summary=summary.strip(),
    )
    if last is not None:
        _copy_content(source=last, target=version)
    return version


def _copy_content(*, source, target):
    # Copies keep key and published_at: an unchanged agreement is not "new" to the family
    # and stays "gezien". Copying is not a change, so it writes no history.
    goals = [
        Goal(
            version=target,
            key=g.key,
            position=g.position,
            **{f: getattr(g, f) for f in GOAL_FIELDS},
        )
        for g in source.goals.all()
    ]
    Goal.objects.bulk_create(goals)
    agreements = [
        Agreement(
            version=target,
            key=a.key,
            position=a.position,
            published_at=a.published_at,
            published_in_id=a.published_in_id,
            **{f: getattr(a, f) for f in AGREEMENT_FIELDS},
        )
        for a in source.agreements.all()
    ]
    Agreement.objects.bulk_create(agreements)


@transaction.atomic
def plan_version_adopt(*, version, adopted_on, adopted_by, notify_team=True):
    """Adopt (vaststellen) a draft. A second, concurrent adoption waits for the first's lock
    and then fails with a Dutch message instead of adopting twice."""
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_draft:
        raise ValidationError(
            _(
                "Version %(number)s was already adopted on %(date)s by %(name)s. "
                "Nothing has been changed."
            )
            % {
                "number": version.number,
                "date": formats.date_format(version.adopted_on, "j F Y"),
                "name": version.adopted_by or _("someone else"),
            },
            code="already_adopted",
        )
    today = timezone.localdate()
    if adopted_on > today:
        raise ValidationError(
            {
                "adopted_on": _(
                    "A version is adopted on the day of the meeting; that cannot be in the future."
                )
            }
        )
    previous = (
        PlanVersion.objects.adopted()
        .filter(placement_id=version.placement_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )
    if previous is not None and adopted_on < previous.adopted_on:
        raise ValidationError(
            {
                "adopted_on": _(
                    "Version %(number)s was adopted on %(date)s; this version cannot be adopted earlier."
                )
                % {
                    "number": previous.number,
                    "date": formats.date_format(previous.adopted_on, "j F Y"),
                }
            }
        )
    if not version.goals.exists() and not version.agreements.exists():
        raise ValidationError(_("Add at least one goal or agreement before adopting this version."))
    now = timezone.now()
    version.status = PlanVersion.Status.ADOPTED
    version.adopted_on = adopted_on
    version.adopted_at = now
    version.adopted_by = adopted_by
    version.save(update_fields=["status", "adopted_on", "adopted_at", "adopted_by"])
    # New and changed wording reaches the team now.
    version.agreements.filter(published_at__isnull=True).update(
        published_at=now, published_in=version
    )
    if notify_team:
        from .notifications import plan_adopted_notify

        version_id = version.pk
        transaction.on_commit(lambda: plan_adopted_notify(version_id=version_id))
    return version


@transaction.atomic
def plan_version_discard(*, version):
    version = _lock_draft(version)
    version.delete()


# --- Goals ----------------------------------------------------------------------------------


def _next_position(qs):
    return (qs.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def goal_add(
    *,
    version,
    description,
    target_date,
    status=Goal.Status.OPEN,
    progress_note="",
    audiences=None,
    changed_by=None,
):
    version = _lock_draft(version)
    goal = Goal(
        version=version,
        description=description,
        target_date=target_date,
        status=status,
        progress_note=progress_note,
        position=_next_position(version.goals),
        **_with_audiences({}, audiences, GOAL_DEFAULT_AUDIENCES),
    )
    goal.full_clean()
    _check_dates(goal, version.placement, ["target_date"])
    goal.save()
    return goal


@transaction.atomic
def goal_update(*, goal, audiences=None, changed_by=None, **fields):
    """Change a goal in a draft. Narrowing its audiences withdraws it at once from every
    version that holds it (agreements.audience_services)."""
    from .audience_services import propagate_withdrawal

    version = _lock_draft(goal.version)
    goal = Goal.objects.get(pk=goal.pk)
    before = goal.audiences
    old_target = goal.target_date
    for name, value in _with_audiences(fields, audiences).items():
        if name not in GOAL_FIELDS:
            raise TypeError(f"goal_update() got an unexpected field {name!r}")
        setattr(goal, name, value)
    goal.full_clean()
    if goal.target_date != old_target:
        _check_dates(goal, version.placement, ["target_date"])
    goal.save()
    propagate_withdrawal(goal, before=before, by=changed_by)
    return goal


@transaction.atomic
def goal_remove(*, goal):
    _lock_draft(goal.version)
    Goal.objects.filter(pk=goal.pk).delete()


# --- Agreements -----------------------------------------------------------------------------


def _display(agreement, field):
    value = getattr(agreement, field)
    if value in ("", None):
        return "—"
    getter = getattr(agreement, f"get_{field}_display", None)
    if getter is not None:
        return str(getter())
    if hasattr(value, "year"):
        return formats.date_format(value, "j F Y")
    return str(value)


@transaction.atomic
def agreement_add(*, version, changed_by, audiences=None, **fields):
    """Add an agreement to a draft; without `audiences` it gets its category's defaults."""
    version = _lock_draft(version)
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise TypeError(f"agreement_add() got unexpected fields {sorted(unknown)}")
    fields = _with_audiences(fields, audiences, default_audiences(fields.get("category")))
    agreement = Agreement(version=version, **fields)
    agreement.position = _next_position(version.agreements.filter(category=agreement.category))
    agreement.full_clean()
    _check_dates(agreement, version.placement, ["valid_from", "valid_until"])
    agreement.save()
    AgreementChange.objects.create(
        placement_id=version.placement_id,
        version=version,
        agreement=agreement,
        key=agreement.key,
        kind=AgreementChange.Kind.CREATED,
        changed_by=changed_by,
        new_text=agreement.text,
    )
    return agreement


@transaction.atomic
def agreement_update(*, agreement, changed_by, audiences=None, **fields):
    """Change an agreement in a draft; the history keeps who, when, and old and new text.

    Narrowing its audiences withdraws it at once from every version that holds it, older
    adopted versions and their prints included (agreements.audience_services).
    """
    from .audience_services import propagate_withdrawal

    version = _lock_draft(agreement.version)
    before = Agreement.objects.select_related("owner_person").get(pk=agreement.pk)
    after = Agreement.objects.get(pk=agreement.pk)
    for name, value in _with_audiences(fields, audiences).items():
        if name not in AGREEMENT_FIELDS:
            raise TypeError(f"agreement_update() got an unexpected field {name!r}")
        setattr(after, name, value)
    after.full_clean()
    changed = [f for f in AGREEMENT_FIELDS if getattr(before, f) != getattr(after, f)]
    if not changed:
        return after
    moved = [f for f in ("valid_from", "valid_until") if f in changed]
    _check_dates(after, version.placement, moved)
    content_changed = [f for f in changed if f not in AUDIENCE_FIELDS]
    if content_changed:
        # The new wording reaches the team when this version is adopted.
        after.published_at = None
        after.published_in = None
    after.save()
    details = {
        str(Agreement._meta.get_field(f).verbose_name): [_display(before, f), _display(after, f)]
        for f in content_changed
        if f != "text"
    }
    if before.audiences != after.audiences:
        details[str(_("shared with"))] = [
            audiences_label(before.audiences),
            audiences_label(after.audiences),
        ]
    propagate_withdrawal(after, before=before.audiences, by=changed_by)
    AgreementChange.objects.create(
        placement_id=version.placement_id,
        version=version,
        agreement=after,
        key=after.key,
        kind=AgreementChange.Kind.CHANGED,
        changed_by=changed_by,
        old_text=before.text,
        new_text=after.text,
        details=details,
    )
    return after


@transaction.atomic
def agreement_remove(*, agreement, changed_by):
    version = _lock_draft(agreement.version)
    agreement = Agreement.objects.get(pk=agreement.pk)
    AgreementChange.objects.create(
        placement_id=version.placement_id,
        version=version,
        agreement=None,
        key=agreement.key,
        kind=AgreementChange.Kind.REMOVED,
        changed_by=changed_by,
        old_text=agreement.text,
    )
    agreement.delete()


# --- Proposals (comments) -------------------------------------------------------------------


@transaction.atomic
def plan_comment_add(*, version, author, text, agreement=None, goal=None):
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write down your proposal: it cannot be empty.")})
    for item in (agreement, goal):
        if item is not None and item.version_id != version.pk:
            raise ValidationError(_("A proposal can only be about this version of the plan."))
    comment = PlanComment(version=version, author=author, text=text, agreement=agreement, goal=goal)
    comment.full_clean(exclude=["author", "agreement", "goal"])
    comment.save()
    return comment


@transaction.atomic
def plan_comment_resolve(*, comment, resolved_by):
    PlanComment.objects.filter(pk=comment.pk, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=resolved_by
    )
    log_update(comment)
