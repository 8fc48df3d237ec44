"""Shutting the app down closes every provider's and the analyser's HTTP connections (seen from the fake servers)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from nicegui import background_tasks

from routix.core.services import build_services
from tests.fakes import (
    GEMINI_KEY,
    OPENAI_KEY,
    STABILITY_KEY,
    FakeServer,
    GeminiFake,
    OpenAIFake,
    StabilityFake,
    make_settings,
)


class OpenConnections:
    """How many TCP connections a fake server holds open: HTTP/1.1 keep-alive holds one per pooled client."""

    def __init__(self, fake: FakeServer) -> None:
        self.count = 0
        lock = threading.Lock()
        counter = self
        handler: type[BaseHTTPRequestHandler] = fake._httpd.RequestHandlerClass  # type: ignore[assignment]

        class Counting(handler):  # type: ignore[misc,valid-type]
            def setup(self) -> None:
                super().setup()
                with lock:
                    counter.count += 1

            def finish(self) -> None:  # runs once the client has closed the connection
                try:
                    super().finish()
                finally:
                    with lock:
                        counter.count -= 1

        fake._httpd.RequestHandlerClass = Counting

    async def settle(self, *, timeout: float = 5.0) -> int:
        """The count once nothing is left open, or after ``timeout`` (closing completes on the server's thread)."""
        for _ in range(int(timeout / 0.02)):
            if self.count == 0:
                break
            await asyncio.sleep(0.02)
        return self.count


@pytest.fixture
def fakes() -> Iterator[tuple[OpenAIFake, GeminiFake, StabilityFake]]:
    with OpenAIFake() as openai_fake, GeminiFake() as gemini_fake, StabilityFake() as stability_fake:
        yield openai_fake, gemini_fake, stability_fake


@pytest.mark.parametrize('analyzer', ['openai', 'gemini'])
async def test_shutdown_closes_every_provider_and_the_analyser(
    fakes: tuple[OpenAIFake, GeminiFake, StabilityFake], analyzer: str, tmp_path: Path
) -> None:
    openai_fake, gemini_fake, stability_fake = fakes
    connections = {fake: OpenConnections(fake) for fake in fakes}
    services = build_services(
        make_settings(
            data_dir=tmp_path,
            analyzer=analyzer,
            openai_api_key=OPENAI_KEY,
            openai_base_url=openai_fake.base_url,
            gemini_api_key=GEMINI_KEY,
            gemini_base_url=gemini_fake.url,
            stability_api_key=STABILITY_KEY,
            stability_base_url=stability_fake.url,
        )
    )
    chains = services.generation.chains
    assert [p.name for chain in chains.values() for p in chain.providers] == ['stability', 'openai', 'gemini']
    for chain in chains.values():
        assert 'unavailable' not in await chain.check()
    analysis = await services.analyzer.analyze('I beat the final boss without taking damage')
    assert analysis.source == analyzer
    assert all(c.count >= 1 for c in connections.values())  # pooled keep-alive connections, still open

    await services.shutdown()

    assert [await c.settle() for c in connections.values()] == [0, 0, 0]


@pytest.mark.usefixtures('nicegui_runtime')
async def test_shutdown_ends_the_background_work_before_the_database_closes(tmp_path: Path) -> None:
    services = build_services(make_settings(data_dir=tmp_path))
    await services.startup()
    ours = [t for t in background_tasks.running_tasks if t.get_name() in ('upload-sweep', 'plan-refills')]
    assert len(ours) == 2  # the orphan-upload sweep and the plan refills: each queries the database at once

    await services.shutdown()

    # nothing of ours still runs (a query in flight would finish on aiosqlite's thread after the loop closed:
    # 'RuntimeError: Event loop is closed' once NiceGUI's own teardown got round to cancelling it)
    assert all(t.done() for t in ours)
