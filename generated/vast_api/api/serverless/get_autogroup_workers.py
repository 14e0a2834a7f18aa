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
from ...types import Response, explain, http_status, is_json, is_text


def _get_kwargs(
    *,
    body: WorkersRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/get_autogroup_workers/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | list[Worker] | str | WorkerError | WorkersEnvelope | None:
    if response.status_code == 200:
        if is_json(response):

            def _parse_response_200(data: object) -> list[Worker] | str | WorkerError | WorkersEnvelope:
                _problems: list[Exception] = []
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    componentsschemas_workers_answer_type_0 = []
                    _componentsschemas_workers_answer_type_0 = data
                    for componentsschemas_worker_list_item_data in _componentsschemas_workers_answer_type_0:
                        componentsschemas_worker_list_item = Worker.from_dict(componentsschemas_worker_list_item_data)

                        componentsschemas_workers_answer_type_0.append(componentsschemas_worker_list_item)

                    return componentsschemas_workers_answer_type_0
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    _problems.append(error)
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_workers_answer_type_1 = WorkersEnvelope.from_dict(data)

                    return componentsschemas_workers_answer_type_1
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    _problems.append(error)
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_workers_answer_type_2 = WorkerError.from_dict(data)

                    return componentsschemas_workers_answer_type_2
                except (TypeError, ValueError, AttributeError, KeyError) as error:
                    _problems.append(error)
                if not isinstance(data, (str,)):
                    raise next(
                        (p for p in _problems if isinstance(p, errors.UnexpectedValue)),
                        errors.UnexpectedValue(
                            "response_200", "list[Worker] | str | WorkerError | WorkersEnvelope", data
                        ),
                    )
                return cast(list[Worker] | str | WorkerError | WorkersEnvelope, data)

            response_200 = _parse_response_200(response.json())

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
) -> Response[Error | list[Worker] | str | WorkerError | WorkersEnvelope]:
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
    *,
    client: AuthenticatedClient,
    body: WorkersRequest,
) -> Response[Error | list[Worker] | str | WorkerError | WorkersEnvelope]:
    """List the GPU workers of a worker group

     Returns one entry per GPU instance in the worker group (Vast's newer docs call
    this route `/get_workergroup_workers/`: same body, same answer). Its entries
    usually lack `measured_perf`.

    Same answer forms as `get_endpoint_workers`, including errors sent with HTTP 200.

    Args:
        body (WorkersRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[Worker] | str | WorkerError | WorkersEnvelope]
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
) -> Error | list[Worker] | str | WorkerError | WorkersEnvelope | None:
    """List the GPU workers of a worker group

     Returns one entry per GPU instance in the worker group (Vast's newer docs call
    this route `/get_workergroup_workers/`: same body, same answer). Its entries
    usually lack `measured_perf`.

    Same answer forms as `get_endpoint_workers`, including errors sent with HTTP 200.

    Args:
        body (WorkersRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[Worker] | str | WorkerError | WorkersEnvelope

    Only the parsed answer: a str may be the text of any status that documents text/* (a 429's, a 5xx
    page), and None hides why. Use the *_detailed function when the status, headers or the reason
    (Response.problem) matter.
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: WorkersRequest,
) -> Response[Error | list[Worker] | str | WorkerError | WorkersEnvelope]:
    """List the GPU workers of a worker group

     Returns one entry per GPU instance in the worker group (Vast's newer docs call
    this route `/get_workergroup_workers/`: same body, same answer). Its entries
    usually lack `measured_perf`.

    Same answer forms as `get_endpoint_workers`, including errors sent with HTTP 200.

    Args:
        body (WorkersRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[Worker] | str | WorkerError | WorkersEnvelope]
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
) -> Error | list[Worker] | str | WorkerError | WorkersEnvelope | None:
    """List the GPU workers of a worker group

     Returns one entry per GPU instance in the worker group (Vast's newer docs call
    this route `/get_workergroup_workers/`: same body, same answer). Its entries
    usually lack `measured_perf`.

    Same answer forms as `get_endpoint_workers`, including errors sent with HTTP 200.

    Args:
        body (WorkersRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[Worker] | str | WorkerError | WorkersEnvelope

    Only the parsed answer: a str may be the text of any status that documents text/* (a 429's, a 5xx
    page), and None hides why. Use the *_detailed function when the status, headers or the reason
    (Response.problem) matter.
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
