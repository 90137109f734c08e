"""Sent by the zorgteam's own services, inside their transaction (not post_save: a staff
change is two rows and one meaning). Apps above listen in their AppConfig.ready()."""

from django.dispatch import Signal

# sender=Membership, old=the membership that ended, new=the one that started. The family
# is told and a handover checklist opens for the new professional (advices 6 and 7).
staff_changed = Signal()
