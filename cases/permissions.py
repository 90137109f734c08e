"""Who stands above a placement's own zorgteam. Written once; the apps' permission modules
(plan, zorgteam, events) add the roles in the team that may act."""


def oversees_placement(user, placement):
    """The application manager, or a team lead of the placement's foster-care provider."""
    if user.is_superuser:
        return True
    return bool(
        user.is_team_lead and user.organisation_id and placement.provider_id == user.organisation_id
    )


def file_is_open(placement):
    """An ended placement is a closed file: read by the professionals, changed by nobody
    in the app (the application manager may still correct it in the admin)."""
    return not placement.is_ended()


def require_open_file(placement):
    from django.core.exceptions import PermissionDenied
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    if not file_is_open(placement):
        raise PermissionDenied(
            _("This placement ended on %(date)s: its file can be read, but no longer changed.")
            % {"date": date_format(placement.end_date, "j F Y")}
        )


def can_edit_privacy(user, placement, access):
    """Who sets "the foster family's identity is hidden from the parents": the regie of
    an open file (in practice the voogd or the pleegzorgbegeleider)."""
    return (
        bool(getattr(user, "is_professional", False))
        and access.whole_file
        and file_is_open(placement)
    )
