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

from .models import Agreement, AgreementChange, Goal, MeetingRequest, PlanComment, PlanVersion
from .notifications import meeting_request_notify

GOAL_FIELDS = ("description", "target_date", "status", "progress_note")
AGREEMENT_FIELDS = (
    "category",
    "text",
    "owner_role",
    "owner_person",
    "concerns",
    "valid_from",
    "valid_until",
    "visibility",
    *Agreement.VISIT_FIELDS,
)


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
def goal_add(*, version, description, target_date, status=Goal.Status.OPEN, progress_note=""):
    version = _lock_draft(version)
    goal = Goal(
        version=version,
        description=description,
        target_date=target_date,
        status=status,
        progress_note=progress_note,
        position=_next_position(version.goals),
    )
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def goal_update(*, goal, **fields):
    _lock_draft(goal.version)
    goal = Goal.objects.get(pk=goal.pk)
    for name, value in fields.items():
        if name not in GOAL_FIELDS:
            raise TypeError(f"goal_update() got an unexpected field {name!r}")
        setattr(goal, name, value)
    goal.full_clean()
    goal.save()
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
def agreement_add(*, version, changed_by, **fields):
    version = _lock_draft(version)
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise TypeError(f"agreement_add() got unexpected fields {sorted(unknown)}")
    agreement = Agreement(version=version, **fields)
    agreement.position = _next_position(version.agreements.filter(category=agreement.category))
    agreement.full_clean()
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
def agreement_update(*, agreement, changed_by, **fields):
    """Change an agreement in a draft; the history keeps who, when, and old and new text."""
    version = _lock_draft(agreement.version)
    before = Agreement.objects.select_related("owner_person").get(pk=agreement.pk)
    after = Agreement.objects.get(pk=agreement.pk)
    for name, value in fields.items():
        if name not in AGREEMENT_FIELDS:
            raise TypeError(f"agreement_update() got an unexpected field {name!r}")
        setattr(after, name, value)
    after.full_clean()
    changed = [f for f in AGREEMENT_FIELDS if getattr(before, f) != getattr(after, f)]
    if not changed:
        return after
    # The new wording reaches the team when this version is adopted.
    after.published_at = None
    after.published_in = None
    after.save()
    details = {
        str(Agreement._meta.get_field(f).verbose_name): [_display(before, f), _display(after, f)]
        for f in changed
        if f != "text"
    }
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
    return PlanComment.objects.create(
        version=version, author=author, text=text, agreement=agreement, goal=goal
    )


@transaction.atomic
def plan_comment_resolve(*, comment, resolved_by):
    PlanComment.objects.filter(pk=comment.pk, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=resolved_by
    )
    log_update(comment)


# --- Meeting requests (from the portal or a professional) -----------------------------------


@transaction.atomic
def meeting_request_create(*, placement, requested_by, reason):
    """Any member may ask for a zorgteam meeting. The email goes out after the commit."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Tell the team why you would like a meeting: the reason cannot be empty.")}
        )
    request = MeetingRequest.objects.create(
        placement=placement, requested_by=requested_by, reason=reason
    )
    request_id = request.pk
    transaction.on_commit(lambda: meeting_request_notify(meeting_request_id=request_id))
    return request


@transaction.atomic
def meeting_request_plan(*, meeting_request, planned_on, handled_by, response=""):
    if planned_on < timezone.localdate():
        raise ValidationError({"planned_on": _("The meeting date cannot be in the past.")})
    updated = MeetingRequest.objects.filter(
        pk=meeting_request.pk,
        status__in=[MeetingRequest.Status.OPEN, MeetingRequest.Status.PLANNED],
    ).update(
        status=MeetingRequest.Status.PLANNED,
        planned_on=planned_on,
        response=response.strip(),
        handled_by=handled_by,
        handled_at=timezone.now(),
    )
    if not updated:
        raise ValidationError(_("This request has already been handled."))
    log_update(meeting_request)
    return MeetingRequest.objects.get(pk=meeting_request.pk)


@transaction.atomic
def meeting_request_close(*, meeting_request, handled_by, response=""):
    updated = (
        MeetingRequest.objects.filter(pk=meeting_request.pk)
        .exclude(status=MeetingRequest.Status.CLOSED)
        .update(
            status=MeetingRequest.Status.CLOSED,
            response=response.strip(),
            handled_by=handled_by,
            handled_at=timezone.now(),
        )
    )
    if not updated:
        raise ValidationError(_("This request has already been handled."))
    log_update(meeting_request)
    return MeetingRequest.objects.get(pk=meeting_request.pk)
