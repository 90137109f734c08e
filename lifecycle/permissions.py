"""Who registers a placement: the pleegzorgbegeleider who gets the child (she has the regie),
her team lead, or the application manager. Changes to a running placement are for the
regie of that placement (evaluations.permissions.can_record_events)."""


def can_register_placement(user):
    if not getattr(user, "is_professional", False):
        return False
    return bool(user.is_superuser or user.is_team_lead or user.person_type == "pleegzorgbegeleider")
