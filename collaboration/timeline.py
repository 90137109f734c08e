"""What the collaboration adds to the placement's timeline (evaluations.timeline): meeting
requests and their answers, meeting records, decisions and the family's questions, staff
changes. A fixed number of queries per placement, shared with the sections (reads.py)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements.models import MeetingRequest
from evaluations.timeline import Entry

from . import reads


def _day(value):
    return date_format(value, "j F Y")


def _request_entries(placement):
    entries = []
    for request in reads.meeting_requests(placement):
        entries.append(
            Entry(
                request.requested_on,
                _("Meeting requested by %(name)s") % {"name": request.requested_by or "—"},
                [request.reason],
                kind="request",
            )
        )
        if request.handled_at is None:
            continue
        handled = timezone.localdate(request.handled_at)
        if request.status == MeetingRequest.Status.PLANNED:
            title = _("Requested meeting planned on %(date)s") % {"date": _day(request.planned_on)}
        elif request.status == MeetingRequest.Status.DECLINED:
            title = _("Meeting request declined")
        else:
            title = _("Meeting request handled")
        lines = [request.response] if request.response else []
        entries.append(Entry(handled, title, lines, request.handled_by, kind="request"))
    return entries


def _record_entries(placement):
    entries = []
    for record in reads.meeting_records(placement):
        meeting = record.meeting
        lines = [
            ngettext(
                "%(n)s question of the agenda answered",
                "%(n)s questions of the agenda answered",
                len(record.agenda),
            )
            % {"n": len(record.agenda)}
        ]
        if record.agreements_added and record.draft_version is not None:
            lines.append(
                ngettext(
                    "%(n)s agreement into draft version %(number)s",
                    "%(n)s agreements into draft version %(number)s",
                    record.agreements_added,
                )
                % {"n": record.agreements_added, "number": record.draft_version.number}
            )
        if meeting.notes:
            lines.append(meeting.audiences_display())
        entries.append(
            Entry(
                meeting.date,
                _("Agenda and notes: %(kind)s") % {"kind": meeting.get_kind_display()},
                lines,
                kind="event",
                url=reverse("collaboration:meeting_detail", args=[placement.reference, meeting.pk]),
            )
        )
    return entries


def _decision_entries(placement):
    entries = []
    for decision in reads.decisions(placement):
        entries.append(
            Entry(
                decision.date,
                _("Decision: %(subject)s") % {"subject": decision.subject},
                [
                    _("Decided by %(name)s (%(role)s)")
                    % {
                        "name": decision.decided_by or "—",
                        "role": decision.get_decided_by_role_display(),
                    },
                    _("Consulted: %(who)s") % {"who": decision.consulted},
                ],
                decision.recorded_by,
                kind="decision",
                url=reverse(
                    "collaboration:decision_detail", args=[placement.reference, decision.pk]
                ),
            )
        )
    for question in reads.explanation_requests(placement):
        what = {"subject": question.decision.subject}
        entries.append(
            Entry(
                question.requested_on,
                _("More explanation asked of the decision “%(subject)s”") % what,
                [_("Asked by %(name)s") % {"name": question.requested_by or "—"}],
                kind="request",
            )
        )
        if question.answered_at is not None:
            entries.append(
                Entry(
                    timezone.localdate(question.answered_at),
                    _("Explanation given of the decision “%(subject)s”") % what,
                    [],
                    question.answered_by,
                    kind="decision",
                )
            )
    return entries


def _staff_entries(placement):
    entries = []
    for change in reads.staff_changes(placement):
        lines = []
        if change.family_notified_at:
            lines.append(
                _("The family was told on %(date)s.")
                % {"date": _day(timezone.localdate(change.family_notified_at))}
            )
        if change.handover_meeting_on:
            lines.append(
                _("Handover meeting planned on %(date)s.")
                % {"date": _day(change.handover_meeting_on)}
            )
        if change.file_read_on:
            lines.append(_("File read on %(date)s.") % {"date": _day(change.file_read_on)})
        entries.append(
            Entry(
                change.change_date,
                _("New %(role)s: %(name)s")
                % {
                    "role": change.get_role_display(),
                    "name": change.new_membership.person.full_name,
                },
                lines,
                kind="team",
            )
        )
    return entries


def timeline_entries(placement):
    return [
        *_request_entries(placement),
        *_record_entries(placement),
        *_decision_entries(placement),
        *_staff_entries(placement),
    ]
