"""The generated models parse every body the spec allows and every form the live server sends, into
attributes that hold what their annotations say (numbers sent as numeric strings become numbers)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from vast_api.errors import UnexpectedValue
from vast_api.models import Instance, InstanceEnvelope, InstancePortsType0, Worker, WorkersEnvelope

from tests.generated.annotations import mismatches, same
from tests.spec import named_example, spec

INSTANCE_EXAMPLES = ["running_instance", "running_instance_live", "loading_instance", "proxy_only_instance"]
WORKER_EXAMPLES = ["worker_list", "worker_list_live", "empty_worker_list"]


@pytest.mark.parametrize("name", [*INSTANCE_EXAMPLES, "null_instance"])
def test_instance_examples_round_trip(name: str) -> None:
    """Every instance example parses, holds what its annotations say, and to_dict() gives back what was sent."""
    body = named_example(name)
    parsed = InstanceEnvelope.from_dict(copy.deepcopy(body))
    assert mismatches(parsed) == []
    assert same(parsed.to_dict(), body)


@pytest.mark.parametrize("name", WORKER_EXAMPLES)
def test_worker_examples_round_trip(name: str) -> None:
    """Every worker example parses, holds what its annotations say, and to_dict() gives back what was sent."""
    body = named_example(name)
    workers = [Worker.from_dict(copy.deepcopy(w)) for w in body]
    assert [p for w in workers for p in mismatches(w)] == []
    assert same([w.to_dict() for w in workers], body)


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
    """Numbers that arrive as JSON integers parse as the floats their annotation says; an integral float as an int."""
    parsed = Instance.from_dict({"gpu_util": 1, "cpu_util": 0, "uptime_mins": 120, "id": 5.0})
    assert (parsed.gpu_util, parsed.cpu_util, parsed.uptime_mins, parsed.id) == (1.0, 0.0, 120.0, 5)
    assert mismatches(parsed) == []


def test_worker_numeric_strings_become_numbers_and_nulls_stay() -> None:
    """Numbers the spec lets the server send as numeric strings arrive as int or float, as annotated."""
    body = {
        "id": "7",
        "status": "READY",
        "cur_load": " 0.75\n",
        "perf": "100",
        "reliability": None,
        "reqs_working": "3",
    }
    parsed = Worker.from_dict(dict(body))
    assert (parsed.id, parsed.cur_load, parsed.perf, parsed.reliability, parsed.reqs_working) == (
        7,
        0.75,
        100.0,
        None,
        3,
    )
    assert mismatches(parsed) == []
    assert parsed.to_dict() == {**body, "id": 7, "cur_load": 0.75, "perf": 100.0, "reqs_working": 3}


@pytest.mark.parametrize(
    ("model", "body", "problem"),
    [
        (Instance, {"id": "seven", "actual_status": {"x": 1}, "image_args": 7}, "Instance.id is 'seven' (str)"),
        (Instance, {"id": 1, "actual_status": {"x": 1}}, "Instance.actual_status is {'x': 1} (dict)"),
        (Instance, {"image_args": ["a", 7]}, "Instance.image_args is ['a', 7] (list)"),
        (Instance, {"gpu_util": "0.75"}, "Instance.gpu_util is '0.75' (str)"),  # Not a numeric-string field.
        (Instance, {"static_ip": 1}, "Instance.static_ip is 1 (int)"),
        (Instance, {"ports": {"22/tcp": "41000"}}, "InstancePortsType0['22/tcp'] is '41000' (str)"),
        (
            Instance,
            {"ports": 5},
            "Instance.ports is 5 (int), which fits none of: InstancePortsType0 | list[int] | None",
        ),
        (InstanceEnvelope, {"instances": "nope"}, "InstanceEnvelope.instances is 'nope' (str)"),
        (Worker, {"cur_load": "nan"}, "Worker.cur_load is 'nan' (str), which fits none of: float | None | Unset"),
        (Worker, {"id": True}, "Worker.id is True (bool)"),
        (Worker, {"id": "1" * 5000}, "Worker.id is '111"),
        (WorkersEnvelope, {"workers": ""}, "WorkersEnvelope.workers is '' (str)"),
        (Worker, [["id", 1]], "Worker is [['id', 1]] (list)"),
    ],
)
def test_a_value_that_fits_no_annotated_type_is_refused_naming_its_field(model: Any, body: Any, problem: str) -> None:
    """No attribute is ever set to a value its annotation does not allow: from_dict says which and why."""
    with pytest.raises(UnexpectedValue) as caught:
        model.from_dict(body)
    assert problem in str(caught.value)


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


def test_numeric_strings_convert_alike_however_many_and_however_often() -> None:
    """Thousands of distinct numeric strings, each read twice, give their numbers; a bad one is still refused."""
    for i in range(3000):
        text = f" {i}.5\n"
        for _ in range(2):
            worker = Worker.from_dict({"cur_load": text, "id": str(i)})
            assert (worker.cur_load, worker.id) == (i + 0.5, i)
    with pytest.raises(UnexpectedValue, match=r"Worker\.cur_load is '1_000'"):
        Worker.from_dict({"cur_load": "1_000"})  # float() reads it; the spec's pattern does not.
