"""The generated models parse every body the spec allows and every form the live server sends."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from vast_api.models import Instance, InstanceEnvelope, InstancePortsType0, Worker, WorkersEnvelope

from tests.spec import named_example, spec

INSTANCE_EXAMPLES = ["running_instance", "running_instance_live", "loading_instance", "proxy_only_instance"]
WORKER_EXAMPLES = ["worker_list", "worker_list_live", "empty_worker_list"]


@pytest.mark.parametrize("name", [*INSTANCE_EXAMPLES, "null_instance"])
def test_instance_examples_round_trip(name: str) -> None:
    """Every instance example parses and to_dict() gives back exactly what was sent."""
    body = named_example(name)
    assert InstanceEnvelope.from_dict(copy.deepcopy(body)).to_dict() == body


@pytest.mark.parametrize("name", WORKER_EXAMPLES)
def test_worker_examples_round_trip(name: str) -> None:
    """Every worker example parses and to_dict() gives back exactly what was sent."""
    body = named_example(name)
    assert [Worker.from_dict(copy.deepcopy(w)).to_dict() for w in body] == body


def test_wrapped_worker_list_parses() -> None:
    """The {"workers": [...]} form parses into the same Worker models."""
    body = named_example("workers_envelope")
    envelope = WorkersEnvelope.from_dict(copy.deepcopy(body))
    assert [w.id for w in envelope.workers] == [123456]
    assert envelope.to_dict() == body


def _instance_properties() -> dict[str, Any]:
    props: dict[str, Any] = spec()["components"]["schemas"]["Instance"]["properties"]
    return props


def test_every_instance_field_may_be_null_or_missing() -> None:
    """An instance with every property null, and one with none at all, both parse."""
    all_null = {name: None for name in _instance_properties() if name != "id"}
    parsed = Instance.from_dict({"id": 1, **all_null})
    assert parsed.to_dict() == {"id": 1, **all_null}
    assert Instance.from_dict({}).to_dict() == {}


def test_seed_documents_every_reference_field() -> None:
    """The Instance schema names the seed's 35 fields and the documented ones the reference lists."""
    names = set(_instance_properties())
    seed = set(named_example("running_instance")["instances"])
    assert seed <= names
    assert {"machine_id", "gpu_name", "dph_total", "inet_up", "inet_down", "time_remaining_isbid"} <= names
    assert len(names) >= 94


@pytest.mark.parametrize(
    "ports",
    [
        {"22/tcp": [{"HostIp": "0.0.0.0", "HostPort": "41000"}], "8080/tcp": None},
        None,
        [0],
        {},
    ],
)
def test_ports_in_every_form_the_server_sends(ports: Any) -> None:
    """ports parses as a Docker-style map (HostPort a string), null, or the docs' integer list."""
    parsed = Instance.from_dict({"id": 1, "ports": copy.deepcopy(ports)})
    assert parsed.to_dict()["ports"] == ports


def test_ports_map_is_typed() -> None:
    """The ports map's bindings come back as models with string host ports."""
    parsed = Instance.from_dict({"ports": {"22/tcp": [{"HostIp": "0.0.0.0", "HostPort": "41000"}]}})
    assert isinstance(parsed.ports, InstancePortsType0)
    bindings = parsed.ports["22/tcp"]
    assert isinstance(bindings, list)
    assert bindings[0].host_port == "41000"


def test_extra_env_pairs_and_strings() -> None:
    """extra_env parses as [key, value] pairs, as the docs' strings, and as null."""
    for extra_env in ([["A", "1"], ["B", "two words"]], [""], None, []):
        assert Instance.from_dict({"extra_env": copy.deepcopy(extra_env)}).extra_env == extra_env


def test_integer_valued_numbers_parse() -> None:
    """Numbers that arrive as JSON integers parse and stay numbers."""
    parsed = Instance.from_dict({"gpu_util": 1, "cpu_util": 0, "uptime_mins": 120})
    assert (parsed.gpu_util, parsed.cpu_util, parsed.uptime_mins) == (1, 0, 120)


def test_worker_numeric_strings_and_nulls_parse() -> None:
    """Worker numbers may be numeric strings or null; the model keeps them as sent."""
    body = {"id": 7, "status": "READY", "cur_load": "0.75", "perf": "100", "reliability": None, "reqs_working": 3}
    parsed = Worker.from_dict(dict(body))
    assert parsed.cur_load == "0.75"
    assert parsed.reliability is None
    assert parsed.to_dict() == body


@pytest.mark.parametrize("model", [Instance, Worker])
def test_unknown_fields_are_kept(model: type[Instance] | type[Worker]) -> None:
    """A field the spec does not know survives parsing and comes back from to_dict() unchanged."""
    body = {"id": 9, "brand_new_field": {"nested": [1, "two", None]}, "another": "x"}
    parsed = model.from_dict(copy.deepcopy(body))
    assert parsed.additional_properties == {"brand_new_field": {"nested": [1, "two", None]}, "another": "x"}
    assert parsed.to_dict() == body


def test_warnings_as_a_bare_string() -> None:
    """A worker's warnings may be a list or a bare string."""
    assert Worker.from_dict({"warnings": "slow disk"}).warnings == "slow disk"
    assert Worker.from_dict({"warnings": ["a", {"b": 1}]}).warnings == ["a", {"b": 1}]


def test_pricing_objects_named_instance_and_search_round_trip() -> None:
    """The `instance` and `search` pricing objects (whose names shadow the generator's locals) survive."""
    body = {"id": 3, "instance": {"totalHour": 0.4, "discountTotalHour": 0}, "search": {"gpuCostPerHour": 0.3}}
    parsed = Instance.from_dict(copy.deepcopy(body))
    assert isinstance(parsed, Instance)
    assert parsed.to_dict() == body
