"""What the CLI's renderer writes, character for character: plain and JSON lines, the live line and
its escape codes, watch frames on a terminal of a given size, durations and clock times.

Each test pins whole lines or whole writes, so a one-character change to what a user sees fails.
A terminal's size comes from a pseudo-terminal pair opened in-process (no process is started).
"""

from __future__ import annotations

import fcntl
import io
import os
import struct
import termios
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest

from vast_wrapper import WaitProgress
from vast_wrapper._terminal import (
    JsonProgress,
    JsonRecords,
    LiveProgress,
    LiveScreen,
    ProgressLines,
    RecordLines,
    Terminal,
    duration,
    watch_display,
)

TTY = {"TERM": "xterm-256color"}
PLAIN_TTY = {**TTY, "NO_COLOR": "1"}
HIDE, SHOW, ERASE = "\x1b[?25l", "\x1b[?25h", "\r\x1b[K"
MOMENT = datetime(2026, 12, 1, 3, 40, 12, tzinfo=UTC)


class Screen(io.StringIO):
    """A terminal that keeps each write; its size is that of `fd` (a pseudo-terminal), else unknown."""

    encoding = "utf-8"

    def __init__(self, fd: int | None = None) -> None:
        super().__init__()
        self.writes: list[str] = []
        self.fd = fd

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        if self.fd is None:
            raise io.UnsupportedOperation("fileno")
        return self.fd

    def write(self, text: str) -> int:
        self.writes.append(text)
        return super().write(text)


@pytest.fixture
def sized() -> Iterator[Callable[[int, int], Screen]]:
    """Screens of a given size (columns, rows), each backed by a pseudo-terminal closed afterwards."""
    fds: list[int] = []

    def make(columns: int, rows: int) -> Screen:
        leader, follower = os.openpty()
        fds.extend((leader, follower))
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        return Screen(follower)

    yield make
    for fd in fds:
        os.close(fd)


@pytest.fixture
def india() -> Iterator[None]:
    """Local time is UTC+05:30, so local and UTC clock times differ."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "IST-05:30"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def progress(state: str, elapsed: float, next_poll: float | None = 5.0, **fields: object) -> WaitProgress:
    values: dict[str, object] = {"what": "instance 7", "state": state, "changed": True, "elapsed": elapsed,
                                 "next_poll": next_poll, "ready": False, "polls": 1, **fields}  # fmt: skip
    return WaitProgress(**values)  # type: ignore[arg-type]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


# --- durations and clock times ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (-3, "0 s"),
        (0, "0 s"),
        (59.99, "59 s"),
        (60, "1 min 00 s"),
        (61, "1 min 01 s"),
        (3599, "59 min 59 s"),
        (3600, "1 h 00 min"),
        (3660, "1 h 01 min"),
        (7199, "1 h 59 min"),
        (7200, "2 h 00 min"),
        (90061, "25 h 01 min"),
    ],
)
def test_durations_at_each_boundary(seconds: float, shown: str) -> None:
    """Whole seconds up to 59, minutes from 60 s, hours from 3600 s; never negative."""
    assert duration(seconds) == shown


def test_watch_headers_are_local_time_and_records_utc(india: None) -> None:
    """On a terminal the header says the user's clock time; a log record and a JSON record say UTC."""
    screen = LiveScreen(Terminal(Screen(), PLAIN_TTY), "show-instance 7", 2.5)
    screen.refresh("Instance 7", {"id": 7}, MOMENT)
    assert screen.frame()[0] == "show-instance 7 · every 2.5 s · updated 09:10:12 · Ctrl-C to stop"
    out, err = io.StringIO(), io.StringIO()
    records = RecordLines(out, err, 2.5)
    records.refresh("Instance 7", {"id": 7}, MOMENT)
    records.error("HTTP 503: busy", MOMENT)
    assert out.getvalue() == "--- 2026-12-01T03:40:12Z\nInstance 7\n"
    assert err.getvalue() == "vast-wrapper: 2026-12-01T03:40:12Z: HTTP 503: busy; trying again in 2.5 s\n"
    out = io.StringIO()
    JsonRecords(out, "instance").refresh("Instance 7", {"id": 7}, MOMENT)
    assert out.getvalue() == '{"event":"refresh","time":"2026-12-01T03:40:12Z","instance":{"id":7}}\n'


# --- what a terminal can do -------------------------------------------------------------------


def test_a_terminal_reports_its_size(sized: Callable[[int, int], Screen]) -> None:
    """Columns and rows as the terminal says; 80 x 24 when it says 0 x 0 or has no size at all."""
    assert Terminal(sized(100, 30), TTY).size() == (100, 30)
    assert Terminal(sized(0, 0), TTY).size() == (80, 24)
    assert Terminal(Screen(), TTY).size() == (80, 24)


def test_a_closed_stream_is_no_terminal() -> None:
    """A stream that cannot answer isatty() gets no live line and no colour."""
    stream = io.StringIO()
    stream.close()
    term = Terminal(stream, TTY)
    assert (term.tty, term.live, term.color) == (False, False, False)


def test_arrows_follow_the_streams_encoding() -> None:
    """UTF-8 (any spelling) gets →; no encoding at all, or ASCII, gets ->."""

    class Bare:
        def write(self, text: str) -> int:
            return len(text)

        def flush(self) -> None:
            pass

        def isatty(self) -> bool:
            return True

    utf8, ascii_only = Screen(), Screen()
    utf8.encoding, ascii_only.encoding = "UTF-8", "ascii"
    assert [Terminal(s, TTY).arrow for s in (utf8, ascii_only, Bare())] == ["→", "->", "->"]  # type: ignore[arg-type]


def test_colours_are_exact_escape_codes() -> None:
    """Each role has its SGR code, reset after the text."""
    term = Terminal(Screen(), TTY)
    painted = [term.paint("x", role) for role in ("ok", "bad", "warn", "dim", "bold")]
    assert painted == ["\x1b[32mx\x1b[0m", "\x1b[31mx\x1b[0m", "\x1b[33mx\x1b[0m", "\x1b[2mx\x1b[0m", "\x1b[1mx\x1b[0m"]


# --- a wait on a terminal: history lines and the live line ------------------------------------


def test_a_wait_on_a_terminal_write_by_write() -> None:
    """History in bold, the live line drawn with the cursor hidden once, redrawn in place; on ready: a green
    line, the live line erased and the cursor shown, and close() writes nothing more."""
    stream, clock = Screen(), Clock()
    live = LiveProgress(Terminal(stream, TTY), clock=clock, tick=0)
    live(progress("created", 0))
    clock.now += 1
    live(progress("created", 3, changed=False))
    live(progress("running", 5, next_poll=None, ready=True))
    live.close()
    assert stream.writes == [
        f"{ERASE}\x1b[1minstance 7: created (0 s)\x1b[0m\n",
        f"{HIDE}{ERASE}instance 7: created · waited 0 s · next poll in 5 s",
        f"{ERASE}instance 7: created · waited 3 s · next poll in 5 s",
        f"{ERASE}\x1b[32minstance 7: created → running (5 s)\x1b[0m\n",
        f"{ERASE}{SHOW}",
    ]


def test_a_failed_wait_on_a_terminal_ends_in_red() -> None:
    """The last state of a wait that gave up is red; the live line is erased once, even after close()."""
    stream = Screen()
    live = LiveProgress(Terminal(stream, TTY), clock=Clock(), tick=0)
    live(progress("loading", 0))
    live(progress("exited", 9, next_poll=None))
    live.close()
    assert stream.writes == [
        f"{ERASE}\x1b[1minstance 7: loading (0 s)\x1b[0m\n",
        f"{HIDE}{ERASE}instance 7: loading · waited 0 s · next poll in 5 s",
        f"{ERASE}\x1b[31minstance 7: loading → exited (9 s)\x1b[0m\n",
        f"{ERASE}{SHOW}",
    ]


def test_a_live_line_that_never_showed_leaves_nothing_to_erase() -> None:
    """Closed before any progress: nothing written, and no live line to draw."""
    stream = Screen()
    live = LiveProgress(Terminal(stream, TTY), clock=Clock(), tick=0)
    assert live.line(100.0) == ""
    live.close()
    assert stream.writes == []


def test_the_next_poll_counts_down_then_says_polling() -> None:
    """Seconds left are rounded up; at the moment of the poll (and after) the line says `polling`."""
    live = LiveProgress(Terminal(Screen(), PLAIN_TTY), clock=Clock(), tick=0)
    live(progress("loading", 10))
    shown = [live.line(100.0 + later).split(" · ", 2)[1:] for later in (0, 0.2, 4.5, 5, 6)]
    assert shown == [
        ["waited 10 s", "next poll in 5 s"],
        ["waited 10 s", "next poll in 5 s"],
        ["waited 14 s", "next poll in 1 s"],
        ["waited 15 s", "polling"],
        ["waited 16 s", "polling"],
    ]


def test_pacing_and_errors_are_yellow_on_the_live_line() -> None:
    """The 429 pacing and a polled-through error each carry the warning colour."""
    live = LiveProgress(Terminal(Screen(), TTY), clock=Clock(), tick=0)
    live(progress("loading", 8, next_poll=2.1, pacing=2.1, error="HTTP 503: busy"))
    assert live.line(100.0) == (
        "instance 7: loading · waited 8 s · next poll in 3 s · \x1b[33mpaced after a 429, 2.1 s apart\x1b[0m"
        " · \x1b[33mHTTP 503: busy; polling on\x1b[0m"
    )


@pytest.mark.parametrize(
    ("width", "shown"),
    [
        (0, "instance 7: loading · waited 1 s · next poll in 5 s"),  # no width: the whole line
        (53, "instance 7: loading · waited 1 s · next poll in 5 s"),
        (52, "instance 7: loading · waited 1 s · next poll in 5 s"),  # 51 columns: fits, one spare
        (51, "instance 7: loa... · waited 1 s · next poll in 5 s"),  # the state is cut first
        (45, "instance ... · waited 1 s · next poll in 5 s"),
        (43, "instanc... · waited 1 s · next poll in 5 s"),  # the head is never cut below 10
        (42, "instanc... · waited 1 s · next poll in..."),  # then the line as a whole
        (30, "instanc... · waited 1 s · ..."),
        (4, "..."),
    ],
)
def test_the_live_line_is_cut_to_the_width(width: int, shown: str) -> None:
    """A line never reaches the last column (it would wrap): the state is cut, then, if need be, the rest."""
    live = LiveProgress(Terminal(Screen(), PLAIN_TTY), clock=Clock(), tick=0)
    live(progress("loading", 1, changed=False))
    assert live.line(100.0, width) == shown


def test_a_short_head_is_not_cut_before_the_line_is() -> None:
    """A head of 10 characters or fewer is kept whole; only the line as a whole is cut."""
    live = LiveProgress(Terminal(Screen(), PLAIN_TTY), clock=Clock(), tick=0)
    live(progress("ready", 1, changed=False, what="job"))
    assert live.line(100.0, 43) == "job: ready · waited 1 s · next poll in 5 s"
    assert live.line(100.0, 42) == "job: ready · waited 1 s · next poll in..."


def test_a_line_that_just_fits_keeps_its_colours() -> None:
    """A line that fits in width - 1 columns is not cut (cutting drops colours); cutting the state keeps them."""
    live = LiveProgress(Terminal(Screen(), TTY), clock=Clock(), tick=0)
    live(progress("loading", 1, changed=False, pacing=2.0))
    line = "instance 7: loading · waited 1 s · next poll in 5 s · \x1b[33mpaced after a 429, 2.0 s apart\x1b[0m"
    assert live.line(100.0, 85) == line  # 84 visible columns
    assert live.line(100.0, 84) == line.replace("loading", "loa...")


def test_the_live_line_fits_the_terminal_it_is_drawn_on(sized: Callable[[int, int], Screen]) -> None:
    """On a 40-column terminal the drawn line is 39 columns."""
    stream = sized(40, 10)
    live = LiveProgress(Terminal(stream, PLAIN_TTY), clock=Clock(), tick=0)
    live(progress("loading", 1, changed=False))
    assert stream.writes == [f"{HIDE}{ERASE}instanc... · waited 1 s · next poll ..."]


def ticker_threads(before: set[threading.Thread]) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t not in before]


def test_one_redraw_thread_per_wait_that_never_keeps_the_process_alive() -> None:
    """Polls start one named daemon thread, stopped by close(); none for a wait that ended at once or without a tick."""
    before = set(threading.enumerate())
    live = LiveProgress(Terminal(Screen(), TTY), clock=Clock(), tick=3600)  # close() wakes it: no real wait
    live(progress("loading", 0))
    live(progress("loading", 5, changed=False))
    started = ticker_threads(before)
    assert [(t.name, t.daemon) for t in started] == [("vast-wrapper-progress", True)]
    live.close()
    assert not started[0].is_alive()

    at_once = LiveProgress(Terminal(Screen(), TTY), clock=Clock(), tick=3600)
    at_once(progress("exited", 0, next_poll=None))
    no_tick = LiveProgress(Terminal(Screen(), TTY), clock=Clock(), tick=0)
    no_tick(progress("loading", 0))
    assert ticker_threads(before) == []
    at_once.close()
    no_tick.close()


# --- a wait in a log, and for scripts ---------------------------------------------------------


def test_a_log_says_when_a_wait_gave_up_on_an_error() -> None:
    """An error line says when the next poll is (rounded up), or that the wait gave up."""
    stream = io.StringIO()
    lines = ProgressLines(Terminal(stream, {}))
    lines(progress("loading", 0, next_poll=2.1))
    lines(progress("loading", 2, next_poll=2.1, changed=False, error="HTTP 503: busy"))
    lines(progress("loading", 600, next_poll=None, changed=False, error="HTTP 503: busy"))
    assert stream.getvalue() == (
        "vast-wrapper: instance 7: loading (0 s)\n"
        "vast-wrapper: instance 7: HTTP 503: busy (next poll in 3 s)\n"
        "vast-wrapper: instance 7: HTTP 503: busy (gave up)\n"
    )


def test_json_lines_are_compact_and_keep_non_ascii() -> None:
    """One compact object per line, with non-ASCII as is (jq reads it; a person can too)."""
    stream = io.StringIO()
    display = JsonProgress(stream)
    display(progress("prêt", 1.23456, what="endpoint 9"))
    display(progress("éteint", 3, next_poll=None, what="endpoint 9"))
    assert stream.getvalue() == (
        '{"event":"state","what":"endpoint 9","state":"prêt","elapsed":1.235}\n'
        '{"event":"failed","what":"endpoint 9","state":"éteint","elapsed":3}\n'
    )
    display(progress("up\x9b2J\x7f", 4, what="endpoint 9"))  # An 8-bit CSI and DEL: escaped, as C0 is.
    assert stream.getvalue().splitlines()[-1] == (
        '{"event":"state","what":"endpoint 9","state":"up\\u009b2J\\u007f","elapsed":4}'
    )


# --- a watch on a terminal: frames --------------------------------------------------------------


def test_watch_frames_write_by_write(india: None, sized: Callable[[int, int], Screen]) -> None:
    """First frame: hide, erase down, draw, show. Then each frame moves up over the rows of the last;
    an error keeps the last output under it; close() only shows the cursor."""
    stream = sized(100, 24)
    screen = LiveScreen(Terminal(stream, TTY), "show-instance 7", 5)
    screen.refresh("Instance 7\n  status running", {}, MOMENT)
    screen.error("HTTP 503: busy", MOMENT)
    screen.refresh("Instance 7", {}, MOMENT)
    screen.close()
    header = "\x1b[2mshow-instance 7 · every 5 s · updated 09:10:12 · Ctrl-C to stop\x1b[0m"
    assert stream.writes == [
        f"{HIDE}\x1b[J{header}\n\nInstance 7\n  status running\n{SHOW}",
        f"{HIDE}\x1b[4F\x1b[J{header}\n\x1b[33m09:10:12: HTTP 503: busy; trying again in 5 s\x1b[0m\n"
        f"\nInstance 7\n  status running\n{SHOW}",
        f"{HIDE}\x1b[5F\x1b[J{header}\n\nInstance 7\n{SHOW}",
        SHOW,
    ]


def test_a_watch_before_its_first_answer(india: None) -> None:
    """No answer yet: the header says so; an error is shown under it with nothing below."""
    stream = Screen()
    screen = LiveScreen(Terminal(stream, PLAIN_TTY), "endpoint-workers 9", 2)
    assert screen.frame() == ["endpoint-workers 9 · every 2 s · no answer yet · Ctrl-C to stop", ""]
    screen.error("Could not reach the server", MOMENT)
    assert stream.writes == [
        f"{HIDE}\x1b[Jendpoint-workers 9 · every 2 s · no answer yet · Ctrl-C to stop\n"
        f"09:10:12: Could not reach the server; trying again in 2 s\n\n{SHOW}"
    ]


@pytest.mark.parametrize(
    ("body_lines", "shown"),
    [
        (7, ["l0", "l1", "l2", "l3", "l4", "l5", "l6"]),  # 9 rows on a 10-row terminal: all of it
        (8, ["l0", "l1", "l2", "l3", "l4", "l5", "... 2 more lines"]),
        (9, ["l0", "l1", "l2", "l3", "l4", "l5", "... 3 more lines"]),
    ],
)
def test_a_frame_is_cut_to_the_terminals_height(
    india: None, sized: Callable[[int, int], Screen], body_lines: int, shown: list[str]
) -> None:
    """A frame of rows - 1 lines is drawn whole; a taller one keeps rows - 2 and says how many are hidden."""
    stream = sized(40, 10)
    screen = LiveScreen(Terminal(stream, PLAIN_TTY), "w", 5)
    screen.refresh("\n".join(f"l{i}" for i in range(body_lines)), [], MOMENT)
    (written,) = stream.writes
    assert written.removeprefix(f"{HIDE}\x1b[J").removesuffix(SHOW).split("\n") == [
        "w · every 5 s · updated 09:10:12 · C...",
        "",
        *shown,
        "",
    ]


def test_frame_lines_are_cut_to_the_terminals_width(india: None, sized: Callable[[int, int], Screen]) -> None:
    """Lines of 40 or more visible columns on a 40-column terminal end in `...` at column 39; shorter ones stay."""
    stream = sized(40, 24)
    screen = LiveScreen(Terminal(stream, TTY), "show-instance 7", 5)
    screen.refresh("\n".join(["x" * 39, "y" * 40, "z" * 41]), {}, MOMENT)
    (written,) = stream.writes
    assert written == (
        f"{HIDE}\x1b[Jshow-instance 7 · every 5 s · update...\n\n{'x' * 39}\n{'y' * 36}...\n{'z' * 36}...\n{SHOW}"
    )


@pytest.mark.parametrize(("env", "kind"), [(TTY, "LiveScreen"), ({"TERM": "dumb"}, "RecordLines")])
def test_a_watch_on_a_terminal_draws_frames(
    monkeypatch: pytest.MonkeyPatch, india: None, env: dict[str, str], kind: str
) -> None:
    """watch_display on a terminal draws the titled frame with its interval; a dumb terminal gets records."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", env["TERM"])
    stdout = Screen()
    display = watch_display(stdout, io.StringIO(), as_json=False, key="instance", title="show-instance 7", interval=3)
    assert type(display).__name__ == kind
    display.refresh("Instance 7", {}, MOMENT)
    expected = {
        "LiveScreen": f"{HIDE}\x1b[Jshow-instance 7 · every 3 s · updated 09:10:12 · Ctrl-C to stop\n"
        f"\nInstance 7\n{SHOW}",
        "RecordLines": "--- 2026-12-01T03:40:12Z\nInstance 7\n",
    }
    assert stdout.getvalue() == expected[kind]


def test_server_text_on_the_renderers_is_shown_not_obeyed(india: None) -> None:
    """A state, an error or a frame's output with escape codes or a newline: each control character is shown
    as \\xNN, so the live line stays one line and nothing the server sent moves the cursor."""
    stream = Screen()
    live = LiveProgress(Terminal(stream, PLAIN_TTY), clock=Clock(), tick=0)
    live(progress("load\x1b[2Jing\n", 0, error="HTTP 503: \x1b]0;owned\x07"))
    assert stream.writes[0] == f"{ERASE}instance 7: load\\x1b[2Jing\\x0a (0 s)\n"
    assert live.line(100.0) == (
        "instance 7: load\\x1b[2Jing\\x0a · waited 0 s · next poll in 5 s · HTTP 503: \\x1b]0;owned\\x07; polling on"
    )
    log = io.StringIO()
    lines = ProgressLines(Terminal(log, {}))
    lines(progress("a\x1bb", 0, error="c\x1bd"))
    assert log.getvalue() == (
        "vast-wrapper: instance 7: a\\x1bb (0 s)\nvast-wrapper: instance 7: c\\x1bd (next poll in 5 s)\n"
    )
    screen = LiveScreen(Terminal(Screen(), PLAIN_TTY), "w", 5)
    screen.refresh("Instance 7\n  message    a\x1b[2Jb\tc", {}, MOMENT)
    screen.error("HTTP 503: \x07", MOMENT)
    assert screen.frame()[1:] == ["09:10:12: HTTP 503: \\x07; trying again in 5 s", "", "Instance 7",
                                  "  message    a\\x1b[2Jb c"]  # fmt: skip
    out, err = io.StringIO(), io.StringIO()
    records = RecordLines(out, err, 5)
    records.refresh("Instance 7\n  status     \x1b[31mred", {}, MOMENT)
    records.error("x\x1by", MOMENT)
    assert out.getvalue() == "--- 2026-12-01T03:40:12Z\nInstance 7\n  status     \\x1b[31mred\n"
    assert err.getvalue() == "vast-wrapper: 2026-12-01T03:40:12Z: x\\x1by; trying again in 5 s\n"
