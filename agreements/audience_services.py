"""Withdrawing a goal or agreement from an audience ("shared by mistake").

Design: the withdrawal *propagates*. Every version of a plan holds its own row of a goal
or agreement (rows share a `key`); when an audience is taken away from one row, it is taken
away from every row with the same key in that placement — adopted versions, their prints
and a draft copy alike. The versions keep their content (an adopted version stays as it was
adopted); only who may read it shrinks. Sharing *more* widely is a change of the plan: it
is done in a draft and reaches the family when that version is adopted, so it never
reaches back into older versions.

Because visibility is stored on each row and narrowed everywhere at once, every reader
(page, print, email, count) keeps filtering with the plain `shared_with(access)` query.
Every withdrawal is logged through core's audit trail, and an agreement's withdrawal also
lands in its history.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import audit_record
from zorgteam.audiences import FIELD_FOR, SHAREABLE, Audience, audiences_label

from .models import Agreement, AgreementChange


def _kind(item):
    return "agreement" if isinstance(item, Agreement) else "goal"


def propagate_withdrawal(item, *, before, by):
    """Take the audiences `item` lost (compared with `before`) away from all its versions.

    Returns the number of other rows changed. Called inside the caller's transaction.
    """
    withdrawn = [a for a in SHAREABLE if a in before and a not in item.audiences]
    if not withdrawn:
        return 0
    placement_id = item.version.placement_id
    changed = (
        type(item)
        .objects.filter(version__placement_id=placement_id, key=item.key)
        .exclude(pk=item.pk)
        .update(**{FIELD_FOR[a]: False for a in withdrawn})
    )
    audit_record(
        user=by,
        action="change",
        what=(
            f"withdrew {_kind(item)} {item.key} from "
            f"{', '.join(a.value for a in withdrawn)} in all plan versions"
        ),
        placement=item.version.placement,
    )
    return changed


@transaction.atomic
def shared_item_withdraw(*, item, audiences, by):
    """Keep only `audiences` for this goal or agreement, in every version that holds it.

    Allowed on adopted versions (that is the point: something already shared was shared by
    mistake), but only to narrow: sharing more is a change of the plan, made in a draft.
    """
    model = type(item)
    locked = model.objects.select_for_update().select_related("version").get(pk=item.pk)
    before = locked.audiences
    keep = frozenset(audiences) | {Audience.REGIE}
    if keep - before:
        raise ValidationError(
            {
                "audiences": _(
                    "Here you can only withdraw. To share with more people, change the "
                    "item in a new version of the plan."
                )
            }
        )
    if keep == before:
        return locked
    locked.set_audiences(keep)
    locked.save(update_fields=list(FIELD_FOR.values()))
    if isinstance(locked, Agreement):
        AgreementChange.objects.create(
            placement_id=locked.version.placement_id,
            version=locked.version,
            agreement=locked,
            key=locked.key,
            kind=AgreementChange.Kind.CHANGED,
            changed_by=by,
            old_text=locked.text,
            new_text=locked.text,
            details={str(_("shared with")): [audiences_label(before), audiences_label(keep)]},
        )
    propagate_withdrawal(locked, before=before, by=by)
    return locked
