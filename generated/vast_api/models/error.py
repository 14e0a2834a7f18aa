# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Fit, Unset, fit_object, model_repr

T = TypeVar("T", bound="Error")

_FIT_SUCCESS_FAST, _FIT_SUCCESS = Fit("Error.success", bool, Unset).checks()
_FIT_ERROR_FAST, _FIT_ERROR = Fit("Error.error", str, Unset).checks()
_FIT_MSG_FAST, _FIT_MSG = Fit("Error.msg", str, Unset).checks()
_FIT_MESSAGE_FAST, _FIT_MESSAGE = Fit("Error.message", str, Unset).checks()
_FIT_DETAIL_FAST, _FIT_DETAIL = Fit("Error.detail", str, Unset).checks()


@_attrs_define(repr=False)
class Error:
    """An error body. Vast uses `msg`, `error`, `message` or `detail`; all are optional.

    Attributes:
        success (bool | Unset): Always false on errors.
        error (str | Unset): A short error code such as `auth_error` or `invalid_args`.
        msg (str | Unset): A human-readable message.
        message (str | Unset): A human-readable message (older routes).
        detail (str | Unset): A human-readable message (rate limits).
    """

    __repr__ = model_repr

    success: bool | Unset = UNSET
    error: str | Unset = UNSET
    msg: str | Unset = UNSET
    message: str | Unset = UNSET
    detail: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        error = self.error

        msg = self.msg

        message = self.message

        detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if success is not UNSET:
            field_dict["success"] = success
        if error is not UNSET:
            field_dict["error"] = error
        if msg is not UNSET:
            field_dict["msg"] = msg
        if message is not UNSET:
            field_dict["message"] = message
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if src_dict.__class__ is not dict:
            src_dict = fit_object(src_dict, "Error")
        d = dict(src_dict)
        success = d.pop("success", UNSET)
        if success.__class__ not in _FIT_SUCCESS_FAST:
            success = _FIT_SUCCESS(success)

        error = d.pop("error", UNSET)
        if error.__class__ not in _FIT_ERROR_FAST:
            error = _FIT_ERROR(error)

        msg = d.pop("msg", UNSET)
        if msg.__class__ not in _FIT_MSG_FAST:
            msg = _FIT_MSG(msg)

        message = d.pop("message", UNSET)
        if message.__class__ not in _FIT_MESSAGE_FAST:
            message = _FIT_MESSAGE(message)

        detail = d.pop("detail", UNSET)
        if detail.__class__ not in _FIT_DETAIL_FAST:
            detail = _FIT_DETAIL(detail)

        # Every field is set right here, so __init__ (a keyword call per object) is skipped: half the cost.
        # _self, not the module's name: a field may share it (Instance.instance).
        _self = object.__new__(cls)
        _self.success = success
        _self.error = error
        _self.msg = msg
        _self.message = message
        _self.detail = detail
        error = _self

        error.additional_properties = d
        return error

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
