"""The hulpverleningsplan (plan.py), its history and proposals (changes.py) and what the
portal records (portal.py). Who may see what is written once, in querysets.py."""

from .changes import AgreementChange, PlanComment
from .plan import (
    DEFAULT_AUDIENCES,
    GOAL_DEFAULT_AUDIENCES,
    Agreement,
    Goal,
    PlanVersion,
    default_audiences,
)
from .portal import AgreementRead, MeetingRequest, PortalVisit

__all__ = [
    "DEFAULT_AUDIENCES",
    "GOAL_DEFAULT_AUDIENCES",
    "Agreement",
    "AgreementChange",
    "AgreementRead",
    "Goal",
    "MeetingRequest",
    "PlanComment",
    "PlanVersion",
    "PortalVisit",
    "default_audiences",
]
