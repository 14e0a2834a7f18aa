# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import BUILT, UNSET, Fit, ListOf, Unset, fit_object, model_repr

if TYPE_CHECKING:
    from ..models.instance_instance_type_0 import InstanceInstanceType0
    from ..models.instance_ports_type_0 import InstancePortsType0
    from ..models.instance_search_type_0 import InstanceSearchType0


T = TypeVar("T", bound="Instance")

_FIT_ID_FAST, _FIT_ID = Fit("Instance.id", int, Unset).checks()
_FIT_ACTUAL_STATUS_FAST, _FIT_ACTUAL_STATUS = Fit("Instance.actual_status", str, None, Unset).checks()
_FIT_INTENDED_STATUS_FAST, _FIT_INTENDED_STATUS = Fit("Instance.intended_status", str, None, Unset).checks()
_FIT_CUR_STATE_FAST, _FIT_CUR_STATE = Fit("Instance.cur_state", str, None, Unset).checks()
_FIT_NEXT_STATE_FAST, _FIT_NEXT_STATE = Fit("Instance.next_state", str, None, Unset).checks()
_FIT_LABEL_FAST, _FIT_LABEL = Fit("Instance.label", str, None, Unset).checks()
_FIT_TEMPLATE_ID_FAST, _FIT_TEMPLATE_ID = Fit("Instance.template_id", int, None, Unset).checks()
_FIT_TEMPLATE_HASH_ID_FAST, _FIT_TEMPLATE_HASH_ID = Fit("Instance.template_hash_id", str, None, Unset).checks()
_FIT_TEMPLATE_NAME_FAST, _FIT_TEMPLATE_NAME = Fit("Instance.template_name", str, None, Unset).checks()
_FIT_IMAGE_UUID_FAST, _FIT_IMAGE_UUID = Fit("Instance.image_uuid", str, None, Unset).checks()
_FIT_IMAGE_ARGS_FAST, _FIT_IMAGE_ARGS = Fit("Instance.image_args", ListOf(str), str, None, Unset).checks()
_FIT_IMAGE_RUNTYPE_FAST, _FIT_IMAGE_RUNTYPE = Fit("Instance.image_runtype", str, None, Unset).checks()
_FIT_EXTRA_ENV_FAST, _FIT_EXTRA_ENV = Fit("Instance.extra_env", ListOf(ListOf(str), str), None, Unset).checks()
_FIT_ONSTART_FAST, _FIT_ONSTART = Fit("Instance.onstart", str, None, Unset).checks()
_FIT_JUPYTER_TOKEN_FAST, _FIT_JUPYTER_TOKEN = Fit("Instance.jupyter_token", str, None, Unset).checks()
_FIT_STATUS_MSG_FAST, _FIT_STATUS_MSG = Fit("Instance.status_msg", str, None, Unset).checks()
_FIT_LOCAL_IPADDRS_FAST, _FIT_LOCAL_IPADDRS = Fit("Instance.local_ipaddrs", str, ListOf(str), None, Unset).checks()
_FIT_SSH_HOST_FAST, _FIT_SSH_HOST = Fit("Instance.ssh_host", str, None, Unset).checks()
_FIT_SSH_IDX_FAST, _FIT_SSH_IDX = Fit("Instance.ssh_idx", str, None, Unset).checks()
_FIT_SSH_PORT_FAST, _FIT_SSH_PORT = Fit("Instance.ssh_port", int, None, Unset).checks()
_FIT_MACHINE_DIR_SSH_PORT_FAST, _FIT_MACHINE_DIR_SSH_PORT = Fit(
    "Instance.machine_dir_ssh_port", int, None, Unset
).checks()
_FIT_MACHINE_ID_FAST, _FIT_MACHINE_ID = Fit("Instance.machine_id", int, None, Unset).checks()
_FIT_BUNDLE_ID_FAST, _FIT_BUNDLE_ID = Fit("Instance.bundle_id", int, None, Unset).checks()
_FIT_START_DATE_FAST, _FIT_START_DATE = Fit("Instance.start_date", float, None, Unset).checks()
_FIT_END_DATE_FAST, _FIT_END_DATE = Fit("Instance.end_date", float, None, Unset).checks()
_FIT_UPTIME_MINS_FAST, _FIT_UPTIME_MINS = Fit("Instance.uptime_mins", float, None, Unset).checks()
_FIT_DURATION_FAST, _FIT_DURATION = Fit("Instance.duration", float, None, Unset).checks()
_FIT_CPU_ARCH_FAST, _FIT_CPU_ARCH = Fit("Instance.cpu_arch", str, None, Unset).checks()
_FIT_CPU_CORES_FAST, _FIT_CPU_CORES = Fit("Instance.cpu_cores", int, None, Unset).checks()
_FIT_CPU_CORES_EFFECTIVE_FAST, _FIT_CPU_CORES_EFFECTIVE = Fit(
    "Instance.cpu_cores_effective", float, None, Unset
).checks()
_FIT_CPU_NAME_FAST, _FIT_CPU_NAME = Fit("Instance.cpu_name", str, None, Unset).checks()
_FIT_CPU_RAM_FAST, _FIT_CPU_RAM = Fit("Instance.cpu_ram", int, None, Unset).checks()
_FIT_CPU_UTIL_FAST, _FIT_CPU_UTIL = Fit("Instance.cpu_util", float, None, Unset).checks()
_FIT_MEM_LIMIT_FAST, _FIT_MEM_LIMIT = Fit("Instance.mem_limit", float, None, Unset).checks()
_FIT_MEM_USAGE_FAST, _FIT_MEM_USAGE = Fit("Instance.mem_usage", float, None, Unset).checks()
_FIT_VMEM_USAGE_FAST, _FIT_VMEM_USAGE = Fit("Instance.vmem_usage", float, None, Unset).checks()
_FIT_GPU_NAME_FAST, _FIT_GPU_NAME = Fit("Instance.gpu_name", str, None, Unset).checks()
_FIT_GPU_ARCH_FAST, _FIT_GPU_ARCH = Fit("Instance.gpu_arch", str, None, Unset).checks()
_FIT_GPU_TOTALRAM_FAST, _FIT_GPU_TOTALRAM = Fit("Instance.gpu_totalram", int, None, Unset).checks()
_FIT_GPU_RAM_FAST, _FIT_GPU_RAM = Fit("Instance.gpu_ram", int, None, Unset).checks()
_FIT_GPU_UTIL_FAST, _FIT_GPU_UTIL = Fit("Instance.gpu_util", float, None, Unset).checks()
_FIT_GPU_TEMP_FAST, _FIT_GPU_TEMP = Fit("Instance.gpu_temp", float, None, Unset).checks()
_FIT_GPU_FRAC_FAST, _FIT_GPU_FRAC = Fit("Instance.gpu_frac", float, None, Unset).checks()
_FIT_GPU_LANES_FAST, _FIT_GPU_LANES = Fit("Instance.gpu_lanes", int, None, Unset).checks()
_FIT_GPU_MEM_BW_FAST, _FIT_GPU_MEM_BW = Fit("Instance.gpu_mem_bw", float, None, Unset).checks()
_FIT_BW_NVLINK_FAST, _FIT_BW_NVLINK = Fit("Instance.bw_nvlink", float, None, Unset).checks()
_FIT_CUDA_MAX_GOOD_FAST, _FIT_CUDA_MAX_GOOD = Fit("Instance.cuda_max_good", float, None, Unset).checks()
_FIT_DRIVER_VERSION_FAST, _FIT_DRIVER_VERSION = Fit("Instance.driver_version", str, None, Unset).checks()
_FIT_DISK_NAME_FAST, _FIT_DISK_NAME = Fit("Instance.disk_name", str, None, Unset).checks()
_FIT_DISK_SPACE_FAST, _FIT_DISK_SPACE = Fit("Instance.disk_space", float, None, Unset).checks()
_FIT_DISK_BW_FAST, _FIT_DISK_BW = Fit("Instance.disk_bw", float, None, Unset).checks()
_FIT_DISK_UTIL_FAST, _FIT_DISK_UTIL = Fit("Instance.disk_util", float, None, Unset).checks()
_FIT_DISK_USAGE_FAST, _FIT_DISK_USAGE = Fit("Instance.disk_usage", float, None, Unset).checks()
_FIT_DIRECT_PORT_COUNT_FAST, _FIT_DIRECT_PORT_COUNT = Fit("Instance.direct_port_count", int, None, Unset).checks()
_FIT_DIRECT_PORT_START_FAST, _FIT_DIRECT_PORT_START = Fit("Instance.direct_port_start", int, None, Unset).checks()
_FIT_DIRECT_PORT_END_FAST, _FIT_DIRECT_PORT_END = Fit("Instance.direct_port_end", int, None, Unset).checks()
_FIT_PORTS_FAST, _FIT_PORTS = Fit("Instance.ports", BUILT, ListOf(int), None, Unset).checks()
_FIT_STATIC_IP_FAST, _FIT_STATIC_IP = Fit("Instance.static_ip", bool, None, Unset).checks()
_FIT_PUBLIC_IPADDR_FAST, _FIT_PUBLIC_IPADDR = Fit("Instance.public_ipaddr", str, None, Unset).checks()
_FIT_GEOLOCATION_FAST, _FIT_GEOLOCATION = Fit("Instance.geolocation", str, None, Unset).checks()
_FIT_VERIFICATION_FAST, _FIT_VERIFICATION = Fit("Instance.verification", str, None, Unset).checks()
_FIT_RENTABLE_FAST, _FIT_RENTABLE = Fit("Instance.rentable", bool, None, Unset).checks()
_FIT_HOST_ID_FAST, _FIT_HOST_ID = Fit("Instance.host_id", int, None, Unset).checks()
_FIT_HOSTING_TYPE_FAST, _FIT_HOSTING_TYPE = Fit("Instance.hosting_type", int, None, Unset).checks()
_FIT_MIN_BID_FAST, _FIT_MIN_BID = Fit("Instance.min_bid", float, None, Unset).checks()
_FIT_IS_BID_FAST, _FIT_IS_BID = Fit("Instance.is_bid", bool, None, Unset).checks()
_FIT_DPH_BASE_FAST, _FIT_DPH_BASE = Fit("Instance.dph_base", float, None, Unset).checks()
_FIT_DPH_TOTAL_FAST, _FIT_DPH_TOTAL = Fit("Instance.dph_total", float, None, Unset).checks()
_FIT_DLPERF_FAST, _FIT_DLPERF = Fit("Instance.dlperf", float, None, Unset).checks()
_FIT_DLPERF_PER_DPHTOTAL_FAST, _FIT_DLPERF_PER_DPHTOTAL = Fit(
    "Instance.dlperf_per_dphtotal", float, None, Unset
).checks()
_FIT_FLOPS_PER_DPHTOTAL_FAST, _FIT_FLOPS_PER_DPHTOTAL = Fit("Instance.flops_per_dphtotal", float, None, Unset).checks()
_FIT_TOTAL_FLOPS_FAST, _FIT_TOTAL_FLOPS = Fit("Instance.total_flops", float, None, Unset).checks()
_FIT_SCORE_FAST, _FIT_SCORE = Fit("Instance.score", float, None, Unset).checks()
_FIT_RELIABILITY2_FAST, _FIT_RELIABILITY2 = Fit("Instance.reliability2", float, None, Unset).checks()
_FIT_OS_VERSION_FAST, _FIT_OS_VERSION = Fit("Instance.os_version", str, float, None, Unset).checks()
_FIT_MOBO_NAME_FAST, _FIT_MOBO_NAME = Fit("Instance.mobo_name", str, None, Unset).checks()
_FIT_PCI_GEN_FAST, _FIT_PCI_GEN = Fit("Instance.pci_gen", float, None, Unset).checks()
_FIT_PCIE_BW_FAST, _FIT_PCIE_BW = Fit("Instance.pcie_bw", float, None, Unset).checks()
_FIT_NUM_GPUS_FAST, _FIT_NUM_GPUS = Fit("Instance.num_gpus", int, None, Unset).checks()
_FIT_LOGO_FAST, _FIT_LOGO = Fit("Instance.logo", str, None, Unset).checks()
_FIT_WEBPAGE_FAST, _FIT_WEBPAGE = Fit("Instance.webpage", str, None, Unset).checks()
_FIT_STORAGE_COST_FAST, _FIT_STORAGE_COST = Fit("Instance.storage_cost", float, None, Unset).checks()
_FIT_STORAGE_TOTAL_COST_FAST, _FIT_STORAGE_TOTAL_COST = Fit("Instance.storage_total_cost", float, None, Unset).checks()
_FIT_VRAM_COSTPERHOUR_FAST, _FIT_VRAM_COSTPERHOUR = Fit("Instance.vram_costperhour", float, None, Unset).checks()
_FIT_CREDIT_BALANCE_FAST, _FIT_CREDIT_BALANCE = Fit("Instance.credit_balance", float, None, Unset).checks()
_FIT_CREDIT_DISCOUNT_FAST, _FIT_CREDIT_DISCOUNT = Fit("Instance.credit_discount", float, None, Unset).checks()
_FIT_CREDIT_DISCOUNT_MAX_FAST, _FIT_CREDIT_DISCOUNT_MAX = Fit(
    "Instance.credit_discount_max", float, None, Unset
).checks()
_FIT_CLIENT_RUN_TIME_FAST, _FIT_CLIENT_RUN_TIME = Fit("Instance.client_run_time", float, None, Unset).checks()
_FIT_HOST_RUN_TIME_FAST, _FIT_HOST_RUN_TIME = Fit("Instance.host_run_time", float, None, Unset).checks()
_FIT_EXTERNAL_FAST, _FIT_EXTERNAL = Fit("Instance.external", bool, None, Unset).checks()
_FIT_TIME_REMAINING_FAST, _FIT_TIME_REMAINING = Fit("Instance.time_remaining", str, None, Unset).checks()
_FIT_TIME_REMAINING_ISBID_FAST, _FIT_TIME_REMAINING_ISBID = Fit(
    "Instance.time_remaining_isbid", str, None, Unset
).checks()
_FIT_INET_UP_FAST, _FIT_INET_UP = Fit("Instance.inet_up", float, None, Unset).checks()
_FIT_INET_DOWN_FAST, _FIT_INET_DOWN = Fit("Instance.inet_down", float, None, Unset).checks()


@_attrs_define(repr=False)
class Instance:
    """One rented instance. Vast documents 92 properties and requires none; this lists
    them all plus the ones seen in practice. Unknown fields are kept.

        Attributes:
            id (int | Unset): Instance id.
            actual_status (None | str | Unset): What the instance is doing: created, loading, running, stopped, frozen,
                exited, rebooting, unknown, offline, scheduling; null or empty while provisioning. New values appear without
                notice.
            intended_status (None | str | Unset): What the owner asked for: running, stopped, or crashed.
            cur_state (None | str | Unset): Current state of the contract; can disagree with actual_status.
            next_state (None | str | Unset): Next state of the contract.
            label (None | str | Unset): The owner's label.
            template_id (int | None | Unset): Template the instance was created from.
            template_hash_id (None | str | Unset):
            template_name (None | str | Unset):
            image_uuid (None | str | Unset): Docker image.
            image_args (list[str] | None | str | Unset): Arguments passed to the image (a list, or one string in older
                answers).
            image_runtype (None | str | Unset): Launch mode: ssh, jupyter, args.
            extra_env (list[list[str] | str] | None | Unset): Environment variables, sent as `[key, value]` pairs
                (documented as strings).
            onstart (None | str | Unset): On-start script.
            jupyter_token (None | str | Unset):
            status_msg (None | str | Unset): Last status message from the host.
            local_ipaddrs (list[str] | None | str | Unset): Local addresses, a space-separated string ending in a newline (a
                list in the docs' example).
            ssh_host (None | str | Unset):
            ssh_idx (None | str | Unset):
            ssh_port (int | None | Unset):
            machine_dir_ssh_port (int | None | Unset):
            machine_id (int | None | Unset):
            bundle_id (int | None | Unset):
            start_date (float | None | Unset): Unix time the instance started.
            end_date (float | None | Unset): Unix time the contract ends.
            uptime_mins (float | None | Unset):
            duration (float | None | Unset): Documented but not sent by the server.
            cpu_arch (None | str | Unset):
            cpu_cores (int | None | Unset):
            cpu_cores_effective (float | None | Unset):
            cpu_name (None | str | Unset):
            cpu_ram (int | None | Unset): CPU RAM in MB.
            cpu_util (float | None | Unset):
            mem_limit (float | None | Unset):
            mem_usage (float | None | Unset):
            vmem_usage (float | None | Unset):
            gpu_name (None | str | Unset):
            gpu_arch (None | str | Unset):
            gpu_totalram (int | None | Unset):
            gpu_ram (int | None | Unset):
            gpu_util (float | None | Unset): GPU utilisation
            gpu_temp (float | None | Unset):
            gpu_frac (float | None | Unset):
            gpu_lanes (int | None | Unset):
            gpu_mem_bw (float | None | Unset):
            bw_nvlink (float | None | Unset):
            cuda_max_good (float | None | Unset):
            driver_version (None | str | Unset):
            disk_name (None | str | Unset):
            disk_space (float | None | Unset):
            disk_bw (float | None | Unset):
            disk_util (float | None | Unset):
            disk_usage (float | None | Unset):
            direct_port_count (int | None | Unset):
            direct_port_start (int | None | Unset): Null on proxy-only hosts.
            direct_port_end (int | None | Unset):
            ports (InstancePortsType0 | list[int] | None | Unset): Published ports as a Docker-style map, `{"22/tcp":
                [{"HostIp": "0.0.0.0", "HostPort": "41000"}]}`
                (HostPort is a string); null while loading or on proxy-only hosts. The docs show a list of integers.
            static_ip (bool | None | Unset):
            public_ipaddr (None | str | Unset): Public address; may end in a newline; null on proxy-only hosts.
            geolocation (None | str | Unset):
            verification (None | str | Unset):
            rentable (bool | None | Unset):
            host_id (int | None | Unset):
            hosting_type (int | None | Unset):
            min_bid (float | None | Unset):
            is_bid (bool | None | Unset):
            dph_base (float | None | Unset): Base price in dollars per hour.
            dph_total (float | None | Unset): Total price in dollars per hour.
            dlperf (float | None | Unset):
            dlperf_per_dphtotal (float | None | Unset):
            flops_per_dphtotal (float | None | Unset):
            total_flops (float | None | Unset):
            score (float | None | Unset):
            reliability2 (float | None | Unset):
            os_version (float | None | str | Unset): A string; Vast's docs show the number 18.04.
            mobo_name (None | str | Unset):
            pci_gen (float | None | Unset):
            pcie_bw (float | None | Unset):
            num_gpus (int | None | Unset):
            logo (None | str | Unset):
            webpage (None | str | Unset):
            search (InstanceSearchType0 | None | Unset): Pricing details.
            instance (InstanceInstanceType0 | None | Unset): Pricing details.
            storage_cost (float | None | Unset):
            storage_total_cost (float | None | Unset):
            vram_costperhour (float | None | Unset):
            credit_balance (float | None | Unset):
            credit_discount (float | None | Unset):
            credit_discount_max (float | None | Unset):
            client_run_time (float | None | Unset):
            host_run_time (float | None | Unset):
            external (bool | None | Unset):
            time_remaining (None | str | Unset):
            time_remaining_isbid (None | str | Unset):
            inet_up (float | None | Unset): Upload bandwidth in Mb/s.
            inet_down (float | None | Unset): Download bandwidth in Mb/s.
    """

    __repr__ = model_repr

    id: int | Unset = UNSET
    actual_status: None | str | Unset = UNSET
    intended_status: None | str | Unset = UNSET
    cur_state: None | str | Unset = UNSET
    next_state: None | str | Unset = UNSET
    label: None | str | Unset = UNSET
    template_id: int | None | Unset = UNSET
    template_hash_id: None | str | Unset = UNSET
    template_name: None | str | Unset = UNSET
    image_uuid: None | str | Unset = UNSET
    image_args: list[str] | None | str | Unset = UNSET
    image_runtype: None | str | Unset = UNSET
    extra_env: list[list[str] | str] | None | Unset = UNSET
    onstart: None | str | Unset = UNSET
    jupyter_token: None | str | Unset = UNSET
    status_msg: None | str | Unset = UNSET
    local_ipaddrs: list[str] | None | str | Unset = UNSET
    ssh_host: None | str | Unset = UNSET
    ssh_idx: None | str | Unset = UNSET
    ssh_port: int | None | Unset = UNSET
    machine_dir_ssh_port: int | None | Unset = UNSET
    machine_id: int | None | Unset = UNSET
    bundle_id: int | None | Unset = UNSET
    start_date: float | None | Unset = UNSET
    end_date: float | None | Unset = UNSET
    uptime_mins: float | None | Unset = UNSET
    duration: float | None | Unset = UNSET
    cpu_arch: None | str | Unset = UNSET
    cpu_cores: int | None | Unset = UNSET
    cpu_cores_effective: float | None | Unset = UNSET
    cpu_name: None | str | Unset = UNSET
    cpu_ram: int | None | Unset = UNSET
    cpu_util: float | None | Unset = UNSET
    mem_limit: float | None | Unset = UNSET
    mem_usage: float | None | Unset = UNSET
    vmem_usage: float | None | Unset = UNSET
    gpu_name: None | str | Unset = UNSET
    gpu_arch: None | str | Unset = UNSET
    gpu_totalram: int | None | Unset = UNSET
    gpu_ram: int | None | Unset = UNSET
    gpu_util: float | None | Unset = UNSET
    gpu_temp: float | None | Unset = UNSET
    gpu_frac: float | None | Unset = UNSET
    gpu_lanes: int | None | Unset = UNSET
    gpu_mem_bw: float | None | Unset = UNSET
    bw_nvlink: float | None | Unset = UNSET
    cuda_max_good: float | None | Unset = UNSET
    driver_version: None | str | Unset = UNSET
    disk_name: None | str | Unset = UNSET
    disk_space: float | None | Unset = UNSET
    disk_bw: float | None | Unset = UNSET
    disk_util: float | None | Unset = UNSET
    disk_usage: float | None | Unset = UNSET
    direct_port_count: int | None | Unset = UNSET
    direct_port_start: int | None | Unset = UNSET
    direct_port_end: int | None | Unset = UNSET
    ports: InstancePortsType0 | list[int] | None | Unset = UNSET
    static_ip: bool | None | Unset = UNSET
    public_ipaddr: None | str | Unset = UNSET
    geolocation: None | str | Unset = UNSET
    verification: None | str | Unset = UNSET
    rentable: bool | None | Unset = UNSET
    host_id: int | None | Unset = UNSET
    hosting_type: int | None | Unset = UNSET
    min_bid: float | None | Unset = UNSET
    is_bid: bool | None | Unset = UNSET
    dph_base: float | None | Unset = UNSET
    dph_total: float | None | Unset = UNSET
    dlperf: float | None | Unset = UNSET
    dlperf_per_dphtotal: float | None | Unset = UNSET
    flops_per_dphtotal: float | None | Unset = UNSET
    total_flops: float | None | Unset = UNSET
    score: float | None | Unset = UNSET
    reliability2: float | None | Unset = UNSET
    os_version: float | None | str | Unset = UNSET
    mobo_name: None | str | Unset = UNSET
    pci_gen: float | None | Unset = UNSET
    pcie_bw: float | None | Unset = UNSET
    num_gpus: int | None | Unset = UNSET
    logo: None | str | Unset = UNSET
    webpage: None | str | Unset = UNSET
    search: InstanceSearchType0 | None | Unset = UNSET
    instance: InstanceInstanceType0 | None | Unset = UNSET
    storage_cost: float | None | Unset = UNSET
    storage_total_cost: float | None | Unset = UNSET
    vram_costperhour: float | None | Unset = UNSET
    credit_balance: float | None | Unset = UNSET
    credit_discount: float | None | Unset = UNSET
    credit_discount_max: float | None | Unset = UNSET
    client_run_time: float | None | Unset = UNSET
    host_run_time: float | None | Unset = UNSET
    external: bool | None | Unset = UNSET
    time_remaining: None | str | Unset = UNSET
    time_remaining_isbid: None | str | Unset = UNSET
    inet_up: float | None | Unset = UNSET
    inet_down: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.instance_instance_type_0 import InstanceInstanceType0  # noqa: PLC0415
        from ..models.instance_ports_type_0 import InstancePortsType0  # noqa: PLC0415
        from ..models.instance_search_type_0 import InstanceSearchType0  # noqa: PLC0415

        id = self.id

        actual_status: None | str | Unset
        if isinstance(self.actual_status, Unset):
            actual_status = UNSET
        else:
            actual_status = self.actual_status

        intended_status: None | str | Unset
        if isinstance(self.intended_status, Unset):
            intended_status = UNSET
        else:
            intended_status = self.intended_status

        cur_state: None | str | Unset
        if isinstance(self.cur_state, Unset):
            cur_state = UNSET
        else:
            cur_state = self.cur_state

        next_state: None | str | Unset
        if isinstance(self.next_state, Unset):
            next_state = UNSET
        else:
            next_state = self.next_state

        label: None | str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        template_id: int | None | Unset
        if isinstance(self.template_id, Unset):
            template_id = UNSET
        else:
            template_id = self.template_id

        template_hash_id: None | str | Unset
        if isinstance(self.template_hash_id, Unset):
            template_hash_id = UNSET
        else:
            template_hash_id = self.template_hash_id

        template_name: None | str | Unset
        if isinstance(self.template_name, Unset):
            template_name = UNSET
        else:
            template_name = self.template_name

        image_uuid: None | str | Unset
        if isinstance(self.image_uuid, Unset):
            image_uuid = UNSET
        else:
            image_uuid = self.image_uuid

        image_args: list[str] | None | str | Unset
        if isinstance(self.image_args, Unset):
            image_args = UNSET
        elif isinstance(self.image_args, list):
            image_args = self.image_args

        else:
            image_args = self.image_args

        image_runtype: None | str | Unset
        if isinstance(self.image_runtype, Unset):
            image_runtype = UNSET
        else:
            image_runtype = self.image_runtype

        extra_env: list[list[str] | str] | None | Unset
        if isinstance(self.extra_env, Unset):
            extra_env = UNSET
        elif isinstance(self.extra_env, list):
            extra_env = []
            for extra_env_type_0_item_data in self.extra_env:
                extra_env_type_0_item: list[str] | str
                if isinstance(extra_env_type_0_item_data, list):
                    extra_env_type_0_item = extra_env_type_0_item_data

                else:
                    extra_env_type_0_item = extra_env_type_0_item_data
                extra_env.append(extra_env_type_0_item)

        else:
            extra_env = self.extra_env

        onstart: None | str | Unset
        if isinstance(self.onstart, Unset):
            onstart = UNSET
        else:
            onstart = self.onstart

        jupyter_token: None | str | Unset
        if isinstance(self.jupyter_token, Unset):
            jupyter_token = UNSET
        else:
            jupyter_token = self.jupyter_token

        status_msg: None | str | Unset
        if isinstance(self.status_msg, Unset):
            status_msg = UNSET
        else:
            status_msg = self.status_msg

        local_ipaddrs: list[str] | None | str | Unset
        if isinstance(self.local_ipaddrs, Unset):
            local_ipaddrs = UNSET
        elif isinstance(self.local_ipaddrs, list):
            local_ipaddrs = self.local_ipaddrs

        else:
            local_ipaddrs = self.local_ipaddrs

        ssh_host: None | str | Unset
        if isinstance(self.ssh_host, Unset):
            ssh_host = UNSET
        else:
            ssh_host = self.ssh_host

        ssh_idx: None | str | Unset
        if isinstance(self.ssh_idx, Unset):
            ssh_idx = UNSET
        else:
            ssh_idx = self.ssh_idx

        ssh_port: int | None | Unset
        if isinstance(self.ssh_port, Unset):
            ssh_port = UNSET
        else:
            ssh_port = self.ssh_port

        machine_dir_ssh_port: int | None | Unset
        if isinstance(self.machine_dir_ssh_port, Unset):
            machine_dir_ssh_port = UNSET
        else:
            machine_dir_ssh_port = self.machine_dir_ssh_port

        machine_id: int | None | Unset
        if isinstance(self.machine_id, Unset):
            machine_id = UNSET
        else:
            machine_id = self.machine_id

        bundle_id: int | None | Unset
        if isinstance(self.bundle_id, Unset):
            bundle_id = UNSET
        else:
            bundle_id = self.bundle_id

        start_date: float | None | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        else:
            start_date = self.start_date

        end_date: float | None | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        else:
            end_date = self.end_date

        uptime_mins: float | None | Unset
        if isinstance(self.uptime_mins, Unset):
            uptime_mins = UNSET
        else:
            uptime_mins = self.uptime_mins

        duration: float | None | Unset
        if isinstance(self.duration, Unset):
            duration = UNSET
        else:
            duration = self.duration

        cpu_arch: None | str | Unset
        if isinstance(self.cpu_arch, Unset):
            cpu_arch = UNSET
        else:
            cpu_arch = self.cpu_arch

        cpu_cores: int | None | Unset
        if isinstance(self.cpu_cores, Unset):
            cpu_cores = UNSET
        else:
            cpu_cores = self.cpu_cores

        cpu_cores_effective: float | None | Unset
        if isinstance(self.cpu_cores_effective, Unset):
            cpu_cores_effective = UNSET
        else:
            cpu_cores_effective = self.cpu_cores_effective

        cpu_name: None | str | Unset
        if isinstance(self.cpu_name, Unset):
            cpu_name = UNSET
        else:
            cpu_name = self.cpu_name

        cpu_ram: int | None | Unset
        if isinstance(self.cpu_ram, Unset):
            cpu_ram = UNSET
        else:
            cpu_ram = self.cpu_ram

        cpu_util: float | None | Unset
        if isinstance(self.cpu_util, Unset):
            cpu_util = UNSET
        else:
            cpu_util = self.cpu_util

        mem_limit: float | None | Unset
        if isinstance(self.mem_limit, Unset):
            mem_limit = UNSET
        else:
            mem_limit = self.mem_limit

        mem_usage: float | None | Unset
        if isinstance(self.mem_usage, Unset):
            mem_usage = UNSET
        else:
            mem_usage = self.mem_usage

        vmem_usage: float | None | Unset
        if isinstance(self.vmem_usage, Unset):
            vmem_usage = UNSET
        else:
            vmem_usage = self.vmem_usage

        gpu_name: None | str | Unset
        if isinstance(self.gpu_name, Unset):
            gpu_name = UNSET
        else:
            gpu_name = self.gpu_name

        gpu_arch: None | str | Unset
        if isinstance(self.gpu_arch, Unset):
            gpu_arch = UNSET
        else:
            gpu_arch = self.gpu_arch

        gpu_totalram: int | None | Unset
        if isinstance(self.gpu_totalram, Unset):
            gpu_totalram = UNSET
        else:
            gpu_totalram = self.gpu_totalram

        gpu_ram: int | None | Unset
        if isinstance(self.gpu_ram, Unset):
            gpu_ram = UNSET
        else:
            gpu_ram = self.gpu_ram

        gpu_util: float | None | Unset
        if isinstance(self.gpu_util, Unset):
            gpu_util = UNSET
        else:
            gpu_util = self.gpu_util

        gpu_temp: float | None | Unset
        if isinstance(self.gpu_temp, Unset):
            gpu_temp = UNSET
        else:
            gpu_temp = self.gpu_temp

        gpu_frac: float | None | Unset
        if isinstance(self.gpu_frac, Unset):
            gpu_frac = UNSET
        else:
            gpu_frac = self.gpu_frac

        gpu_lanes: int | None | Unset
        if isinstance(self.gpu_lanes, Unset):
            gpu_lanes = UNSET
        else:
            gpu_lanes = self.gpu_lanes

        gpu_mem_bw: float | None | Unset
        if isinstance(self.gpu_mem_bw, Unset):
            gpu_mem_bw = UNSET
        else:
            gpu_mem_bw = self.gpu_mem_bw

        bw_nvlink: float | None | Unset
        if isinstance(self.bw_nvlink, Unset):
            bw_nvlink = UNSET
        else:
            bw_nvlink = self.bw_nvlink

        cuda_max_good: float | None | Unset
        if isinstance(self.cuda_max_good, Unset):
            cuda_max_good = UNSET
        else:
            cuda_max_good = self.cuda_max_good

        driver_version: None | str | Unset
        if isinstance(self.driver_version, Unset):
            driver_version = UNSET
        else:
            driver_version = self.driver_version

        disk_name: None | str | Unset
        if isinstance(self.disk_name, Unset):
            disk_name = UNSET
        else:
            disk_name = self.disk_name

        disk_space: float | None | Unset
        if isinstance(self.disk_space, Unset):
            disk_space = UNSET
        else:
            disk_space = self.disk_space

        disk_bw: float | None | Unset
        if isinstance(self.disk_bw, Unset):
            disk_bw = UNSET
        else:
            disk_bw = self.disk_bw

        disk_util: float | None | Unset
        if isinstance(self.disk_util, Unset):
            disk_util = UNSET
        else:
            disk_util = self.disk_util

        disk_usage: float | None | Unset
        if isinstance(self.disk_usage, Unset):
            disk_usage = UNSET
        else:
            disk_usage = self.disk_usage

        direct_port_count: int | None | Unset
        if isinstance(self.direct_port_count, Unset):
            direct_port_count = UNSET
        else:
            direct_port_count = self.direct_port_count

        direct_port_start: int | None | Unset
        if isinstance(self.direct_port_start, Unset):
            direct_port_start = UNSET
        else:
            direct_port_start = self.direct_port_start

        direct_port_end: int | None | Unset
        if isinstance(self.direct_port_end, Unset):
            direct_port_end = UNSET
        else:
            direct_port_end = self.direct_port_end

        ports: dict[str, Any] | list[int] | None | Unset
        if isinstance(self.ports, Unset):
            ports = UNSET
        elif isinstance(self.ports, InstancePortsType0):
            ports = self.ports.to_dict()
        elif isinstance(self.ports, list):
            ports = self.ports

        else:
            ports = self.ports

        static_ip: bool | None | Unset
        if isinstance(self.static_ip, Unset):
            static_ip = UNSET
        else:
            static_ip = self.static_ip

        public_ipaddr: None | str | Unset
        if isinstance(self.public_ipaddr, Unset):
            public_ipaddr = UNSET
        else:
            public_ipaddr = self.public_ipaddr

        geolocation: None | str | Unset
        if isinstance(self.geolocation, Unset):
            geolocation = UNSET
        else:
            geolocation = self.geolocation

        verification: None | str | Unset
        if isinstance(self.verification, Unset):
            verification = UNSET
        else:
            verification = self.verification

        rentable: bool | None | Unset
        if isinstance(self.rentable, Unset):
            rentable = UNSET
        else:
            rentable = self.rentable

        host_id: int | None | Unset
        if isinstance(self.host_id, Unset):
            host_id = UNSET
        else:
            host_id = self.host_id

        hosting_type: int | None | Unset
        if isinstance(self.hosting_type, Unset):
            hosting_type = UNSET
        else:
            hosting_type = self.hosting_type

        min_bid: float | None | Unset
        if isinstance(self.min_bid, Unset):
            min_bid = UNSET
        else:
            min_bid = self.min_bid

        is_bid: bool | None | Unset
        if isinstance(self.is_bid, Unset):
            is_bid = UNSET
        else:
            is_bid = self.is_bid

        dph_base: float | None | Unset
        if isinstance(self.dph_base, Unset):
            dph_base = UNSET
        else:
            dph_base = self.dph_base

        dph_total: float | None | Unset
        if isinstance(self.dph_total, Unset):
            dph_total = UNSET
        else:
            dph_total = self.dph_total

        dlperf: float | None | Unset
        if isinstance(self.dlperf, Unset):
            dlperf = UNSET
        else:
            dlperf = self.dlperf

        dlperf_per_dphtotal: float | None | Unset
        if isinstance(self.dlperf_per_dphtotal, Unset):
            dlperf_per_dphtotal = UNSET
        else:
            dlperf_per_dphtotal = self.dlperf_per_dphtotal

        flops_per_dphtotal: float | None | Unset
        if isinstance(self.flops_per_dphtotal, Unset):
            flops_per_dphtotal = UNSET
        else:
            flops_per_dphtotal = self.flops_per_dphtotal

        total_flops: float | None | Unset
        if isinstance(self.total_flops, Unset):
            total_flops = UNSET
        else:
            total_flops = self.total_flops

        score: float | None | Unset
        if isinstance(self.score, Unset):
            score = UNSET
        else:
            score = self.score

        reliability2: float | None | Unset
        if isinstance(self.reliability2, Unset):
            reliability2 = UNSET
        else:
            reliability2 = self.reliability2

        os_version: float | None | str | Unset
        if isinstance(self.os_version, Unset):
            os_version = UNSET
        else:
            os_version = self.os_version

        mobo_name: None | str | Unset
        if isinstance(self.mobo_name, Unset):
            mobo_name = UNSET
        else:
            mobo_name = self.mobo_name

        pci_gen: float | None | Unset
        if isinstance(self.pci_gen, Unset):
            pci_gen = UNSET
        else:
            pci_gen = self.pci_gen

        pcie_bw: float | None | Unset
        if isinstance(self.pcie_bw, Unset):
            pcie_bw = UNSET
        else:
            pcie_bw = self.pcie_bw

        num_gpus: int | None | Unset
        if isinstance(self.num_gpus, Unset):
            num_gpus = UNSET
        else:
            num_gpus = self.num_gpus

        logo: None | str | Unset
        if isinstance(self.logo, Unset):
            logo = UNSET
        else:
            logo = self.logo

        webpage: None | str | Unset
        if isinstance(self.webpage, Unset):
            webpage = UNSET
        else:
            webpage = self.webpage

        search: dict[str, Any] | None | Unset
        if isinstance(self.search, Unset):
            search = UNSET
        elif isinstance(self.search, InstanceSearchType0):
            search = self.search.to_dict()
        else:
            search = self.search

        instance: dict[str, Any] | None | Unset
        if isinstance(self.instance, Unset):
            instance = UNSET
        elif isinstance(self.instance, InstanceInstanceType0):
            instance = self.instance.to_dict()
        else:
            instance = self.instance

        storage_cost: float | None | Unset
        if isinstance(self.storage_cost, Unset):
            storage_cost = UNSET
        else:
            storage_cost = self.storage_cost

        storage_total_cost: float | None | Unset
        if isinstance(self.storage_total_cost, Unset):
            storage_total_cost = UNSET
        else:
            storage_total_cost = self.storage_total_cost

        vram_costperhour: float | None | Unset
        if isinstance(self.vram_costperhour, Unset):
            vram_costperhour = UNSET
        else:
            vram_costperhour = self.vram_costperhour

        credit_balance: float | None | Unset
        if isinstance(self.credit_balance, Unset):
            credit_balance = UNSET
        else:
            credit_balance = self.credit_balance

        credit_discount: float | None | Unset
        if isinstance(self.credit_discount, Unset):
            credit_discount = UNSET
        else:
            credit_discount = self.credit_discount

        credit_discount_max: float | None | Unset
        if isinstance(self.credit_discount_max, Unset):
            credit_discount_max = UNSET
        else:
            credit_discount_max = self.credit_discount_max

        client_run_time: float | None | Unset
        if isinstance(self.client_run_time, Unset):
            client_run_time = UNSET
        else:
            client_run_time = self.client_run_time

        host_run_time: float | None | Unset
        if isinstance(self.host_run_time, Unset):
            host_run_time = UNSET
        else:
            host_run_time = self.host_run_time

        external: bool | None | Unset
        if isinstance(self.external, Unset):
            external = UNSET
        else:
            external = self.external

        time_remaining: None | str | Unset
        if isinstance(self.time_remaining, Unset):
            time_remaining = UNSET
        else:
            time_remaining = self.time_remaining

        time_remaining_isbid: None | str | Unset
        if isinstance(self.time_remaining_isbid, Unset):
            time_remaining_isbid = UNSET
        else:
            time_remaining_isbid = self.time_remaining_isbid

        inet_up: float | None | Unset
        if isinstance(self.inet_up, Unset):
            inet_up = UNSET
        else:
            inet_up = self.inet_up

        inet_down: float | None | Unset
        if isinstance(self.inet_down, Unset):
            inet_down = UNSET
        else:
            inet_down = self.inet_down

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if actual_status is not UNSET:
            field_dict["actual_status"] = actual_status
        if intended_status is not UNSET:
            field_dict["intended_status"] = intended_status
        if cur_state is not UNSET:
            field_dict["cur_state"] = cur_state
        if next_state is not UNSET:
            field_dict["next_state"] = next_state
        if label is not UNSET:
            field_dict["label"] = label
        if template_id is not UNSET:
            field_dict["template_id"] = template_id
        if template_hash_id is not UNSET:
            field_dict["template_hash_id"] = template_hash_id
        if template_name is not UNSET:
            field_dict["template_name"] = template_name
        if image_uuid is not UNSET:
            field_dict["image_uuid"] = image_uuid
        if image_args is not UNSET:
            field_dict["image_args"] = image_args
        if image_runtype is not UNSET:
            field_dict["image_runtype"] = image_runtype
        if extra_env is not UNSET:
            field_dict["extra_env"] = extra_env
        if onstart is not UNSET:
            field_dict["onstart"] = onstart
        if jupyter_token is not UNSET:
            field_dict["jupyter_token"] = jupyter_token
        if status_msg is not UNSET:
            field_dict["status_msg"] = status_msg
        if local_ipaddrs is not UNSET:
            field_dict["local_ipaddrs"] = local_ipaddrs
        if ssh_host is not UNSET:
            field_dict["ssh_host"] = ssh_host
        if ssh_idx is not UNSET:
            field_dict["ssh_idx"] = ssh_idx
        if ssh_port is not UNSET:
            field_dict["ssh_port"] = ssh_port
        if machine_dir_ssh_port is not UNSET:
            field_dict["machine_dir_ssh_port"] = machine_dir_ssh_port
        if machine_id is not UNSET:
            field_dict["machine_id"] = machine_id
        if bundle_id is not UNSET:
            field_dict["bundle_id"] = bundle_id
        if start_date is not UNSET:
            field_dict["start_date"] = start_date
        if end_date is not UNSET:
            field_dict["end_date"] = end_date
        if uptime_mins is not UNSET:
            field_dict["uptime_mins"] = uptime_mins
        if duration is not UNSET:
            field_dict["duration"] = duration
        if cpu_arch is not UNSET:
            field_dict["cpu_arch"] = cpu_arch
        if cpu_cores is not UNSET:
            field_dict["cpu_cores"] = cpu_cores
        if cpu_cores_effective is not UNSET:
            field_dict["cpu_cores_effective"] = cpu_cores_effective
        if cpu_name is not UNSET:
            field_dict["cpu_name"] = cpu_name
        if cpu_ram is not UNSET:
            field_dict["cpu_ram"] = cpu_ram
        if cpu_util is not UNSET:
            field_dict["cpu_util"] = cpu_util
        if mem_limit is not UNSET:
            field_dict["mem_limit"] = mem_limit
        if mem_usage is not UNSET:
            field_dict["mem_usage"] = mem_usage
        if vmem_usage is not UNSET:
            field_dict["vmem_usage"] = vmem_usage
        if gpu_name is not UNSET:
            field_dict["gpu_name"] = gpu_name
        if gpu_arch is not UNSET:
            field_dict["gpu_arch"] = gpu_arch
        if gpu_totalram is not UNSET:
            field_dict["gpu_totalram"] = gpu_totalram
        if gpu_ram is not UNSET:
            field_dict["gpu_ram"] = gpu_ram
        if gpu_util is not UNSET:
            field_dict["gpu_util"] = gpu_util
        if gpu_temp is not UNSET:
            field_dict["gpu_temp"] = gpu_temp
        if gpu_frac is not UNSET:
            field_dict["gpu_frac"] = gpu_frac
        if gpu_lanes is not UNSET:
            field_dict["gpu_lanes"] = gpu_lanes
        if gpu_mem_bw is not UNSET:
            field_dict["gpu_mem_bw"] = gpu_mem_bw
        if bw_nvlink is not UNSET:
            field_dict["bw_nvlink"] = bw_nvlink
        if cuda_max_good is not UNSET:
            field_dict["cuda_max_good"] = cuda_max_good
        if driver_version is not UNSET:
            field_dict["driver_version"] = driver_version
        if disk_name is not UNSET:
            field_dict["disk_name"] = disk_name
        if disk_space is not UNSET:
            field_dict["disk_space"] = disk_space
        if disk_bw is not UNSET:
            field_dict["disk_bw"] = disk_bw
        if disk_util is not UNSET:
            field_dict["disk_util"] = disk_util
        if disk_usage is not UNSET:
            field_dict["disk_usage"] = disk_usage
        if direct_port_count is not UNSET:
            field_dict["direct_port_count"] = direct_port_count
        if direct_port_start is not UNSET:
            field_dict["direct_port_start"] = direct_port_start
        if direct_port_end is not UNSET:
            field_dict["direct_port_end"] = direct_port_end
        if ports is not UNSET:
            field_dict["ports"] = ports
        if static_ip is not UNSET:
            field_dict["static_ip"] = static_ip
        if public_ipaddr is not UNSET:
            field_dict["public_ipaddr"] = public_ipaddr
        if geolocation is not UNSET:
            field_dict["geolocation"] = geolocation
        if verification is not UNSET:
            field_dict["verification"] = verification
        if rentable is not UNSET:
            field_dict["rentable"] = rentable
        if host_id is not UNSET:
            field_dict["host_id"] = host_id
        if hosting_type is not UNSET:
            field_dict["hosting_type"] = hosting_type
        if min_bid is not UNSET:
            field_dict["min_bid"] = min_bid
        if is_bid is not UNSET:
            field_dict["is_bid"] = is_bid
        if dph_base is not UNSET:
            field_dict["dph_base"] = dph_base
        if dph_total is not UNSET:
            field_dict["dph_total"] = dph_total
        if dlperf is not UNSET:
            field_dict["dlperf"] = dlperf
        if dlperf_per_dphtotal is not UNSET:
            field_dict["dlperf_per_dphtotal"] = dlperf_per_dphtotal
        if flops_per_dphtotal is not UNSET:
            field_dict["flops_per_dphtotal"] = flops_per_dphtotal
        if total_flops is not UNSET:
            field_dict["total_flops"] = total_flops
        if score is not UNSET:
            field_dict["score"] = score
        if reliability2 is not UNSET:
            field_dict["reliability2"] = reliability2
        if os_version is not UNSET:
            field_dict["os_version"] = os_version
        if mobo_name is not UNSET:
            field_dict["mobo_name"] = mobo_name
        if pci_gen is not UNSET:
            field_dict["pci_gen"] = pci_gen
        if pcie_bw is not UNSET:
            field_dict["pcie_bw"] = pcie_bw
        if num_gpus is not UNSET:
            field_dict["num_gpus"] = num_gpus
        if logo is not UNSET:
            field_dict["logo"] = logo
        if webpage is not UNSET:
            field_dict["webpage"] = webpage
        if search is not UNSET:
            field_dict["search"] = search
        if instance is not UNSET:
            field_dict["instance"] = instance
        if storage_cost is not UNSET:
            field_dict["storage_cost"] = storage_cost
        if storage_total_cost is not UNSET:
            field_dict["storage_total_cost"] = storage_total_cost
        if vram_costperhour is not UNSET:
            field_dict["vram_costperhour"] = vram_costperhour
        if credit_balance is not UNSET:
            field_dict["credit_balance"] = credit_balance
        if credit_discount is not UNSET:
            field_dict["credit_discount"] = credit_discount
        if credit_discount_max is not UNSET:
            field_dict["credit_discount_max"] = credit_discount_max
        if client_run_time is not UNSET:
            field_dict["client_run_time"] = client_run_time
        if host_run_time is not UNSET:
            field_dict["host_run_time"] = host_run_time
        if external is not UNSET:
            field_dict["external"] = external
        if time_remaining is not UNSET:
            field_dict["time_remaining"] = time_remaining
        if time_remaining_isbid is not UNSET:
            field_dict["time_remaining_isbid"] = time_remaining_isbid
        if inet_up is not UNSET:
            field_dict["inet_up"] = inet_up
        if inet_down is not UNSET:
            field_dict["inet_down"] = inet_down

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.instance_instance_type_0 import InstanceInstanceType0  # noqa: PLC0415
        from ..models.instance_ports_type_0 import InstancePortsType0  # noqa: PLC0415
        from ..models.instance_search_type_0 import InstanceSearchType0  # noqa: PLC0415

        if src_dict.__class__ is not dict:
            src_dict = fit_object(src_dict, "Instance")
        d = dict(src_dict)
        id = d.pop("id", UNSET)
        if id.__class__ not in _FIT_ID_FAST:
            id = _FIT_ID(id)

        try:
            actual_status = d.pop("actual_status", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.actual_status", error.expected, error.value) from None
        if actual_status.__class__ not in _FIT_ACTUAL_STATUS_FAST:
            actual_status = _FIT_ACTUAL_STATUS(actual_status)

        try:
            intended_status = d.pop("intended_status", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.intended_status", error.expected, error.value) from None
        if intended_status.__class__ not in _FIT_INTENDED_STATUS_FAST:
            intended_status = _FIT_INTENDED_STATUS(intended_status)

        try:
            cur_state = d.pop("cur_state", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.cur_state", error.expected, error.value) from None
        if cur_state.__class__ not in _FIT_CUR_STATE_FAST:
            cur_state = _FIT_CUR_STATE(cur_state)

        try:
            next_state = d.pop("next_state", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.next_state", error.expected, error.value) from None
        if next_state.__class__ not in _FIT_NEXT_STATE_FAST:
            next_state = _FIT_NEXT_STATE(next_state)

        try:
            label = d.pop("label", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.label", error.expected, error.value) from None
        if label.__class__ not in _FIT_LABEL_FAST:
            label = _FIT_LABEL(label)

        try:
            template_id = d.pop("template_id", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.template_id", error.expected, error.value) from None
        if template_id.__class__ not in _FIT_TEMPLATE_ID_FAST:
            template_id = _FIT_TEMPLATE_ID(template_id)

        try:
            template_hash_id = d.pop("template_hash_id", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.template_hash_id", error.expected, error.value) from None
        if template_hash_id.__class__ not in _FIT_TEMPLATE_HASH_ID_FAST:
            template_hash_id = _FIT_TEMPLATE_HASH_ID(template_hash_id)

        try:
            template_name = d.pop("template_name", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.template_name", error.expected, error.value) from None
        if template_name.__class__ not in _FIT_TEMPLATE_NAME_FAST:
            template_name = _FIT_TEMPLATE_NAME(template_name)

        try:
            image_uuid = d.pop("image_uuid", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.image_uuid", error.expected, error.value) from None
        if image_uuid.__class__ not in _FIT_IMAGE_UUID_FAST:
            image_uuid = _FIT_IMAGE_UUID(image_uuid)

        try:
            image_args = d.pop("image_args", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.image_args", error.expected, error.value) from None
        if image_args.__class__ not in _FIT_IMAGE_ARGS_FAST:
            image_args = _FIT_IMAGE_ARGS(image_args)

        try:
            image_runtype = d.pop("image_runtype", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.image_runtype", error.expected, error.value) from None
        if image_runtype.__class__ not in _FIT_IMAGE_RUNTYPE_FAST:
            image_runtype = _FIT_IMAGE_RUNTYPE(image_runtype)

        try:

            def _parse_extra_env(data: object) -> list[list[str] | str] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                _problems: list[Exception] = []
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    extra_env_type_0 = []
                    _extra_env_type_0 = data
                    for extra_env_type_0_item_data in _extra_env_type_0:
                        extra_env_type_0_item = extra_env_type_0_item_data

                        extra_env_type_0.append(extra_env_type_0_item)

                    return extra_env_type_0
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    _problems.append(error)
                raise next(
                    (p for p in _problems if isinstance(p, errors.UnexpectedValue)),
                    errors.UnexpectedValue("extra_env", "list[list[str] | str] | None", data),
                )

            extra_env = _parse_extra_env(d.pop("extra_env", UNSET))

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.extra_env", error.expected, error.value) from None
        if extra_env.__class__ not in _FIT_EXTRA_ENV_FAST:
            extra_env = _FIT_EXTRA_ENV(extra_env)

        try:
            onstart = d.pop("onstart", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.onstart", error.expected, error.value) from None
        if onstart.__class__ not in _FIT_ONSTART_FAST:
            onstart = _FIT_ONSTART(onstart)

        try:
            jupyter_token = d.pop("jupyter_token", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.jupyter_token", error.expected, error.value) from None
        if jupyter_token.__class__ not in _FIT_JUPYTER_TOKEN_FAST:
            jupyter_token = _FIT_JUPYTER_TOKEN(jupyter_token)

        try:
            status_msg = d.pop("status_msg", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.status_msg", error.expected, error.value) from None
        if status_msg.__class__ not in _FIT_STATUS_MSG_FAST:
            status_msg = _FIT_STATUS_MSG(status_msg)

        try:
            local_ipaddrs = d.pop("local_ipaddrs", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.local_ipaddrs", error.expected, error.value) from None
        if local_ipaddrs.__class__ not in _FIT_LOCAL_IPADDRS_FAST:
            local_ipaddrs = _FIT_LOCAL_IPADDRS(local_ipaddrs)

        try:
            ssh_host = d.pop("ssh_host", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.ssh_host", error.expected, error.value) from None
        if ssh_host.__class__ not in _FIT_SSH_HOST_FAST:
            ssh_host = _FIT_SSH_HOST(ssh_host)

        try:
            ssh_idx = d.pop("ssh_idx", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.ssh_idx", error.expected, error.value) from None
        if ssh_idx.__class__ not in _FIT_SSH_IDX_FAST:
            ssh_idx = _FIT_SSH_IDX(ssh_idx)

        try:
            ssh_port = d.pop("ssh_port", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.ssh_port", error.expected, error.value) from None
        if ssh_port.__class__ not in _FIT_SSH_PORT_FAST:
            ssh_port = _FIT_SSH_PORT(ssh_port)

        try:
            machine_dir_ssh_port = d.pop("machine_dir_ssh_port", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.machine_dir_ssh_port", error.expected, error.value) from None
        if machine_dir_ssh_port.__class__ not in _FIT_MACHINE_DIR_SSH_PORT_FAST:
            machine_dir_ssh_port = _FIT_MACHINE_DIR_SSH_PORT(machine_dir_ssh_port)

        try:
            machine_id = d.pop("machine_id", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.machine_id", error.expected, error.value) from None
        if machine_id.__class__ not in _FIT_MACHINE_ID_FAST:
            machine_id = _FIT_MACHINE_ID(machine_id)

        try:
            bundle_id = d.pop("bundle_id", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.bundle_id", error.expected, error.value) from None
        if bundle_id.__class__ not in _FIT_BUNDLE_ID_FAST:
            bundle_id = _FIT_BUNDLE_ID(bundle_id)

        try:
            start_date = d.pop("start_date", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.start_date", error.expected, error.value) from None
        if start_date.__class__ not in _FIT_START_DATE_FAST:
            start_date = _FIT_START_DATE(start_date)

        try:
            end_date = d.pop("end_date", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.end_date", error.expected, error.value) from None
        if end_date.__class__ not in _FIT_END_DATE_FAST:
            end_date = _FIT_END_DATE(end_date)

        try:
            uptime_mins = d.pop("uptime_mins", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.uptime_mins", error.expected, error.value) from None
        if uptime_mins.__class__ not in _FIT_UPTIME_MINS_FAST:
            uptime_mins = _FIT_UPTIME_MINS(uptime_mins)

        try:
            duration = d.pop("duration", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.duration", error.expected, error.value) from None
        if duration.__class__ not in _FIT_DURATION_FAST:
            duration = _FIT_DURATION(duration)

        try:
            cpu_arch = d.pop("cpu_arch", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.cpu_arch", error.expected, error.value) from None
        if cpu_arch.__class__ not in _FIT_CPU_ARCH_FAST:
            cpu_arch = _FIT_CPU_ARCH(cpu_arch)

        try:
            cpu_cores = d.pop("cpu_cores", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.cpu_cores", error.expected, error.value) from None
        if cpu_cores.__class__ not in _FIT_CPU_CORES_FAST:
            cpu_cores = _FIT_CPU_CORES(cpu_cores)

        try:
            cpu_cores_effective = d.pop("cpu_cores_effective", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.cpu_cores_effective", error.expected, error.value) from None
        if cpu_cores_effective.__class__ not in _FIT_CPU_CORES_EFFECTIVE_FAST:
            cpu_cores_effective = _FIT_CPU_CORES_EFFECTIVE(cpu_cores_effective)

        try:
            cpu_name = d.pop("cpu_name", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.cpu_name", error.expected, error.value) from None
        if cpu_name.__class__ not in _FIT_CPU_NAME_FAST:
            cpu_name = _FIT_CPU_NAME(cpu_name)

        try:
            cpu_ram = d.pop("cpu_ram", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.cpu_ram", error.expected, error.value) from None
        if cpu_ram.__class__ not in _FIT_CPU_RAM_FAST:
            cpu_ram = _FIT_CPU_RAM(cpu_ram)

        try:
            cpu_util = d.pop("cpu_util", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.cpu_util", error.expected, error.value) from None
        if cpu_util.__class__ not in _FIT_CPU_UTIL_FAST:
            cpu_util = _FIT_CPU_UTIL(cpu_util)

        try:
            mem_limit = d.pop("mem_limit", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.mem_limit", error.expected, error.value) from None
        if mem_limit.__class__ not in _FIT_MEM_LIMIT_FAST:
            mem_limit = _FIT_MEM_LIMIT(mem_limit)

        try:
            mem_usage = d.pop("mem_usage", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.mem_usage", error.expected, error.value) from None
        if mem_usage.__class__ not in _FIT_MEM_USAGE_FAST:
            mem_usage = _FIT_MEM_USAGE(mem_usage)

        try:
            vmem_usage = d.pop("vmem_usage", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.vmem_usage", error.expected, error.value) from None
        if vmem_usage.__class__ not in _FIT_VMEM_USAGE_FAST:
            vmem_usage = _FIT_VMEM_USAGE(vmem_usage)

        try:
            gpu_name = d.pop("gpu_name", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.gpu_name", error.expected, error.value) from None
        if gpu_name.__class__ not in _FIT_GPU_NAME_FAST:
            gpu_name = _FIT_GPU_NAME(gpu_name)

        try:
            gpu_arch = d.pop("gpu_arch", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.gpu_arch", error.expected, error.value) from None
        if gpu_arch.__class__ not in _FIT_GPU_ARCH_FAST:
            gpu_arch = _FIT_GPU_ARCH(gpu_arch)

        try:
            gpu_totalram = d.pop("gpu_totalram", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.gpu_totalram", error.expected, error.value) from None
        if gpu_totalram.__class__ not in _FIT_GPU_TOTALRAM_FAST:
            gpu_totalram = _FIT_GPU_TOTALRAM(gpu_totalram)

        try:
            gpu_ram = d.pop("gpu_ram", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.gpu_ram", error.expected, error.value) from None
        if gpu_ram.__class__ not in _FIT_GPU_RAM_FAST:
            gpu_ram = _FIT_GPU_RAM(gpu_ram)

        try:
            gpu_util = d.pop("gpu_util", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.gpu_util", error.expected, error.value) from None
        if gpu_util.__class__ not in _FIT_GPU_UTIL_FAST:
            gpu_util = _FIT_GPU_UTIL(gpu_util)

        try:
            gpu_temp = d.pop("gpu_temp", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.gpu_temp", error.expected, error.value) from None
        if gpu_temp.__class__ not in _FIT_GPU_TEMP_FAST:
            gpu_temp = _FIT_GPU_TEMP(gpu_temp)

        try:
            gpu_frac = d.pop("gpu_frac", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.gpu_frac", error.expected, error.value) from None
        if gpu_frac.__class__ not in _FIT_GPU_FRAC_FAST:
            gpu_frac = _FIT_GPU_FRAC(gpu_frac)

        try:
            gpu_lanes = d.pop("gpu_lanes", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.gpu_lanes", error.expected, error.value) from None
        if gpu_lanes.__class__ not in _FIT_GPU_LANES_FAST:
            gpu_lanes = _FIT_GPU_LANES(gpu_lanes)

        try:
            gpu_mem_bw = d.pop("gpu_mem_bw", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.gpu_mem_bw", error.expected, error.value) from None
        if gpu_mem_bw.__class__ not in _FIT_GPU_MEM_BW_FAST:
            gpu_mem_bw = _FIT_GPU_MEM_BW(gpu_mem_bw)

        try:
            bw_nvlink = d.pop("bw_nvlink", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.bw_nvlink", error.expected, error.value) from None
        if bw_nvlink.__class__ not in _FIT_BW_NVLINK_FAST:
            bw_nvlink = _FIT_BW_NVLINK(bw_nvlink)

        try:
            cuda_max_good = d.pop("cuda_max_good", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.cuda_max_good", error.expected, error.value) from None
        if cuda_max_good.__class__ not in _FIT_CUDA_MAX_GOOD_FAST:
            cuda_max_good = _FIT_CUDA_MAX_GOOD(cuda_max_good)

        try:
            driver_version = d.pop("driver_version", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.driver_version", error.expected, error.value) from None
        if driver_version.__class__ not in _FIT_DRIVER_VERSION_FAST:
            driver_version = _FIT_DRIVER_VERSION(driver_version)

        try:
            disk_name = d.pop("disk_name", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.disk_name", error.expected, error.value) from None
        if disk_name.__class__ not in _FIT_DISK_NAME_FAST:
            disk_name = _FIT_DISK_NAME(disk_name)

        try:
            disk_space = d.pop("disk_space", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.disk_space", error.expected, error.value) from None
        if disk_space.__class__ not in _FIT_DISK_SPACE_FAST:
            disk_space = _FIT_DISK_SPACE(disk_space)

        try:
            disk_bw = d.pop("disk_bw", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.disk_bw", error.expected, error.value) from None
        if disk_bw.__class__ not in _FIT_DISK_BW_FAST:
            disk_bw = _FIT_DISK_BW(disk_bw)

        try:
            disk_util = d.pop("disk_util", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.disk_util", error.expected, error.value) from None
        if disk_util.__class__ not in _FIT_DISK_UTIL_FAST:
            disk_util = _FIT_DISK_UTIL(disk_util)

        try:
            disk_usage = d.pop("disk_usage", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.disk_usage", error.expected, error.value) from None
        if disk_usage.__class__ not in _FIT_DISK_USAGE_FAST:
            disk_usage = _FIT_DISK_USAGE(disk_usage)

        try:
            direct_port_count = d.pop("direct_port_count", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.direct_port_count", error.expected, error.value) from None
        if direct_port_count.__class__ not in _FIT_DIRECT_PORT_COUNT_FAST:
            direct_port_count = _FIT_DIRECT_PORT_COUNT(direct_port_count)

        try:
            direct_port_start = d.pop("direct_port_start", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.direct_port_start", error.expected, error.value) from None
        if direct_port_start.__class__ not in _FIT_DIRECT_PORT_START_FAST:
            direct_port_start = _FIT_DIRECT_PORT_START(direct_port_start)

        try:
            direct_port_end = d.pop("direct_port_end", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.direct_port_end", error.expected, error.value) from None
        if direct_port_end.__class__ not in _FIT_DIRECT_PORT_END_FAST:
            direct_port_end = _FIT_DIRECT_PORT_END(direct_port_end)

        try:

            def _parse_ports(data: object) -> InstancePortsType0 | list[int] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                _problems: list[Exception] = []
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    ports_type_0 = InstancePortsType0.from_dict(data)

                    return ports_type_0
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    _problems.append(error)
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    ports_type_1 = cast(list[int], data)

                    return ports_type_1
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    _problems.append(error)
                raise next(
                    (p for p in _problems if isinstance(p, errors.UnexpectedValue)),
                    errors.UnexpectedValue("ports", "InstancePortsType0 | list[int] | None", data),
                )

            ports = _parse_ports(d.pop("ports", UNSET))

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.ports", error.expected, error.value) from None
        if ports.__class__ not in _FIT_PORTS_FAST:
            ports = _FIT_PORTS(ports)

        try:
            static_ip = d.pop("static_ip", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.static_ip", error.expected, error.value) from None
        if static_ip.__class__ not in _FIT_STATIC_IP_FAST:
            static_ip = _FIT_STATIC_IP(static_ip)

        try:
            public_ipaddr = d.pop("public_ipaddr", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.public_ipaddr", error.expected, error.value) from None
        if public_ipaddr.__class__ not in _FIT_PUBLIC_IPADDR_FAST:
            public_ipaddr = _FIT_PUBLIC_IPADDR(public_ipaddr)

        try:
            geolocation = d.pop("geolocation", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.geolocation", error.expected, error.value) from None
        if geolocation.__class__ not in _FIT_GEOLOCATION_FAST:
            geolocation = _FIT_GEOLOCATION(geolocation)

        try:
            verification = d.pop("verification", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.verification", error.expected, error.value) from None
        if verification.__class__ not in _FIT_VERIFICATION_FAST:
            verification = _FIT_VERIFICATION(verification)

        try:
            rentable = d.pop("rentable", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.rentable", error.expected, error.value) from None
        if rentable.__class__ not in _FIT_RENTABLE_FAST:
            rentable = _FIT_RENTABLE(rentable)

        try:
            host_id = d.pop("host_id", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.host_id", error.expected, error.value) from None
        if host_id.__class__ not in _FIT_HOST_ID_FAST:
            host_id = _FIT_HOST_ID(host_id)

        try:
            hosting_type = d.pop("hosting_type", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.hosting_type", error.expected, error.value) from None
        if hosting_type.__class__ not in _FIT_HOSTING_TYPE_FAST:
            hosting_type = _FIT_HOSTING_TYPE(hosting_type)

        try:
            min_bid = d.pop("min_bid", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.min_bid", error.expected, error.value) from None
        if min_bid.__class__ not in _FIT_MIN_BID_FAST:
            min_bid = _FIT_MIN_BID(min_bid)

        try:
            is_bid = d.pop("is_bid", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.is_bid", error.expected, error.value) from None
        if is_bid.__class__ not in _FIT_IS_BID_FAST:
            is_bid = _FIT_IS_BID(is_bid)

        try:
            dph_base = d.pop("dph_base", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.dph_base", error.expected, error.value) from None
        if dph_base.__class__ not in _FIT_DPH_BASE_FAST:
            dph_base = _FIT_DPH_BASE(dph_base)

        try:
            dph_total = d.pop("dph_total", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.dph_total", error.expected, error.value) from None
        if dph_total.__class__ not in _FIT_DPH_TOTAL_FAST:
            dph_total = _FIT_DPH_TOTAL(dph_total)

        try:
            dlperf = d.pop("dlperf", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.dlperf", error.expected, error.value) from None
        if dlperf.__class__ not in _FIT_DLPERF_FAST:
            dlperf = _FIT_DLPERF(dlperf)

        try:
            dlperf_per_dphtotal = d.pop("dlperf_per_dphtotal", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.dlperf_per_dphtotal", error.expected, error.value) from None
        if dlperf_per_dphtotal.__class__ not in _FIT_DLPERF_PER_DPHTOTAL_FAST:
            dlperf_per_dphtotal = _FIT_DLPERF_PER_DPHTOTAL(dlperf_per_dphtotal)

        try:
            flops_per_dphtotal = d.pop("flops_per_dphtotal", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.flops_per_dphtotal", error.expected, error.value) from None
        if flops_per_dphtotal.__class__ not in _FIT_FLOPS_PER_DPHTOTAL_FAST:
            flops_per_dphtotal = _FIT_FLOPS_PER_DPHTOTAL(flops_per_dphtotal)

        try:
            total_flops = d.pop("total_flops", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.total_flops", error.expected, error.value) from None
        if total_flops.__class__ not in _FIT_TOTAL_FLOPS_FAST:
            total_flops = _FIT_TOTAL_FLOPS(total_flops)

        try:
            score = d.pop("score", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.score", error.expected, error.value) from None
        if score.__class__ not in _FIT_SCORE_FAST:
            score = _FIT_SCORE(score)

        try:
            reliability2 = d.pop("reliability2", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.reliability2", error.expected, error.value) from None
        if reliability2.__class__ not in _FIT_RELIABILITY2_FAST:
            reliability2 = _FIT_RELIABILITY2(reliability2)

        try:
            os_version = d.pop("os_version", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.os_version", error.expected, error.value) from None
        if os_version.__class__ not in _FIT_OS_VERSION_FAST:
            os_version = _FIT_OS_VERSION(os_version)

        try:
            mobo_name = d.pop("mobo_name", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.mobo_name", error.expected, error.value) from None
        if mobo_name.__class__ not in _FIT_MOBO_NAME_FAST:
            mobo_name = _FIT_MOBO_NAME(mobo_name)

        try:
            pci_gen = d.pop("pci_gen", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.pci_gen", error.expected, error.value) from None
        if pci_gen.__class__ not in _FIT_PCI_GEN_FAST:
            pci_gen = _FIT_PCI_GEN(pci_gen)

        try:
            pcie_bw = d.pop("pcie_bw", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.pcie_bw", error.expected, error.value) from None
        if pcie_bw.__class__ not in _FIT_PCIE_BW_FAST:
            pcie_bw = _FIT_PCIE_BW(pcie_bw)

        try:
            num_gpus = d.pop("num_gpus", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.num_gpus", error.expected, error.value) from None
        if num_gpus.__class__ not in _FIT_NUM_GPUS_FAST:
            num_gpus = _FIT_NUM_GPUS(num_gpus)

        try:
            logo = d.pop("logo", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.logo", error.expected, error.value) from None
        if logo.__class__ not in _FIT_LOGO_FAST:
            logo = _FIT_LOGO(logo)

        try:
            webpage = d.pop("webpage", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.webpage", error.expected, error.value) from None
        if webpage.__class__ not in _FIT_WEBPAGE_FAST:
            webpage = _FIT_WEBPAGE(webpage)

        try:

            def _parse_search(data: object) -> InstanceSearchType0 | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                _problems: list[Exception] = []
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    search_type_0 = InstanceSearchType0.from_dict(data)

                    return search_type_0
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    _problems.append(error)
                raise next(
                    (p for p in _problems if isinstance(p, errors.UnexpectedValue)),
                    errors.UnexpectedValue("search", "InstanceSearchType0 | None", data),
                )

            search = _parse_search(d.pop("search", UNSET))

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.search", error.expected, error.value) from None

        try:

            def _parse_instance(data: object) -> InstanceInstanceType0 | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                _problems: list[Exception] = []
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    instance_type_0 = InstanceInstanceType0.from_dict(data)

                    return instance_type_0
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    _problems.append(error)
                raise next(
                    (p for p in _problems if isinstance(p, errors.UnexpectedValue)),
                    errors.UnexpectedValue("instance", "InstanceInstanceType0 | None", data),
                )

            instance = _parse_instance(d.pop("instance", UNSET))

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.instance", error.expected, error.value) from None

        try:
            storage_cost = d.pop("storage_cost", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.storage_cost", error.expected, error.value) from None
        if storage_cost.__class__ not in _FIT_STORAGE_COST_FAST:
            storage_cost = _FIT_STORAGE_COST(storage_cost)

        try:
            storage_total_cost = d.pop("storage_total_cost", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.storage_total_cost", error.expected, error.value) from None
        if storage_total_cost.__class__ not in _FIT_STORAGE_TOTAL_COST_FAST:
            storage_total_cost = _FIT_STORAGE_TOTAL_COST(storage_total_cost)

        try:
            vram_costperhour = d.pop("vram_costperhour", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.vram_costperhour", error.expected, error.value) from None
        if vram_costperhour.__class__ not in _FIT_VRAM_COSTPERHOUR_FAST:
            vram_costperhour = _FIT_VRAM_COSTPERHOUR(vram_costperhour)

        try:
            credit_balance = d.pop("credit_balance", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.credit_balance", error.expected, error.value) from None
        if credit_balance.__class__ not in _FIT_CREDIT_BALANCE_FAST:
            credit_balance = _FIT_CREDIT_BALANCE(credit_balance)

        try:
            credit_discount = d.pop("credit_discount", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.credit_discount", error.expected, error.value) from None
        if credit_discount.__class__ not in _FIT_CREDIT_DISCOUNT_FAST:
            credit_discount = _FIT_CREDIT_DISCOUNT(credit_discount)

        try:
            credit_discount_max = d.pop("credit_discount_max", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.credit_discount_max", error.expected, error.value) from None
        if credit_discount_max.__class__ not in _FIT_CREDIT_DISCOUNT_MAX_FAST:
            credit_discount_max = _FIT_CREDIT_DISCOUNT_MAX(credit_discount_max)

        try:
            client_run_time = d.pop("client_run_time", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.client_run_time", error.expected, error.value) from None
        if client_run_time.__class__ not in _FIT_CLIENT_RUN_TIME_FAST:
            client_run_time = _FIT_CLIENT_RUN_TIME(client_run_time)

        try:
            host_run_time = d.pop("host_run_time", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.host_run_time", error.expected, error.value) from None
        if host_run_time.__class__ not in _FIT_HOST_RUN_TIME_FAST:
            host_run_time = _FIT_HOST_RUN_TIME(host_run_time)

        try:
            external = d.pop("external", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.external", error.expected, error.value) from None
        if external.__class__ not in _FIT_EXTERNAL_FAST:
            external = _FIT_EXTERNAL(external)

        try:
            time_remaining = d.pop("time_remaining", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.time_remaining", error.expected, error.value) from None
        if time_remaining.__class__ not in _FIT_TIME_REMAINING_FAST:
            time_remaining = _FIT_TIME_REMAINING(time_remaining)

        try:
            time_remaining_isbid = d.pop("time_remaining_isbid", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.time_remaining_isbid", error.expected, error.value) from None
        if time_remaining_isbid.__class__ not in _FIT_TIME_REMAINING_ISBID_FAST:
            time_remaining_isbid = _FIT_TIME_REMAINING_ISBID(time_remaining_isbid)

        try:
            inet_up = d.pop("inet_up", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.inet_up", error.expected, error.value) from None
        if inet_up.__class__ not in _FIT_INET_UP_FAST:
            inet_up = _FIT_INET_UP(inet_up)

        try:
            inet_down = d.pop("inet_down", UNSET)

        except errors.UnexpectedValue as error:
            if "." in error.where or "[" in error.where:  # A field further in names itself.
                raise
            raise errors.UnexpectedValue("Instance.inet_down", error.expected, error.value) from None
        if inet_down.__class__ not in _FIT_INET_DOWN_FAST:
            inet_down = _FIT_INET_DOWN(inet_down)

        # Every field is set right here, so __init__ (a keyword call per object) is skipped: half the cost.
        # _self, not the module's name: a field may share it (Instance.instance).
        _self = object.__new__(cls)
        _self.id = id
        _self.actual_status = actual_status
        _self.intended_status = intended_status
        _self.cur_state = cur_state
        _self.next_state = next_state
        _self.label = label
        _self.template_id = template_id
        _self.template_hash_id = template_hash_id
        _self.template_name = template_name
        _self.image_uuid = image_uuid
        _self.image_args = image_args
        _self.image_runtype = image_runtype
        _self.extra_env = extra_env
        _self.onstart = onstart
        _self.jupyter_token = jupyter_token
        _self.status_msg = status_msg
        _self.local_ipaddrs = local_ipaddrs
        _self.ssh_host = ssh_host
        _self.ssh_idx = ssh_idx
        _self.ssh_port = ssh_port
        _self.machine_dir_ssh_port = machine_dir_ssh_port
        _self.machine_id = machine_id
        _self.bundle_id = bundle_id
        _self.start_date = start_date
        _self.end_date = end_date
        _self.uptime_mins = uptime_mins
        _self.duration = duration
        _self.cpu_arch = cpu_arch
        _self.cpu_cores = cpu_cores
        _self.cpu_cores_effective = cpu_cores_effective
        _self.cpu_name = cpu_name
        _self.cpu_ram = cpu_ram
        _self.cpu_util = cpu_util
        _self.mem_limit = mem_limit
        _self.mem_usage = mem_usage
        _self.vmem_usage = vmem_usage
        _self.gpu_name = gpu_name
        _self.gpu_arch = gpu_arch
        _self.gpu_totalram = gpu_totalram
        _self.gpu_ram = gpu_ram
        _self.gpu_util = gpu_util
        _self.gpu_temp = gpu_temp
        _self.gpu_frac = gpu_frac
        _self.gpu_lanes = gpu_lanes
        _self.gpu_mem_bw = gpu_mem_bw
        _self.bw_nvlink = bw_nvlink
        _self.cuda_max_good = cuda_max_good
        _self.driver_version = driver_version
        _self.disk_name = disk_name
        _self.disk_space = disk_space
        _self.disk_bw = disk_bw
        _self.disk_util = disk_util
        _self.disk_usage = disk_usage
        _self.direct_port_count = direct_port_count
        _self.direct_port_start = direct_port_start
        _self.direct_port_end = direct_port_end
        _self.ports = ports
        _self.static_ip = static_ip
        _self.public_ipaddr = public_ipaddr
        _self.geolocation = geolocation
        _self.verification = verification
        _self.rentable = rentable
        _self.host_id = host_id
        _self.hosting_type = hosting_type
        _self.min_bid = min_bid
        _self.is_bid = is_bid
        _self.dph_base = dph_base
        _self.dph_total = dph_total
        _self.dlperf = dlperf
        _self.dlperf_per_dphtotal = dlperf_per_dphtotal
        _self.flops_per_dphtotal = flops_per_dphtotal
        _self.total_flops = total_flops
        _self.score = score
        _self.reliability2 = reliability2
        _self.os_version = os_version
        _self.mobo_name = mobo_name
        _self.pci_gen = pci_gen
        _self.pcie_bw = pcie_bw
        _self.num_gpus = num_gpus
        _self.logo = logo
        _self.webpage = webpage
        _self.search = search
        _self.instance = instance
        _self.storage_cost = storage_cost
        _self.storage_total_cost = storage_total_cost
        _self.vram_costperhour = vram_costperhour
        _self.credit_balance = credit_balance
        _self.credit_discount = credit_discount
        _self.credit_discount_max = credit_discount_max
        _self.client_run_time = client_run_time
        _self.host_run_time = host_run_time
        _self.external = external
        _self.time_remaining = time_remaining
        _self.time_remaining_isbid = time_remaining_isbid
        _self.inet_up = inet_up
        _self.inet_down = inet_down
        instance = _self

        instance.additional_properties = d
        return instance

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
