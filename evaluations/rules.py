"""The deadline engine: which dated obligations a placement has open, when they fall due,
and what closes each.

Pure functions over plain values (STYLE.md "Deadline rules"): no ORM, no clock (the labels
are lazy translations, nothing more of Django). The callers pass in the last *recorded*
events; the storage layer stores the due dates. Every period and rule comes from DOMAIN.md,
section "Dated obligations" and "Further rules".

Each rule is one row of RULES: its kind and label, who is responsible, when it is due (one
pure function), and what closes it (an event type, a pure predicate, and the form that
records that event). The README's contributor section lists what adding a kind takes.
"""

from datetime import date, datetime, timedelta

from django.utils.translation import gettext_lazy as _

from .rule_terms import (  # noqa: F401 - the engine's vocabulary, read as rules.X
    AFTER_COURT_ORDER_MEETING,
    CHILD_JOINS_ZORGTEAM,
    COURT_ORDER_REVIEW,
    DECIDER,
    DECISION_EXPLANATION,
    DEFAULT_PERIODS,
    EVENT_COURT_ORDER_REVIEW,
    EVENT_EXPLANATION_REQUEST,
    EVENT_GUARDIAN_CONTACT,
    EVENT_MEETING_REQUEST,
    EVENT_PERSPECTIVE_DECISION,
    EVENT_PERSPECTIVE_STUDY_START,
    EVENT_TEAM_MEMBERSHIP,
    EVENT_VISIT_EVALUATION,
    EVENT_ZORGTEAM_MEETING,
    FORM_COURT_ORDER_REVIEW,
    FORM_EXPLANATION,
    FORM_GUARDIAN_CONTACT,
    FORM_PERSPECTIVE_DECISION,
    FORM_PERSPECTIVE_STUDY_START,
    FORM_VISIT_EVALUATION,
    FORM_ZORGTEAM_MEETING,
    FORM_ZORGTEAM_MEMBER,
    GUARDIAN_CONTACT,
    HANDOVER,
    HANDOVER_MEETING,
    HULPVERLENING,
    KINDS,
    NEW_PROFESSIONAL,
    ON_REQUEST_MEETING,
    OPVOEDING,
    ORDER_MAX_MONTHS,
    PERSPECTIVE_DECISION,
    PERSPECTIVE_STUDY_START,
    PLEEGKIND,
    PLEEGZORGBEGELEIDER,
    REGIE,
    REQUESTED_MEETING,
    REVIEWABLE_ORDER_KINDS,
    ROLE_MARKERS,
    START_MEETING,
    START_MEETING_KIND,
    VISIT_EVALUATION,
    VOOGD,
    ZORGTEAM_AFTER_COURT_ORDER,
    Closing,
    CourtOrderFact,
    DeadlineFact,
    Due,
    EventFact,
    Obligation,
    Periods,
    PlacementFacts,
    RequestFact,
    Rule,
    StaffChangeFact,
    add_months,
)


def _visit_evaluation(f: PlacementFacts, p: Periods) -> Due:
    # "Since the last X" = the last one recorded, not the previous due date, so a late
    # evaluation moves the clock. The interval is the CURRENT variant's: a variant switch
    # reschedules from the last evaluation or start (DOMAIN.md "Further rules").
    basis = f.last_visit_evaluation or f.start
    months = (
        p.visit_evaluation_opvoeding_months
        if f.variant == OPVOEDING
        else p.visit_evaluation_hulpverlening_months
    )
    return [("", add_months(basis, months), basis)]


def _perspective_open(f: PlacementFacts) -> bool:
    # The perspective rules apply only in the hulpverleningsvariant with no decision recorded;
    # an opvoedingsvariant placement has a decided perspective (DOMAIN.md "Further rules").
    return f.variant == HULPVERLENING and f.perspective_decided is None


def _perspective_study_start(f: PlacementFacts, p: Periods) -> Due:
    if not _perspective_open(f) or f.perspective_study_started is not None:
        return []
    return [("", add_months(f.start, p.perspective_study_months), f.start)]


def _perspective_decision(f: PlacementFacts, p: Periods) -> Due:
    if not _perspective_open(f):
        return []
    # Richtlijn Pleegzorg 2025: a date the zorgteam set for this placement overrides the
    # 9-month default. A set date before the start cannot be met earlier than the start, so
    # it is clamped there (the form should refuse it; here it just becomes due at once).
    if f.perspective_decision_date is not None:
        return [("", max(f.perspective_decision_date, f.start), f.start)]
    return [("", add_months(f.start, p.perspective_decision_months), f.start)]


def _guardian_contact(f: PlacementFacts, p: Periods) -> Due:
    # Rolling: six weeks after the last recorded contact. The escalation to the
    # pleegzorgbegeleider when overdue is the reminders layer's job, not a second obligation.
    basis = f.last_guardian_contact or f.start
    return [("", basis + timedelta(days=p.guardian_contact_days), basis)]


def _child_joins_zorgteam(f: PlacementFacts, p: Periods) -> Due:
    if f.child_birth_date is None or f.child_is_member:
        return []
    # Via add_months so a child born on 29 February turns 12 on 28 February.
    birthday = add_months(f.child_birth_date, 12 * p.child_joins_age_years)
    # A child already 12 at placement is due at once: on the start date.
    basis = max(birthday, f.start)
    return [("", basis, basis)]


def _order_basis(order: CourtOrderFact, f: PlacementFacts) -> date:
    # The order a child is placed under usually predates the placement (the MUHP allows it);
    # nobody can act on a placement before it starts, so its obligations run from the start.
    return max(order.date, f.start)


def _zorgteam_after_court_order(f: PlacementFacts, p: Periods) -> Due:
    # Any zorgteam meeting on or after the beschikking counts as "sitting down again";
    # a meeting held before the order cannot have discussed it.
    result = []
    for order in f.court_orders:
        basis = _order_basis(order, f)
        if not any(meeting >= basis for meeting in f.meeting_dates):
            result.append(
                (order.key, basis + timedelta(days=p.zorgteam_after_court_order_days), basis)
            )
    return result


def _handover(f: PlacementFacts, p: Periods) -> Due:
    return [
        (change.key, change.date + timedelta(days=p.handover_days), change.date)
        for change in f.staff_changes
        if not any(meeting >= change.date for meeting in f.handover_meeting_dates)
    ]


def _court_order_review(f: PlacementFacts, p: Periods) -> Due:
    # Due a practice lead time before the order ends (the law's minimum is 2 months, BW 1:265k).
    # Interpretation: the basis is the beschikking, the event that creates the obligation, so
    # an order shorter than the lead time is due at once on its own date, never before it.
    # The "why" text can say "12 weeks before the end" from the order itself (key = order pk).
    # An OTS or MUHP without a recorded end date ends a year after its date (the legal
    # maximum, DOMAIN.md "Further rules"), so the review is never silently missing.
    lead = timedelta(weeks=p.court_order_review_weeks)
    result = []
    for order in f.court_orders:
        if order.kind not in REVIEWABLE_ORDER_KINDS or order.review_done:
            continue
        end = order.end_date or add_months(order.date, ORDER_MAX_MONTHS)
        basis = _order_basis(order, f)
        result.append((order.key, max(end - lead, basis), basis))
    return result


def _start_meeting(f: PlacementFacts, p: Periods) -> Due:
    # Advice 1 of the NVP report: a new placement starts with a conversation with all parties.
    # Only a placement registered in the app at or around its start owes one: a running
    # caseload onboarded by import (or registered long after its start) has it behind it.
    if f.registered_in_app_on is None or f.start_meeting_dates:
        return []
    window = timedelta(days=p.start_meeting_registration_window_days)
    if f.registered_in_app_on > f.start + window:
        return []
    return [("", f.start + timedelta(days=p.start_meeting_days), f.start)]


def meeting_answers(day: date, recorded_at: datetime | None, request: RequestFact) -> bool:
    """Whether a zorgteam meeting answers a request for one (DOMAIN.md: a meeting recorded on
    or after the request). On the day itself only one recorded after the question: the start
    meeting of the morning did not answer the question asked that afternoon."""
    if day != request.date:
        return day > request.date
    return request.asked_at is None or recorded_at is None or recorded_at >= request.asked_at


def _requested_meeting(f: PlacementFacts, p: Periods) -> Due:
    # Advice 8: one party finding a meeting needed is enough. A zorgteam meeting after the
    # request answers it; so does declining it with a reason the requester can read.
    return [
        (r.key, r.date + timedelta(days=p.requested_meeting_days), r.date)
        for r in f.requests
        if r.kind == REQUESTED_MEETING
        and not r.settled
        and not any(meeting_answers(day, at, r) for day, at in f.meeting_moments)
    ]


def _decision_explanation(f: PlacementFacts, p: Periods) -> Due:
    # Advice 2: a foster parent who asks why a decision was taken gets an answer from the
    # decider; "within 2 weeks" is the practice value of the other requests.
    return [
        (r.key, r.date + timedelta(days=p.decision_explanation_days), r.date)
        for r in f.requests
        if r.kind == DECISION_EXPLANATION and not r.settled
    ]


# --- What closes an obligation (pure predicates) ---------------------------------------------


def _the_next_one(e: EventFact, d: DeadlineFact) -> bool:
    # Rolling: the next one recorded after the basis. On the basis day only one being
    # recorded now counts: one already there on that day is the one it was counted from.
    return e.date > d.basis or (e.new and e.date == d.basis)


def _any_recorded(e: EventFact, d: DeadlineFact) -> bool:
    return True


def _on_or_after_basis(e: EventFact, d: DeadlineFact) -> bool:
    # A meeting held before the beschikking cannot have discussed it.
    return e.date >= d.basis


def _handover_meeting(e: EventFact, d: DeadlineFact) -> bool:
    # The basis is the day the new professional started.
    return e.kind == HANDOVER_MEETING and e.date >= d.basis


def _decision_on_this_order(e: EventFact, d: DeadlineFact) -> bool:
    return e.key == d.key and e.done


def _the_child_joins(e: EventFact, d: DeadlineFact) -> bool:
    return e.kind == PLEEGKIND


def _a_start_meeting(e: EventFact, d: DeadlineFact) -> bool:
    return e.kind == START_MEETING_KIND


def _meeting_after_the_request(e: EventFact, d: DeadlineFact) -> bool:
    # As meeting_answers: on the day of the request only a meeting recorded after it was
    # opened (the deadline opens in the transaction that saves the request).
    if e.date != d.basis:
        return e.date > d.basis
    return e.at is None or d.opened_at is None or e.at >= d.opened_at


def _this_request_settled(e: EventFact, d: DeadlineFact) -> bool:
    return e.key == d.key and e.done


# --- The rules ---------------------------------------------------------------------------------

# fmt: off
RULES: tuple[Rule, ...] = (
    Rule(VISIT_EVALUATION, _("Evaluate the bezoekregeling"), PLEEGZORGBEGELEIDER, (VOOGD,),
         "Evaluate the visit arrangement with the zorgteam 3 months (hulpverlening) or 6 months "
         "(opvoeding) after the last recorded evaluation, or after the placement start.",
         _visit_evaluation,
         Closing(EVENT_VISIT_EVALUATION, _the_next_one, FORM_VISIT_EVALUATION, last=True)),
    Rule(PERSPECTIVE_STUDY_START, _("Start the perspective study"), VOOGD, (PLEEGZORGBEGELEIDER,),
         "Start the perspective study within 3 months of the placement start, while the placement "
         "is in hulpverlening and no perspective decision or study start is recorded.",
         _perspective_study_start,
         Closing(EVENT_PERSPECTIVE_STUDY_START, _any_recorded, FORM_PERSPECTIVE_STUDY_START)),
    Rule(PERSPECTIVE_DECISION, _("Take the perspective decision"), VOOGD, (PLEEGZORGBEGELEIDER,),
         "Take the perspective decision on the date the zorgteam set, or else within 9 months of "
         "the placement start, while the placement is in hulpverlening and nothing is decided.",
         _perspective_decision,
         Closing(EVENT_PERSPECTIVE_DECISION, _any_recorded, FORM_PERSPECTIVE_DECISION)),
    Rule(GUARDIAN_CONTACT, _("Voogd's contact with the parents"), VOOGD, (),
         "The voogd has contact with the parents within 6 weeks of the last recorded contact, "
         "or of the placement start.",
         _guardian_contact,
         Closing(EVENT_GUARDIAN_CONTACT, _the_next_one, FORM_GUARDIAN_CONTACT, last=True)),
    Rule(CHILD_JOINS_ZORGTEAM, _("Invite the child into the zorgteam"), PLEEGZORGBEGELEIDER, (),
         "Invite the child into the zorgteam on their 12th birthday, or at the placement start "
         "if already 12, unless the child is a member.",
         _child_joins_zorgteam,
         Closing(EVENT_TEAM_MEMBERSHIP, _the_child_joins, FORM_ZORGTEAM_MEMBER,
                 preset=("role", PLEEGKIND), last=True)),
    Rule(ZORGTEAM_AFTER_COURT_ORDER, _("Zorgteam meeting after a new court order"),
         PLEEGZORGBEGELEIDER, (VOOGD,),
         "Hold a zorgteam meeting within 2 weeks of each new court order, unless a meeting is "
         "recorded on or after its date.",
         _zorgteam_after_court_order,
         Closing(EVENT_ZORGTEAM_MEETING, _on_or_after_basis, FORM_ZORGTEAM_MEETING,
                 preset=("kind", AFTER_COURT_ORDER_MEETING))),
    Rule(HANDOVER, _("Warm handover to the new professional"), NEW_PROFESSIONAL,
         (PLEEGZORGBEGELEIDER,),
         "When the voogd or pleegzorgbegeleider changes, the new professional holds a handover "
         "meeting within 2 weeks of starting.",
         _handover,
         Closing(EVENT_ZORGTEAM_MEETING, _handover_meeting, FORM_ZORGTEAM_MEETING,
                 preset=("kind", HANDOVER_MEETING))),
    Rule(COURT_ORDER_REVIEW, _("Decide on extending the court order"), VOOGD,
         (PLEEGZORGBEGELEIDER,),
         "Decide on extending an OTS or MUHP 12 weeks before it ends, unless an extension request "
         "or a decision not to extend is recorded.",
         _court_order_review,
         Closing(EVENT_COURT_ORDER_REVIEW, _decision_on_this_order, FORM_COURT_ORDER_REVIEW)),
    Rule(START_MEETING, _("Start meeting with all parties"), PLEEGZORGBEGELEIDER, (VOOGD,),
         "Hold the start meeting with all parties within 2 weeks of the start of a placement "
         "registered in the app at or around its start, unless a start meeting is recorded.",
         _start_meeting,
         Closing(EVENT_ZORGTEAM_MEETING, _a_start_meeting, FORM_ZORGTEAM_MEETING,
                 preset=("kind", START_MEETING_KIND))),
    Rule(REQUESTED_MEETING, _("Zorgteam meeting a member asked for"), REGIE, (),
         "When a member asks for a zorgteam meeting, hold it within 2 weeks of the request, "
         "unless a meeting is recorded after it or it is declined with a reason.",
         _requested_meeting,
         Closing(EVENT_ZORGTEAM_MEETING, _meeting_after_the_request, FORM_ZORGTEAM_MEETING,
                 preset=("kind", ON_REQUEST_MEETING)),
         also_closed_by=(Closing(EVENT_MEETING_REQUEST, _this_request_settled, ""),)),
    Rule(DECISION_EXPLANATION, _("Explain a decision to the family"), DECIDER,
         (PLEEGZORGBEGELEIDER,),
         "When a family member asks for more explanation of a decision, the decider answers "
         "within 2 weeks of the question.",
         _decision_explanation,
         Closing(EVENT_EXPLANATION_REQUEST, _this_request_settled, FORM_EXPLANATION)),
)
# fmt: on
RULES_BY_KIND: dict[str, Rule] = {rule.kind: rule for rule in RULES}


def _responsible(rule: Rule, key: str, facts: PlacementFacts) -> str:
    if rule.responsible == NEW_PROFESSIONAL:
        return next(change.role for change in facts.staff_changes if change.key == key)
    if rule.responsible == REGIE:
        # DOMAIN.md: the pleegzorgbegeleider, the voogd while there is none.
        return PLEEGZORGBEGELEIDER if facts.has_pleegzorgbegeleider else VOOGD
    if rule.responsible == DECIDER:
        role = next(r.role for r in facts.requests if r.kind == rule.kind and r.key == key)
        return role or PLEEGZORGBEGELEIDER
    return rule.responsible


def open_obligations(facts: PlacementFacts, periods: Periods = DEFAULT_PERIODS) -> list[Obligation]:
    """Every obligation still open for this placement, sorted by (due, kind, key)."""
    result = []
    for rule in RULES:
        for key, due, basis in rule.compute(facts, periods):
            # The end-date rule (DOMAIN.md "Further rules"): nothing is owed on or after the day
            # the child leaves, planned or past, so it is not opened; being computed from the
            # facts, it comes back when the end date moves or is cleared. What fell due before
            # the end stays open (overdue) until the storage layer closes it when the end passes.
            if facts.end is not None and due >= facts.end:
                continue
            responsible = _responsible(rule, key, facts)
            # The new pleegzorgbegeleider of a handover is not reminded twice.
            also = tuple(role for role in rule.also_reminded if role != responsible)
            result.append(Obligation(rule.kind, key, due, responsible, also, basis))
    return sorted(result, key=lambda o: (o.due, o.kind, o.key))
