# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
import ssl
import threading
from typing import Any, Self

import httpx
from attrs import define, evolve, field

# The servers the spec names (operation, path or document level), as server_urls keys.
SERVERS = frozenset(["https://console.vast.ai", "https://run.vast.ai"])


@define
class Client:
    """A class for keeping track of data related to the API

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: One URL for every operation (a mock, a proxy). Without it, each operation goes to its
        own server from the OpenAPI document:
        - https://console.vast.ai
        - https://run.vast.ai

        ``server_urls``: where to send the operations of one of those servers instead, keyed by the
        server's URL as the spec writes it, e.g. ``{"https://console.vast.ai": "http://127.0.0.1:4010"}``;
        beats ``base_url``.

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request

        ``timeout``: An httpx.Timeout; default 5 s to connect and 30 s for the rest (None waits for ever).
        API functions raise httpx.TimeoutException if this is exceeded.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.


    Attributes:
        raise_on_unexpected_status: Whether or not to raise an errors.UnexpectedStatus if the API returns a
            status code that was not documented in the source OpenAPI document. Can also be provided as a keyword
            argument to the constructor.
    """

    raise_on_unexpected_status: bool = field(default=False, kw_only=True)
    _base_url: str | None = field(default=None, kw_only=True, alias="base_url")
    _server_urls: dict[str, str] = field(factory=dict, kw_only=True, alias="server_urls")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies")
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers", repr=False)
    _timeout: httpx.Timeout | None = field(
        factory=lambda: httpx.Timeout(30.0, connect=5.0), kw_only=True, alias="timeout"
    )
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args")
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)
    _lock: threading.Lock = field(factory=threading.Lock, init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        unknown = sorted(set(self._server_urls) - SERVERS)
        if unknown:
            raise ValueError(f"server_urls: {unknown[0]!r} is not a server of the spec; its servers: {sorted(SERVERS)}")

    def url_for(self, server: str, path: str) -> str:
        """Where an operation of `server` (a URL from the OpenAPI document) at `path` is sent."""
        if server in self._server_urls:
            return self._server_urls[server].rstrip("/") + path
        # With base_url, a relative path: the httpx client's base_url (set_httpx_client's too) applies.
        return path if self._base_url else server + path

    def with_headers(self, headers: dict[str, str]) -> "Client":
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> "Client":
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> "Client":
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = timeout
        if self._async_client is not None:
            self._async_client.timeout = timeout
        return evolve(self, timeout=timeout)

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            with self._lock:  # Threads on first use: one pool, not one each (TLS setup takes 50-150 ms).
                if self._client is None:
                    self._client = httpx.Client(
                        base_url=self._base_url or "",
                        cookies=self._cookies,
                        headers=self._headers,
                        timeout=self._timeout,
                        verify=self._verify_ssl,
                        follow_redirects=self._follow_redirects,
                        **self._httpx_args,
                    )
        return self._client

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs), closing it."""
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            with self._lock:  # Event loops in several threads: one pool too.
                if self._async_client is None:
                    self._async_client = httpx.AsyncClient(
                        base_url=self._base_url or "",
                        cookies=self._cookies,
                        headers=self._headers,
                        timeout=self._timeout,
                        verify=self._verify_ssl,
                        follow_redirects=self._follow_redirects,
                        **self._httpx_args,
                    )
        return self._async_client

    def close(self) -> None:
        """Close the httpx.Client this client made or was given (its pool); the next call makes a new one."""
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    async def aclose(self) -> None:
        """Close the httpx.AsyncClient this client made or was given; the next call makes a new one."""
        with self._lock:
            client, self._async_client = self._async_client, None
        if client is not None:
            await client.aclose()

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs), closing it."""
        with self._lock:
            client, self._async_client = self._async_client, None
        if client is not None:
            await client.__aexit__(*args, **kwargs)


@define
class AuthenticatedClient:
    """A Client which has been authenticated for use on secured endpoints

    Use (one client can be shared by threads and tasks):
        client = AuthenticatedClient(token=...)  # each operation goes to its server in the spec
        response = <operation>.sync_detailed(..., client=client)  # or: await <operation>.asyncio_detailed(...)
        response.status_code, response.headers, response.content  # always there, whatever the answer
        response.parsed  # the model of a documented JSON answer, the text of a documented text/* one, or None
        response.problem  # when parsed is None for a documented status: why (the body does not fit)

    `match (response.status_code, response.parsed)` tells every documented answer apart; the functions
    that return only `parsed` (sync, asyncio) cannot tell two texts (say a 429's and a 5xx page) apart.
    Any status, content type or body gives a Response; only transport failures raise (httpx's
    exceptions), and errors.UnexpectedStatus for an undocumented status with raise_on_unexpected_status.

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: One URL for every operation (a mock, a proxy). Without it, each operation goes to its
        own server from the OpenAPI document:
        - https://console.vast.ai
        - https://run.vast.ai

        ``server_urls``: where to send the operations of one of those servers instead, keyed by the
        server's URL as the spec writes it, e.g. ``{"https://console.vast.ai": "http://127.0.0.1:4010"}``;
        beats ``base_url``.

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request

        ``timeout``: An httpx.Timeout; default 5 s to connect and 30 s for the rest (None waits for ever).
        API functions raise httpx.TimeoutException if this is exceeded.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.


    Attributes:
        raise_on_unexpected_status: Whether or not to raise an errors.UnexpectedStatus if the API returns a
            status code that was not documented in the source OpenAPI document. Can also be provided as a keyword
            argument to the constructor.
        token: The token to use for authentication
        prefix: The prefix to use for the Authorization header
        auth_header_name: The name of the Authorization header
    """

    raise_on_unexpected_status: bool = field(default=False, kw_only=True)
    _base_url: str | None = field(default=None, kw_only=True, alias="base_url")
    _server_urls: dict[str, str] = field(factory=dict, kw_only=True, alias="server_urls")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies")
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers", repr=False)
    _timeout: httpx.Timeout | None = field(
        factory=lambda: httpx.Timeout(30.0, connect=5.0), kw_only=True, alias="timeout"
    )
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args")
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)
    _lock: threading.Lock = field(factory=threading.Lock, init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        unknown = sorted(set(self._server_urls) - SERVERS)
        if unknown:
            raise ValueError(f"server_urls: {unknown[0]!r} is not a server of the spec; its servers: {sorted(SERVERS)}")

    token: str = field(repr=False)
    prefix: str = "Bearer"
    auth_header_name: str = "Authorization"

    def url_for(self, server: str, path: str) -> str:
        """Where an operation of `server` (a URL from the OpenAPI document) at `path` is sent."""
        if server in self._server_urls:
            return self._server_urls[server].rstrip("/") + path
        # With base_url, a relative path: the httpx client's base_url (set_httpx_client's too) applies.
        return path if self._base_url else server + path

    def with_headers(self, headers: dict[str, str]) -> "AuthenticatedClient":
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> "AuthenticatedClient":
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> "AuthenticatedClient":
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = timeout
        if self._async_client is not None:
            self._async_client.timeout = timeout
        return evolve(self, timeout=timeout)

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            with self._lock:  # Threads on first use: one pool, not one each (TLS setup takes 50-150 ms).
                if self._client is None:
                    self._headers[self.auth_header_name] = f"{self.prefix} {self.token}" if self.prefix else self.token
                    self._client = httpx.Client(
                        base_url=self._base_url or "",
                        cookies=self._cookies,
                        headers=self._headers,
                        timeout=self._timeout,
                        verify=self._verify_ssl,
                        follow_redirects=self._follow_redirects,
                        **self._httpx_args,
                    )
        return self._client

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs), closing it."""
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            with self._lock:  # Event loops in several threads: one pool too.
                if self._async_client is None:
                    self._headers[self.auth_header_name] = f"{self.prefix} {self.token}" if self.prefix else self.token
                    self._async_client = httpx.AsyncClient(
                        base_url=self._base_url or "",
                        cookies=self._cookies,
                        headers=self._headers,
                        timeout=self._timeout,
                        verify=self._verify_ssl,
                        follow_redirects=self._follow_redirects,
                        **self._httpx_args,
                    )
        return self._async_client

    def close(self) -> None:
        """Close the httpx.Client this client made or was given (its pool); the next call makes a new one."""
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    async def aclose(self) -> None:
        """Close the httpx.AsyncClient this client made or was given; the next call makes a new one."""
        with self._lock:
            client, self._async_client = self._async_client, None
        if client is not None:
            await client.aclose()

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs), closing it."""
        with self._lock:
            client, self._async_client = self._async_client, None
        if client is not None:
            await client.__aexit__(*args, **kwargs)
