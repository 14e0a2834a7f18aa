# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Fit, Unset, fit_object, model_repr

T = TypeVar("T", bound="PortBinding")

_FIT_HOST_IP_FAST, _FIT_HOST_IP = Fit("PortBinding.HostIp", str, Unset).checks()
_FIT_HOST_PORT_FAST, _FIT_HOST_PORT = Fit("PortBinding.HostPort", str, Unset).checks()


@_attrs_define(repr=False)
class PortBinding:
    """
    Attributes:
        host_ip (str | Unset):
        host_port (str | Unset): The host port
    """

    __repr__ = model_repr

    host_ip: str | Unset = UNSET
    host_port: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        host_ip = self.host_ip

        host_port = self.host_port

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if host_ip is not UNSET:
            field_dict["HostIp"] = host_ip
        if host_port is not UNSET:
            field_dict["HostPort"] = host_port

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if src_dict.__class__ is not dict:
            src_dict = fit_object(src_dict, "PortBinding")
        d = dict(src_dict)
        host_ip = d.pop("HostIp", UNSET)
        if host_ip.__class__ not in _FIT_HOST_IP_FAST:
            host_ip = _FIT_HOST_IP(host_ip)

        host_port = d.pop("HostPort", UNSET)
        if host_port.__class__ not in _FIT_HOST_PORT_FAST:
            host_port = _FIT_HOST_PORT(host_port)

        # Every field is set right here, so __init__ (a keyword call per object) is skipped: half the cost.
        # _self, not the module's name: a field may share it (Instance.instance).
        _self = object.__new__(cls)
        _self.host_ip = host_ip
        _self.host_port = host_port
        port_binding = _self

        port_binding.additional_properties = d
        return port_binding

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
