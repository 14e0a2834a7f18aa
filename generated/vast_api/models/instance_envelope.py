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
    from ..models.instance import Instance


T = TypeVar("T", bound="InstanceEnvelope")


@_attrs_define(repr=False)
class InstanceEnvelope:
    """`instances` holds one instance, or null when there is no such instance or it is not yours.

    Attributes:
        instances (Instance | None):
    """

    __repr__ = model_repr

    instances: Instance | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.instance import Instance  # noqa: PLC0415

        instances: dict[str, Any] | None
        if isinstance(self.instances, Instance):
            instances = self.instances.to_dict()
        else:
            instances = self.instances

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "instances": instances,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.instance import Instance  # noqa: PLC0415

        if src_dict.__class__ is not dict:
            src_dict = fit_object(src_dict, "InstanceEnvelope")
        d = dict(src_dict)
        try:

            def _parse_instances(data: object) -> Instance | None:
                if data is None:
                    return data
                _problems: list[Exception] = []
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    instances_type_0 = Instance.from_dict(data)

                    return instances_type_0
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    _problems.append(error)
                raise next(
                    (p for p in _problems if isinstance(p, errors.UnexpectedValue)),
                    errors.UnexpectedValue("instances", "Instance | None", data),
                )

            instances = _parse_instances(d.pop("instances"))

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("InstanceEnvelope.instances", error.expected, error.value) from None

        # Every field is set right here, so __init__ (a keyword call per object) is skipped: half the cost.
        # _self, not the module's name: a field may share it (Instance.instance).
        _self = object.__new__(cls)
        _self.instances = instances
        instance_envelope = _self

        instance_envelope.additional_properties = d
        return instance_envelope

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
