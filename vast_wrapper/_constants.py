"""Defaults, in one place."""

from __future__ import annotations

CONSOLE_URL = "https://console.vast.ai"
RUN_URL = "https://run.vast.ai"

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
MAX_RETRIES = 2

# Backoff: 0.5 s, 1 s, 2 s ... capped, each shortened by up to a quarter at random.
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
JITTER = 0.25
# The longest wait a server's number may set: Retry-After (seconds or an HTTP date) on a 429 or
# a 5xx, and a 429 body's threshold=. Asked for longer, the call fails at once with the mapped
# error (RateLimitError, ServerError) saying what was asked, and a threshold is not learnt.
MAX_RETRY_AFTER = 60.0
# A learnt rate-limit interval is stretched by this much (5% and 10 ms), so that scheduling
# jitter on a busy machine does not land two requests closer than the server allows.
PACING_FACTOR = 1.05
PACING_MARGIN = 0.01
# A learnt interval is forgotten this long after the last 429 that taught it (Vast may relax it).
PACING_MEMORY = 3600.0
# An endpoint with nothing learnt asks the shared store at most this often whether another
# process has learnt something: the calls in between pay no store round trip.
PACING_REFRESH = 1.0
# After a shared store fails, pacing stays in-process this long before the store is tried again.
PACING_STORE_RETRY = 30.0
# A Redis that does not answer within this is treated as down: calls never wait on it longer.
PACING_REDIS_TIMEOUT = 0.5

WAIT_POLL_INTERVAL = 5.0
WAIT_TIMEOUT = 600.0

# Error messages quote at most this much of a body the server sent.
MESSAGE_LIMIT = 200

ENV_API_KEY = "VAST_API_KEY"
ENV_BASE_URL = "VAST_BASE_URL"
ENV_CONSOLE_URL = "VAST_CONSOLE_URL"
ENV_RUN_URL = "VAST_RUN_URL"
ENV_PACING_URL = "VAST_PACING_URL"

# Largest id JSON clients share safely (2^53-1): the spec's maximum.
MAX_ID = 9007199254740991
