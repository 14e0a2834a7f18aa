# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import fit_object, model_repr

T = TypeVar("T", bound="InstanceSearchType0")


@_attrs_define(repr=False)
class InstanceSearchType0:
    """Pricing details."""

    __repr__ = model_repr

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if src_dict.__class__ is not dict:
            src_dict = fit_object(src_dict, "InstanceSearchType0")
        d = dict(src_dict)
        # Every field is set right here, so __init__ (a keyword call per object) is skipped: half the cost.
        # _self, not the module's name: a field may share it (Instance.instance).
        _self = object.__new__(cls)
        instance_search_type_0 = _self

        instance_search_type_0.additional_properties = d
        return instance_search_type_0

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
