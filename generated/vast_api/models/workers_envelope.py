# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import fit_list, fit_object, model_repr

if TYPE_CHECKING:
    from ..models.worker import Worker


T = TypeVar("T", bound="WorkersEnvelope")


@_attrs_define(repr=False)
class WorkersEnvelope:
    """
    Attributes:
        workers (list[Worker]):
    """

    __repr__ = model_repr

    workers: list[Worker]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workers = []
        for componentsschemas_worker_list_item_data in self.workers:
            componentsschemas_worker_list_item = componentsschemas_worker_list_item_data.to_dict()
            workers.append(componentsschemas_worker_list_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workers": workers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.worker import Worker  # noqa: PLC0415

        if src_dict.__class__ is not dict:
            src_dict = fit_object(src_dict, "WorkersEnvelope")
        d = dict(src_dict)
        workers = []
        _workers = fit_list(d.pop("workers"), "WorkersEnvelope.workers", False)
        for componentsschemas_worker_list_item_data in _workers:
            componentsschemas_worker_list_item = Worker.from_dict(componentsschemas_worker_list_item_data)

            workers.append(componentsschemas_worker_list_item)

        # Every field is set right here, so __init__ (a keyword call per object) is skipped: half the cost.
        # _self, not the module's name: a field may share it (Instance.instance).
        _self = object.__new__(cls)
        _self.workers = workers
        workers_envelope = _self

        workers_envelope.additional_properties = d
        return workers_envelope

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
