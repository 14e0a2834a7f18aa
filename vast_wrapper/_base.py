"""The core both clients share: the operations, reading answers, mapping errors, deciding retries.

The sync and async clients only send requests and sleep; every decision is made here, once.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import re
from collections.abc import Callable, Mapping
from typing import Any, Generic, Literal, TypeVar

import attrs
import httpx
from vast_api.api.instances import show_instance as _show_instance
from vast_api.api.serverless import get_autogroup_workers as _get_autogroup_workers
from vast_api.api.serverless import get_endpoint_workers as _get_endpoint_workers
from vast_api.models import Instance, Worker, WorkersRequest

from vast_wrapper import _retry
from vast_wrapper._config import check_id, resolve_api_key, resolve_urls
from vast_wrapper._constants import CONNECT_TIMEOUT, MAX_RETRY_AFTER, MESSAGE_LIMIT, READ_TIMEOUT
from vast_wrapper._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InvalidInputError,
    NotFoundError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
    VastError,
    WaitError,
    WaitTimeoutError,
)
from vast_wrapper._status import TERMINAL_INSTANCE_STATUSES, State, worker_state

logger = logging.getLogger("vast_wrapper")

T = TypeVar("T")
M = TypeVar("M")
A = TypeVar("A", bound=attrs.AttrsInstance)
Host = Literal["console", "run"]
TimeoutTypes = float | httpx.Timeout | None


class _Unset:
    """Marks a per-call option the caller did not give (None is a valid timeout: wait forever)."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _Unset()

# Patterns are compiled on first use (functools.cache): most calls never need them.
_AUTH_WORDS = r"auth|api[ _-]?key|user key|log ?in|session expired|unauthori[sz]ed|forbidden"
# The spec's pattern for numbers sent as strings; "nan" or "inf" stay strings.
_NUMERIC = r"[ \t\r\n]*-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?[ \t\r\n]*"


@functools.cache
def _pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# --- reading bodies ---------------------------------------------------------------------------


def _body_text(response: httpx.Response) -> str:
    return response.content.decode(response.encoding or "utf-8", errors="replace")


def _decode(response: httpx.Response) -> tuple[Any, bool]:
    """(the JSON body, True), or (the text, False) when it is not JSON, as 429s and edge pages often are not."""
    try:
        return json.loads(response.content), True
    except (ValueError, RecursionError):
        return _body_text(response), False


def _message(body: Any) -> str:
    """The server's own words, from whichever field it used, or from a text or HTML body."""
    if isinstance(body, Mapping):
        for field in ("msg", "message", "error_msg", "detail", "error"):
            value = body.get(field)
            if value not in (None, "", [], {}):
                return _clip(value if isinstance(value, str) else json.dumps(value))
        return ""
    if isinstance(body, str):
        title = _pattern(r"<title[^>]*>(.*?)</title>", re.I | re.S).search(body)
        if title:
            return _clip(title.group(1))
        if "<html" in body[:512].lower():
            return "an HTML page"
        return _clip(body)
    return ""


def _clip(text: str) -> str:
    text = _pattern(r"\s+").sub(" ", text).strip()
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


def _says_bad_key(body: Any, message: str) -> bool:
    code = body.get("error") if isinstance(body, Mapping) else None
    return code == "auth_error" or bool(_pattern(_AUTH_WORDS, re.I).search(message))


def _status_error(status: int, body: Any, *, context: str = "") -> APIStatusError:
    """The one status-to-exception ladder."""
    text = _message(body)
    message = f"HTTP {status}{context}: {text}" if text else f"HTTP {status}{context}"
    cls: type[APIStatusError]
    if status == 400:
        cls = BadRequestError
    elif status in (401, 403) or (status in (200, 404) and _says_bad_key(body, text)):
        cls = AuthenticationError
    elif status == 404:
        cls = NotFoundError
    elif status == 429:
        return RateLimitError(message, status_code=status, body=body)
    elif status >= 500:
        cls = ServerError
    else:
        cls = APIStatusError
    return cls(message, status_code=status, body=body)


def _unexpected(response: httpx.Response, why: str) -> UnexpectedResponseError:
    return UnexpectedResponseError(
        f"Unexpected answer (HTTP {response.status_code}): {why}",
        status_code=response.status_code,
        body=_clip(_body_text(response)),
    )


# --- normalising models -----------------------------------------------------------------------


def _numeric_fields(model: type[Any]) -> frozenset[str]:
    """Names of a generated model's fields whose type admits a number."""
    return frozenset(f.name for f in attrs.fields(model) if re.search(r"\b(float|int)\b", str(f.type)))


def _number(value: Any) -> Any:
    """A numeric string ("0.75", "100") as a number; anything else as sent."""
    if not isinstance(value, str) or _pattern(_NUMERIC).fullmatch(value) is None:
        return value
    try:
        return float(value) if "." in value or "e" in value or "E" in value else int(value)
    except ValueError:  # An integer string too long for int() stays a string.
        return value


class FastParser(Generic[A]):
    """A generated model's from_dict, several times faster, with numeric strings made numbers.

    The generated parser is the identity for fields whose type is a union of JSON primitives;
    a field typed with a nested model gets that model's own generated from_dict. So the result
    is what from_dict gives, which tests/test_properties.py checks on generated bodies.
    """

    def __init__(self, model: type[A]) -> None:
        self.model = model
        self.plan: tuple[tuple[str, bool, Callable[[dict[str, Any]], Any] | None], ...] = ()

    def _make_plan(self) -> None:
        """Read the model's fields once, on first use: import stays cheap."""
        import vast_api.models  # noqa: PLC0415 - the namespace of the generated models.

        model = self.model
        numbers = _numeric_fields(model)
        plan: list[tuple[str, bool, Callable[[dict[str, Any]], Any] | None]] = []
        for f in attrs.fields(model):
            if not f.init:
                continue
            models = [n for n in re.findall(r"[A-Z]\w+", str(f.type)) if n != "Unset" and hasattr(vast_api.models, n)]
            if len(models) > 1:
                # A spec change to revisit, not a bad answer: not one of the errors _build maps.
                raise NotImplementedError(
                    f"{model.__name__}.{f.name}: a union of models needs the generator's dispatch"
                )
            nested = getattr(vast_api.models, models[0]).from_dict if models else None
            plan.append((f.name, f.name in numbers, nested))
        # (field, may be a number, nested model's from_dict), in the constructor's order.
        self.plan = tuple(plan)

    def __call__(self, data: dict[str, Any]) -> A:
        if not self.plan:
            self._make_plan()
        # A plain loop over the plan: measured faster than set operations, which allocate per object.
        known: dict[str, Any] = {}
        for name, numeric, nested in self.plan:
            if name in data:
                value = data.pop(name)
                if value.__class__ is str:
                    if numeric:
                        value = _number(value)
                elif nested is not None and value.__class__ is dict:
                    # As the generator does: a body its model cannot read is kept as sent.
                    with contextlib.suppress(TypeError, ValueError, AttributeError, KeyError):
                        value = nested(value)
                known[name] = value
        obj = self.model(**known)
        obj.additional_properties = data  # type: ignore[attr-defined] # What is left is unknown fields.
        return obj


instance_from_dict = FastParser(Instance)
worker_from_dict = FastParser(Worker)


def _is_error_body(body: dict[str, Any]) -> bool:
    return body.get("success") is False or any(k in body for k in ("error_msg", "error", "msg", "message", "detail"))


def parse_instance(body: Any, response: httpx.Response, ident: int) -> Instance:
    """`{"instances": {...}}` into an Instance; null means not found; anything else is an error."""
    if not isinstance(body, dict):
        raise _unexpected(response, f"expected a JSON object, got {type(body).__name__}")
    if "instances" not in body:
        if _is_error_body(body):
            raise _status_error(response.status_code, body, context=" with an error in the body")
        raise _unexpected(response, "no 'instances' field")
    data = body["instances"]
    if data is None:
        raise NotFoundError(f"Instance {ident} not found, or not yours.", status_code=response.status_code, body=body)
    if not isinstance(data, dict):
        raise _unexpected(response, f"'instances' is {type(data).__name__}, not an object")
    for name in ("public_ipaddr", "local_ipaddrs"):
        if isinstance(data.get(name), str):
            data[name] = data[name].strip()
    return _build(instance_from_dict, data, response)


def parse_workers(body: Any, response: httpx.Response, ident: int) -> list[Worker]:
    """A bare array or `{"workers": [...]}` into Workers; errors sent with HTTP 200 raise."""
    items = body
    if isinstance(body, dict):
        if "workers" in body:
            items = body["workers"]
        elif _is_error_body(body):
            raise _status_error(response.status_code, body, context=" with an error in the body")
    elif isinstance(body, str):
        raise _status_error(response.status_code, body, context=" with an error in the body")
    if not isinstance(items, list):
        raise _unexpected(response, f"expected a list of workers, got {type(items).__name__}")
    workers = []
    for item in items:
        if not isinstance(item, dict):
            raise _unexpected(response, f"a worker is {type(item).__name__}, not an object")
        workers.append(_build(worker_from_dict, item, response))
    return workers


def _build(from_dict: Callable[[dict[str, Any]], M], data: dict[str, Any], response: httpx.Response) -> M:
    try:
        return from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        # The generated parser's own failures are answers we cannot read, not bugs to leak.
        raise _unexpected(response, f"could not read the body ({type(exc).__name__})") from None


# --- operations -------------------------------------------------------------------------------


class Operation(Generic[T]):
    """One API operation: which host, how to build its request, how to read its answer."""

    __slots__ = ("build", "host", "name", "parse")

    def __init__(
        self,
        name: str,
        host: Host,
        build: Callable[[int], dict[str, Any]],
        parse: Callable[[Any, httpx.Response, int], T],
    ) -> None:
        self.name, self.host, self.build, self.parse = name, host, build, parse


def _workers_builder(module: Any) -> Callable[[int], dict[str, Any]]:
    # The key travels in the Authorization header only, never in the body.
    return lambda ident: module._get_kwargs(body=WorkersRequest(id=ident))


SHOW_INSTANCE: Operation[Instance] = Operation(
    "show_instance", "console", lambda ident: _show_instance._get_kwargs(id=ident), parse_instance
)
GET_ENDPOINT_WORKERS: Operation[list[Worker]] = Operation(
    "get_endpoint_workers", "run", _workers_builder(_get_endpoint_workers), parse_workers
)
GET_AUTOGROUP_WORKERS: Operation[list[Worker]] = Operation(
    "get_autogroup_workers", "run", _workers_builder(_get_autogroup_workers), parse_workers
)


# --- one call, attempt by attempt -------------------------------------------------------------


class Retry:
    """Send the request again after `delay` seconds."""

    __slots__ = ("delay",)

    def __init__(self, delay: float) -> None:
        self.delay = delay


class Call(Generic[T]):
    """The state of one call across its attempts; every decision about it is made here."""

    def __init__(
        self,
        op: Operation[T],
        ident: int,
        *,
        kwargs: dict[str, Any],
        max_retries: int,
        pacer: _retry.Pacer,
        secret: str,
    ) -> None:
        self.op = op
        self._secret = secret
        self.ident = ident
        self.kwargs = kwargs
        self.max_retries = max_retries
        self.pacer = pacer
        self.attempts = 0
        self._started = 0.0

    def before_attempt(self) -> float:
        """Count the attempt; returns the seconds to wait for the endpoint's pacing slot."""
        self.attempts += 1
        wait = self.pacer.reserve(self.op.name)
        self._started = _retry.clock() + wait
        return wait

    def answered(self, response: httpx.Response) -> T | Retry:
        """The parsed value, or a Retry; raises the mapped error."""
        status = response.status_code
        self._log(status)
        body, is_json = _decode(response)
        try:
            if status == 200:
                if not is_json:
                    raise _unexpected(response, "the body is not JSON")
                return self.op.parse(body, response, self.ident)
            if status == 429:
                return self._rate_limited(response, body)
            if status in _retry.RETRY_STATUSES and self.attempts <= self.max_retries:
                return self._retry(_retry.retry_after(response) or _retry.backoff(self.attempts), f"HTTP {status}")
            if 200 < status < 300:
                raise _unexpected(response, "a success status the API does not use")
            raise _status_error(status, body)
        except VastError as error:
            raise self._finish(error) from None

    def _rate_limited(self, response: httpx.Response, body: Any) -> Retry:
        text = _message(body)
        threshold = _retry.rate_limit_threshold(text)
        if threshold is not None:
            self.pacer.learn(self.op.name, threshold)
        wait = _retry.retry_after(response)
        if self.attempts <= self.max_retries and (wait is None or wait <= MAX_RETRY_AFTER):
            # With a threshold learnt, the pacer's slot is the wait; else back off.
            delay = wait if wait is not None else (0.0 if threshold is not None else _retry.backoff(self.attempts))
            return self._retry(delay, "HTTP 429 rate limited")
        error = _status_error(429, body)
        assert isinstance(error, RateLimitError)
        error.retry_after = wait if wait is not None else threshold
        raise error

    def failed(self, exc: httpx.HTTPError) -> Retry:
        """A Retry after a transport failure, or the mapped error once retries are spent."""
        self._log(type(exc).__name__)
        if _retry.is_retryable_error(exc) and self.attempts <= self.max_retries:
            return self._retry(_retry.backoff(self.attempts), type(exc).__name__)
        raise self._finish(map_transport_error(exc, self.op, self.attempts)) from None

    def _finish(self, error: VastError) -> VastError:
        """Count the attempts into the error and blank out the key, should the server have echoed it."""
        if isinstance(error, APIStatusError | UnexpectedResponseError | APIConnectionError):
            error.attempts = self.attempts
        if isinstance(error, APIStatusError | UnexpectedResponseError):
            error.body = redact(error.body, self._secret)
        error.message = redact(error.message, self._secret)
        error.args = (error.message,)
        return error

    def _retry(self, delay: float, reason: str) -> Retry:
        logger.debug("retrying %s in %.2f s (%s)", self.op.name, delay, reason)
        return Retry(delay)

    def _log(self, outcome: object) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            elapsed = (_retry.clock() - self._started) * 1000
            method, url = self.kwargs["method"].upper(), self.kwargs["url"]
            logger.debug("%s %s -> %s (attempt %d, %.1f ms)", method, url, outcome, self.attempts, elapsed)


def redact(value: Any, secret: str) -> Any:
    """`value` with every occurrence of `secret` in its strings replaced by ***."""
    if isinstance(value, str):
        return value.replace(secret, "***")
    if isinstance(value, list):
        return [redact(v, secret) for v in value]
    if isinstance(value, dict):
        return {redact(k, secret): redact(v, secret) for k, v in value.items()}
    return value


def map_transport_error(exc: httpx.HTTPError, op: Operation[Any], attempts: int) -> VastError:
    """The one place httpx's exceptions become ours."""
    what = f"{op.name} ({op.host} host) after {attempts} attempt{'s' if attempts > 1 else ''}"
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"Timed out: {what}: {type(exc).__name__}", attempts=attempts)
    if isinstance(exc, httpx.DecodingError):
        return UnexpectedResponseError(f"Could not decode the answer to {what}: {detail}", status_code=0, body="")
    return APIConnectionError(f"Could not reach the server: {what}: {type(exc).__name__}: {detail}", attempts=attempts)


# --- configuration shared by both clients -----------------------------------------------------


class ClientOptions:
    """Resolved settings of a client; holds the key only to hand it to the HTTP layer."""

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        console_url: str | None,
        run_url: str | None,
        timeout: TimeoutTypes | _Unset,
        max_retries: int,
    ) -> None:
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise InvalidInputError("max_retries must be a whole number, 0 or more.")
        self.console_url, self.run_url = resolve_urls(base_url, console_url, run_url)
        self._urls: dict[Host, str] = {"console": self.console_url, "run": self.run_url}
        self._secret = resolve_api_key(api_key)
        self.headers = {
            "Authorization": f"Bearer {self._secret}",
            "Accept": "application/json",
            "User-Agent": "vast-wrapper",
        }
        self.timeout = as_timeout(timeout)
        self.max_retries = max_retries
        self.pacer = _retry.Pacer()

    def urls(self) -> dict[Host, str]:
        return self._urls

    def call(self, op: Operation[T], ident: object, timeout: TimeoutTypes | _Unset) -> Call[T]:
        """A new call, its id checked before anything is sent."""
        checked = check_id(ident)
        kwargs = op.build(checked)
        if timeout is not NOT_GIVEN:
            kwargs["timeout"] = as_timeout(timeout)
        return Call(op, checked, kwargs=kwargs, max_retries=self.max_retries, pacer=self.pacer, secret=self._secret)

    def describe(self, cls: str) -> str:
        return f"{cls}(console_url={self.console_url!r}, run_url={self.run_url!r}, max_retries={self.max_retries})"


def as_timeout(value: TimeoutTypes | _Unset) -> httpx.Timeout:
    """An httpx.Timeout from seconds, None (no limit) or NOT_GIVEN (5 s to connect, 30 s for the rest)."""
    if isinstance(value, _Unset):
        return httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT)
    if isinstance(value, httpx.Timeout) or value is None:
        return httpx.Timeout(value)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise InvalidInputError(f"timeout must be a number of seconds above 0 (or None), not {value!r}.")
    return httpx.Timeout(float(value))


# --- waiting ----------------------------------------------------------------------------------


class Waiter:
    """Decides, poll after poll, whether a wait is over, failed, or goes on; and for how long to sleep."""

    def __init__(self, what: str, timeout: float, poll_interval: float) -> None:
        if timeout < 0 or poll_interval <= 0:
            raise InvalidInputError("timeout must be 0 or more and poll_interval more than 0 seconds.")
        self.what = what
        self.timeout = timeout
        self.poll_interval = poll_interval
        self.deadline = _retry.clock() + timeout
        self.last_state = "no answer yet"

    def transient(self, error: VastError) -> None:
        """A failure worth polling through (rate limit, server or network trouble)."""
        self.last_state = f"error: {error.message}"

    def instance_ready(self, instance: Instance, status: str) -> bool:
        """True once the instance's actual_status is `status`; WaitError on a state it will not leave."""
        actual = instance.actual_status if isinstance(instance.actual_status, str) else None
        intended = instance.intended_status if isinstance(instance.intended_status, str) else None
        self.last_state = f"actual_status={actual!r}, intended_status={intended!r}"
        want = status.lower()
        if (actual or "").lower() == want:
            return True
        if (intended or "").lower() == "crashed" and want != "crashed":
            raise WaitError(f"Instance {self.what} crashed while waiting for {status!r}", last_state=self.last_state)
        if (actual or "").lower() in TERMINAL_INSTANCE_STATUSES:
            raise WaitError(
                f"Instance {self.what} is {actual!r} and will not become {status!r}", last_state=self.last_state
            )
        return False

    def workers_ready(self, workers: list[Worker], min_ready: int) -> bool:
        """True once `min_ready` workers are ready; WaitError when every worker has failed."""
        states = [worker_state(w) for w in workers]
        ready = states.count(State.READY)
        self.last_state = f"{ready} of {len(workers)} workers ready" + (
            f" ({', '.join(sorted({str(w.status) for w in workers}))})" if workers else ""
        )
        if ready >= min_ready:
            return True
        if workers and all(s is State.FAILED for s in states):
            raise WaitError(f"Every worker of {self.what} has failed", last_state=self.last_state)
        return False

    def next_sleep(self) -> float:
        """Seconds until the next poll; WaitTimeoutError, naming the last state, once time is up."""
        remaining = self.deadline - _retry.clock()
        if remaining <= 0:
            raise WaitTimeoutError(
                f"Timed out after {self.timeout:g} s waiting for {self.what}; last seen: {self.last_state}",
                last_state=self.last_state,
            )
        return min(self.poll_interval, remaining)


# Errors a waiter polls through rather than raising at once.
TRANSIENT_ERRORS = (RateLimitError, ServerError, APIConnectionError)
