"""Classify the free-form statuses of instances and workers into five states."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vast_api.models import Instance, Worker


class State(enum.StrEnum):
    """What a status means for a user, whatever word or casing the server chose."""

    READY = "ready"
    STARTING = "starting"
    STOPPED = "stopped"
    FAILED = "failed"
    UNKNOWN = "unknown"


_WORKER_STATES = {
    **dict.fromkeys(("idle", "ready", "running"), State.READY),
    **dict.fromkeys(
        ("creating", "created", "loading", "model_loading", "starting", "rebooting", "scheduling"), State.STARTING
    ),
    **dict.fromkeys(("stopped", "stopping", "exited", "inactive"), State.STOPPED),
    **dict.fromkeys(("error", "failed", "crashed", "offline"), State.FAILED),
}

_INSTANCE_STATES = {
    "running": State.READY,
    **dict.fromkeys(("", "created", "creating", "loading", "scheduling", "rebooting", "starting"), State.STARTING),
    **dict.fromkeys(("stopped", "stopping", "frozen", "exited", "inactive"), State.STOPPED),
    **dict.fromkeys(("offline", "error", "crashed"), State.FAILED),
}

# States an instance does not leave on its own: a waiter gives up on them at once.
TERMINAL_INSTANCE_STATUSES = frozenset({"exited", "offline", "unknown"})


def normalise(status: object) -> str | None:
    """A status as the classifiers and waiters compare it: stripped and lower-case; None if not a string."""
    return status.strip().lower() if isinstance(status, str) else None


def worker_state(worker: Worker) -> State:
    """READY, STARTING, STOPPED, FAILED or UNKNOWN for a worker's `status`, ignoring case."""
    status = normalise(worker.status)
    return State.UNKNOWN if status is None else _WORKER_STATES.get(status, State.UNKNOWN)


def instance_state(instance: Instance) -> State:
    """READY, STARTING, STOPPED, FAILED or UNKNOWN for an instance, ignoring case.

    An intended status of `crashed` is FAILED; a null or empty `actual_status` is STARTING
    (the server sends that while provisioning).
    """
    if normalise(instance.intended_status) == "crashed":
        return State.FAILED
    status = normalise(instance.actual_status)
    if status is None:
        return State.STARTING if instance.actual_status is None else State.UNKNOWN
    return _INSTANCE_STATES.get(status, State.UNKNOWN)
