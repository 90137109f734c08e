"""Who stands above a placement's own zorgteam. Written once; the apps' permission modules
(plan, zorgteam, events) add the roles in the team that may act."""


def oversees_placement(user, placement):
    """The application manager, or a team lead of the placement's foster-care provider."""
    if user.is_superuser:
        return True
    return bool(
        user.is_team_lead and user.organisation_id and placement.provider_id == user.organisation_id
    )
