"""instance_state and worker_state classify free-form statuses, whatever their case."""

from __future__ import annotations

import pytest

from vast_wrapper import Instance, State, Worker, instance_state, worker_state


@pytest.mark.parametrize(
    ("status", "state"),
    [
        ("idle", State.READY), ("READY", State.READY), ("Running", State.READY),
        ("creating", State.STARTING), ("model_loading", State.STARTING), ("LOADING", State.STARTING),
        ("stopped", State.STOPPED), ("exited", State.STOPPED), ("stopping", State.STOPPED),
        ("error", State.FAILED), ("ERROR", State.FAILED),
        ("quantum_entangled", State.UNKNOWN), ("", State.UNKNOWN), (None, State.UNKNOWN),
    ],
)  # fmt: skip
def test_worker_state(status: str | None, state: State) -> None:
    """Worker statuses map to the five states; unseen values are UNKNOWN, never an error."""
    assert worker_state(Worker.from_dict({"status": status})) is state


@pytest.mark.parametrize(
    ("actual", "intended", "state"),
    [
        ("running", "running", State.READY), ("RUNNING", None, State.READY),
        (None, "running", State.STARTING), ("", "running", State.STARTING), ("loading", "running", State.STARTING),
        ("scheduling", "running", State.STARTING),
        ("stopped", "stopped", State.STOPPED), ("exited", "stopped", State.STOPPED), ("frozen", None, State.STOPPED),
        ("offline", "running", State.FAILED), ("running", "crashed", State.FAILED),
        ("unknown", "running", State.UNKNOWN), ("teleporting", "running", State.UNKNOWN),
    ],
)  # fmt: skip
def test_instance_state(actual: str | None, intended: str | None, state: State) -> None:
    """Instance statuses map to the five states; intended crashed is FAILED; null while provisioning."""
    assert instance_state(Instance.from_dict({"actual_status": actual, "intended_status": intended})) is state


def test_missing_status_is_unknown() -> None:
    """A worker or instance without any status field is UNKNOWN."""
    assert worker_state(Worker.from_dict({})) is State.UNKNOWN
    assert instance_state(Instance.from_dict({})) is State.UNKNOWN
