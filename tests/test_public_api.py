"""The public surface: names, __all__, the error tree, and a light import."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import vast_wrapper
from tools.project import ROOT
from vast_wrapper import _exceptions


def test_all_matches_the_public_names() -> None:
    """__all__ lists exactly the public names of the package (ruff's RUF022 keeps it sorted)."""
    names = [name for name in dir(vast_wrapper) if not name.startswith("_")]
    # Under `make mutate`, mutmut's trampolines add MutantDict and *mutmut* names to the module: not API.
    public = {name for name in names if "mutmut" not in name and name != "MutantDict"} | {"__version__"}
    modules = {name for name in public if type(getattr(vast_wrapper, name)).__name__ == "module"}
    assert set(vast_wrapper.__all__) == public - modules


def documented_tree(text: str) -> dict[str, str]:
    """{class: parent} from an error tree drawn with ├── and └── (four columns a level)."""
    lines = text[text.index("\nVastError\n") + 1 :].splitlines()
    parents: dict[str, str] = {}
    path = ["VastError"]
    for line in lines[1:]:
        match = re.match(r"([│ ]*)[├└]── (\w+)", line)
        if match is None:
            break
        depth = len(match.group(1)) // 4 + 1
        del path[depth:]
        parents[match.group(2)] = path[-1]
        path.append(match.group(2))
    return parents


@pytest.mark.parametrize("where", ["README.md", "the _exceptions docstring"])
def test_the_documented_error_tree_is_the_real_one(where: str) -> None:
    """The tree drawn in the README and in the module docstring lists every exported error under
    its real parent, and nothing else."""
    text = (ROOT / "README.md").read_text() if where == "README.md" else _exceptions.__doc__ or ""
    parents = documented_tree(text)
    assert set(parents) | {"VastError"} == set(_exceptions.__all__)
    for name, parent in parents.items():
        cls = getattr(vast_wrapper, name)
        assert getattr(vast_wrapper, parent) in cls.__bases__, f"{name} is drawn under {parent}"
    (auth,) = [line for line in text.splitlines() if "── AuthenticationError" in line]
    assert "401" in auth
    assert "403" in auth  # Forbidden is an authentication error too (tests/test_client.py).


def test_tree_shape() -> None:
    """The documented tree: timeouts are connection errors, status errors are APIStatusError."""
    v = vast_wrapper
    assert issubclass(v.APITimeoutError, v.APIConnectionError)
    for cls in (v.BadRequestError, v.AuthenticationError, v.NotFoundError, v.RateLimitError, v.ServerError):
        assert issubclass(cls, v.APIStatusError)
    assert not issubclass(v.UnexpectedResponseError, v.APIStatusError)
    assert issubclass(v.InvalidInputError, ValueError)
    assert issubclass(v.WaitTimeoutError, TimeoutError)


def test_models_are_the_generated_ones() -> None:
    """Instance and Worker are the generated models, re-exported."""
    from vast_api.models import Instance, Worker

    assert vast_wrapper.Instance is Instance
    assert vast_wrapper.Worker is Worker


@pytest.mark.process
def test_import_does_no_io_and_loads_nothing_heavy() -> None:
    """Importing vast_wrapper opens no socket and defers httpx, attrs, the models, asyncio and argparse."""
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise AssertionError('socket opened on import')\n"
        "socket.socket.connect = refuse\n"
        "import vast_wrapper\n"
        "heavy = ('httpx', 'attrs', 'vast_api', 'asyncio', 'argparse', 'vast_wrapper._cli')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
        "vast_wrapper.VastClient\n"
        "print('vast_api.models' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.split("\n")[:2] == ["", "True"]


def test_unknown_attribute_is_an_attribute_error() -> None:
    """A misspelt name raises AttributeError, as for any module."""
    with pytest.raises(AttributeError, match="VastClinet"):
        _ = vast_wrapper.VastClinet


def test_constructor_docstring_lists_the_environment() -> None:
    """The client docstrings name every environment variable they read."""
    for cls in (vast_wrapper.VastClient, vast_wrapper.AsyncVastClient):
        for name in ("VAST_API_KEY", "VAST_BASE_URL", "VAST_CONSOLE_URL", "VAST_RUN_URL"):
            assert name in (cls.__doc__ or "")


@pytest.mark.parametrize(
    ("name", "home"),
    [
        ("VastClient", "vast_wrapper._client"),
        ("AsyncVastClient", "vast_wrapper._client"),
        ("Instance", "vast_api.models"),
        ("Worker", "vast_api.models"),
        ("WaitProgress", "vast_wrapper._waiters"),
    ],
)
def test_a_lazy_name_is_loaded_on_first_use_and_kept(monkeypatch: pytest.MonkeyPatch, name: str, home: str) -> None:
    """`vast_wrapper.VastClient` and the models load on first use (here forgotten first), and stay loaded."""
    import importlib

    monkeypatch.delitem(vars(vast_wrapper), name, raising=False)
    real = getattr(importlib.import_module(home), name)
    assert getattr(vast_wrapper, name) is real
    assert vars(vast_wrapper)[name] is real  # The next use is a plain attribute.
    assert getattr(vast_wrapper, name) is real


@pytest.mark.parametrize("name", ["show_instance", "get_endpoint_workers", "get_autogroup_workers"])
def test_an_operation_is_named_after_its_generated_module(name: str) -> None:
    """The name logs and errors use ("show_instance 5 -> 200") is the generated module's own."""
    from vast_wrapper import _operations

    op = getattr(_operations, name.upper())
    made = _operations.Operation(op.module, op.host, op.arguments, op.read)
    assert (made.name, made.module, made.host, made.arguments, made.read) == (
        name, op.module, op.host, op.arguments, op.read
    )  # fmt: skip
