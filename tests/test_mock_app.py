"""The mock's front (mock/app.py) in-process: httpx's ASGI transport, a fake Prism, no process or socket.

Each test is what a frontend test sees: the key picks a world, the id picks an answer, the
admin API sets answers and moves time, and the journal shows what was sent, without secrets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

import pytest

import mock.admin
import mock.app
import mock.faults
import mock.journal
from mock.app import MockSettings, MockState, create_app
from tests.app_client import AppClient
from tests.fake_prism import AlwaysUp, FakeAnswer, FakePrism, example
from tests.spec import named_example, validator
from tools.specs import resolve, spec

if TYPE_CHECKING:
    from starlette.applications import Starlette

A = {"Authorization": "Bearer test-a-0001"}
B = {"Authorization": "Bearer test-b-0002"}
SECRETS = ("test-a-0001", "sekrit-query-1", "sekrit-header-2", "sekrit-body-3", "sekrit-cookie-4", "sekrit-form-5")


def client_for(app: Starlette, **options: Any) -> AppClient:
    """The mock's app in-process, as a browser on the mock's default address reaches it."""
    return AppClient(app, **options)


class Delays:
    """Records the mock's delays instead of sleeping them."""

    def __init__(self) -> None:
        self.seen: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seen.append(seconds)


@pytest.fixture
def delays(monkeypatch: pytest.MonkeyPatch) -> Delays:
    recorder = Delays()
    monkeypatch.setattr(mock.app, "pause", recorder)
    monkeypatch.setattr(mock.faults, "pause", recorder)
    return recorder


def make_client(settings: MockSettings, prism: FakePrism | None = None) -> Iterator[AppClient]:
    state = MockState(upstreams={"console": AlwaysUp(), "run": AlwaysUp()}, settings=settings)
    state.client = cast(Any, prism or FakePrism())
    with client_for(create_app(state)) as client:
        yield client


@pytest.fixture
def prism() -> FakePrism:
    return FakePrism()


@pytest.fixture
def app(delays: Delays, prism: FakePrism) -> Iterator[AppClient]:
    yield from make_client(MockSettings(lifecycle_seconds=30.0, log=False), prism)


def show(client: AppClient, ident: int | str, headers: dict[str, str] | None = None) -> Any:
    return client.get(f"/api/v0/instances/{ident}/", headers=A if headers is None else headers)


def workers(client: AppClient, ident: Any, headers: dict[str, str] | None = None, **body: Any) -> Any:
    return client.post("/get_endpoint_workers/", json={"id": ident, **body}, headers=A if headers is None else headers)


def journal(client: AppClient, headers: dict[str, str] | None = None, **filters: Any) -> dict[str, Any]:
    found: dict[str, Any] = client.get("/__mock/journal", params=filters, headers=headers or {}).json()
    return found


def documented(operation: str, status: int, body: Any) -> list[str]:
    paths = {
        "show_instance": ("/api/v0/instances/{id}/", "get"),
        "get_endpoint_workers": ("/get_endpoint_workers/", "post"),
    }
    path, method = paths[operation]
    responses = spec()["paths"][path][method]["responses"]
    answer = resolve(responses.get(str(status)) or responses[f"{status // 100}XX"])
    schema = answer["content"]["application/json"]["schema"]
    return [error.message for error in validator(schema).iter_errors(body)]


# --- The holes of issue 14, each with the request that broke it ---------------------------------------------


def test_no_secret_reaches_the_journal_whichever_way_it_is_sent(app: AppClient) -> None:
    show(app, 42, {**A, "X-Api-Key": "sekrit-header-2", "Cookie": "session=sekrit-cookie-4"})
    app.get("/api/v0/instances/43/?api_key=sekrit-query-1", headers=A)
    app.post(
        "/get_endpoint_workers/",
        content=b'{"id": 4, "api_key": "sekrit-body-3"}',
        headers={"content-type": "text/plain"},
    )
    app.post("/get_autogroup_workers/", content=b"id=4&api_key=sekrit-form-5",
             headers={"content-type": "application/x-www-form-urlencoded"})  # fmt: skip
    workers(app, 5, headers={}, api_key="test-a-0001")
    entries = journal(app)["requests"]
    assert len(entries) == 5
    written = json.dumps(entries)
    assert [secret for secret in SECRETS if secret in written] == []
    assert entries[0]["headers"]["x-api-key"] == "***"
    assert entries[1]["query"] == "api_key=***"
    assert entries[4]["body"] == {"id": 5, "api_key": "***"}


def test_a_key_in_a_body_that_is_not_json_is_told_what_is_wrong(app: AppClient) -> None:
    answer = app.post(
        "/get_endpoint_workers/", content=b'{"id": 4, "api_key": "k-123"}', headers={"content-type": "text/plain"}
    )
    said = "The body must be JSON sent with Content-Type: application/json, not text/plain."
    assert (answer.status_code, answer.json()) == (400, {"success": False, "error": "invalid_args", "msg": said})
    unlabelled = app.post("/get_endpoint_workers/", content=b'{"id": 4, "api_key": "k-123"}')
    assert unlabelled.json() == worker_copies(4, 1, "RUNNING")  # A body without a Content-Type is read as JSON.


@pytest.mark.parametrize("key", ["a\nb", "a\x00b", "a\rb", "two words", "", 42, None, "é-key", "k" * 600])
def test_a_key_that_cannot_be_a_key_is_a_401(app: AppClient, key: Any) -> None:
    answer = workers(app, 42, headers={}, api_key=key)
    assert (answer.status_code, answer.json()) == (
        401,
        {"success": False, "error": "auth_error", "msg": "Invalid user key"},
    )
    assert show(app, 42).status_code == 200  # And the mock serves on.


def test_an_authorization_header_outside_ascii_is_a_401(app: AppClient) -> None:
    answer = app.get("/api/v0/instances/42/", headers={"Authorization": "Bearer clé".encode("latin-1")})
    assert answer.status_code == 401


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER", "bEaReR"])
def test_the_auth_scheme_is_read_in_any_case(app: AppClient, scheme: str) -> None:
    assert show(app, 42, {"Authorization": f"{scheme} dev"}).status_code == 200


@pytest.mark.parametrize("ident", [501, 429, 400, 404, 3001, 7001, 42])
def test_no_key_is_a_401_before_any_scenario(app: AppClient, ident: int) -> None:
    for answer in (show(app, ident, {}), workers(app, ident, {})):
        assert answer.status_code == 401
        assert documented("show_instance", 401, answer.json()) == []


def test_the_admin_api_allows_every_method_from_another_origin(app: AppClient) -> None:
    for method in ("DELETE", "POST", "GET"):
        preflight = app.options("/__mock/journal", headers={
            "Origin": "http://127.0.0.1:5173", "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "authorization,content-type"})  # fmt: skip
        assert preflight.status_code == 200, method
        assert method in preflight.headers["access-control-allow-methods"]
        assert preflight.headers["access-control-allow-origin"] == "http://127.0.0.1:5173"
    cleared = app.delete("/__mock/journal", headers={"Origin": "http://127.0.0.1:5173"})
    assert cleared.status_code == 204
    assert cleared.headers["access-control-allow-origin"] == "http://127.0.0.1:5173"


def test_latency_applies_to_every_answer(delays: Delays) -> None:
    for client in make_client(MockSettings(latency=(0.2, 0.2), rate_limit=2.0, log=False)):
        show(client, 42, {"Authorization": "Bearer bad-key"})  # rejected key
        show(client, 42)
        show(client, 43)  # the enforced 429
        show(client, 0)  # a 400
        client.get("/nowhere")  # a 404
    assert delays.seen == [0.2] * 5


def test_worker_ids_derive_from_the_endpoint_in_every_form(app: AppClient) -> None:
    wrapped = workers(app, 850).json()
    assert [w["id"] for w in wrapped["workers"]] == [85000]
    assert [w["id"] for w in workers(app, 851).json()["workers"]] == [85100]


@pytest.mark.parametrize("endpoint", [2**53 - 1, 2**53 - 2, 90071992547409, 123456789012345])
def test_worker_ids_stay_below_2_53_and_distinct(app: AppClient, endpoint: int) -> None:
    ids = [w["id"] for w in workers(app, endpoint).json()]
    assert len(ids) == 1 + endpoint % 4 == len(set(ids))
    assert all(1 <= i < 2**53 for i in ids)


def test_an_instance_is_labelled_with_its_own_id(app: AppClient) -> None:
    assert show(app, 42).json()["instances"]["label"] == "instance-42"
    assert show(app, 750).json()["instances"]["label"] == "instance-750"


def test_running_workers_have_a_load_and_a_perf_and_loading_ones_do_not(app: AppClient) -> None:
    for worker in workers(app, 43).json():
        assert worker["status"] == "RUNNING"
        assert worker["cur_load"] is not None
        assert float(worker["perf"]) > 0
    for worker in workers(app, 643).json():
        assert (worker["status"], worker["cur_load"]) == ("loading", None)


def test_an_instance_and_its_workers_share_one_clock(app: AppClient) -> None:
    app.post("/__mock/clock", json={"freeze": True}, headers=A)
    assert {w["status"] for w in workers(app, 7005).json()} == {"loading"}
    app.post("/__mock/clock", json={"advance": 30}, headers=A)
    # The instance was never asked for, yet its clock started with its workers'.
    assert show(app, 7005).json()["instances"]["actual_status"] == "running"


def test_each_lifecycle_state_lasts_a_third_of_mock_lifecycle(app: AppClient) -> None:
    app.post("/__mock/clock", json={"freeze": True}, headers=A)
    seen = []
    for _ in range(4):
        seen.append(show(app, 7010).json()["instances"]["actual_status"])
        app.post("/__mock/clock", json={"advance": 9.9}, headers=A)
    assert seen == ["created", "created", "loading", "running"]  # 0, 9.9, 19.8 s, then 29.7 s


# --- Isolation per key ---------------------------------------------------------------------------------------


def test_two_keys_live_in_two_worlds(app: AppClient) -> None:
    app.post("/__mock/clock", json={"freeze": True, "advance": 100}, headers=A)
    show(app, 7020)
    show(app, 7020, B)
    app.post("/__mock/clock", json={"advance": 100}, headers=A)
    assert show(app, 7020).json()["instances"]["actual_status"] == "running"
    assert show(app, 7020, B).json()["instances"]["actual_status"] == "created"
    assert journal(app, A)["count"] == 2
    assert journal(app, B)["count"] == 2
    app.post("/__mock/reset", headers=A)
    assert journal(app, A)["count"] == 0
    assert journal(app, B)["count"] == 2
    assert journal(app)["count"] == 2  # Without a key: every world.
    assert show(app, 7020).json()["instances"]["actual_status"] == "created"  # A's lifecycle started over.


def test_answers_set_for_one_key_do_not_reach_another(app: AppClient) -> None:
    app.post("/__mock/answers", json={"operation": "show_instance", "scenario": "stopped"}, headers=A)
    assert show(app, 42).json()["instances"]["actual_status"] == "stopped"
    assert show(app, 42, B).json()["instances"]["actual_status"] == "running"


def test_rate_limits_are_per_key_and_follow_the_worlds_clock(delays: Delays) -> None:
    for client in make_client(MockSettings(rate_limit=2.0, log=False)):
        client.post("/__mock/clock", json={"freeze": True}, headers=A)
        assert [show(client, 42).status_code, show(client, 42).status_code, show(client, 42, B).status_code] == [
            200,
            429,
            200,
        ]
        client.post("/__mock/clock", json={"advance": 2}, headers=A)
        assert show(client, 42).status_code == 200
        assert workers(client, 42).status_code == 200  # Per route: the instance call did not count.
        limited = workers(client, 42)
        assert (limited.status_code, limited.headers["content-type"]) == (429, "text/plain; charset=utf-8")
        assert limited.text == "API requests too frequent: endpoint threshold=2.0"


# --- Control of time ------------------------------------------------------------------------------------------


def test_the_clock_freezes_advances_and_resumes(app: AppClient) -> None:
    assert app.get("/__mock/clock", headers=A).json()["frozen"] is False
    assert app.post("/__mock/clock", json={"freeze": True}, headers=A).json()["frozen"] is True
    assert app.post("/__mock/clock", json={"advance": 12.5}, headers=A).json()["offset"] == 12.5
    assert app.post("/__mock/clock", json={"freeze": False}, headers=A).json()["frozen"] is False


@pytest.mark.parametrize("payload", [{"advance": -1}, {"advance": "5"}, {"freeze": "yes"}, {"jump": 3}, [1]])
def test_a_clock_change_that_makes_no_sense_is_refused(app: AppClient, payload: Any) -> None:
    answer = app.post("/__mock/clock", json=payload, headers=A)
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_args"


def test_the_clock_needs_the_key_of_its_world(app: AppClient) -> None:
    answer = app.post("/__mock/clock", json={"advance": 1})
    said = "Send the key of the world to change: Authorization: Bearer <key>."
    assert (answer.status_code, answer.json()) == (400, {"success": False, "error": "invalid_args", "msg": said})
    mine = app.get("/__mock/clock", headers=A)
    assert (mine.status_code, mine.json()) == (200, {"scope": journal_scope(app), "frozen": False, "offset": 0})
    listed = app.get("/__mock/answers", headers=A)
    assert (listed.status_code, listed.json()) == (200, {"scope": journal_scope(app), "answers": []})
    assert app.get("/__mock/journal", headers=A).status_code == 200


def journal_scope(app: AppClient) -> str:
    """The public name of A's world, as the journal shows it."""
    show(app, 1)
    scope: str = journal(app, A)["requests"][-1]["scope"]
    return scope


# --- Answers set at runtime -----------------------------------------------------------------------------------


def test_an_answer_for_one_id_is_served_and_others_are_not(app: AppClient) -> None:
    body = {"instances": {"id": 42, "actual_status": "running", "label": "from the test"}}
    set_ = app.post(
        "/__mock/answers", json={"operation": "show_instance", "id": 42, "status": 200, "body": body}, headers=A
    )
    assert set_.status_code == 201
    assert show(app, 42).json() == body
    assert show(app, 43).json()["instances"]["label"] == "instance-43"


def test_a_sequence_then_the_normal_answer(app: AppClient) -> None:
    limited = {"status": 429, "text": "API requests too frequent: endpoint threshold=2.0"}
    app.post("/__mock/answers", json={"operation": "get_endpoint_workers", "sequence": [limited, limited]}, headers=A)
    answers = [workers(app, 42) for _ in range(3)]
    assert [a.status_code for a in answers] == [429, 429, 200]
    assert answers[0].text == limited["text"]
    assert answers[0].headers["content-type"].startswith("text/plain")
    assert app.get("/__mock/answers", headers=A).json()["answers"] == []


def test_an_answer_can_name_a_scenario_and_be_listed_and_removed(app: AppClient) -> None:
    made = app.post("/__mock/answers", json={"operation": "get_endpoint_workers", "scenario": "no workers"}, headers=A)
    number = made.json()["answers"][0]["answer"]
    assert workers(app, 42).json() == []
    listed = app.get("/__mock/answers", headers=A).json()["answers"]
    assert [(a["answer"], a["scenario"]) for a in listed] == [(number, "no workers")]
    assert app.delete(f"/__mock/answers/{number}", headers=A).status_code == 204
    assert len(workers(app, 42).json()) == 3
    assert app.delete(f"/__mock/answers/{number}", headers=A).status_code == 404


def test_times_uses_an_answer_up(app: AppClient) -> None:
    app.post("/__mock/answers", json={"operation": "show_instance", "scenario": "exited", "times": 2}, headers=A)
    states = [show(app, 42).json()["instances"]["actual_status"] for _ in range(3)]
    assert states == ["exited", "exited", "running"]


@pytest.mark.parametrize(
    ("answer", "path", "rule"),
    [
        ({"status": 200, "body": {"instances": {"id": "42"}}}, "$.body.instances.id", "type"),
        ({"status": 200, "body": {"no_instances": 1}}, "$.body", "required"),
        ({"status": 418, "body": {}}, "$.status", "status in"),
        ({"status": 429, "text": "slow down", "headers": {"Retry-After": "soon"}}, "$.headers.retry-after", "integer"),
        ({"status": 200, "text": "<html>", "headers": {"Content-Type": "text/html"}}, "$.headers.content-type",
         "content type"),
        ({"status": 404, "body": {"success": "no"}}, "$.body.success", "type"),
    ],
)  # fmt: skip
def test_an_answer_the_spec_does_not_allow_is_refused_with_its_path_and_rule(
    app: AppClient, answer: dict[str, Any], path: str, rule: str
) -> None:
    refused = app.post("/__mock/answers", json={"operation": "show_instance", **answer}, headers=A)
    assert refused.status_code == 422
    assert refused.json()["path"] == path
    assert refused.json()["rule"].startswith(rule)
    assert show(app, 42).status_code == 200  # Nothing was set.


def test_a_404_is_documented_for_instances_but_not_for_workers(app: AppClient) -> None:
    not_found = {"status": 404, "body": {"success": False, "error": "not_found", "msg": "gone"}}
    assert app.post("/__mock/answers", json={"operation": "show_instance", **not_found}, headers=A).status_code == 201
    refused = app.post("/__mock/answers", json={"operation": "get_endpoint_workers", **not_found}, headers=A)
    assert (refused.status_code, refused.json()["path"]) == (422, "$.status")


def test_an_off_spec_answer_on_purpose_is_served_and_marked_in_the_journal(app: AppClient) -> None:
    teapot = {"operation": "show_instance", "status": 418, "text": "teapot", "off_spec": True}
    assert app.post("/__mock/answers", json=teapot, headers=A).status_code == 201
    assert show(app, 42).status_code == 418
    show(app, 43)
    entries = journal(app, A)["requests"]
    assert [(e["answer"]["status"], e["off_spec"]) for e in entries] == [(418, True), (418, True)]


@pytest.mark.parametrize(
    "payload",
    [
        {"operation": "delete_everything", "status": 200, "body": {}},
        {"operation": "show_instance", "scenario": "on fire"},
        {"operation": "show_instance", "fault": "meteor"},
        {"operation": "show_instance", "status": 200, "scenario": "loading"},
        {"operation": "show_instance", "id": 0, "scenario": "loading"},
        {"operation": "show_instance", "scenario": "loading", "times": 0},
        {"operation": "show_instance", "scenario": "loading", "colour": "red"},
        {"operation": "show_instance", "status": 200, "body": {"instances": None}, "headers": {"Content-Length": "1"}},
        {"operation": "show_instance", "sequence": []},
        "not an object",
    ],
)
def test_a_registration_that_cannot_be_read_is_refused(app: AppClient, payload: Any) -> None:
    refused = app.post("/__mock/answers", json=payload, headers=A)
    assert refused.status_code == 422
    assert refused.json()["msg"]


def test_answers_per_key_are_bounded(app: AppClient) -> None:
    one = {"operation": "show_instance", "scenario": "loading"}
    assert app.post("/__mock/answers", json={"sequence": [one] * 100}, headers=A).status_code == 201
    refused = app.post("/__mock/answers", json=one, headers=A)
    assert refused.status_code == 422
    assert "at most 100" in refused.json()["msg"]
    assert app.delete("/__mock/answers", headers=A).status_code == 204
    assert app.post("/__mock/answers", json=one, headers=A).status_code == 201


def test_a_malformed_or_dribbled_body_on_demand(app: AppClient, delays: Delays) -> None:
    app.post("/__mock/answers", json={"operation": "show_instance", "id": 42, "fault": "malformed"}, headers=A)
    broken = show(app, 42)
    assert broken.status_code == 200
    with pytest.raises(ValueError, match="Expecting"):
        broken.json()
    dribbled = show(app, 3110)
    assert dribbled.json()["instances"]["id"] == 3110
    assert sum(delays.seen) == pytest.approx(1.0)  # Over a second, in pieces.
    assert journal(app, A, id=3110)["requests"][0]["answer"]["fault"] == "dribble"


# --- The journal --------------------------------------------------------------------------------------------


def test_the_journal_filters_and_counts(app: AppClient) -> None:
    show(app, 42)
    show(app, 42)
    show(app, 401)
    workers(app, 42)
    show(app, 42, B)
    assert journal(app, A)["count"] == 4
    assert journal(app, A, operation="show_instance")["count"] == 3
    assert journal(app, A, operation="show_instance", id=42)["count"] == 2
    assert journal(app, A, method="post")["count"] == 1
    assert journal(app, A, status=401)["count"] == 1
    scope = journal(app, B)["requests"][0]["scope"]
    assert journal(app, scope=scope)["count"] == 1
    last = journal(app, A)["requests"][-1]
    assert journal(app, A, since=last["seq"])["count"] == 0


def test_a_journal_entry_holds_what_the_mock_answered(app: AppClient) -> None:
    workers(app, 2000)
    entry = journal(app, A)["requests"][0]
    assert entry["operation"] == "get_endpoint_workers"
    assert entry["id"] == 2000
    assert entry["answer"] == {"status": 200, "content_type": "application/json",
                               "body": {"error_msg": "Invalid API key"}, "fault": None}  # fmt: skip


@pytest.mark.parametrize("query", ["colour=red", "id=abc", "timeout=soon"])
def test_a_journal_filter_that_cannot_be_read_is_a_400(app: AppClient, query: str) -> None:
    answer = app.get(f"/__mock/journal/wait?{query}", headers=A)
    assert answer.status_code == 400


def test_waiting_for_a_request_answers_once_it_has_come(app: AppClient) -> None:
    late = app.get("/__mock/journal/wait", params={"operation": "show_instance", "id": 9, "timeout": 0}, headers=A)
    assert (late.status_code, late.json()["count"]) == (408, 0)
    show(app, 9)
    came = app.get("/__mock/journal/wait", params={"operation": "show_instance", "id": 9, "timeout": 0}, headers=A)
    assert came.status_code == 200
    assert came.json()["requests"][0]["path"] == "/api/v0/instances/9/"


# --- The id table, as before (now in-process) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("ident", "state"), [(42, "running"), (650, "loading"), (750, "stopped"), (899, "exited"), (7001, "created")]
)
def test_the_instance_id_picks_its_state(app: AppClient, ident: int, state: str) -> None:
    answer = show(app, ident)
    assert answer.json()["instances"]["actual_status"] == state
    assert answer.json()["instances"]["id"] == ident
    assert documented("show_instance", 200, answer.json()) == []


def test_error_ids_and_edge_pages(app: AppClient) -> None:
    assert show(app, 404).json() == {"instances": None}
    assert show(app, 4041).json()["error"] == "auth_error"
    assert (show(app, 429).status_code, show(app, 429).text) == (429, named_example_text())
    page = show(app, 522)
    assert page.status_code == 522
    assert "vast.ai | 522: Connection timed out" in page.text


def named_example_text() -> str:
    return "API requests too frequent: endpoint threshold=2.0"


def test_a_bad_key_is_a_401_and_a_400_says_what_is_wrong(app: AppClient) -> None:
    assert show(app, 42, {"Authorization": "Bearer bad-1"}).status_code == 401
    assert workers(app, 42, {}, api_key="bad").status_code == 401
    assert show(app, 0).json()["msg"] == "Invalid request: path.id: Request path parameter id must be >= 1"


def test_prefer_still_picks_a_named_example(app: AppClient) -> None:
    answer = app.get("/api/v0/instances/42/", headers={**A, "Prefer": "example=running"})
    assert answer.json() == named_example("running_instance")


def test_unknown_paths_and_methods(app: AppClient) -> None:
    assert app.get("/nope", headers=A).status_code == 404
    wrong = app.post("/api/v0/instances/42/", headers=A)
    assert (wrong.status_code, wrong.headers["allow"]) == (405, "GET")


def test_the_admin_api_refuses_a_key_that_cannot_be_one(app: AppClient) -> None:
    for route in ("/__mock/journal", "/__mock/clock", "/__mock/answers"):
        answer = app.get(route, headers={"Authorization": "Basic abc"})
        assert answer.status_code == 401, route
        assert "Bearer" in answer.json()["msg"]


def test_answers_need_the_key_of_their_world(app: AppClient) -> None:
    for method, route in (("GET", "/__mock/answers"), ("POST", "/__mock/answers"), ("DELETE", "/__mock/answers/1")):
        answer = app.request(method, route, json={"operation": "show_instance", "scenario": "loading"})
        said = "Send the key of the world to change: Authorization: Bearer <key>."
        assert (answer.status_code, answer.json()["msg"]) == (400, said), route


def test_reset_without_a_key_starts_every_world_over(app: AppClient) -> None:
    show(app, 42)
    show(app, 42, B)
    assert app.post("/__mock/reset").json()["reset"] == "every world"
    assert journal(app)["count"] == 0


def test_a_registration_that_is_not_json_is_refused(app: AppClient) -> None:
    answer = app.post("/__mock/answers", content=b"{nope", headers={**A, "content-type": "application/json"})
    assert answer.status_code == 422
    clock = app.post("/__mock/clock", content=b"{nope", headers={**A, "content-type": "application/json"})
    assert clock.status_code == 400


def test_waiting_for_several_requests_counts_them(app: AppClient) -> None:
    show(app, 5)
    waited = app.get("/__mock/journal/wait", params={"id": 5, "count": 2, "timeout": 0}, headers=A)
    assert (waited.status_code, waited.json()["count"]) == (408, 1)
    show(app, 5)
    assert app.get("/__mock/journal/wait", params={"id": 5, "count": 2, "timeout": 0}, headers=A).status_code == 200


# --- What the front refuses before Prism, and how it reaches Prism ------------------------------------------


@pytest.mark.parametrize(
    ("request_", "status", "error"),
    [
        ({"content": b"a" * 70_000}, 413, "payload_too_large"),
        ({"content": b'{"id": 1}', "headers": {"content-type": "not a type"}}, 415, "invalid_content_type"),
        ({"content": b'{"id": 1,'}, 400, "invalid_json"),
        ({"content": b"[" * 5000 + b"]" * 5000}, 400, "invalid_json"),
        ({"content": b'{"id": 1}', "headers": {"x-note": "caf\xe9".encode("latin-1")}}, 400, "invalid_header"),
    ],
    ids=["too large", "no media type", "malformed", "too deep", "header outside ASCII"],
)
def test_the_front_refuses_what_would_stall_prism(
    app: AppClient, request_: dict[str, Any], status: int, error: str
) -> None:
    headers = {**A, "content-type": "application/json", **request_.get("headers", {})}
    answer = app.post("/get_endpoint_workers/", content=request_["content"], headers=headers)
    assert (answer.status_code, answer.json()["error"]) == (status, error)


def test_options_without_an_origin_lists_the_method(app: AppClient) -> None:
    answer = app.options("/api/v0/instances/42/")
    assert (answer.status_code, answer.headers["allow"]) == (204, "GET, OPTIONS")


def test_an_unreadable_accept_means_anything(app: AppClient) -> None:
    assert show(app, 42, {**A, "Accept": "not a type"}).status_code == 200
    asked = app.get("/api/v0/instances/42/", headers={**A, "Accept": "not a type", "Prefer": "example=stopped"})
    assert asked.json() == example(*INSTANCE_PATH, "200", "stopped")  # Prism never sees the unreadable Accept.
    picky = app.get("/api/v0/instances/42/", headers={**A, "Accept": "text/html", "Prefer": "example=stopped"})
    assert picky.status_code == 406  # A readable one is Prism's to honour.
    listed = {**A, "Prefer": "example=stopped"}
    assert app.get("/api/v0/instances/42/", headers={**listed, "Accept": "text/html, text/plain"}).status_code == 406
    either = app.get("/api/v0/instances/42/", headers={**listed, "Accept": "text/html, application/json;q=0.5"})
    assert either.json() == example(*INSTANCE_PATH, "200", "stopped")  # A readable list reaches Prism whole.


def test_the_reference_page_and_the_spec_it_shows_point_at_the_mock(app: AppClient) -> None:
    assert "swagger-ui-bundle.js" in app.get("/docs").text
    served = app.get("/docs/openapi.json")
    assert served.status_code == 200
    document = served.json()
    assert document["servers"] == [{"url": "http://127.0.0.1:4010", "description": "this mock"}]
    assert all("servers" not in item for item in document["paths"].values())


class DeadPrism(AlwaysUp):
    def alive(self) -> bool:
        return False


class StalledPrism(FakePrism):
    def request(self, *args: Any, **kwargs: Any) -> Any:
        raise TimeoutError


def test_a_restarting_prism_is_a_503_and_a_stalled_one_a_504(delays: Delays) -> None:
    state = MockState(upstreams={"console": DeadPrism(), "run": AlwaysUp()}, settings=MockSettings(log=False))
    state.client = cast(Any, StalledPrism())
    with client_for(create_app(state)) as client:
        assert show(client, 42).json()["error"] == "mock_restarting"
        assert workers(client, 42).json()["error"] == "mock_timeout"


# --- Registering answers: every refusal says what is wrong and where ----------------------------------------

FIELD_LIST = "body, fault, headers, id, off_spec, operation, scenario, seconds, status, text, times"
ERROR_BODY = {"success": False, "error": "invalid_args", "msg": "Invalid id."}
RETRY_AFTER = "Retry-After is documented on a 429 only, as whole seconds."
SHOW = {"operation": "show_instance"}


@pytest.mark.parametrize(
    ("payload", "msg", "path"),
    [
        ("not an object",
         'Send a JSON object: {"operation": ..., "status": ..., "body": ...} or {"sequence": [...]}.', None),
        ({**SHOW, "sequence": []}, "sequence must be a non-empty list of answers.", "$.sequence"),
        ({**SHOW, "sequence": {"scenario": "loading"}}, "sequence must be a non-empty list of answers.", "$.sequence"),
        ({**SHOW, "sequence": [{"scenario": "loading"}, 3]}, "sequence must be a non-empty list of answers.",
         "$.sequence"),
        ({**SHOW, "sequence": [{"scenario": "loading"}, {"scenario": "loading", "colour": 1}]},
         f"Unknown field 'colour'; fields: {FIELD_LIST}.", "$.sequence[1].colour"),
        ({**SHOW, "scenario": "loading", "zeta": 1, "alpha": 2}, f"Unknown field 'alpha'; fields: {FIELD_LIST}.",
         "$.alpha"),
        ({"operation": "delete_everything", "scenario": "loading"},
         "operation must be one of show_instance, get_endpoint_workers, get_autogroup_workers.", "$.operation"),
        *[({**SHOW, "scenario": "loading", "id": bad},
           "id must be an integer from 1 to 2^53 - 1, or absent for every id.", "$.id")
          for bad in (0, 2**53, True, "5", 1.5)],
        *[({**SHOW, "scenario": "loading", "times": bad}, "times must be an integer from 1 to 10000.", "$.times")
          for bad in (0, 10_001, True, "2")],
        ({**SHOW, "scenario": "loading", "off_spec": "yes"}, "off_spec must be true or false.", "$.off_spec"),
        *[({**SHOW, "scenario": "loading", "seconds": bad}, "seconds must be a number from 0 to 600.", "$.seconds")
          for bad in (-0.5, 600.5, True, "1")],
        ({**SHOW}, "Give exactly one of status (with body or text), scenario or fault.", "$"),
        ({**SHOW, "status": 200, "fault": "hang"}, "Give exactly one of status (with body or text), scenario or fault.",
         "$"),
        ({**SHOW, "fault": "meteor"}, "fault must be one of hang, reset, truncated, malformed, dribble.", "$.fault"),
        *[({**SHOW, "status": bad, "body": {}}, "status must be an HTTP status from 200 to 599.", "$.status")
          for bad in (199, 600, True, "200")],
        ({**SHOW, "status": 429, "text": "slow", "headers": ["X-A"]}, "headers must be an object of strings.",
         "$.headers"),
        ({**SHOW, "status": 429, "text": "slow", "headers": {"X-A": 1}}, "headers must be an object of strings.",
         "$.headers"),
        ({**SHOW, "status": 429, "text": "slow", "headers": {"X A": "1"}}, "Header 'X A' cannot be set.", "$.headers"),
        ({**SHOW, "status": 429, "text": "slow", "headers": {"Connection": "close"}},
         "Header 'Connection' cannot be set.", "$.headers"),
        ({**SHOW, "status": 429, "text": "slow", "headers": {"X-Note": "a\nb"}},
         "Header 'X-Note' must be printable ASCII.", "$.headers.X-Note"),
        ({**SHOW, "status": 429, "text": "slow", "headers": {"X-Note": "a\x7fb"}},
         "Header 'X-Note' must be printable ASCII.", "$.headers.X-Note"),
        ({**SHOW, "status": 429, "text": "slow", "headers": {"X-Note": "café"}},
         "Header 'X-Note' must be printable ASCII.", "$.headers.X-Note"),
        ({**SHOW, "status": 429, "text": "slow", "body": {}}, "Give body (JSON) or text, not both.", "$"),
        ({**SHOW, "status": 429, "text": 5}, "text must be a string.", "$.text"),
        ({**SHOW, "sequence": [{"status": 429, "text": "slow"}, {"status": 429, "text": 5}]}, "text must be a string.",
         "$.sequence[1].text"),
    ],
)  # fmt: skip
def test_each_refused_registration_says_why_and_where(app: AppClient, payload: Any, msg: str, path: str) -> None:
    refused = app.post("/__mock/answers", json=payload, headers=A)
    assert refused.status_code == 422
    assert refused.json() == {"success": False, "error": "refused", "msg": msg, "path": path, "rule": None}
    assert app.get("/__mock/answers", headers=A).json()["answers"] == []  # Nothing of it was set.


def test_an_unknown_scenario_lists_the_scenarios_of_its_operation(app: AppClient) -> None:
    refused = app.post("/__mock/answers", json={**SHOW, "scenario": "on fire"}, headers=A).json()
    assert refused["path"] == "$.scenario"
    assert refused["msg"].startswith("No scenario 'on fire' for show_instance; scenarios: 404 bad key, 404 not found, ")
    assert refused["msg"].endswith(", exited, loading, no such instance, rate limited, JSON, rate limited, plain text, "
                                   "running, stopped.")  # fmt: skip
    workers_ = app.post("/__mock/answers", json={"operation": "get_autogroup_workers", "scenario": "x"}, headers=A)
    assert workers_.json()["msg"].endswith(
        ", no workers, rate limited, JSON, rate limited, plain text, ready, wrapped."
    )


@pytest.mark.parametrize(
    ("answer", "msg", "path", "rule"),
    [
        ({"status": 418, "text": "teapot"},
         "HTTP 418 is not documented for show_instance (documented: 200, 400, 401, 404, 429, 5XX).", "$.status",
         "status in 200, 400, 401, 404, 429, 5XX"),
        ({"status": 200}, "HTTP 200 of show_instance has a body in the spec: give body or text.", "$.body", "required"),
        ({"status": 200, "text": "<p>", "headers": {"Content-Type": "text/html"}},
         "HTTP 200 of show_instance is documented as application/json, not text/html.", "$.headers.content-type",
         "content type in application/json"),
        ({"status": 503, "body": {}, "headers": {"Content-Type": ""}},
         "HTTP 503 of show_instance is documented as text/html, application/json, not no content type.",
         "$.headers.content-type", "content type in text/html, application/json"),
        ({"status": 200, "body": {"instances": {"id": "42"}}},
         "The spec does not allow this show_instance answer at $.body.instances.id: '42' is not of type 'integer'",
         "$.body.instances.id", 'type: "integer"'),
        ({"status": 200, "body": {"instances": None}, "headers": {"Retry-After": "5"}}, RETRY_AFTER,
         "$.headers.retry-after", "integer, minimum 0, on 429"),
        ({"status": 429, "text": "slow", "headers": {"Retry-After": "1234567890"}}, RETRY_AFTER,
         "$.headers.retry-after", "integer, minimum 0, on 429"),
        ({"status": 429, "text": "slow", "headers": {"Retry-After": "in 5 s"}}, RETRY_AFTER, "$.headers.retry-after",
         "integer, minimum 0, on 429"),
    ],
)  # fmt: skip
def test_an_answer_off_the_spec_is_refused_with_the_rule_it_breaks(
    app: AppClient, answer: dict[str, Any], msg: str, path: str, rule: str
) -> None:
    refused = app.post("/__mock/answers", json={**SHOW, **answer}, headers=A)
    assert (refused.status_code, refused.json()) == (
        422, {"success": False, "error": "refused", "msg": msg, "path": path, "rule": rule})  # fmt: skip


@pytest.mark.parametrize(
    "answer",
    [
        {"status": 429, "text": "slow", "headers": {"Retry-After": "123456789", "X-Note": "\t a ~"}},
        {"status": 599, "text": "<html></html>", "headers": {"Content-Type": "text/html"}},
        {"status": 429, "body": {"detail": "slow"}, "headers": {"content-type": "application/json; charset=utf-8"}},
        {"status": 503, "text": "<html></html>", "headers": {"Content-Type": "TEXT/HTML"}},
        {"status": 200, "body": {"instances": None}, "id": 1, "times": 10_000, "seconds": 600},
        {"status": 200, "body": {"instances": None}, "id": 2**53 - 1, "times": 1, "seconds": 0},
        {"fault": "dribble", "seconds": 600},
    ],
)
def test_answers_at_the_edges_of_what_is_allowed_are_set(app: AppClient, answer: dict[str, Any]) -> None:
    assert app.post("/__mock/answers", json={**SHOW, **answer}, headers=A).status_code == 201


def test_set_answers_are_listed_newest_first_with_what_each_serves(app: AppClient) -> None:
    made = [
        app.post("/__mock/answers", json=payload, headers=A).json()
        for payload in (
            {**SHOW, "id": 42, "status": 404, "body": {"success": False, "error": "not_found", "msg": "gone"}},
            {"operation": "get_endpoint_workers", "fault": "hang", "seconds": 1},
            {**SHOW, "off_spec": True, "status": 418, "text": "teapot", "times": 3},
            {**SHOW, "sequence": [{"scenario": "loading"}, {"scenario": "exited", "times": 2}]},
        )
    ]
    numbers = [answer["answer"] for created in made for answer in created["answers"]]
    scope = made[0]["scope"]
    assert scope.startswith("key-")
    assert made[1] == {"scope": scope, "answers": [
        {"answer": numbers[1], "operation": "get_endpoint_workers", "id": None, "status": 200, "scenario": None,
         "fault": "hang", "times_left": None, "off_spec": False}]}  # fmt: skip
    listed = app.get("/__mock/answers", headers=A).json()
    assert listed["scope"] == scope
    assert [(a["answer"], a["id"], a["status"], a["scenario"], a["fault"], a["times_left"], a["off_spec"])
            for a in listed["answers"]] == [
        (numbers[3], None, 200, "loading", None, 1, False),  # A sequence's step is served once unless it says.
        (numbers[4], None, 200, "exited", None, 2, False),
        (numbers[2], None, 418, None, None, 3, True),
        (numbers[1], None, 200, None, "hang", None, False),
        (numbers[0], 42, 404, None, None, None, False),
    ]  # fmt: skip
    assert {a["operation"] for a in listed["answers"]} == {"show_instance", "get_endpoint_workers"}
    states = [show(app, 41).json()["instances"]["actual_status"] for _ in range(3)]
    assert states == ["loading", "exited", "exited"]
    assert [show(app, 42).status_code for _ in range(4)] == [418, 418, 418, 404]
    assert [a["times_left"] for a in app.get("/__mock/answers", headers=A).json()["answers"]] == [None, None]


def test_a_status_answer_waits_its_seconds_and_by_default_none(app: AppClient, delays: Delays) -> None:
    app.post("/__mock/answers", json={**SHOW, "id": 42, "status": 200, "body": {"instances": None}}, headers=A)
    app.post("/__mock/answers", json={**SHOW, "id": 43, "status": 200, "body": {"instances": None},
                                      "seconds": 2.5}, headers=A)  # fmt: skip
    served = show(app, 42)
    assert (served.headers["content-type"], served.json()) == ("application/json", {"instances": None})
    assert delays.seen == []
    show(app, 43)
    assert delays.seen == [2.5]


def test_a_refusal_inside_a_sequence_names_its_step_and_clips_a_long_rule(app: AppClient) -> None:
    steps = {
        "operation": "get_endpoint_workers",
        "sequence": [{"status": 200, "body": []}, {"status": 418, "text": "x"}],
    }
    refused = app.post("/__mock/answers", json=steps, headers=A).json()
    assert (refused["path"], refused["rule"]) == ("$.sequence[1].status", "status in 200, 400, 401, 429, 5XX")
    odd = app.post("/__mock/answers", json={"operation": "get_endpoint_workers", "status": 200, "body": 5}, headers=A)
    rule = odd.json()["rule"]
    assert (odd.json()["path"], len(rule)) == ("$.body", len("anyOf: ") + 120)
    assert rule.startswith('anyOf: [{"$ref": "#/components/schemas/WorkerList"}, ')


def test_a_key_holds_at_most_100_answers(app: AppClient) -> None:
    one = {**SHOW, "scenario": "loading"}
    assert app.post("/__mock/answers", json={"sequence": [one] * 99}, headers=A).status_code == 201
    assert app.post("/__mock/answers", json=one, headers=A).status_code == 201
    refused = app.post("/__mock/answers", json=one, headers=A)
    assert (refused.status_code, refused.json()) == (422, {
        "success": False, "error": "refused", "path": None, "rule": None,
        "msg": "A key holds at most 100 answers: remove some (DELETE /__mock/answers)."})  # fmt: skip


# --- The id table, answer by answer: the documented example each id names, made about the id asked for -------

INSTANCE_PATH = ("/api/v0/instances/{id}/", "get")
WORKERS_PATH = ("/get_endpoint_workers/", "post")


def instance_answer(name: str, ident: int, **patch: Any) -> dict[str, Any]:
    """The spec's instance example NAME about instance `ident`: its id, and its label when it has one."""
    found = example(*INSTANCE_PATH, "200", name)["instances"]
    label = {"label": f"instance-{ident}"} if isinstance(found.get("label"), str) else {}
    return {"instances": {**found, "id": ident, **label, **patch}}


def worker_copies(ident: int, count: int, status: str) -> list[dict[str, Any]]:
    """`count` workers of endpoint `ident`, each a copy of the live example's worker in the same state."""
    running, loading = example(*WORKERS_PATH, "200", "mixed")
    model = running if status.upper() in ("RUNNING", "READY", "IDLE") else loading
    return [{**model, "id": ident * 100 + k, "status": status} for k in range(count)]


@pytest.mark.parametrize(
    ("ident", "status", "expected"),
    [
        (42, 200, lambda: instance_answer("running_live", 42)),
        (9250, 200, lambda: instance_answer("running_live", 9250)),
        (650, 200, lambda: instance_answer("loading", 650)),
        (750, 200, lambda: instance_answer("stopped", 750)),
        (850, 200, lambda: instance_answer("exited", 850)),
        (404, 200, lambda: {"instances": None}),
        (4040, 404, lambda: example(*INSTANCE_PATH, "404", "not_found")),
        (4041, 404, lambda: example(*INSTANCE_PATH, "404", "auth_error")),
        (400, 400, lambda: example(*INSTANCE_PATH, "400", "bad_request")),
        (401, 401, lambda: example(*INSTANCE_PATH, "401", "unauthorized")),
        (4290, 429, lambda: example(*INSTANCE_PATH, "429", "rate_limited")),
        (3150, 200, lambda: instance_answer("running_live", 3150)),
    ],
)
def test_each_instance_id_answers_its_documented_example(
    app: AppClient, ident: int, status: int, expected: Callable[[], Any]
) -> None:
    answer = show(app, ident)
    assert (answer.status_code, answer.json()) == (status, expected())


@pytest.mark.parametrize(
    ("ident", "expected"),
    [
        (42, lambda: worker_copies(42, 3, "RUNNING")),
        (9250, lambda: worker_copies(9250, 3, "RUNNING")),
        (600, lambda: worker_copies(600, 1, "loading")),
        (699, lambda: worker_copies(699, 4, "loading")),
        (700, lambda: []),
        (850, lambda: {"workers": [{**example(*WORKERS_PATH, "200", "wrapped")["workers"][0], "id": 85000}]}),
        (2000, lambda: {"error_msg": "Invalid API key"}),
        (2001, lambda: "endpoint not ready"),
        (3150, lambda: worker_copies(3150, 3, "RUNNING")),
    ],
)
def test_each_endpoint_id_answers_its_documented_example(
    app: AppClient, ident: int, expected: Callable[[], Any]
) -> None:
    answer = workers(app, ident)
    assert (answer.status_code, answer.json()) == (200, expected())


def test_only_slow_and_dribbled_ids_take_their_time(app: AppClient, delays: Delays) -> None:
    show(app, 42)
    workers(app, 42)
    workers(app, 650)
    assert delays.seen == []
    show(app, 9250)
    workers(app, 9999)
    assert delays.seen == [0.25, 0.999]
    delays.seen.clear()
    workers(app, 3125)
    assert sum(delays.seen) == pytest.approx(2.5)
    assert journal(app, A, id=3125)["requests"][0]["answer"]["fault"] == "dribble"


def test_the_rate_limit_ids_answer_as_the_live_server_does(app: AppClient) -> None:
    plain = workers(app, 429)
    assert (plain.status_code, plain.headers["content-type"]) == (429, "text/plain")
    assert plain.text == example(*WORKERS_PATH, "429", "rate_limited_text", "text/plain")
    assert "retry-after" not in plain.headers  # Prism invents one; the live server sends none.
    limited = workers(app, 4290)
    assert (limited.status_code, limited.json()) == (429, example(*WORKERS_PATH, "429", "rate_limited"))


@pytest.mark.parametrize(("ident", "reason"), [(522, "Connection timed out"), (503, "Service unavailable"),
                                               (599, "Server error")])  # fmt: skip
def test_edge_ids_answer_cloudflares_page(app: AppClient, ident: int, reason: str) -> None:
    for answer in (show(app, ident), workers(app, ident)):
        assert (answer.status_code, answer.headers["content-type"]) == (ident, "text/html; charset=utf-8")
        title = f"<title>vast.ai | {ident}: {reason}</title>"
        page = f"<body><h1>Error {ident}</h1><p>{reason}</p><p>Cloudflare</p></body>"
        assert answer.text == f"<!DOCTYPE html><html><head>{title}</head>{page}</html>"


def test_lifecycle_ids_walk_through_their_documented_states(app: AppClient) -> None:
    app.post("/__mock/clock", json={"freeze": True}, headers=A)
    seen = [(show(app, 7099).json(), show(app, 7100).json(), workers(app, 7099).json(), workers(app, 7100).json())]
    for _ in range(2):
        app.post("/__mock/clock", json={"advance": 10}, headers=A)
        seen.append((show(app, 7099).json(), show(app, 7100).json(), workers(app, 7099).json(),
                     workers(app, 7100).json()))  # fmt: skip
    assert seen == [
        (instance_answer("loading", 7099, actual_status="created"), instance_answer("loading", 7100),
         worker_copies(7099, 2, "loading"), worker_copies(7100, 2, "loading")),
        (instance_answer("loading", 7099), instance_answer("loading", 7100), worker_copies(7099, 2, "loading"),
         worker_copies(7100, 2, "loading")),
        (instance_answer("running_live", 7099), instance_answer("exited", 7100), worker_copies(7099, 2, "READY"),
         worker_copies(7100, 2, "ERROR")),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("operation", "scenario", "expected"),
    [
        ("show_instance", "running", lambda: instance_answer("running_live", 42)),
        ("show_instance", "loading", lambda: instance_answer("loading", 42)),
        ("get_endpoint_workers", "ready", lambda: worker_copies(42, 2, "RUNNING")),
        ("get_endpoint_workers", "all loading", lambda: worker_copies(42, 2, "loading")),
        ("get_endpoint_workers", "wrapped", lambda: {"workers": [{**example(*WORKERS_PATH, "200", "wrapped")[
            "workers"][0], "id": 4200}]}),
    ],
)  # fmt: skip
def test_a_scenario_set_by_name_answers_as_its_id_would(
    app: AppClient, operation: str, scenario: str, expected: Callable[[], Any]
) -> None:
    made = app.post("/__mock/answers", json={"operation": operation, "scenario": scenario}, headers=A).json()
    assert made["answers"][0]["scenario"] == scenario
    answer = show(app, 42) if operation == "show_instance" else workers(app, 42)
    assert answer.json() == expected()


# --- The admin API's refusals and the journal's redaction, as a test reads them ------------------------------

CLOCK_SHAPE = 'Send {"freeze": true|false} and/or {"advance": seconds}.'
ADVANCE = "advance must be a number of seconds from 0 to 10000000."


@pytest.mark.parametrize(
    ("payload", "msg"),
    [([1], CLOCK_SHAPE), ({"jump": 3}, CLOCK_SHAPE), (b"{nope", CLOCK_SHAPE), ({"freeze": "yes"},
     "freeze must be true or false."), ({"advance": -1}, ADVANCE), ({"advance": 10**7 + 1}, ADVANCE),
     ({"advance": "5"}, ADVANCE), ({"advance": True}, ADVANCE)],
)  # fmt: skip
def test_each_refused_clock_change_says_why(app: AppClient, payload: Any, msg: str) -> None:
    if isinstance(payload, bytes):
        answer = app.post("/__mock/clock", content=payload, headers={**A, "content-type": "application/json"})
    else:
        answer = app.post("/__mock/clock", json=payload, headers=A)
    assert (answer.status_code, answer.headers["content-type"]) == (400, "application/json")
    assert answer.json() == {"success": False, "error": "invalid_args", "msg": msg}
    assert app.get("/__mock/clock", headers=A).json()["offset"] == 0  # Nothing moved.


def test_the_clock_moves_up_to_its_limit_and_shows_its_offset_to_the_microsecond(app: AppClient) -> None:
    moved = app.post("/__mock/clock", json={"advance": 0.1234567}, headers=A)
    assert (moved.headers["content-type"], moved.json()["offset"]) == ("application/json", 0.123457)
    assert app.post("/__mock/clock", json={"advance": 10**7}, headers=A).json()["offset"] == 10_000_000.123457
    assert app.post("/__mock/clock", json={}, headers=A).json()["offset"] == 10_000_000.123457


def test_the_admin_api_says_how_to_send_the_key(app: AppClient) -> None:
    answer = app.get("/__mock/journal", headers={"Authorization": "Token abc"})
    assert (answer.status_code, answer.headers["content-type"]) == (401, "application/json")
    assert answer.json() == {"success": False, "error": "invalid_args",
                             "msg": "Authorization must be `Bearer <the key your app sends>`."}  # fmt: skip


@pytest.mark.parametrize(
    ("query", "msg"),
    [
        ("colour=red", "Unknown filter 'colour'; filters: operation, id, method, status, scope, since."),
        ("id=abc", "Filter id='abc' is not a number."),
        ("status=2xx", "Filter status='2xx' is not a number."),
        ("since=-1", "Filter since='-1' is not a number."),
        ("count=many", "Filter count='many' is not a number."),
        ("timeout=soon", "timeout='soon' is not a number of seconds (up to 999)."),
    ],
)
def test_each_unreadable_journal_filter_says_why(app: AppClient, query: str, msg: str) -> None:
    for route in ("/__mock/journal", "/__mock/journal/wait"):
        answer = app.get(f"{route}?{query}", headers=A)
        assert (answer.status_code, answer.json()) == (400, {"success": False, "error": "invalid_args", "msg": msg})


def test_the_journal_since_a_request_lists_the_later_ones(app: AppClient) -> None:
    for ident in (1, 2, 3):
        show(app, ident)
    first = journal(app, A)["requests"][0]["seq"]
    assert [e["id"] for e in journal(app, A, since=first)["requests"]] == [2, 3]


def test_secrets_are_redacted_at_every_depth_and_in_every_body_type(app: AppClient) -> None:
    workers(app, 4, meta={"Token": "t-1", "items": [{"password": "p-1"}, 3, ["x"]]})
    app.post("/get_autogroup_workers/", content=b"id=4&%6B%65%79=s3cret",
             headers={**A, "content-type": "application/x-www-form-urlencoded"})  # fmt: skip
    app.request("GET", "/api/v0/instances/5/", content=b"note: sent with Bearer abc-123 today", headers=A)
    bodies = [entry["body"] for entry in journal(app)["requests"]]  # Refused before the key is read: every world.
    assert bodies == [
        {"id": 4, "meta": {"Token": "***", "items": [{"password": "***"}, 3, ["x"]]}},
        "id=4&key=***",  # The form's names are read decoded: an encoded name is no hiding place.
        "note: sent with Bearer *** today",
    ]


# --- Between the front and Prism: what is forwarded, what comes back -----------------------------------------


def test_prisms_own_cors_date_and_connection_headers_do_not_reach_the_browser(app: AppClient) -> None:
    for answer in (show(app, 42), show(app, 429), show(app, 0), workers(app, 42)):
        assert [
            name for name in ("date", "keep-alive", "access-control-expose-headers") if name in answer.headers
        ] == []
        assert "access-control-allow-origin" not in answer.headers  # Prism's "*" would break credentialed calls.
        assert int(answer.headers["content-length"]) == len(answer.content)
    from_page = show(app, 42, {**A, "Origin": "http://127.0.0.1:5173"})
    assert from_page.headers["access-control-allow-origin"] == "http://127.0.0.1:5173"
    assert from_page.headers["access-control-allow-credentials"] == "true"


def test_prism_gets_the_request_without_hop_by_hop_or_cors_headers(app: AppClient, prism: FakePrism) -> None:
    sent = {**A, "X-Trace": "t-1", "TE": "trailers", "Access-Control-Request-Method": "GET", "Upgrade": "h2c"}
    show(app, 42, sent)
    workers(app, 43, sent)
    seen = prism.seen
    assert [(s["method"], s["path"], s["query"]) for s in seen] == [
        ("GET", "/api/v0/instances/42/", ""), ("POST", "/get_endpoint_workers/", "")]  # fmt: skip
    for request in seen:
        assert request["headers"]["x-trace"] == "t-1"
        assert request["headers"]["authorization"] == "Bearer test-a-0001"
        forwarded = set(request["headers"])
        assert forwarded.isdisjoint({"te", "upgrade", "connection", "host", "content-length",
                                     "access-control-request-method"})  # fmt: skip
    app.get("/api/v0/instances/44/?owner=me&limit=2", headers=A)
    assert (seen[-1]["path"], seen[-1]["query"]) == ("/api/v0/instances/44/", "owner=me&limit=2")
    assert seen[1]["body"] == b'{"id":43}'


class RefusingPrism(FakePrism):
    """A Prism that refuses every request with the given `sl-violations`, as it does an invalid one."""

    def __init__(self, violations: str, status: int = 400) -> None:
        super().__init__()
        self.violations = violations
        self.status = status  # 422 for an operation whose spec documents no 400.

    def request(self, *args: Any, **kwargs: Any) -> Any:
        return FakeAnswer(self.status, b'{"success": false, "error": "invalid_args", "msg": "Invalid id."}',
                          {"content-type": "application/json", "sl-violations": self.violations})  # fmt: skip


LONG = [{"path": ["body", f"field{n}"], "message": "must be an integer"} for n in range(20)]
LONG_MSG = "Invalid request: " + "; ".join(f"body.field{n}: must be an integer" for n in range(20))[:300]
TWO = [{"path": ["body", "id"], "message": "must be integer"}, {"path": [], "message": "too many"}]


@pytest.mark.parametrize(
    ("violations", "msg"),
    [
        (json.dumps(TWO), "Invalid request: body.id: must be integer; too many"),
        (json.dumps({"message": "only one"}), "Invalid request: only one"),
        (json.dumps(["said plainly", 5]), "Invalid request: said plainly; 5"),
        (json.dumps([{"path": ["query", 1]}]), "Invalid request: query.1: "),
        (json.dumps([{"message": "no path"}]), "Invalid request: no path"),
        ("not json " * 50, ("not json " * 50)[:300]),
        (json.dumps(LONG), LONG_MSG),
    ],
    ids=["list", "one", "strings", "no message", "no path", "not json", "long"],
)  # fmt: skip
def test_prisms_refusal_of_a_request_is_explained_in_one_line(delays: Delays, violations: str, msg: str) -> None:
    for status in (400, 422):
        for client in make_client(MockSettings(log=False), RefusingPrism(violations, status)):
            answer = show(client, 42)
            assert (answer.status_code, answer.json()) == (400, {"success": False, "error": "invalid_args", "msg": msg})


def test_a_restarting_prism_and_a_stalled_one_say_so(delays: Delays) -> None:
    state = MockState(upstreams={"console": DeadPrism(), "run": AlwaysUp()}, settings=MockSettings(log=False))
    state.client = cast(Any, StalledPrism())
    with client_for(create_app(state)) as client:
        restarting, stalled = show(client, 42), workers(client, 42)
    restart = "The mock is restarting; try again in a few seconds."
    assert (restarting.status_code, restarting.json()) == (503, {"success": False, "error": "mock_restarting",
                                                                 "msg": restart})  # fmt: skip
    timeout = "The mock did not answer in time (TimeoutError)."
    assert (stalled.status_code, stalled.json()) == (504, {"success": False, "error": "mock_timeout", "msg": timeout})


def test_each_call_is_logged_in_one_line_with_its_time(
    delays: Delays, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ticks = iter([10.0, 11.0, 20.0, 20.0015])
    monkeypatch.setattr(mock.app, "time", SimpleNamespace(monotonic=lambda: next(ticks)))
    for client in make_client(MockSettings(log=True)):
        show(client, 42)
        workers(client, "x")
    assert capsys.readouterr().err == (
        "[mock] GET /api/v0/instances/42/ -> 200 (1000 ms)\n[mock] POST /get_endpoint_workers/ -> 400 (2 ms)\n"
    )


def test_a_preflight_is_neither_delayed_nor_journaled(delays: Delays) -> None:
    for client in make_client(MockSettings(latency=(0.3, 0.3), log=False)):
        assert client.options("/get_endpoint_workers/").headers["allow"] == "POST, OPTIONS"
        assert delays.seen == []
        assert journal(client)["count"] == 0
        show(client, 42)
        assert delays.seen == [0.3]
        assert journal(client)["count"] == 1


# --- What the front refuses, word for word ----------------------------------------------------------------------


def error(code: str, msg: str) -> dict[str, Any]:
    return {"success": False, "error": code, "msg": msg}


def test_an_unknown_route_or_method_is_refused_with_what_to_do(app: AppClient) -> None:
    nowhere = app.get("/nope", headers=A)
    assert (nowhere.status_code, nowhere.json()) == (404, error("not_found", "No route /nope; see /docs."))
    wrong = app.put("/get_endpoint_workers/", headers=A)
    assert (wrong.status_code, wrong.headers["allow"]) == (405, "POST")
    assert wrong.json() == error("method_not_allowed", "PUT is not allowed here.")
    admin_typo = app.get("/__mock/jornal", headers=A)
    assert admin_typo.status_code == 404
    assert journal(app)["count"] == 2  # The admin API's own calls are not journaled.


@pytest.mark.parametrize(
    ("headers", "body", "status", "answer"),
    [
        ({"x-note": "tab\tand ~"}, b'{"id": 42}', 200, None),
        ({"x-note": "del\x7f"}, b'{"id": 42}', 400, error("invalid_header", "Header x-note must be printable ASCII.")),
        ({"x-note": "bell\x07"}, b'{"id": 42}', 400, error("invalid_header", "Header x-note must be printable ASCII.")),
        ({"content-type": "application/json; charset=utf-8, text/plain"}, b'{"id": 42}', 200, None),
        ({"content-type": "application/json, not a type"}, b'{"id": 42}', 415,
         error("invalid_content_type", "Content-Type is not a media type.")),
        ({}, b'{"id": 42, "pad": "' + b"x" * (65536 - 21) + b'"}', 200, None),
        ({}, b'{"id": 42, "pad": "' + b"x" * (65537 - 21) + b'"}', 413,
         error("payload_too_large", "Bodies above 65536 bytes are refused.")),
        ({}, b'{"id": 42', 400, error("invalid_json", "The body is not valid JSON.")),
        ({}, b"[" * 5000 + b"]" * 5000, 400, error("invalid_json", "The body is nested too deeply.")),
        ({"content-type": "text/plain"}, b"", 400, None),
    ],
    ids=["printable", "delete", "control", "two types", "one not a type", "at the limit", "above the limit",
         "not json", "too deep", "empty body"],
)  # fmt: skip
def test_what_the_front_reads_and_refuses(
    app: AppClient, headers: dict[str, str], body: bytes, status: int, answer: dict[str, Any] | None
) -> None:
    sent = app.post("/get_endpoint_workers/", content=body, headers={**A, "content-type": "application/json",
                                                                   **headers})  # fmt: skip
    assert sent.status_code == status
    if answer is not None:
        assert sent.json() == answer
    if status == 413:
        assert sent.headers["connection"] == "close"


def test_an_instance_call_may_carry_a_body_of_any_type(app: AppClient) -> None:
    answer = app.request("GET", "/api/v0/instances/42/", content=b"hello", headers={**A, "content-type": "text/plain"})
    assert answer.json()["instances"]["id"] == 42
    assert journal(app, A)["requests"][0]["body"] == "hello"


@pytest.mark.parametrize(
    ("path", "body", "picked"),
    [
        ("/api/v0/instances/042/", None, False),  # Not an id as the spec writes one: Prism decides.
        ("/api/v0/instances/9007199254740991/", None, True),
        ("/get_endpoint_workers/", {"id": 2**53 - 1}, True),
        ("/get_endpoint_workers/", {"id": 2**53}, False),
        ("/get_endpoint_workers/", {"id": True}, False),
        ("/get_endpoint_workers/", {"id": 4.0}, False),
        ("/get_endpoint_workers/", [4], False),
        ("/get_endpoint_workers/", {"id": 1}, True),
        ("/get_endpoint_workers/", {"id": 0}, False),
        ("/api/v0/instances/abc/", None, False),
    ],
)
def test_only_an_id_the_spec_allows_picks_an_answer(app: AppClient, path: str, body: Any, picked: bool) -> None:
    app.request("GET" if body is None else "POST", path, json=body, headers=A)
    entry = journal(app, A)["requests"][0]
    assert (entry["id"] is not None) == picked


def test_the_key_in_the_header_wins_over_the_body(app: AppClient) -> None:
    assert workers(app, 42, {"Authorization": "Bearer bad-1"}, api_key="good-key").status_code == 401
    assert workers(app, 42, {"Authorization": "Bearer good-key"}, api_key="bad-1").status_code == 200
    assert workers(app, 42, {"Authorization": "Token good-key"}, api_key="good-key").status_code == 401
    assert show(app, 42, {"Authorization": "Bearer \t good-key \t"}).status_code == 200
    assert show(app, 42, {"Authorization": "Bearer " + "k" * 512}).status_code == 200
    assert show(app, 42, {"Authorization": "Bearer " + "k" * 513}).status_code == 401
    assert show(app, 42, {"Authorization": "Bearer"}).status_code == 401
    assert workers(app, 42, {}, api_key="good-key").status_code == 200
    assert workers(app, 42, {}, other="x").status_code == 401
    scopes = {e["scope"] for e in journal(app)["requests"]}
    assert "no-key" in scopes
    assert all(re.fullmatch(r"no-key|key-[0-9a-f]{12}", scope) for scope in scopes)


# --- The journal entry, field by field ---------------------------------------------------------------------


def test_a_journal_entry_records_the_call_and_the_answer_set_for_it(
    app: AppClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mock.journal, "time", SimpleNamespace(time=lambda: 1764570000.12345))
    made = app.post("/__mock/answers", json={**SHOW, "status": 429, "text": "slow down"}, headers=A).json()
    app.get("/api/v0/instances/42/?note=test-a-0001&x=1&flag=", headers={**A, "X-Trace": "t-1"})
    [entry] = journal(app, A)["requests"]
    assert entry == {
        "seq": 1, "time": 1764570000.123, "scope": made["scope"], "operation": "show_instance", "id": 42,
        "method": "GET", "path": "/api/v0/instances/42/", "query": "note=***&x=1&flag=",  # The key, wherever it is.
        "headers": {**entry["headers"], "authorization": "***", "x-trace": "t-1"}, "body": None,
        "answer": {"status": 429, "content_type": "text/plain; charset=utf-8", "body": "slow down", "fault": None},
        "runtime_answer": made["answers"][0]["answer"], "off_spec": False,
    }  # fmt: skip


@pytest.mark.parametrize(("key", "kept"), [("abcd", False), ("abc", True)])
def test_a_key_of_four_characters_or_more_is_scrubbed_from_free_text(app: AppClient, key: str, kept: bool) -> None:
    app.get(f"/api/v0/instances/42/?note=my-{key}-x", headers={"Authorization": f"Bearer {key}"})
    assert (key in journal(app)["requests"][0]["query"]) == kept


def test_long_or_undecodable_bodies_are_kept_readable_and_short(app: AppClient) -> None:
    long_text = b"\xff" + b"a b " * 700
    app.request("GET", "/api/v0/instances/42/", content=long_text, headers={**A, "content-type": "text/x"})
    show(app, 522)
    bodies = [(e["body"], e["answer"]) for e in journal(app, A)["requests"]]
    assert bodies[0][0] == "\ufffd" + ("a b " * 700)[:1999]
    assert bodies[1][1]["content_type"] == "text/html; charset=utf-8"
    assert bodies[1][1]["body"].startswith("<!DOCTYPE html>")
    assert len(journal(app, A)["requests"]) == 2


def test_a_broken_json_answer_is_journaled_as_text(app: AppClient) -> None:
    app.post("/__mock/answers", json={**SHOW, "status": 200, "text": "{oops", "off_spec": True,
                                      "headers": {"Content-Type": "application/json"}}, headers=A)  # fmt: skip
    app.post("/__mock/answers", json={**SHOW, "fault": "truncated", "id": 43}, headers=A)
    show(app, 42)
    with pytest.raises(ConnectionAbortedError):
        show(app, 43)
    first, second = journal(app, A)["requests"]
    assert first["answer"] == {"status": 200, "content_type": "application/json", "body": "{oops", "fault": None}
    assert second["answer"]["fault"] == "truncated"
    assert second["answer"]["body"] == instance_answer("running_live", 43)  # What the client was cut off from.


def test_the_journal_keeps_the_last_200_calls_of_a_world(app: AppClient) -> None:
    for _ in range(201):
        app.get("/nope", headers=A)  # Refused before the key is read: the keyless world.
    seqs = [e["seq"] for e in journal(app)["requests"]]
    assert (len(seqs), seqs[0], seqs[-1]) == (200, 2, 201)


def test_the_merged_journal_keeps_arrival_order_and_clears_per_key(app: AppClient) -> None:
    show(app, 1)
    show(app, 2, B)
    show(app, 3)
    assert [e["id"] for e in journal(app)["requests"]] == [1, 2, 3]
    assert app.delete("/__mock/journal", headers=A).status_code == 204
    assert [e["id"] for e in journal(app)["requests"]] == [2]
    app.delete("/__mock/journal")
    assert journal(app)["count"] == 0


def test_reset_and_removal_say_what_they_did(app: AppClient) -> None:
    parts = ["clock", "lifecycles", "rate limits", "answers", "journal"]
    reset = app.post("/__mock/reset", headers=A)
    assert (reset.status_code, reset.json()) == (200, {"reset": "this key's world", "parts": parts})
    assert app.post("/__mock/reset").json() == {"reset": "every world", "parts": parts}
    missing = app.delete("/__mock/answers/7", headers=A)
    assert (missing.status_code, missing.json()) == (404, {"success": False, "error": "invalid_args",
                                                           "msg": "This key has no answer 7."})  # fmt: skip


def test_a_wait_that_times_out_says_how_many_came_and_waits_two_minutes_at_most(
    app: AppClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticks = iter([0.0, 500.0])
    monkeypatch.setattr(mock.admin, "time", SimpleNamespace(monotonic=lambda: next(ticks)))
    show(app, 5)
    late = app.get("/__mock/journal/wait", params={"id": 5, "count": 3, "timeout": 999}, headers=A)
    assert (late.status_code, late.json()) == (408, {"success": False, "error": "timeout", "count": 1,
                                                     "msg": "1 of 3 matching requests came within 120 s."})  # fmt: skip


class WaitClock:
    """The admin API's clock and naps while a test waits on the journal: each nap moves the clock."""

    def __init__(self, *readings: float) -> None:
        self.readings = list(readings)
        self.naps: list[float] = []

    def monotonic(self) -> float:
        return self.readings.pop(0)

    async def sleep(self, seconds: float) -> None:
        self.naps.append(seconds)


@pytest.mark.parametrize(
    ("params", "readings", "naps", "msg"),
    [
        ({"id": 5}, [0.0, 10.0], [], "0 of 1 matching requests came within 10 s."),  # Ten seconds by default.
        ({"id": 5, "timeout": 5}, [100.0, 104.9, 105.0], [0.05], "0 of 1 matching requests came within 5 s."),
    ],
)
def test_a_wait_looks_at_the_journal_every_50_ms_until_its_deadline(
    app: AppClient, monkeypatch: pytest.MonkeyPatch, params: dict[str, Any], readings: list[float],
    naps: list[float], msg: str,
) -> None:  # fmt: skip
    clock = WaitClock(*readings)
    monkeypatch.setattr(mock.admin, "time", clock)
    monkeypatch.setattr(mock.admin, "asyncio", clock)
    late = app.get("/__mock/journal/wait", params=params, headers=A)
    assert (late.status_code, late.json()) == (408, {"success": False, "error": "timeout", "count": 0, "msg": msg})
    assert clock.naps == naps


def test_a_wait_without_a_count_waits_for_one(app: AppClient) -> None:
    show(app, 5)
    came = app.get("/__mock/journal/wait", params={"id": 5, "timeout": 0}, headers=A)
    assert (came.status_code, came.json()) == (200, {"count": 1, "requests": journal(app, A)["requests"]})


def test_cors_lets_a_page_send_any_header_and_read_every_answer_header(app: AppClient) -> None:
    asking = {"Origin": "http://localhost:5173", "Access-Control-Request-Method": "POST",
              "Access-Control-Request-Headers": "x-custom"}  # fmt: skip
    preflight = app.options("/get_endpoint_workers/", headers=asking)
    assert preflight.headers["access-control-max-age"] == "600"
    assert preflight.headers["access-control-allow-headers"] == "x-custom"
    assert preflight.headers["access-control-allow-credentials"] == "true"
    answer = show(app, 42, {**A, "Origin": "http://localhost:5173"})
    assert answer.headers["access-control-expose-headers"] == "*"


def test_faults_and_delays_set_at_runtime_take_their_seconds(app: AppClient, delays: Delays) -> None:
    set_ = [{"id": 41, "scenario": "loading", "seconds": 1.5}, {"id": 42, "fault": "dribble", "seconds": 2},
            {"id": 43, "fault": "hang"}, {"id": 44, "fault": "reset"}]  # fmt: skip
    for answer in set_:
        assert app.post("/__mock/answers", json={**SHOW, **answer}, headers=A).status_code == 201
    assert show(app, 41).json() == instance_answer("loading", 41)
    assert delays.seen == [1.5]
    delays.seen.clear()
    assert show(app, 42).json() == instance_answer("running_live", 42)
    assert sum(delays.seen) == pytest.approx(2.0)
    delays.seen.clear()
    assert show(app, 43).status_code == 504  # Held for ten minutes at most, then let go.
    assert sum(delays.seen) == 600
    with pytest.raises(ConnectionResetError):
        show(app, 44)
    faults = [e["answer"]["fault"] for e in journal(app, A)["requests"]]
    assert faults == [None, "dribble", "hang", "reset"]


def test_an_answer_for_every_id_leaves_a_call_without_a_valid_id_to_prism(app: AppClient, delays: Delays) -> None:
    app.post("/__mock/answers", json={**SHOW, "scenario": "stopped"}, headers=A)
    gone = {"success": False, "error": "not_found", "msg": "gone"}
    app.post("/__mock/answers", json={**SHOW, "status": 404, "body": gone}, headers=A)
    refused = app.get("/api/v0/instances/abc/", headers=A)
    assert (refused.status_code, refused.json()["msg"]) == (
        400, "Invalid request: path.id: Request path parameter id must be integer")  # fmt: skip
    assert journal(app, A)["requests"][0]["runtime_answer"] is None
    assert show(app, 42).json() == gone  # Still there for the next call.


def test_a_call_that_asks_prism_for_an_example_gets_no_scenario_delay_or_fault(app: AppClient, delays: Delays) -> None:
    for ident in (3110, 9500):
        answer = app.get(f"/api/v0/instances/{ident}/", headers={**A, "Prefer": "example=loading"})
        assert answer.json() == example(*INSTANCE_PATH, "200", "loading")
    assert delays.seen == []
    assert [e["answer"]["fault"] for e in journal(app, A)["requests"]] == [None, None]


def test_a_hang_or_reset_by_id_sends_nothing_and_the_journal_says_so(app: AppClient, delays: Delays) -> None:
    assert show(app, 3000).status_code == 504
    with pytest.raises(ConnectionResetError):
        show(app, 3001)
    answers = [e["answer"] for e in journal(app, A)["requests"]]
    assert answers == [
        {"status": 200, "content_type": None, "body": None, "fault": fault} for fault in ("hang", "reset")
    ]


def test_a_body_too_large_to_drain_is_refused_too(app: AppClient) -> None:
    answer = app.post("/get_endpoint_workers/", content=b"x" * (16 * 1024 * 1024 + 1), headers=A)
    assert (answer.status_code, answer.json()["error"]) == (413, "payload_too_large")
