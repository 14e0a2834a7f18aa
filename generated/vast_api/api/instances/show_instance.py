# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.instance_envelope import InstanceEnvelope
from ...types import Response, explain, http_status, is_json, is_text


def _get_kwargs(
    id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v0/instances/{id}/".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | InstanceEnvelope | str | None:
    if response.status_code == 200:
        if is_json(response):
            response_200 = InstanceEnvelope.from_dict(response.json())

            return response_200

        raise errors.UnexpectedContentType(response.headers.get("content-type", ""), "application/json")

    if response.status_code == 400:
        if is_json(response):
            response_400 = Error.from_dict(response.json())

            return response_400

        raise errors.UnexpectedContentType(response.headers.get("content-type", ""), "application/json")

    if response.status_code == 401:
        if is_json(response):
            response_401 = Error.from_dict(response.json())

            return response_401

        raise errors.UnexpectedContentType(response.headers.get("content-type", ""), "application/json")

    if response.status_code == 404:
        if is_json(response):
            response_404 = Error.from_dict(response.json())

            return response_404

        raise errors.UnexpectedContentType(response.headers.get("content-type", ""), "application/json")

    if response.status_code == 429:
        if is_text(response):
            return response.text
        if is_json(response):
            response_429 = Error.from_dict(response.json())

            return response_429

        raise errors.UnexpectedContentType(response.headers.get("content-type", ""), "application/json or text/*")

    if 500 <= response.status_code <= 599:
        if is_text(response):
            return response.text
        if is_json(response):
            response_5xx = Error.from_dict(response.json())

            return response_5xx

        raise errors.UnexpectedContentType(response.headers.get("content-type", ""), "application/json or text/*")

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | InstanceEnvelope | str]:
    problem = None
    try:
        parsed = _parse_response(client=client, response=response)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        # Not JSON, not the documented shape or content type: status, headers and content stay, and why.
        parsed, problem = None, explain(error)
    return Response(
        status_code=http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
        problem=problem,
    )


def sync_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Error | InstanceEnvelope | str]:
    """Show one instance

     Returns one instance of the account that owns the key, wrapped as
    `{"instances": {...}}` (the key is plural but holds one object).

    `{"instances": null}` means there is no such instance, or it belongs to another
    account: treat it as not found. Some bad or revoked keys are answered with 404
    and `"error": "auth_error"`: that is an authentication failure, not a missing
    instance.

    Args:
        id (int): A positive id. The upper bound is 2^53-1, the largest integer JSON clients share
            safely.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | InstanceEnvelope | str]
    """

    kwargs = _get_kwargs(
        id=id,
    )
    kwargs["url"] = client.url_for("https://console.vast.ai", kwargs["url"])

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
) -> Error | InstanceEnvelope | str | None:
    """Show one instance

     Returns one instance of the account that owns the key, wrapped as
    `{"instances": {...}}` (the key is plural but holds one object).

    `{"instances": null}` means there is no such instance, or it belongs to another
    account: treat it as not found. Some bad or revoked keys are answered with 404
    and `"error": "auth_error"`: that is an authentication failure, not a missing
    instance.

    Args:
        id (int): A positive id. The upper bound is 2^53-1, the largest integer JSON clients share
            safely.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | InstanceEnvelope | str

    Only the parsed answer: a str may be the text of any status that documents text/* (a 429's, a 5xx
    page), and None hides why. Use the *_detailed function when the status, headers or the reason
    (Response.problem) matter.
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
) -> Response[Error | InstanceEnvelope | str]:
    """Show one instance

     Returns one instance of the account that owns the key, wrapped as
    `{"instances": {...}}` (the key is plural but holds one object).

    `{"instances": null}` means there is no such instance, or it belongs to another
    account: treat it as not found. Some bad or revoked keys are answered with 404
    and `"error": "auth_error"`: that is an authentication failure, not a missing
    instance.

    Args:
        id (int): A positive id. The upper bound is 2^53-1, the largest integer JSON clients share
            safely.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | InstanceEnvelope | str]
    """

    kwargs = _get_kwargs(
        id=id,
    )
    kwargs["url"] = client.url_for("https://console.vast.ai", kwargs["url"])

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
) -> Error | InstanceEnvelope | str | None:
    """Show one instance

     Returns one instance of the account that owns the key, wrapped as
    `{"instances": {...}}` (the key is plural but holds one object).

    `{"instances": null}` means there is no such instance, or it belongs to another
    account: treat it as not found. Some bad or revoked keys are answered with 404
    and `"error": "auth_error"`: that is an authentication failure, not a missing
    instance.

    Args:
        id (int): A positive id. The upper bound is 2^53-1, the largest integer JSON clients share
            safely.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | InstanceEnvelope | str

    Only the parsed answer: a str may be the text of any status that documents text/* (a 429's, a 5xx
    page), and None hides why. Use the *_detailed function when the status, headers or the reason
    (Response.problem) matter.
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
