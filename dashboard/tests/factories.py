"""Bulk caseloads for the dashboard's query-count tests and benchmark.

Creating hundreds of placements through the services costs a refresh per membership; here
the rows are bulk-inserted and the deadlines computed by the same pure rules the engine
uses (evaluations.rules), so the data looks like the real thing at a fraction of the cost.
"""

from datetime import timedelta

from cases.models import Child, Placement, Variant, VariantChange
from evaluations import rules
from evaluations.models import Deadline
from evaluations.services import periods
from zorgteam.models import Membership, Role


def bulk_caseload(count, *, pleegzorgbegeleider, voogden, provider=None, today, prefix="BULK"):
    """`count` running placements with pleegzorgbegeleider and a voogd, and their deadlines.

    Start dates spread over the last ~14 months, so the caseload has overdue, due-soon and
    upcoming deadlines; every third placement is in the opvoedingsvariant.
    """
    children = Child.objects.bulk_create(
        Child(first_name=f"Kind{i:05d}", last_name="Bulk", birth_date=today - timedelta(days=2900))
        for i in range(count)
    )
    placements = Placement.objects.bulk_create(
        Placement(
            reference=f"{prefix}-{i:05d}",
            child=child,
            variant=Variant.OPVOEDING if i % 3 == 0 else Variant.HULPVERLENING,
            start_date=today - timedelta(days=7 + (i * 37) % 420),
            provider=provider,
        )
        for i, child in enumerate(children)
    )
    VariantChange.objects.bulk_create(
        VariantChange(placement=p, variant=p.variant, from_date=p.start_date) for p in placements
    )
    Membership.objects.bulk_create(
        member
        for i, p in enumerate(placements)
        for member in (
            Membership(
                placement=p,
                person=pleegzorgbegeleider,
                role=Role.PLEEGZORGBEGELEIDER,
                start_date=p.start_date,
            ),
            Membership(
                placement=p,
                person=voogden[i % len(voogden)],
                role=Role.VOOGD,
                start_date=p.start_date,
            ),
        )
    )
    deadlines = []
    for p in placements:
        facts = rules.PlacementFacts(
            start=p.start_date, variant=p.variant, child_birth_date=p.child.birth_date
        )
        deadlines.extend(
            Deadline(
                placement=p,
                kind=o.kind,
                key=o.key,
                due_date=o.due,
                basis_date=o.basis,
                responsible_role=o.responsible,
            )
            for o in rules.open_obligations(facts, periods())
        )
    Deadline.objects.bulk_create(deadlines)
    return placements
