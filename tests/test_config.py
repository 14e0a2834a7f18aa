"""Settings from arguments and environment, and bad input refused before anything is sent."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.conftest import CANARY_KEY, Script, json_response
from tests.spec import named_example
from vast_wrapper import AsyncVastClient, InvalidInputError, VastClient


def test_missing_key_names_the_variable() -> None:
    """No api_key and no VAST_API_KEY: a clear error naming VAST_API_KEY."""
    with pytest.raises(InvalidInputError, match="VAST_API_KEY"):
        VastClient()
    with pytest.raises(InvalidInputError, match="VAST_API_KEY"):
        AsyncVastClient()


def test_key_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """VAST_API_KEY is used when no api_key is given; an explicit one wins."""
    script = Script(json_response(200, named_example("running_instance")))
    monkeypatch.setenv("VAST_API_KEY", "from-env")
    with VastClient(transport=httpx.MockTransport(script)) as client:
        client.show_instance(1)
    with VastClient(api_key="explicit", transport=httpx.MockTransport(script)) as client:
        client.show_instance(1)
    assert [r.headers["authorization"] for r in script.requests] == ["Bearer from-env", "Bearer explicit"]


@pytest.mark.parametrize("key", [f"{CANARY_KEY}\n", f" {CANARY_KEY}", "two words", "tab\tkey", "", "ключ"])
def test_unusable_keys_are_refused_without_quoting_them(key: str) -> None:
    """Keys with whitespace, newlines or non-ASCII are refused, and the message never quotes the key."""
    with pytest.raises(InvalidInputError) as caught:
        VastClient(api_key=key)
    assert key.strip() == "" or key.strip() not in str(caught.value)


def _urls(client: VastClient) -> tuple[str, str]:
    """The two hosts' URLs, as the client's repr shows them."""
    match = re.fullmatch(r"VastClient\(console_url='(.*)', run_url='(.*)', max_retries=\d+\)", repr(client))
    assert match is not None
    return match.group(1), match.group(2)


@pytest.mark.parametrize(
    ("env", "args", "expected"),
    [
        ({}, {}, ("https://console.vast.ai", "https://run.vast.ai")),
        ({"VAST_BASE_URL": "http://127.0.0.1:4010"}, {}, ("http://127.0.0.1:4010", "http://127.0.0.1:4010")),
        (
            {"VAST_BASE_URL": "http://127.0.0.1:1", "VAST_RUN_URL": "https://run.example"},
            {},
            ("http://127.0.0.1:1", "https://run.example"),
        ),
        ({"VAST_CONSOLE_URL": "https://c.example/"}, {}, ("https://c.example", "https://run.vast.ai")),
        ({"VAST_CONSOLE_URL": "https://c.example"}, {"base_url": "http://localhost:9"}, ("http://localhost:9",) * 2),
        ({"VAST_BASE_URL": "https://b.example"}, {"run_url": "https://r.example"}, ("https://b.example", "https://r.example")),
        ({}, {"base_url": "http://[::1]:4010", "console_url": "https://c.example"}, ("https://c.example", "http://[::1]:4010")),
    ],
)  # fmt: skip
def test_url_precedence(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], args: dict[str, Any], expected: tuple[str, str]
) -> None:
    """Explicit arguments win over VAST_CONSOLE_URL/VAST_RUN_URL, which win over VAST_BASE_URL."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with VastClient(api_key=CANARY_KEY, **args) as client:
        assert _urls(client) == expected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "must look like"),
        ("   ", "must look like"),
        ("console.vast.ai", "must look like"),
        ("ftp://console.vast.ai", "must look like"),
        ("https://", "must look like"),
        ("https://host:port", "not a valid URL"),
        ("https://user:pw@host", "credentials"),
        ("https://host/?api_key=x", "query"),
        ("http://console.vast.ai", "plain http"),
        ("http://10.0.0.5:4010", "plain http"),
        ("http://localhost.evil.com", "plain http"),
        ("http://localhost.evil.com.:4010", "plain http"),
        ("http://localhostx:4010", "plain http"),
        ("http://127.0.0.1.evil.com", "plain http"),
        ("http://0.0.0.0:4010", "plain http"),
    ],
)
def test_bad_urls_are_refused(url: str, message: str) -> None:
    """Empty, malformed, or plain-http non-loopback URLs raise InvalidInputError before any request."""
    with pytest.raises(InvalidInputError, match=message):
        VastClient(api_key=CANARY_KEY, base_url=url)


@pytest.mark.parametrize("bad_id", [0, -1, 9007199254740992, "123", 1.0, True, None])
@pytest.mark.parametrize("method", ["show_instance", "get_endpoint_workers", "get_autogroup_workers"])
def test_bad_ids_are_refused_before_sending(bad_id: Any, method: str) -> None:
    """Ids that are 0, negative, too large or not integers raise InvalidInputError; nothing is sent."""
    script = Script(json_response(200, []))
    with script.client() as client, pytest.raises(InvalidInputError, match="id must be"):
        getattr(client, method)(bad_id)
    assert script.requests == []


@pytest.mark.parametrize(
    ("option", "value"), [("max_retries", -1), ("max_retries", 1.5), ("timeout", 0), ("timeout", "5")]
)
def test_bad_options_are_refused(option: str, value: Any) -> None:
    """Negative retries and non-positive timeouts are refused up front."""
    with pytest.raises(InvalidInputError):
        VastClient(api_key=CANARY_KEY, **{option: value})


@pytest.mark.parametrize(
    "url",
    ["http://localhost:4010", "http://LOCALHOST.:4010", "http://127.0.0.1", "http://127.9.8.7:1", "http://[::1]:4010"],
)
def test_plain_http_to_this_machine_is_accepted(url: str) -> None:
    """Loopback, by name or by address, may use plain http; the request goes there."""
    script = Script(json_response(200, named_example("running_instance")))
    with VastClient(api_key=CANARY_KEY, base_url=url, transport=httpx.MockTransport(script)) as client:
        client.show_instance(1)
    assert (script.requests[0].url.scheme, script.requests[0].url.host) == ("http", httpx.URL(url).host)


def test_largest_id_is_accepted() -> None:
    """2^53-1, the spec's maximum, is sent."""
    script = Script(json_response(200, named_example("running_instance")))
    with script.client() as client:
        client.show_instance(9007199254740991)
    assert script.requests[0].url.path == "/api/v0/instances/9007199254740991/"


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("two words", "The API key contains whitespace or a newline; check how it was copied."),
        ("ключ", "The API key contains characters that cannot go in an HTTP header."),
        ("bell\x07", "The API key contains characters that cannot go in an HTTP header."),
    ],
)
def test_an_unusable_key_is_refused_in_one_readable_line(key: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        VastClient(api_key=key)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"console_url": "ftp://c"}, "The console URL 'ftp://c' must look like https://host[:port]."),
        ({"run_url": "ftp://r"}, "The run URL 'ftp://r' must look like https://host[:port]."),
    ],
)
def test_a_bad_url_error_names_which_url(options: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        VastClient(api_key=CANARY_KEY, **options)
    assert str(caught.value) == message


ID_AS_TEXT: Any = "123"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: VastClient(api_key=CANARY_KEY, base_url="https://user@host"),
            "The console URL must not carry credentials, a query or a fragment.",
        ),
        (lambda: VastClient(api_key=CANARY_KEY, max_retries=-1), "max_retries must be a whole number, 0 or more."),
        (
            lambda: Script(json_response(200, [])).client().show_instance(ID_AS_TEXT),
            "The id must be an integer, not str.",
        ),
    ],
)
def test_refusals_read_as_one_line(make: Any, message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        make()
    assert str(caught.value) == message


def test_a_timeout_under_a_second_is_allowed() -> None:
    script = Script(json_response(200, named_example("running_instance")))
    with script.client(timeout=0.5) as client:
        client.show_instance(1)
    assert script.requests[0].extensions["timeout"]["read"] == 0.5


def test_not_given_reads_as_its_name_in_signatures() -> None:
    """help(VastClient.show_instance) shows `timeout=NOT_GIVEN`."""
    import inspect

    assert "timeout: 'TimeoutTypes' = NOT_GIVEN" in str(inspect.signature(VastClient.show_instance))


def test_only_trailing_slashes_are_cut_from_a_url() -> None:
    """A trailing "/" goes; the path's own last letters stay, whatever they are."""
    with VastClient(api_key=CANARY_KEY, base_url="https://proxy.example/vaX//") as client:
        assert _urls(client) == ("https://proxy.example/vaX", "https://proxy.example/vaX")


@pytest.mark.parametrize("make", [VastClient, AsyncVastClient])
@pytest.mark.parametrize(
    ("argument", "env", "message"),
    [
        ("ftp://cache.example", None, "pacing_url must start with redis://, rediss://, sqlite:/// or memory://."),
        (None, "ftp://cache.example", "VAST_PACING_URL must start with redis://, rediss://, sqlite:/// or memory://."),
        (None, "sqlite://relative", "VAST_PACING_URL must name an absolute file: sqlite:///path/to/pacing.sqlite3."),
        ("redis://:hunter2@:6379/0", None, "pacing_url must name a Redis host: redis://host:port/db."),
    ],
)
def test_a_bad_pacing_url_names_where_it_came_from(
    monkeypatch: pytest.MonkeyPatch, make: Any, argument: str | None, env: str | None, message: str
) -> None:
    """Both clients refuse it, naming the argument or the variable it was read from, never the URL."""
    if env is not None:
        monkeypatch.setenv("VAST_PACING_URL", env)
    with pytest.raises(InvalidInputError) as caught:
        make(api_key=CANARY_KEY, pacing_url=argument)
    assert str(caught.value) == message


@pytest.mark.parametrize("make", [VastClient, AsyncVastClient])
def test_a_tls_redis_url_is_accepted(make: Any) -> None:
    """rediss:// (Redis over TLS) is a Redis store as redis:// is; its password is never shown."""
    client = make(api_key=CANARY_KEY, pacing_url="rediss://:hunter2@127.0.0.1:1/0")
    assert client._pacer.where == "rediss://127.0.0.1:1/0"
    assert "hunter2" not in repr(client)
