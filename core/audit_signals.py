"""What the access log hears: every saved or deleted case record, sign-ins, Celery tasks.

Changes are logged from model signals rather than from each service, so a record is logged
however it is written (a service, the admin, a task) and a new model with a path to a
placement is logged without code of its own. Computed and bookkeeping records are left out.
"""

from celery import signals as celery_signals
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Subquery
from django.db.models.signals import post_delete, post_save

from . import audit
from .audit import Action, Outcome

# Apps with no case data, or whose rows are derived from case data already logged.
SKIPPED_APPS = frozenset({"admin", "auth", "contenttypes", "sessions", "core", "reminders"})
# Derived or bookkeeping rows: deadlines are computed, an agreement's change history follows
# the logged change of the agreement, a portal visit follows the logged read of the portal.
SKIPPED_MODELS = frozenset(
    {"evaluations.deadline", "agreements.agreementchange", "agreements.portalvisit"}
)
# Saves that change nothing about a person: Django stamps last_login on every login.
QUIET_USER_FIELDS = frozenset({"last_login"})


def _placement_path(model, placement_model):
    """The foreign keys from a model to its placement: () for the placement itself, one
    key (a membership's placement), two (a goal's version's placement), or None."""
    if model is placement_model:
        return ()

    def key_to(target, among):
        return next(
            (f for f in among._meta.concrete_fields if f.many_to_one and f.related_model is target),
            None,
        )

    direct = key_to(placement_model, model)
    if direct is not None:
        return (direct,)
    for field in model._meta.concrete_fields:
        if field.many_to_one and field.related_model is not model:
            second = key_to(placement_model, field.related_model)
            if second is not None:
                return (field, second)
    return None


def audited_models(placement_model, also=()):
    """{model: placement path} for every model whose rows are logged when they change: the
    people, those in `also` (the child), and every model with a path to a placement."""
    models = {get_user_model(): None, **dict.fromkeys(also)}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in SKIPPED_APPS or label in SKIPPED_MODELS:
            continue
        path = _placement_path(model, placement_model)
        if path is not None:
            models[model] = path
    return models


_PATHS = {}


def _placement_of(instance, path):
    if path is None:
        return {}
    if path == ():
        return {"placement": instance}
    first = path[0]
    if len(path) == 1:
        return {"placement_id": getattr(instance, first.attname)}
    parent = instance._state.fields_cache.get(first.name)
    if parent is not None:
        return {"placement_id": getattr(parent, path[1].attname)}
    # Not loaded: the INSERT looks it up, rather than a query here for every saved row.
    parent_id = getattr(instance, first.attname)
    return {
        "placement_id": Subquery(
            first.related_model._base_manager.filter(pk=parent_id)
            .order_by()
            .values(path[1].attname)[:1]
        )
    }


def _log_change(sender, instance, action):
    if audit.model_events_are_muted():
        return
    audit.record(
        action,
        what=f"{action} {sender._meta.label_lower}",
        obj=instance,
        **_placement_of(instance, _PATHS.get(sender)),
    )


def log_update(instance):
    """For a change a service makes with a conditional queryset update (a claim), which
    sends no model signal: log it as the change of that object."""
    _log_change(type(instance), instance, Action.CHANGE)


def _saved(sender, instance, created, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= QUIET_USER_FIELDS:
        return
    _log_change(sender, instance, Action.CREATE if created else Action.CHANGE)


def _deleted(sender, instance, **kwargs):
    _log_change(sender, instance, Action.DELETE)


def _find_user(identifier):
    if not identifier:
        return None
    user_model = get_user_model()
    field = user_model.USERNAME_FIELD
    return user_model._default_manager.filter(**{f"{field}__iexact": identifier}).first()


def _logged_in(sender, request, user, **kwargs):
    audit.record(Action.LOGIN, what="login", obj=user, user=user, request=request)


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record(Action.LOGOUT, what="logout", obj=user, user=user, request=request)


def _login_failed(sender, credentials, request=None, **kwargs):
    # The typed identifier is not stored: people type passwords into the wrong field.
    user = _find_user(credentials.get("username") or credentials.get("email"))
    audit.record(
        Action.LOGIN_FAILED,
        what="failed login" if user else "failed login (no such account)",
        obj=user,
        user=user,
        outcome=Outcome.FAILED,
        request=request,
    )


def _locked_out(sender, request=None, username=None, **kwargs):
    user = _find_user(username)
    audit.record(
        Action.LOCKOUT,
        what="locked out",
        obj=user,
        user=user,
        outcome=Outcome.REFUSED,
        request=request,
    )


_task_scopes = {}


def _task_started(task_id=None, task=None, **kwargs):
    scope = audit.audit_scope(f"task:{getattr(task, 'name', '?')}")
    scope.__enter__()
    _task_scopes[task_id] = scope


def _task_finished(task_id=None, **kwargs):
    scope = _task_scopes.pop(task_id, None)
    if scope is not None:
        scope.__exit__(None, None, None)


def connect_models(*, placement_model, also=()):
    """Log every saved and deleted row of the audited models (called by privacy.apps, which
    knows the placement). Per model, not for all senders: a model without receivers keeps
    Django's fast bulk delete (deadlines, sessions)."""
    _PATHS.clear()
    _PATHS.update(audited_models(placement_model, also))
    for model in _PATHS:
        uid = f"core.audit.{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}.save", weak=False)
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}.delete", weak=False)


def _second_factor(action, outcome=Outcome.SUCCESS):
    def receiver(sender, request=None, user=None, recovery_code=False, **kwargs):
        audit.record(
            Action.OTP_RECOVERY_USED if recovery_code else action,
            what=f"second factor: {action}",
            obj=user,
            user=user,
            outcome=outcome,
            request=request,
        )

    return receiver


_SECOND_FACTOR_RECEIVERS = {
    "second_factor_enrolled": _second_factor(Action.OTP_ENROLLED),
    "second_factor_verified": _second_factor(Action.OTP_VERIFIED),
    "second_factor_failed": _second_factor(Action.OTP_FAILED, Outcome.FAILED),
    "second_factor_disabled": _second_factor(Action.OTP_REMOVED),
}


def connect():
    """Sign-ins, second factors, lockouts and Celery tasks (from CoreConfig.ready)."""
    from security import signals as security_signals

    for name, receiver in _SECOND_FACTOR_RECEIVERS.items():
        getattr(security_signals, name).connect(receiver, dispatch_uid=f"core.audit.{name}")
    user_logged_in.connect(_logged_in, dispatch_uid="core.audit.login")
    user_logged_out.connect(_logged_out, dispatch_uid="core.audit.logout")
    user_login_failed.connect(_login_failed, dispatch_uid="core.audit.login_failed")
    if apps.is_installed("axes"):
        from axes.signals import user_locked_out

        user_locked_out.connect(_locked_out, dispatch_uid="core.audit.lockout")
    celery_signals.task_prerun.connect(_task_started, weak=False, dispatch_uid="core.audit.task")
    celery_signals.task_postrun.connect(_task_finished, weak=False, dispatch_uid="core.audit.task")
