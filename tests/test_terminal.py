"""The CLI renderer: live line and history on a terminal, plain lines in a log, JSON for scripts, watches."""

from __future__ import annotations

import io
import json
import re
import time
from datetime import UTC, datetime

import pytest

from vast_wrapper import WaitProgress
from vast_wrapper._terminal import (
    SHOW_CURSOR,
    JsonProgress,
    JsonRecords,
    LiveProgress,
    LiveScreen,
    ProgressLines,
    RecordLines,
    Terminal,
    duration,
    wait_progress,
    watch_display,
)

TTY = {"TERM": "xterm-256color"}
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class FakeTTY(io.StringIO):
    """A stream that says it is a terminal (80 x 24: it has no file descriptor)."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


def progress(state: str, elapsed: float, next_poll: float | None = 5.0, **fields: object) -> WaitProgress:
    values: dict[str, object] = {"what": "instance 7", "state": state, "changed": True, "elapsed": elapsed,
                                 "next_poll": next_poll, "ready": False, "polls": 1, **fields}  # fmt: skip
    return WaitProgress(**values)  # type: ignore[arg-type]


def plain(text: str) -> str:
    return ESCAPES.sub("", text)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_durations_read_like_a_person_says_them() -> None:
    """Seconds, then minutes and seconds, then hours and minutes."""
    assert [duration(s) for s in (0, 7.9, 59, 125, 3600 + 120)] == ["0 s", "7 s", "59 s", "2 min 05 s", "1 h 02 min"]


def test_live_progress_keeps_each_state_change_as_history() -> None:
    """Each change is a kept line `created → loading (12 s)`; the live line shows the state, wait and next poll."""
    stream, clock = FakeTTY(), Clock()
    live = LiveProgress(Terminal(stream, TTY), clock=clock, tick=0)
    live(progress("created", 0))
    clock.now += 3
    assert plain(live.line(clock.now)) == "instance 7: created · waited 3 s · next poll in 2 s"
    live(progress("loading", 12))
    live(progress("loading", 17, changed=False))
    live(progress("running", 41, next_poll=None, ready=True))
    live.close()
    kept = [plain(line).strip() for line in stream.getvalue().split("\n")[:-1]]
    assert [line.rsplit("\r", 1)[-1] for line in kept] == [
        "instance 7: created (0 s)",
        "instance 7: created → loading (12 s)",
        "instance 7: loading → running (41 s)",
    ]
    assert stream.getvalue().endswith(SHOW_CURSOR)  # the live line erased, the cursor back


def test_live_line_says_when_paced_after_a_429_and_shows_errors() -> None:
    """While paced, the live line says so with the interval; a polled-through error is shown too."""
    live = LiveProgress(Terminal(FakeTTY(), {**TTY, "NO_COLOR": "1"}), clock=Clock(), tick=0)
    live(progress("loading", 8, next_poll=2.1, pacing=2.1, error="HTTP 503: busy"))
    assert live.line(100.0) == (
        "instance 7: loading · waited 8 s · next poll in 3 s · paced after a 429, 2.1 s apart"
        " · HTTP 503: busy; polling on"
    )
    assert live.line(103.0).endswith("· polling · paced after a 429, 2.1 s apart · HTTP 503: busy; polling on")


def test_live_line_is_cut_to_the_terminal_width_state_first() -> None:
    """A line wider than the terminal would wrap and could not be rewritten: the state is cut, the timers kept."""
    stream = FakeTTY()
    live = LiveProgress(Terminal(stream, TTY), clock=Clock(), tick=0)
    live(progress("x" * 200, 1, changed=False, pacing=2.1))
    live_line = plain(stream.getvalue().rsplit("\r\x1b[K", 1)[-1])
    assert len(live_line) == 79
    assert live_line.startswith("instance 7:")
    assert live_line.endswith("... · waited 1 s · next poll in 5 s · paced after a 429, 2.1 s apart")
    assert len(live.line(100.0, width=20)) == 19  # too narrow even for the timers: cut as a whole


def test_live_progress_ticks_between_polls() -> None:
    """With a tick, the live line is redrawn between polls, and close() stops it."""
    stream = FakeTTY()
    live = LiveProgress(Terminal(stream, TTY), tick=0.01)
    live(progress("loading", 0, next_poll=60))
    try:
        for _ in range(200):
            if stream.getvalue().count("waited") >= 3:
                break
            time.sleep(0.01)
    finally:
        live.close()
    assert stream.getvalue().count("waited") >= 3
    assert stream.getvalue().endswith(SHOW_CURSOR)


def test_ctrl_c_while_the_ticker_starts_still_closes_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Ctrl-C that lands while the redraw thread is starting: close() erases the line and shows the cursor."""
    import threading

    def interrupted(self: threading.Thread) -> None:
        raise KeyboardInterrupt

    stream = FakeTTY()
    live = LiveProgress(Terminal(stream, TTY), tick=0.01)
    monkeypatch.setattr(threading.Thread, "start", interrupted)
    with pytest.raises(KeyboardInterrupt):
        live(progress("loading", 0, next_poll=60))
    live.close()
    assert stream.getvalue().endswith(SHOW_CURSOR)


def test_colour_only_on_a_terminal_without_no_color() -> None:
    """NO_COLOR removes colour; TERM=dumb makes the terminal not live (and colourless)."""
    assert "\x1b[" in Terminal(FakeTTY(), TTY).paint("ok", "ok")
    assert Terminal(FakeTTY(), {**TTY, "NO_COLOR": "1"}).paint("ok", "ok") == "ok"
    dumb = Terminal(FakeTTY(), {"TERM": "dumb"})
    assert (dumb.tty, dumb.live, dumb.color) == (True, False, False)
    assert Terminal(io.StringIO(), TTY).live is False


def test_an_ascii_terminal_gets_an_ascii_arrow() -> None:
    """A stream that cannot encode → gets ->."""
    stream = FakeTTY()
    stream.encoding = "ascii"
    assert Terminal(stream, TTY).arrow == "->"


def test_lines_in_a_log_one_per_change_and_per_error() -> None:
    """Plain lines: one per state change (none for a repeat), one per polled-through error."""
    stream = io.StringIO()
    lines = ProgressLines(Terminal(stream, {}))
    lines(progress("created", 0))
    lines(progress("created", 5, changed=False))
    lines(progress("created", 10, changed=False, error="HTTP 503: busy"))
    lines(progress("running", 15, next_poll=None, ready=True))
    assert stream.getvalue().splitlines() == [
        "vast-wrapper: instance 7: created (0 s)",
        "vast-wrapper: instance 7: HTTP 503: busy (next poll in 5 s)",
        "vast-wrapper: instance 7: created -> running (15 s)",
    ]


def test_json_progress_is_one_object_per_change() -> None:
    """State changes and a failure are JSON lines; the CLI adds the ready line itself."""
    stream = io.StringIO()
    display = JsonProgress(stream)
    display(progress("loading", 1.23456))
    display(progress("loading", 2, changed=False))
    display(progress("exited", 3, next_poll=None))
    assert [json.loads(line) for line in stream.getvalue().splitlines()] == [
        {"event": "state", "what": "instance 7", "state": "loading", "elapsed": 1.235},
        {"event": "failed", "what": "instance 7", "state": "exited", "elapsed": 3},
    ]


@pytest.mark.parametrize(
    ("stderr", "env", "as_json", "verbose", "kinds"),
    [
        (FakeTTY, TTY, False, False, ["LiveProgress"]),
        (FakeTTY, {"TERM": "dumb"}, False, False, ["ProgressLines"]),
        (FakeTTY, TTY, False, True, ["ProgressLines"]),
        (io.StringIO, TTY, False, False, []),
        (io.StringIO, TTY, False, True, ["ProgressLines"]),
        (io.StringIO, TTY, True, False, ["JsonProgress"]),
        (FakeTTY, TTY, True, False, ["JsonProgress"]),
    ],
)
def test_which_displays_a_wait_gets(
    monkeypatch: pytest.MonkeyPatch, stderr: type, env: dict[str, str], as_json: bool, verbose: bool, kinds: list[str]
) -> None:
    """Live on a terminal, lines when dumb or verbose, nothing in a log; --json: JSON lines and no live line."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    for name, value in {"TERM": "", **env}.items():
        monkeypatch.setenv(name, value)
    fanout = wait_progress(io.StringIO(), stderr(), as_json=as_json, verbose=verbose)
    assert [type(d).__name__ for d in fanout.displays] == kinds


MOMENT = datetime(2026, 12, 1, 3, 40, 12, tzinfo=UTC)


def test_live_screen_redraws_in_place_under_a_header() -> None:
    """Each refresh moves back over the last frame and draws the header, a blank line and the output."""
    stream = FakeTTY()
    screen = LiveScreen(Terminal(stream, TTY), "show-instance 7", 5)
    screen.refresh("Instance 7\n  status running", {}, MOMENT)
    first = stream.getvalue()
    screen.error("HTTP 503: busy", MOMENT)
    second = stream.getvalue()[len(first) :]
    assert "\x1b[" + "4F" not in first
    assert second.startswith("\x1b[?25l\x1b[4F\x1b[J")  # back over the 4 rows drawn before
    frame = plain(second).splitlines()
    assert frame[0].startswith("show-instance 7 · every 5 s · updated ")
    assert frame[1].endswith(": HTTP 503: busy; trying again in 5 s")
    assert frame[2:] == ["", "Instance 7", "  status running"]  # the last good output stays


def test_live_screen_cuts_a_frame_taller_than_the_terminal() -> None:
    """A frame that does not fit cannot be redrawn in place: it is cut, saying how many lines are hidden."""
    stream = FakeTTY()
    LiveScreen(Terminal(stream, TTY), "endpoint-workers 7", 5).refresh("\n".join(map(str, range(40))), [], MOMENT)
    lines = plain(stream.getvalue()).splitlines()
    assert len(lines) == 23
    assert lines[-1] == "... 20 more lines"


def test_records_in_a_log_and_json_records() -> None:
    """Not a terminal: a `--- time` line and the output per refresh, errors on stderr; --json: one object each."""
    out, err = io.StringIO(), io.StringIO()
    records = watch_display(out, err, as_json=False, key="instance", title="t", interval=2)
    assert isinstance(records, RecordLines)
    records.refresh("Instance 7", {"id": 7}, MOMENT)
    records.error("HTTP 503: busy", MOMENT)
    assert out.getvalue() == "--- 2026-12-01T03:40:12Z\nInstance 7\n"
    assert err.getvalue() == "vast-wrapper: 2026-12-01T03:40:12Z: HTTP 503: busy; trying again in 2 s\n"

    out = io.StringIO()
    display = watch_display(out, err, as_json=True, key="workers", title="t", interval=2)
    assert isinstance(display, JsonRecords)
    display.refresh("table", [{"id": 1}], MOMENT)
    display.error("HTTP 503: busy", MOMENT)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [
        {"event": "refresh", "time": "2026-12-01T03:40:12Z", "workers": [{"id": 1}]},
        {"event": "error", "time": "2026-12-01T03:40:12Z", "error": "HTTP 503: busy"},
    ]
