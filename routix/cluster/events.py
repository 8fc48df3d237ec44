"""The per-creator ``Event`` objects of the services, made to publish through the ``EventBus``.

The services keep their events in ``defaultdict(Event)`` tables keyed by creator id. ``attach_bus`` swaps each
table for one whose events are ``BusEvent``s: an ``emit`` reaches this process's subscribers at once (exactly as
before) and is published; a message from another process is delivered to the local subscribers only. Nothing else
in the services changes, and without ``ROUTIX_EVENTS=postgres`` nothing here runs.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from nicegui import Event

from routix.cluster.bus import EventBus

if TYPE_CHECKING:
    from routix.core.services import Services


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


def attach_bus(services: Services, bus: EventBus) -> None:
    """Route every per-creator event of ``services`` through ``bus`` (call before any page subscribes)."""
    tables: list[tuple[object, str, str]] = [
        (services.generation._updates, '_per_user', 'generation'),  # stages, progress, finished, failed
        (services.balances, '_per_user', 'credits'),
        (services.chat, '_messages', 'chat.messages'),
        (services.chat, '_conversations', 'chat.conversations'),
        (services.chat, '_uploads', 'chat.uploads'),
        (services.versions, '_moves', 'versions'),
        (services.history, '_per_user', 'history.deletions'),
        (services.video, '_events', 'video'),  # stored, mining progress, the frames (as data URLs), failed
    ]
    for owner, attribute, topic in tables:
        if not isinstance(getattr(owner, attribute, None), dict):
            raise RuntimeError(f'{type(owner).__name__}.{attribute} is no per-creator event table any more')
        setattr(owner, attribute, PerCreatorEvents(bus, topic))
