"""What the CLI shows while it waits or watches: a live line on a terminal, plain lines in a log, JSON for scripts.

A small renderer rather than `rich`: what is needed is a line rewritten in place and a frame
redrawn, which is a few escape codes; rich would add four runtime packages and about 80 ms to
every start on a terminal.

Wait progress goes to stderr (stdout keeps the result); a watch draws on stdout (it is the output).
"""

from __future__ import annotations

import json
import math
import os
import re
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import IO, Any, Protocol

from vast_wrapper._waiters import WaitProgress

ERASE_LINE = "\r\x1b[K"
HIDE_CURSOR, SHOW_CURSOR = "\x1b[?25l", "\x1b[?25h"
ERASE_DOWN = "\x1b[J"
TICK = 0.5  # seconds between redraws of the live line, so its timers move between polls

_COLORS = {"ok": "32", "bad": "31", "warn": "33", "dim": "2", "bold": "1"}
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")  # C0 but the tab, DEL, C1
_RAW_IN_JSON = re.compile(r"[\x7f-\x9f]")  # json.dumps escapes C0 controls but writes DEL and C1 as they are.


class Terminal:
    """A stream and what it can do: redraw in place (a TTY whose TERM is not dumb), colour (unless NO_COLOR)."""

    def __init__(self, stream: IO[str], env: Mapping[str, str] | None = None) -> None:
        env = os.environ if env is None else env
        self.stream = stream
        self.tty = _isatty(stream)
        self.live = self.tty and env.get("TERM", "") != "dumb"
        self.color = self.live and not env.get("NO_COLOR")  # no-color.org: any non-empty value
        encoding = (getattr(stream, "encoding", None) or "ascii").lower().replace("-", "")
        self.arrow = "→" if encoding.startswith("utf") else "->"

    def paint(self, text: str, role: str) -> str:
        return f"\x1b[{_COLORS[role]}m{text}\x1b[0m" if self.color else text

    def size(self) -> tuple[int, int]:
        """(columns, lines), 80 x 24 when the stream is no terminal."""
        try:
            size = os.get_terminal_size(self.stream.fileno())
        except (AttributeError, OSError, ValueError):
            return 80, 24
        return size.columns or 80, size.lines or 24

    def write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream is no terminal
        return False


def duration(seconds: float) -> str:
    """`7 s`, `2 min 05 s`, `1 h 02 min`: how long, as a person reads it."""
    whole = max(0, int(seconds))
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def transition(progress: WaitProgress, previous: str | None, arrow: str) -> str:
    """One line of history: `instance 7003: created → loading (12 s)`."""
    change = f"{previous} {arrow} {progress.state}" if previous is not None else progress.state
    return printable(f"{progress.what}: {change} ({duration(progress.elapsed)})")


def printable(text: str) -> str:
    """One line of what a server sent, safe to write to a terminal: each control character shown as `\\xNN`,
    a tab as a space. Raw, a status could clear the screen, retitle the window or write the clipboard
    (escape codes), or break a line redrawn in place (a newline, a carriage return)."""
    return _CONTROL.sub(lambda control: f"\\x{ord(control.group()):02x}", text.replace("\t", " "))


def printable_lines(text: str) -> str:
    """Lines of a server's text (an instance's facts, a table), each made printable; the newlines kept."""
    return "\n".join(printable(line) for line in text.split("\n"))


class Progress(Protocol):
    """Receives every WaitProgress of a wait, and is closed when the wait is over."""

    def __call__(self, progress: WaitProgress) -> None: ...

    def close(self) -> None: ...


class LiveProgress:
    """On a terminal: a line per state change kept as history, and below it one live line, rewritten
    in place, with the state, the time waited, the next poll, and any pacing or error."""

    def __init__(self, terminal: Terminal, clock: Callable[[], float] = time.monotonic, tick: float = TICK) -> None:
        self.term = terminal
        self.clock = clock
        self._last: WaitProgress | None = None
        self._received = 0.0
        self._previous: str | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        self._tick = tick
        self._shown = False

    def __call__(self, progress: WaitProgress) -> None:
        with self._lock:
            if progress.changed:
                color = "ok" if progress.ready else ("bad" if progress.next_poll is None else "bold")
                line = transition(progress, self._previous, self.term.arrow)
                self.term.write(ERASE_LINE + self.term.paint(line, color) + "\n")
                self._previous = progress.state
            self._last, self._received = progress, self.clock()
            if progress.next_poll is None:
                self._erase()
            else:
                self._draw()
        if progress.next_poll is not None and self._ticker is None and self._tick > 0:
            self._ticker = threading.Thread(target=self._run, name="vast-wrapper-progress", daemon=True)
            self._ticker.start()

    def line(self, now: float, width: int = 0) -> str:
        """The live line for the last progress, its timers moved on to `now`; within `width` if given.

        A wrapped line cannot be rewritten in place, so a long state is cut first: the timers,
        the pacing and the error are what the line is for.
        """
        progress = self._last
        if progress is None:
            return ""
        since = now - self._received
        parts = [f"waited {duration(progress.elapsed + since)}"]
        if progress.next_poll is not None:
            left = progress.next_poll - since
            parts.append(f"next poll in {math.ceil(left)} s" if left > 0 else "polling")
        if progress.pacing is not None:
            parts.append(self.term.paint(f"paced after a 429, {progress.pacing:.1f} s apart", "warn"))
        if progress.error is not None:
            parts.append(self.term.paint(printable(f"{progress.error}; polling on"), "warn"))
        tail = " · " + " · ".join(parts)
        head = printable(f"{progress.what}: {progress.state}")
        if width:
            room = width - 1 - _visible_length(tail)
            if len(head) > room:
                head = _cut(head, max(room, 10))
            if len(head) + _visible_length(tail) > width - 1:
                return _cut(head + tail, width - 1)
        return head + tail

    def _draw(self) -> None:
        text = self.line(self.clock(), self.term.size()[0])
        # Marked shown before writing: a Ctrl-C in the middle of the write still gets the cursor back.
        hide, self._shown = "" if self._shown else HIDE_CURSOR, True
        self.term.write(hide + ERASE_LINE + text)

    def _erase(self) -> None:
        if self._shown:
            self.term.write(ERASE_LINE + SHOW_CURSOR)
            self._shown = False

    def _run(self) -> None:
        while not self._stop.wait(self._tick):
            with self._lock:
                if self._shown:
                    self._draw()

    def close(self) -> None:
        """Stop redrawing; erase the live line and show the cursor again."""
        self._stop.set()
        if self._ticker is not None and self._ticker.is_alive():  # Not started, if Ctrl-C cut its start short.
            self._ticker.join(2 * self._tick)
        with self._lock:
            self._erase()


class ProgressLines:
    """In a log (or a dumb terminal, or with --verbose): one plain line per state change, and per error."""

    def __init__(self, terminal: Terminal, prefix: str = "vast-wrapper: ") -> None:
        self.term = terminal
        self.prefix = prefix
        self._previous: str | None = None

    def __call__(self, progress: WaitProgress) -> None:
        if progress.changed:
            self.term.write(self.prefix + transition(progress, self._previous, self.term.arrow) + "\n")
            self._previous = progress.state
        if progress.error is not None:
            when = f"next poll in {math.ceil(progress.next_poll)} s" if progress.next_poll is not None else "gave up"
            self.term.write(self.prefix + printable(f"{progress.what}: {progress.error} ({when})") + "\n")

    def close(self) -> None:
        """Nothing to restore."""


class JsonProgress:
    """For scripts: one JSON object per state change, on stdout."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def __call__(self, progress: WaitProgress) -> None:
        # The CLI prints the "ready" line itself, with what it waited for.
        if progress.next_poll is None and not progress.ready:
            json_line(self.stream, {"event": "failed", **progress_fields(progress)})
        elif progress.changed and not progress.ready:
            json_line(self.stream, {"event": "state", **progress_fields(progress)})

    def close(self) -> None:
        """Nothing to restore."""


def progress_fields(progress: WaitProgress) -> dict[str, Any]:
    return {"what": progress.what, "state": progress.state, "elapsed": round(progress.elapsed, 3)}


def json_text(data: Any, indent: int | None = None) -> str:
    """JSON with non-ASCII text kept but DEL and C1 controls escaped (`\\u009b`): the same value, and
    nothing a terminal showing it would obey."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))
    return _RAW_IN_JSON.sub(lambda control: f"\\u{ord(control.group()):04x}", text)


def json_line(stream: IO[str], data: Any) -> None:
    stream.write(json_text(data) + "\n")
    stream.flush()


class Fanout:
    """Several progress displays as one callback."""

    def __init__(self, *displays: Progress) -> None:
        self.displays = displays
        self.last: WaitProgress | None = None

    def __call__(self, progress: WaitProgress) -> None:
        self.last = progress
        for display in self.displays:
            display(progress)

    def close(self) -> None:
        for display in self.displays:
            display.close()


def wait_progress(stdout: IO[str], stderr: IO[str], *, as_json: bool, verbose: bool) -> Fanout:
    """The displays for a wait: JSON lines on stdout with --json; on stderr a live line on a terminal,
    plain lines with --verbose or on a dumb terminal, and nothing in a log."""
    displays: list[Progress] = [JsonProgress(stdout)] if as_json else []
    term = Terminal(stderr)
    if term.live and not as_json and not verbose:
        displays.append(LiveProgress(term))
    elif verbose or (term.tty and not as_json):
        displays.append(ProgressLines(term))
    return Fanout(*displays)


# --- watching ---------------------------------------------------------------------------------


def clock_time(moment: datetime) -> str:
    """`14:03:07`, in local time, as the user's clock shows it."""
    return moment.astimezone().strftime("%H:%M:%S")


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class Watch(Protocol):
    """Shows each refresh of a watched command, and the errors between them."""

    def refresh(self, text: str, data: Any, moment: datetime) -> None: ...

    def error(self, message: str, moment: datetime) -> None: ...

    def close(self) -> None: ...


class LiveScreen:
    """On a terminal: the output redrawn in place under a header saying when it was last updated."""

    def __init__(self, terminal: Terminal, title: str, interval: float) -> None:
        self.term = terminal
        self.title = title
        self.interval = interval
        self._body = ""
        self._updated: datetime | None = None
        self._error = ""
        self._rows = 0  # rows drawn last time, to move back over them

    def refresh(self, text: str, data: Any, moment: datetime) -> None:
        self._body, self._updated, self._error = printable_lines(text), moment, ""
        self._draw()

    def error(self, message: str, moment: datetime) -> None:
        self._error = f"{clock_time(moment)}: {printable(message)}; trying again in {self.interval:g} s"
        self._draw()

    def frame(self) -> list[str]:
        """The lines of the current frame: header, optional error, blank, the output."""
        updated = f"updated {clock_time(self._updated)}" if self._updated else "no answer yet"
        header = f"{self.title} · every {self.interval:g} s · {updated} · Ctrl-C to stop"
        lines = [self.term.paint(header, "dim")]
        if self._error:
            lines.append(self.term.paint(self._error, "warn"))
        return [*lines, "", *self._body.splitlines()]

    def _draw(self) -> None:
        columns, rows = self.term.size()
        lines = self.frame()
        if len(lines) > rows - 1:  # more than fits cannot be redrawn in place: say what is left out
            hidden = len(lines) - (rows - 2)
            lines = [*lines[: rows - 2], f"... {hidden} more line{'s' if hidden != 1 else ''}"]
        lines = [_cut(line, columns - 1) if _visible_length(line) >= columns else line for line in lines]
        back = f"\x1b[{self._rows}F" if self._rows else ""
        self.term.write(HIDE_CURSOR + back + ERASE_DOWN + "\n".join(lines) + "\n" + SHOW_CURSOR)
        self._rows = len(lines)

    def close(self) -> None:
        """The last frame stays on screen; the cursor is shown again, even after a Ctrl-C mid-frame."""
        self.term.write(SHOW_CURSOR)


class RecordLines:
    """In a log: each refresh as a record, a `--- time` line and the output; errors on stderr."""

    def __init__(self, stdout: IO[str], stderr: IO[str], interval: float) -> None:
        self.stdout, self.stderr, self.interval = stdout, stderr, interval

    def refresh(self, text: str, data: Any, moment: datetime) -> None:
        self.stdout.write(f"--- {utc_stamp(moment)}\n{printable_lines(text)}\n")
        self.stdout.flush()

    def error(self, message: str, moment: datetime) -> None:
        line = f"{utc_stamp(moment)}: {printable(message)}; trying again in {self.interval:g} s"
        self.stderr.write(f"vast-wrapper: {line}\n")
        self.stderr.flush()

    def close(self) -> None:
        """Nothing to restore."""


class JsonRecords:
    """For scripts: one JSON object per refresh (or error) on stdout, with the time it was taken."""

    def __init__(self, stream: IO[str], key: str) -> None:
        self.stream, self.key = stream, key

    def refresh(self, text: str, data: Any, moment: datetime) -> None:
        json_line(self.stream, {"event": "refresh", "time": utc_stamp(moment), self.key: data})

    def error(self, message: str, moment: datetime) -> None:
        json_line(self.stream, {"event": "error", "time": utc_stamp(moment), "error": message})

    def close(self) -> None:
        """Nothing to restore."""


def watch_display(stdout: IO[str], stderr: IO[str], *, as_json: bool, key: str, title: str, interval: float) -> Watch:
    """JSON records with --json; a redrawn screen on a terminal; records in a log."""
    if as_json:
        return JsonRecords(stdout, key)
    term = Terminal(stdout)
    if term.live:
        return LiveScreen(term, title, interval)
    return RecordLines(stdout, stderr, interval)


def _visible_length(text: str) -> int:
    return len(_strip(text))


def _strip(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)


def _cut(text: str, width: int) -> str:
    """`text` cut to `width` visible characters, ending in `...`; colours are dropped."""
    plain = _strip(text)
    return plain if len(plain) <= width else plain[: max(0, width - 3)] + "..."
