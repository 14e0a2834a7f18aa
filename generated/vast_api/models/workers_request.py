# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Fit, Unset, fit_object, model_repr

T = TypeVar("T", bound="WorkersRequest")

_FIT_ID_FAST, _FIT_ID = Fit("WorkersRequest.id", int).checks()
_FIT_API_KEY_FAST, _FIT_API_KEY = Fit("WorkersRequest.api_key", str, Unset).checks()


@_attrs_define(repr=False)
class WorkersRequest:
    """
    Attributes:
        id (int): A positive id. The upper bound is 2^53-1, the largest integer JSON clients share safely.
        api_key (str | Unset): The API key, as an alternative to the Authorization header.
    """

    __repr__ = model_repr

    id: int
    api_key: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        api_key = self.api_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if api_key is not UNSET:
            field_dict["api_key"] = api_key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if src_dict.__class__ is not dict:
            src_dict = fit_object(src_dict, "WorkersRequest")
        d = dict(src_dict)
        id = d.pop("id")
        if id.__class__ not in _FIT_ID_FAST:
            id = _FIT_ID(id)

        api_key = d.pop("api_key", UNSET)
        if api_key.__class__ not in _FIT_API_KEY_FAST:
            api_key = _FIT_API_KEY(api_key)

        # Every field is set right here, so __init__ (a keyword call per object) is skipped: half the cost.
        # _self, not the module's name: a field may share it (Instance.instance).
        _self = object.__new__(cls)
        _self.id = id
        _self.api_key = api_key
        workers_request = _self

        workers_request.additional_properties = d
        return workers_request

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
