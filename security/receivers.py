from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import idle, twofactor


@receiver(user_logged_in, dispatch_uid="security.start_session")
def start_session(sender, request, user, **kwargs):
    """Start the idle clock, and remember whether a family member turned two factors on."""
    if request is None or not hasattr(request, "session"):
        return
    idle.touch(request.session, user)
    if not twofactor.second_factor_required(user):
        request.session[twofactor.OPTIONAL_ENROLLED_SESSION_KEY] = twofactor.has_second_factor(user)
