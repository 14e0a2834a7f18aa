# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import ANY, UNSET, Fit, ListOf, Unset, fit_object, model_repr

T = TypeVar("T", bound="Worker")

_FIT_ID_FAST, _FIT_ID = Fit("Worker.id", int, Unset, numbers="^[ \\t\\r\\n]*-?[0-9]+[ \\t\\r\\n]*$").checks()
_FIT_STATUS_FAST, _FIT_STATUS = Fit("Worker.status", str, None, Unset).checks()
_FIT_CUR_LOAD_FAST, _FIT_CUR_LOAD = Fit(
    "Worker.cur_load",
    float,
    None,
    Unset,
    numbers="^[ \\t\\r\\n]*-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?[ \\t\\r\\n]*$",
).checks()
_FIT_NEW_LOAD_FAST, _FIT_NEW_LOAD = Fit(
    "Worker.new_load",
    float,
    None,
    Unset,
    numbers="^[ \\t\\r\\n]*-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?[ \\t\\r\\n]*$",
).checks()
_FIT_CUR_LOAD_ROLLING_AVG_FAST, _FIT_CUR_LOAD_ROLLING_AVG = Fit(
    "Worker.cur_load_rolling_avg",
    float,
    None,
    Unset,
    numbers="^[ \\t\\r\\n]*-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?[ \\t\\r\\n]*$",
).checks()
_FIT_CUR_PERF_FAST, _FIT_CUR_PERF = Fit(
    "Worker.cur_perf",
    float,
    None,
    Unset,
    numbers="^[ \\t\\r\\n]*-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?[ \\t\\r\\n]*$",
).checks()
_FIT_PERF_FAST, _FIT_PERF = Fit(
    "Worker.perf",
    float,
    None,
    Unset,
    numbers="^[ \\t\\r\\n]*-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?[ \\t\\r\\n]*$",
).checks()
_FIT_MEASURED_PERF_FAST, _FIT_MEASURED_PERF = Fit(
    "Worker.measured_perf",
    float,
    None,
    Unset,
    numbers="^[ \\t\\r\\n]*-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?[ \\t\\r\\n]*$",
).checks()
_FIT_DLPERF_FAST, _FIT_DLPERF = Fit(
    "Worker.dlperf",
    float,
    None,
    Unset,
    numbers="^[ \\t\\r\\n]*-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?[ \\t\\r\\n]*$",
).checks()
_FIT_RELIABILITY_FAST, _FIT_RELIABILITY = Fit(
    "Worker.reliability",
    float,
    None,
    Unset,
    numbers="^[ \\t\\r\\n]*-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?[ \\t\\r\\n]*$",
).checks()
_FIT_DISK_USAGE_FAST, _FIT_DISK_USAGE = Fit(
    "Worker.disk_usage",
    float,
    None,
    Unset,
    numbers="^[ \\t\\r\\n]*-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?[ \\t\\r\\n]*$",
).checks()
_FIT_LOADED_AT_FAST, _FIT_LOADED_AT = Fit(
    "Worker.loaded_at",
    float,
    None,
    Unset,
    numbers="^[ \\t\\r\\n]*-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?[ \\t\\r\\n]*$",
).checks()
_FIT_STARTED_AT_FAST, _FIT_STARTED_AT = Fit(
    "Worker.started_at",
    float,
    None,
    Unset,
    numbers="^[ \\t\\r\\n]*-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?[ \\t\\r\\n]*$",
).checks()
_FIT_REQS_WORKING_FAST, _FIT_REQS_WORKING = Fit(
    "Worker.reqs_working", int, None, Unset, numbers="^[ \\t\\r\\n]*-?[0-9]+[ \\t\\r\\n]*$"
).checks()
_FIT_DEPLOYMENT_VERSION_ID_FAST, _FIT_DEPLOYMENT_VERSION_ID = Fit(
    "Worker.deployment_version_id", int, None, Unset, numbers="^[ \\t\\r\\n]*-?[0-9]+[ \\t\\r\\n]*$"
).checks()
_FIT_LOOP_LAG_MAX_FAST, _FIT_LOOP_LAG_MAX = Fit(
    "Worker.loop_lag_max",
    float,
    None,
    Unset,
    numbers="^[ \\t\\r\\n]*-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?[ \\t\\r\\n]*$",
).checks()
_FIT_WARNINGS_FAST, _FIT_WARNINGS = Fit("Worker.warnings", ListOf(ANY), str, None, Unset).checks()


@_attrs_define(repr=False)
class Worker:
    """One GPU instance of an endpoint or worker group. Any field can be missing; unknown fields are kept.

    Attributes:
        id (int | Unset): The worker's instance id.
        status (None | str | Unset): Worker status; casing varies (idle, RUNNING, READY, loading, error...) and new
            values appear without notice.
        cur_load (float | None | Unset): Current load per second
        new_load (float | None | Unset): A number, which the server sometimes sends as a numeric string ("0.75").
        cur_load_rolling_avg (float | None | Unset): Rolling average of cur_load.
        cur_perf (float | None | Unset): Most recent performance
        perf (float | None | Unset): measured_perf * reliability.
        measured_perf (float | None | Unset): Benchmarked performance; equals dlperf until benchmarked.
        dlperf (float | None | Unset): Measured DLPerf.
        reliability (float | None | Unset): Uptime
        disk_usage (float | None | Unset): Storage used
        loaded_at (float | None | Unset): Unix time the worker finished loading.
        started_at (float | None | Unset): Unix time the worker started.
        reqs_working (int | None | Unset): Requests being processed now, a whole number (possibly sent as a numeric
            string).
        deployment_version_id (int | None | Unset):
        loop_lag_max (float | None | Unset): A number, which the server sometimes sends as a numeric string ("0.75").
        warnings (list[Any] | None | str | Unset): Warnings about the worker (a list; a bare string has been seen).
    """

    __repr__ = model_repr

    id: int | Unset = UNSET
    status: None | str | Unset = UNSET
    cur_load: float | None | Unset = UNSET
    new_load: float | None | Unset = UNSET
    cur_load_rolling_avg: float | None | Unset = UNSET
    cur_perf: float | None | Unset = UNSET
    perf: float | None | Unset = UNSET
    measured_perf: float | None | Unset = UNSET
    dlperf: float | None | Unset = UNSET
    reliability: float | None | Unset = UNSET
    disk_usage: float | None | Unset = UNSET
    loaded_at: float | None | Unset = UNSET
    started_at: float | None | Unset = UNSET
    reqs_working: int | None | Unset = UNSET
    deployment_version_id: int | None | Unset = UNSET
    loop_lag_max: float | None | Unset = UNSET
    warnings: list[Any] | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        cur_load: float | None | Unset
        if isinstance(self.cur_load, Unset):
            cur_load = UNSET
        else:
            cur_load = self.cur_load

        new_load: float | None | Unset
        if isinstance(self.new_load, Unset):
            new_load = UNSET
        else:
            new_load = self.new_load

        cur_load_rolling_avg: float | None | Unset
        if isinstance(self.cur_load_rolling_avg, Unset):
            cur_load_rolling_avg = UNSET
        else:
            cur_load_rolling_avg = self.cur_load_rolling_avg

        cur_perf: float | None | Unset
        if isinstance(self.cur_perf, Unset):
            cur_perf = UNSET
        else:
            cur_perf = self.cur_perf

        perf: float | None | Unset
        if isinstance(self.perf, Unset):
            perf = UNSET
        else:
            perf = self.perf

        measured_perf: float | None | Unset
        if isinstance(self.measured_perf, Unset):
            measured_perf = UNSET
        else:
            measured_perf = self.measured_perf

        dlperf: float | None | Unset
        if isinstance(self.dlperf, Unset):
            dlperf = UNSET
        else:
            dlperf = self.dlperf

        reliability: float | None | Unset
        if isinstance(self.reliability, Unset):
            reliability = UNSET
        else:
            reliability = self.reliability

        disk_usage: float | None | Unset
        if isinstance(self.disk_usage, Unset):
            disk_usage = UNSET
        else:
            disk_usage = self.disk_usage

        loaded_at: float | None | Unset
        if isinstance(self.loaded_at, Unset):
            loaded_at = UNSET
        else:
            loaded_at = self.loaded_at

        started_at: float | None | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        else:
            started_at = self.started_at

        reqs_working: int | None | Unset
        if isinstance(self.reqs_working, Unset):
            reqs_working = UNSET
        else:
            reqs_working = self.reqs_working

        deployment_version_id: int | None | Unset
        if isinstance(self.deployment_version_id, Unset):
            deployment_version_id = UNSET
        else:
            deployment_version_id = self.deployment_version_id

        loop_lag_max: float | None | Unset
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
        if src_dict.__class__ is not dict:
            src_dict = fit_object(src_dict, "Worker")
        d = dict(src_dict)
        id = d.pop("id", UNSET)
        if id.__class__ not in _FIT_ID_FAST:
            id = _FIT_ID(id)

        try:
            status = d.pop("status", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Worker.status", error.expected, error.value) from None
        if status.__class__ not in _FIT_STATUS_FAST:
            status = _FIT_STATUS(status)

        try:
            cur_load = d.pop("cur_load", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Worker.cur_load", error.expected, error.value) from None
        if cur_load.__class__ not in _FIT_CUR_LOAD_FAST:
            cur_load = _FIT_CUR_LOAD(cur_load)

        try:
            new_load = d.pop("new_load", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Worker.new_load", error.expected, error.value) from None
        if new_load.__class__ not in _FIT_NEW_LOAD_FAST:
            new_load = _FIT_NEW_LOAD(new_load)

        try:
            cur_load_rolling_avg = d.pop("cur_load_rolling_avg", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Worker.cur_load_rolling_avg", error.expected, error.value) from None
        if cur_load_rolling_avg.__class__ not in _FIT_CUR_LOAD_ROLLING_AVG_FAST:
            cur_load_rolling_avg = _FIT_CUR_LOAD_ROLLING_AVG(cur_load_rolling_avg)

        try:
            cur_perf = d.pop("cur_perf", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Worker.cur_perf", error.expected, error.value) from None
        if cur_perf.__class__ not in _FIT_CUR_PERF_FAST:
            cur_perf = _FIT_CUR_PERF(cur_perf)

        try:
            perf = d.pop("perf", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Worker.perf", error.expected, error.value) from None
        if perf.__class__ not in _FIT_PERF_FAST:
            perf = _FIT_PERF(perf)

        try:
            measured_perf = d.pop("measured_perf", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Worker.measured_perf", error.expected, error.value) from None
        if measured_perf.__class__ not in _FIT_MEASURED_PERF_FAST:
            measured_perf = _FIT_MEASURED_PERF(measured_perf)

        try:
            dlperf = d.pop("dlperf", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Worker.dlperf", error.expected, error.value) from None
        if dlperf.__class__ not in _FIT_DLPERF_FAST:
            dlperf = _FIT_DLPERF(dlperf)

        try:
            reliability = d.pop("reliability", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Worker.reliability", error.expected, error.value) from None
        if reliability.__class__ not in _FIT_RELIABILITY_FAST:
            reliability = _FIT_RELIABILITY(reliability)

        try:
            disk_usage = d.pop("disk_usage", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Worker.disk_usage", error.expected, error.value) from None
        if disk_usage.__class__ not in _FIT_DISK_USAGE_FAST:
            disk_usage = _FIT_DISK_USAGE(disk_usage)

        try:
            loaded_at = d.pop("loaded_at", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Worker.loaded_at", error.expected, error.value) from None
        if loaded_at.__class__ not in _FIT_LOADED_AT_FAST:
            loaded_at = _FIT_LOADED_AT(loaded_at)

        try:
            started_at = d.pop("started_at", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Worker.started_at", error.expected, error.value) from None
        if started_at.__class__ not in _FIT_STARTED_AT_FAST:
            started_at = _FIT_STARTED_AT(started_at)

        try:
            reqs_working = d.pop("reqs_working", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Worker.reqs_working", error.expected, error.value) from None
        if reqs_working.__class__ not in _FIT_REQS_WORKING_FAST:
            reqs_working = _FIT_REQS_WORKING(reqs_working)

        try:
            deployment_version_id = d.pop("deployment_version_id", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Worker.deployment_version_id", error.expected, error.value) from None
        if deployment_version_id.__class__ not in _FIT_DEPLOYMENT_VERSION_ID_FAST:
            deployment_version_id = _FIT_DEPLOYMENT_VERSION_ID(deployment_version_id)

        try:
            loop_lag_max = d.pop("loop_lag_max", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Worker.loop_lag_max", error.expected, error.value) from None
        if loop_lag_max.__class__ not in _FIT_LOOP_LAG_MAX_FAST:
            loop_lag_max = _FIT_LOOP_LAG_MAX(loop_lag_max)

        try:
            warnings = d.pop("warnings", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Worker.warnings", error.expected, error.value) from None
        if warnings.__class__ not in _FIT_WARNINGS_FAST:
            warnings = _FIT_WARNINGS(warnings)

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
