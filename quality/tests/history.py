"""Years of bulk history for the quality page's benchmark and its query-count test.

Going through the services would refresh deadlines per event (hours for 10,000 placements);
here each placement's history is simulated in Python and bulk-inserted: staff changes,
visit evaluations, guardian contacts, perspective study and decision, handovers, zorgteam
meetings, meeting requests, plan versions, portal visits and endings, with the deadlines
closed on time or late as the events fell. Seeded, so a run is repeatable.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from accounts.models import Organisation, User
from agreements.models import MeetingRequest, PlanVersion, PortalVisit
from cases.models import EARLY_END_REASONS, Child, EndReason, Placement, Variant, VariantChange
from evaluations import rules
from evaluations.models import (
    Deadline,
    GuardianContact,
    PerspectiveDecision,
    PerspectiveStudyStart,
    VisitEvaluation,
    ZorgteamMeeting,
)
from evaluations.rules import add_months
from zorgteam.models import Membership, Role

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
EARLY = sorted(EARLY_END_REASONS)  # sorted: a set's order changes per process
PLANNED = [r for r in EndReason.values if r not in EARLY_END_REASONS]
BATCH = 5000


def _moment(day):
    return datetime.combine(day, time(10, 0), tzinfo=AMSTERDAM)


@dataclass
class _Rows:
    """Everything to insert, per model, plus the deadlines waiting for membership pks."""

    by_model: dict = field(default_factory=dict)
    handovers: list = field(default_factory=list)  # (membership, due, closed_on or None, status)

    def add(self, obj):
        self.by_model.setdefault(type(obj), []).append(obj)


class _Life:
    """One placement's simulated history."""

    def __init__(self, rng, placement, family, today, people, rows):
        self.rng, self.p, self.family = rng, placement, family
        self.today, self.people, self.rows = today, people, rows
        self.decided_on = None
        self.stop = min(placement.end_date or today, today)
        self.ended = placement.end_date is not None and placement.end_date <= today

    def delay(self, late_share):
        """Days after the due date the thing was done: mostly a little early, sometimes late."""
        if self.rng.random() < late_share:
            return self.rng.randint(1, 75)
        return -self.rng.randint(0, 20)

    def deadline(self, kind, due, basis, role, done_on, key=""):
        if done_on is not None and done_on < self.stop:
            status, closed = Deadline.Status.DONE, done_on
        elif self.ended:
            if due >= self.p.end_date:
                return None  # never opened: due after the end (DOMAIN.md)
            status, closed = Deadline.Status.CANCELLED, self.p.end_date
        else:
            status, closed = Deadline.Status.OPEN, None
        row = Deadline(
            placement=self.p,
            kind=kind,
            key=key,
            due_date=due,
            basis_date=basis,
            responsible_role=role,
            status=status,
            closed_on=closed,
        )
        self.rows.add(row)
        return row

    def rolling(self, kind, model, months=None, days=None, late_share=0.25):
        basis = self.p.start_date
        decided = self.decided_on
        while True:
            if months is not None:
                step = 6 if decided and basis >= decided else months
                due = add_months(basis, step)
            else:
                due = basis + timedelta(days=days)
            done = due + timedelta(days=self.delay(late_share))
            done = max(done, basis + timedelta(days=1))
            row = self.deadline(kind, due, basis, self.role(kind), done)
            if row is None or row.status != Deadline.Status.DONE:
                return
            self.rows.add(model(placement=self.p, date=done, **self.event_fields(model)))
            if model is VisitEvaluation:
                self.rows.add(
                    ZorgteamMeeting(
                        placement=self.p,
                        date=done,
                        kind=ZorgteamMeeting.Kind.EVALUATION,
                        participants="Zorgteam",
                    )
                )
            basis = done

    def role(self, kind):
        return rules.RULES_BY_KIND[kind].responsible

    @staticmethod
    def event_fields(model):
        if model is VisitEvaluation:
            return {"participants": "Zorgteam", "outcome": "Besproken"}
        if model is GuardianContact:
            return {"form": GuardianContact.Form.PHONE, "with_whom": "Moeder"}
        return {}

    def perspective(self):
        start = self.p.start_date
        study_due = add_months(start, 3)
        study = self.deadline(
            rules.PERSPECTIVE_STUDY_START,
            study_due,
            start,
            rules.VOOGD,
            study_due + timedelta(days=self.delay(0.3)),
        )
        if study is not None and study.status == Deadline.Status.DONE:
            self.rows.add(PerspectiveStudyStart(placement=self.p, date=study.closed_on))
        decision_due = add_months(start, 9)
        decision = self.deadline(
            rules.PERSPECTIVE_DECISION,
            decision_due,
            start,
            rules.VOOGD,
            decision_due + timedelta(days=self.delay(0.4)),
        )
        if decision is not None and decision.status == Deadline.Status.DONE:
            self.decided_on = decision.closed_on
            self.rows.add(
                PerspectiveDecision(
                    placement=self.p,
                    date=decision.closed_on,
                    outcome=PerspectiveDecision.Outcome.FOSTER_FAMILY,
                )
            )
            self.p.variant = Variant.OPVOEDING

    def team(self):
        """The professionals in turn; a staff change ends one membership and starts the next."""
        for role, pool in (
            (Role.PLEEGZORGBEGELEIDER, self.people["pbg"]),
            (Role.VOOGD, self.people["voogd"]),
        ):
            start = self.p.start_date
            person = self.rng.choice(pool)
            changes = sorted(
                self.p.start_date + timedelta(days=self.rng.randint(30, 1800))
                for _ in range(self.rng.choice((0, 0, 0, 1, 1, 2, 3)))
            )
            changes = [c for c in changes if c < self.stop]
            for index, change in enumerate([*changes, None]):
                end = change - timedelta(days=1) if change else None
                if end is not None and end < start:
                    continue
                member = Membership(
                    placement=self.p, person=person, role=role, start_date=start, end_date=end
                )
                self.rows.add(member)
                if index > 0:
                    due = start + timedelta(days=14)
                    done = due + timedelta(days=self.delay(0.35))
                    self.rows.handovers.append((self, member, due, done))
                if change is None:
                    break
                start, person = change, self.rng.choice([p for p in pool if p != person] or pool)
        self.rows.add(
            Membership(
                placement=self.p,
                person=self.family,
                role=Role.PLEEGOUDER,
                start_date=self.p.start_date,
            )
        )

    def plan_and_portal(self):
        start = self.p.start_date
        adopted_on = start + timedelta(days=self.rng.randint(7, 40))
        number = 0
        while adopted_on < self.stop and self.rng.random() < 0.92:
            number += 1
            self.rows.add(
                PlanVersion(
                    placement=self.p,
                    number=number,
                    status=PlanVersion.Status.ADOPTED,
                    adopted_on=adopted_on,
                    adopted_at=_moment(adopted_on),
                )
            )
            adopted_on = add_months(adopted_on, self.rng.randint(6, 14))
        if not self.ended and self.rng.random() < 0.7:
            seen = self.today - timedelta(days=self.rng.randint(0, 120))
            self.rows.add(
                PortalVisit(
                    person=self.family,
                    placement=self.p,
                    last_visit_at=_moment(max(seen, start)),
                )
            )

    def requests(self):
        years = max((self.stop - self.p.start_date).days / 365, 0.1)
        for _ in range(int(years * self.rng.random() * 1.5)):
            asked = self.p.start_date + timedelta(days=self.rng.randint(0, int(years * 365)))
            if asked >= self.stop:
                continue
            wait = self.rng.randint(1, 40)
            handled = asked + timedelta(days=wait)
            is_open = handled >= self.today or self.rng.random() < 0.08
            self.rows.add(
                MeetingRequest(
                    placement=self.p,
                    reason="Graag een overleg",
                    created_at=_moment(asked),
                    status=MeetingRequest.Status.OPEN if is_open else MeetingRequest.Status.CLOSED,
                    handled_at=None if is_open else _moment(handled),
                )
            )


@dataclass
class History:
    placements: int
    rows: dict  # model name -> rows inserted
    team_lead: object
    provider: object


def generate_history(count, *, today, seed=13, prefix="H", years=5):
    """`count` placements started over the last `years` years, with their whole history."""
    rng = random.Random(seed)
    provider, _ = Organisation.objects.get_or_create(name=f"{prefix} Pleegzorg")
    gis = [
        Organisation.objects.get_or_create(
            name=f"{prefix} Jeugdbescherming {i}",
            defaults={"kind": Organisation.Kind.CERTIFIED_INSTITUTION},
        )[0]
        for i in range(2)
    ]
    staff = max(3, count // 120)

    def users(kind, n, org, label):
        return User.objects.bulk_create(
            User(
                email=f"{prefix.lower()}-{label}{i}@example.org",
                full_name=f"{label.title()} {prefix}{i}",
                person_type=kind,
                organisation=org,
                password="!",
            )
            for i in range(n)
        )

    people = {
        "pbg": users(User.PersonType.PLEEGZORGBEGELEIDER, staff, provider, "begeleider"),
        "voogd": users(User.PersonType.VOOGD, staff, gis[0], "voogd")
        + users(User.PersonType.VOOGD, max(1, staff // 2), gis[1], "voogdb"),
    }
    team_lead = User.objects.create_user(
        f"{prefix.lower()}-teamleider@example.org",
        full_name=f"Teamleider {prefix}",
        person_type=User.PersonType.PLEEGZORGBEGELEIDER,
        organisation=provider,
        is_team_lead=True,
    )
    span = years * 365
    children, placements, family, lives = [], [], [], []
    rows = _Rows()
    for i in range(count):
        start = today - timedelta(days=rng.randint(7, span))
        child = Child(
            first_name=f"Kind{i}",
            last_name=prefix,
            birth_date=start - timedelta(days=rng.randint(0, 17 * 365)),
        )
        end = None
        reason = ""
        if rng.random() < 0.55:
            # Early endings come early: most of them within the first year.
            lasted = rng.choice((rng.randint(5, 90), rng.randint(91, 365), rng.randint(366, 1800)))
            if start + timedelta(days=lasted) <= today:
                end = start + timedelta(days=lasted)
                early = rng.random() < (0.6 if lasted < 365 else 0.25)
                reason = rng.choice(EARLY if early else PLANNED) if rng.random() < 0.95 else ""
        # Unsaved: bulk_create fills in the foreign keys from the objects once they are saved.
        placement = Placement(
            reference=f"{prefix}-{i:06d}",
            child=child,
            start_date=start,
            end_date=end,
            end_reason_kind=reason,
            end_reason="" if end is None else "Beëindigd",
            provider=provider,
        )
        person = User(
            email=f"{prefix.lower()}-gezin{i}@example.org",
            full_name=f"Gezin {placement.reference}",
            person_type=User.PersonType.PLEEGOUDER,
            password="!",
        )
        life = _Life(rng, placement, person, today, people, rows)
        life.perspective()
        life.rolling(rules.VISIT_EVALUATION, VisitEvaluation, months=3)
        life.rolling(rules.GUARDIAN_CONTACT, GuardianContact, days=42, late_share=0.3)
        life.team()
        life.plan_and_portal()
        life.requests()
        children.append(child)
        placements.append(placement)
        family.append(person)
        lives.append(life)
    Child.objects.bulk_create(children, batch_size=BATCH)
    Placement.objects.bulk_create(placements, batch_size=BATCH)
    User.objects.bulk_create(family, batch_size=BATCH)
    VariantChange.objects.bulk_create(
        (
            VariantChange(placement=p, variant=Variant.HULPVERLENING, from_date=p.start_date)
            for p in placements
        ),
        batch_size=BATCH,
    )
    inserted = {}
    for model in (Membership, *[m for m in rows.by_model if m is not Membership]):
        objects = rows.by_model.get(model, [])
        if model is MeetingRequest:
            # created_at is auto_now_add: bulk_create would overwrite the simulated moments.
            moments = [r.created_at for r in objects]
            objects = MeetingRequest.objects.bulk_create(objects, batch_size=BATCH)
            for obj, moment in zip(objects, moments, strict=True):
                obj.created_at = moment
            MeetingRequest.objects.bulk_update(objects, ["created_at"], batch_size=BATCH)
        else:
            model.objects.bulk_create(objects, batch_size=BATCH)
        inserted[model.__name__] = len(objects)
    handovers = []
    rows.by_model.clear()
    for life, member, due, done in rows.handovers:
        row = life.deadline(
            rules.HANDOVER, due, member.start_date, member.role, done, key=str(member.pk)
        )
        if row is not None:
            handovers.append(row)
            if row.status == Deadline.Status.DONE:
                handovers.append(
                    ZorgteamMeeting(
                        placement=life.p,
                        date=row.closed_on,
                        kind=ZorgteamMeeting.Kind.HANDOVER,
                        participants="Zorgteam",
                    )
                )
    Deadline.objects.bulk_create(
        [r for r in handovers if isinstance(r, Deadline)], batch_size=BATCH
    )
    ZorgteamMeeting.objects.bulk_create(
        [r for r in handovers if isinstance(r, ZorgteamMeeting)], batch_size=BATCH
    )
    inserted["Deadline"] = inserted.get("Deadline", 0) + sum(
        isinstance(r, Deadline) for r in handovers
    )
    return History(placements=count, rows=inserted, team_lead=team_lead, provider=provider)
