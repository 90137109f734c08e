"""What follows a change of a placement, contributed by the apps that own it.

An app registers a hook in its AppConfig.ready(); every write that changes what a placement
owes (its variant, its end, its child's birth date, its zorgteam) calls placement_changed()
in its own transaction, through the services or the admin. This keeps the deadlines
(evaluations) in step without the cases and zorgteam apps importing them.

Synchronous on purpose: the deadlines are recomputed in the same transaction as the write,
under the placement's lock, so a refused write leaves no deadline behind and a reader never
sees one without the other. Not post_save signals (bulk writes skip them and admin inlines
fire once per row) and not on_commit (after the commit is too late).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction


@dataclass(frozen=True)
class Hook:
    order: int
    name: str
    # (placement) -> sentences for the person who made the change, e.g. a deadline it opened
    placement_changed: Callable[..., Iterable[str] | None]


_HOOKS: list[Hook] = []


def register(hook):
    if hook not in _HOOKS:
        _HOOKS.append(hook)
        _HOOKS.sort(key=lambda h: h.order)


def registered():
    return tuple(_HOOKS)


def placement_changed(placement):
    """Run every hook for this placement, inside the caller's transaction.

    Returns what the hooks say followed from the change (for the caller's message).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "placement_changed() must run inside the transaction of the write it follows"
        )
    notes = []
    for hook in _HOOKS:
        notes.extend(hook.placement_changed(placement) or ())
    return notes
