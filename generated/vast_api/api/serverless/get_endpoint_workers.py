# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.worker import Worker
from ...models.worker_error import WorkerError
from ...models.workers_envelope import WorkersEnvelope
from ...models.workers_request import WorkersRequest
from ...types import Response, http_status


def _get_kwargs(
    *,
    body: WorkersRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/get_endpoint_workers/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | list[Worker] | str | WorkerError | WorkersEnvelope | str | None:
    if response.status_code == 200:
        try:

            def _parse_response_200(data: object) -> list[Worker] | str | WorkerError | WorkersEnvelope:
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    componentsschemas_workers_answer_type_0 = []
                    _componentsschemas_workers_answer_type_0 = data
                    for componentsschemas_worker_list_item_data in _componentsschemas_workers_answer_type_0:
                        componentsschemas_worker_list_item = Worker.from_dict(componentsschemas_worker_list_item_data)

                        componentsschemas_workers_answer_type_0.append(componentsschemas_worker_list_item)

                    return componentsschemas_workers_answer_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_workers_answer_type_1 = WorkersEnvelope.from_dict(data)

                    return componentsschemas_workers_answer_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_workers_answer_type_2 = WorkerError.from_dict(data)

                    return componentsschemas_workers_answer_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, (str,)):
                    raise TypeError()
                return cast(list[Worker] | str | WorkerError | WorkersEnvelope, data)

            response_200 = _parse_response_200(response.json())

            return response_200

        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            # Not JSON, or not the documented shape: the caller still has status, headers and content.
            return None
    if response.status_code == 400:
        try:
            response_400 = Error.from_dict(response.json())

            return response_400

        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            # Not JSON, or not the documented shape: the caller still has status, headers and content.
            return None
    if response.status_code == 401:
        try:
            response_401 = Error.from_dict(response.json())

            return response_401

        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            # Not JSON, or not the documented shape: the caller still has status, headers and content.
            return None
    if response.status_code == 429:
        if response.headers.get("content-type", "").startswith("text/"):
            return response.text
        try:
            response_429 = Error.from_dict(response.json())

            return response_429

        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            # Not JSON, or not the documented shape: the caller still has status, headers and content.
            return None
    if 500 <= response.status_code <= 599:
        try:
            response_5xx = response.text
            return response_5xx

        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            # Not JSON, or not the documented shape: the caller still has status, headers and content.
            return None
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | list[Worker] | str | WorkerError | WorkersEnvelope | str]:
    return Response(
        status_code=http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: WorkersRequest,
) -> Response[Error | list[Worker] | str | WorkerError | WorkersEnvelope | str]:
    """List the GPU workers of a serverless endpoint

     Returns one entry per GPU instance serving the endpoint.

    The live server answers a bare JSON array; some deployments wrap it as
    `{"workers": [...]}`. Errors can arrive with HTTP 200, as
    `{"error_msg": "..."}` (bad key, endpoint not ready) or as a bare JSON string:
    they are errors, never an empty list.

    Args:
        body (WorkersRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[Worker] | str | WorkerError | WorkersEnvelope | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )
    kwargs["url"] = client.url_for("https://run.vast.ai", kwargs["url"])

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: WorkersRequest,
) -> Error | list[Worker] | str | WorkerError | WorkersEnvelope | str | None:
    """List the GPU workers of a serverless endpoint

     Returns one entry per GPU instance serving the endpoint.

    The live server answers a bare JSON array; some deployments wrap it as
    `{"workers": [...]}`. Errors can arrive with HTTP 200, as
    `{"error_msg": "..."}` (bad key, endpoint not ready) or as a bare JSON string:
    they are errors, never an empty list.

    Args:
        body (WorkersRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[Worker] | str | WorkerError | WorkersEnvelope | str
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: WorkersRequest,
) -> Response[Error | list[Worker] | str | WorkerError | WorkersEnvelope | str]:
    """List the GPU workers of a serverless endpoint

     Returns one entry per GPU instance serving the endpoint.

    The live server answers a bare JSON array; some deployments wrap it as
    `{"workers": [...]}`. Errors can arrive with HTTP 200, as
    `{"error_msg": "..."}` (bad key, endpoint not ready) or as a bare JSON string:
    they are errors, never an empty list.

    Args:
        body (WorkersRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[Worker] | str | WorkerError | WorkersEnvelope | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )
    kwargs["url"] = client.url_for("https://run.vast.ai", kwargs["url"])

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: WorkersRequest,
) -> Error | list[Worker] | str | WorkerError | WorkersEnvelope | str | None:
    """List the GPU workers of a serverless endpoint

     Returns one entry per GPU instance serving the endpoint.

    The live server answers a bare JSON array; some deployments wrap it as
    `{"workers": [...]}`. Errors can arrive with HTTP 200, as
    `{"error_msg": "..."}` (bad key, endpoint not ready) or as a bare JSON string:
    they are errors, never an empty list.

    Args:
        body (WorkersRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[Worker] | str | WorkerError | WorkersEnvelope | str
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
