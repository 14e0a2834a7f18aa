# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import fit_object, model_repr

if TYPE_CHECKING:
    from ..models.port_binding import PortBinding


T = TypeVar("T", bound="InstancePortsType0")


@_attrs_define(repr=False)
class InstancePortsType0:
    __repr__ = model_repr

    additional_properties: dict[str, list[PortBinding] | None] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, list):
                field_dict[prop_name] = []
                for additional_property_type_0_item_data in prop:
                    additional_property_type_0_item = additional_property_type_0_item_data.to_dict()
                    field_dict[prop_name].append(additional_property_type_0_item)

            else:
                field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.port_binding import PortBinding  # noqa: PLC0415

        if src_dict.__class__ is not dict:
            src_dict = fit_object(src_dict, "InstancePortsType0")
        d = dict(src_dict)
        # Every field is set right here, so __init__ (a keyword call per object) is skipped: half the cost.
        # _self, not the module's name: a field may share it (Instance.instance).
        _self = object.__new__(cls)
        instance_ports_type_0 = _self

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            try:

                def _parse_additional_property(data: object) -> list[PortBinding] | None:
                    if data is None:
                        return data
                    _problems: list[Exception] = []
                    try:
                        if not isinstance(data, list):
                            raise TypeError()
                        additional_property_type_0 = []
                        _additional_property_type_0 = data
                        for additional_property_type_0_item_data in _additional_property_type_0:
                            additional_property_type_0_item = PortBinding.from_dict(
                                additional_property_type_0_item_data
                            )

                            additional_property_type_0.append(additional_property_type_0_item)

                        return additional_property_type_0
                    except (TypeError, ValueError, AttributeError, KeyError) as error:
                        _problems.append(error)
                    raise next(
                        (p for p in _problems if isinstance(p, errors.UnexpectedValue)),
                        errors.UnexpectedValue("AdditionalProperty", "list[PortBinding] | None", data),
                    )

                additional_property = _parse_additional_property(prop_dict)

            except errors.UnexpectedValue as error:
                if "." in error.where or "[" in error.where:  # A field further in names itself.
                    raise
                # The value itself: name its key, not the generator's word for it.
                raise errors.UnexpectedValue(
                    f"InstancePortsType0[{prop_name!r}]", error.expected, error.value
                ) from None
            additional_properties[prop_name] = additional_property

        instance_ports_type_0.additional_properties = additional_properties
        return instance_ports_type_0

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> list[PortBinding] | None:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: list[PortBinding] | None) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
