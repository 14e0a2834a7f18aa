# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, model_repr

T = TypeVar("T", bound="Worker")


@_attrs_define(repr=False)
class Worker:
    """One GPU instance of an endpoint or worker group. Any field can be missing; unknown fields are kept.

    Attributes:
        id (int | str | Unset): A whole number, which the server may send as a numeric string ("123456").
        status (None | str | Unset): Worker status; casing varies (idle, RUNNING, READY, loading, error...) and new
            values appear without notice.
        cur_load (float | None | str | Unset): A number, which the server sometimes sends as a numeric string ("0.75").
        new_load (float | None | str | Unset): A number, which the server sometimes sends as a numeric string ("0.75").
        cur_load_rolling_avg (float | None | str | Unset): A number, which the server sometimes sends as a numeric
            string ("0.75").
        cur_perf (float | None | str | Unset): A number, which the server sometimes sends as a numeric string ("0.75").
        perf (float | None | str | Unset): A number, which the server sometimes sends as a numeric string ("0.75").
        measured_perf (float | None | str | Unset): A number, which the server sometimes sends as a numeric string
            ("0.75").
        dlperf (float | None | str | Unset): A number, which the server sometimes sends as a numeric string ("0.75").
        reliability (float | None | str | Unset): A number, which the server sometimes sends as a numeric string
            ("0.75").
        disk_usage (float | None | str | Unset): A number, which the server sometimes sends as a numeric string
            ("0.75").
        loaded_at (float | None | str | Unset): A number, which the server sometimes sends as a numeric string ("0.75").
        started_at (float | None | str | Unset): A number, which the server sometimes sends as a numeric string
            ("0.75").
        reqs_working (float | None | str | Unset): A number, which the server sometimes sends as a numeric string
            ("0.75").
        deployment_version_id (int | None | str | Unset):
        loop_lag_max (float | None | str | Unset): A number, which the server sometimes sends as a numeric string
            ("0.75").
        warnings (list[Any] | None | str | Unset): Warnings about the worker (a list; a bare string has been seen).
    """

    __repr__ = model_repr

    id: int | str | Unset = UNSET
    status: None | str | Unset = UNSET
    cur_load: float | None | str | Unset = UNSET
    new_load: float | None | str | Unset = UNSET
    cur_load_rolling_avg: float | None | str | Unset = UNSET
    cur_perf: float | None | str | Unset = UNSET
    perf: float | None | str | Unset = UNSET
    measured_perf: float | None | str | Unset = UNSET
    dlperf: float | None | str | Unset = UNSET
    reliability: float | None | str | Unset = UNSET
    disk_usage: float | None | str | Unset = UNSET
    loaded_at: float | None | str | Unset = UNSET
    started_at: float | None | str | Unset = UNSET
    reqs_working: float | None | str | Unset = UNSET
    deployment_version_id: int | None | str | Unset = UNSET
    loop_lag_max: float | None | str | Unset = UNSET
    warnings: list[Any] | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: int | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        cur_load: float | None | str | Unset
        if isinstance(self.cur_load, Unset):
            cur_load = UNSET
        else:
            cur_load = self.cur_load

        new_load: float | None | str | Unset
        if isinstance(self.new_load, Unset):
            new_load = UNSET
        else:
            new_load = self.new_load

        cur_load_rolling_avg: float | None | str | Unset
        if isinstance(self.cur_load_rolling_avg, Unset):
            cur_load_rolling_avg = UNSET
        else:
            cur_load_rolling_avg = self.cur_load_rolling_avg

        cur_perf: float | None | str | Unset
        if isinstance(self.cur_perf, Unset):
            cur_perf = UNSET
        else:
            cur_perf = self.cur_perf

        perf: float | None | str | Unset
        if isinstance(self.perf, Unset):
            perf = UNSET
        else:
            perf = self.perf

        measured_perf: float | None | str | Unset
        if isinstance(self.measured_perf, Unset):
            measured_perf = UNSET
        else:
            measured_perf = self.measured_perf

        dlperf: float | None | str | Unset
        if isinstance(self.dlperf, Unset):
            dlperf = UNSET
        else:
            dlperf = self.dlperf

        reliability: float | None | str | Unset
        if isinstance(self.reliability, Unset):
            reliability = UNSET
        else:
            reliability = self.reliability

        disk_usage: float | None | str | Unset
        if isinstance(self.disk_usage, Unset):
            disk_usage = UNSET
        else:
            disk_usage = self.disk_usage

        loaded_at: float | None | str | Unset
        if isinstance(self.loaded_at, Unset):
            loaded_at = UNSET
        else:
            loaded_at = self.loaded_at

        started_at: float | None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        else:
            started_at = self.started_at

        reqs_working: float | None | str | Unset
        if isinstance(self.reqs_working, Unset):
            reqs_working = UNSET
        else:
            reqs_working = self.reqs_working

        deployment_version_id: int | None | str | Unset
        if isinstance(self.deployment_version_id, Unset):
            deployment_version_id = UNSET
        else:
            deployment_version_id = self.deployment_version_id

        loop_lag_max: float | None | str | Unset
        if isinstance(self.loop_lag_max, Unset):
            loop_lag_max = UNSET
        else:
            loop_lag_max = self.loop_lag_max

        warnings: list[Any] | None | str | Unset
        if isinstance(self.warnings, Unset):
            warnings = UNSET
        elif isinstance(self.warnings, list):
            warnings = self.warnings

        else:
            warnings = self.warnings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if status is not UNSET:
            field_dict["status"] = status
        if cur_load is not UNSET:
            field_dict["cur_load"] = cur_load
        if new_load is not UNSET:
            field_dict["new_load"] = new_load
        if cur_load_rolling_avg is not UNSET:
            field_dict["cur_load_rolling_avg"] = cur_load_rolling_avg
        if cur_perf is not UNSET:
            field_dict["cur_perf"] = cur_perf
        if perf is not UNSET:
            field_dict["perf"] = perf
        if measured_perf is not UNSET:
            field_dict["measured_perf"] = measured_perf
        if dlperf is not UNSET:
            field_dict["dlperf"] = dlperf
        if reliability is not UNSET:
            field_dict["reliability"] = reliability
        if disk_usage is not UNSET:
            field_dict["disk_usage"] = disk_usage
        if loaded_at is not UNSET:
            field_dict["loaded_at"] = loaded_at
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if reqs_working is not UNSET:
            field_dict["reqs_working"] = reqs_working
        if deployment_version_id is not UNSET:
            field_dict["deployment_version_id"] = deployment_version_id
        if loop_lag_max is not UNSET:
            field_dict["loop_lag_max"] = loop_lag_max
        if warnings is not UNSET:
            field_dict["warnings"] = warnings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        status = d.pop("status", UNSET)

        cur_load = d.pop("cur_load", UNSET)

        new_load = d.pop("new_load", UNSET)

        cur_load_rolling_avg = d.pop("cur_load_rolling_avg", UNSET)

        cur_perf = d.pop("cur_perf", UNSET)

        perf = d.pop("perf", UNSET)

        measured_perf = d.pop("measured_perf", UNSET)

        dlperf = d.pop("dlperf", UNSET)

        reliability = d.pop("reliability", UNSET)

        disk_usage = d.pop("disk_usage", UNSET)

        loaded_at = d.pop("loaded_at", UNSET)

        started_at = d.pop("started_at", UNSET)

        reqs_working = d.pop("reqs_working", UNSET)

        deployment_version_id = d.pop("deployment_version_id", UNSET)

        loop_lag_max = d.pop("loop_lag_max", UNSET)

        warnings = d.pop("warnings", UNSET)

        # Every field is set right here, so __init__ (a keyword call per object) is skipped: half the cost.
        # _self, not the module's name: a field may share it (Instance.instance).
        _self = object.__new__(cls)
        _self.id = id
        _self.status = status
        _self.cur_load = cur_load
        _self.new_load = new_load
        _self.cur_load_rolling_avg = cur_load_rolling_avg
        _self.cur_perf = cur_perf
        _self.perf = perf
        _self.measured_perf = measured_perf
        _self.dlperf = dlperf
        _self.reliability = reliability
        _self.disk_usage = disk_usage
        _self.loaded_at = loaded_at
        _self.started_at = started_at
        _self.reqs_working = reqs_working
        _self.deployment_version_id = deployment_version_id
        _self.loop_lag_max = loop_lag_max
        _self.warnings = warnings
        worker = _self

        worker.additional_properties = d
        return worker

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
