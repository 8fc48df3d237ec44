"""Live generation updates, one event per creator: the service emits, a page subscribes to its creator's."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import replace

from nicegui import Event

from routix.core.events import EventTables, local_tables
from routix.generation.views import GenerationView


class GenerationUpdates:
    """Routes every generation change to the event of the generation's owner (other creators never see it)."""

    def __init__(self, events: EventTables = local_tables) -> None:
        self._per_user: defaultdict[int, Event[GenerationView]] = events('generation')  # stages, progress, endings

    def for_user(self, user_id: int) -> Event[GenerationView]:
        """The event that carries only this user's generation updates."""
        return self._per_user[user_id]

    def emit(self, view: GenerationView) -> None:
        """A generation changed stage or status; the view is ready to render (stamped with when it was sent)."""
        self._per_user[view.owner_id].emit(replace(view, emitted_at=time.time()))
