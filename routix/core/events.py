"""Per-creator live events: each service keeps one NiceGUI ``Event`` per creator and topic, in a table it gets from
the ``EventTables`` it is built with.

The embedded default hands out ``local_tables`` (a ``defaultdict(Event)``: this process only). A cluster process hands
out tables whose events also travel to every other process (``routix.cluster.events.over_bus``), so a stage change on
a worker reaches a tab on any web process; the services do not know which one they have.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Protocol

from nicegui import Event


class EventTables(Protocol):
    """Makes the creator id → ``Event`` table of one topic ('generation', 'chat.messages', …)."""

    def __call__(self, topic: str) -> defaultdict[int, Event[Any]]: ...


def local_tables(topic: str) -> defaultdict[int, Event[Any]]:
    """A table whose events fire in this process only (the topic is not needed here)."""
    del topic
    return defaultdict(Event)
