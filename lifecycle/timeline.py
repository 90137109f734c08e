"""What the life cycle adds to the placement's timeline (evaluations.timeline): the intake
and the end with its reason. One query."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases.models import Placement
from cases.selectors import variant_changes
from evaluations.timeline import Entry


def timeline_entries(placement):
    entries = []
    if placement.registered_via == Placement.Registration.INTAKE:
        first = next(iter(variant_changes(placement)), None)
        entries.append(
            Entry(
                timezone.localdate(placement.created_at),
                _("Placement registered (intake)"),
                [
                    _("Start %(date)s, %(variant)s")
                    % {
                        "date": date_format(placement.start_date, "j F Y"),
                        "variant": placement.get_variant_display(),
                    }
                ],
                first.recorded_by if first else None,
                kind="variant",
                order=3,
            )
        )
    if placement.end_date is not None:
        lines = []
        if placement.end_reason_kind:
            lines.append(placement.get_end_reason_kind_display())
        if placement.end_reason:
            lines.append(placement.end_reason)
        title = _("Placement ended") if placement.is_ended() else _("End of the placement planned")
        entries.append(Entry(placement.end_date, title, lines, kind="variant", order=0))
    return entries
