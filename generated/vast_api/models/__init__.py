# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
"""Contains all the data models used in inputs/outputs"""

from .error import Error
from .instance import Instance
from .instance_envelope import InstanceEnvelope
from .instance_instance_type_0 import InstanceInstanceType0
from .instance_ports_type_0 import InstancePortsType0
from .instance_search_type_0 import InstanceSearchType0
from .port_binding import PortBinding
from .worker import Worker
from .worker_error import WorkerError
from .workers_envelope import WorkersEnvelope
from .workers_request import WorkersRequest

__all__ = (
    "Error",
    "Instance",
    "InstanceEnvelope",
    "InstanceInstanceType0",
    "InstancePortsType0",
    "InstanceSearchType0",
    "PortBinding",
    "Worker",
    "WorkerError",
    "WorkersEnvelope",
    "WorkersRequest",
)
