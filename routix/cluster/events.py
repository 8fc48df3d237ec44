"""The per-creator ``Event`` tables of a cluster process: the services' events, made to publish through the bus.

``build_services`` hands every service the ``EventTables`` it makes its creator id → ``Event`` table with
(routix/core/events.py). ``over_bus`` makes tables of ``BusEvent``s: an ``emit`` reaches this process's subscribers at
once (as in the embedded default) and is published under the table's topic; a message from another process is
delivered to the local subscribers only. Without ``ROUTIX_EVENTS=postgres`` nothing here runs.
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from typing import Any

from nicegui import Event

from routix.cluster.bus import EventBus
from routix.core.events import EventTables


class BusEvent(Event[Any]):
    """An ``Event`` of one creator whose emits also go to every other process."""

    def __init__(self, *, bus: EventBus, topic: str, user_id: int) -> None:
        super().__init__()
        self._bus, self._topic, self._user_id = bus, topic, user_id

    def emit(self, *args: Any, **kwargs: Any) -> None:
        """Fire here, then publish (keyword arguments are not used by Routix's events)."""
        super().emit(*args, **kwargs)
        self._bus.publish(self._topic, self._user_id, args)

    def deliver(self, *args: Any) -> None:
        """Fire here only: the message came from another process."""
        super().emit(*args)


class PerCreatorEvents(defaultdict[int, Event[Any]]):
    """A creator id → ``BusEvent`` table that also receives its topic's messages from other processes."""

    def __init__(self, bus: EventBus, topic: str) -> None:
        super().__init__()
        self._bus, self._topic = bus, topic
        bus.topic(topic, self._deliver)

    def __missing__(self, user_id: int) -> Event[Any]:
        event = self[user_id] = BusEvent(bus=self._bus, topic=self._topic, user_id=user_id)
        return event

    def _deliver(self, user_id: int, args: tuple[Any, ...]) -> None:
        event = self.get(user_id)  # a creator with no tab open here has no event here: nothing to do
        if isinstance(event, BusEvent):
            event.deliver(*args)


def over_bus(bus: EventBus) -> EventTables:
    """Event tables (``build_services(events=…)``) whose events also reach, and hear from, every other process."""
    return partial(PerCreatorEvents, bus)
