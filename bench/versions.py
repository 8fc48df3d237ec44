"""Versions benchmark: a canvas gesture → new rendered version, and undo / redo / select / the strip's read.

A first thumbnail is generated through the real services (SQLite file, local image store, the offline analyser,
NiceGUI's process pool as the app uses it). Then, each round, what the chat page does for a canvas gesture is timed
until the new version's JPEG is stored and it is current: ``GenerationService.revise`` with the headline box moved
(the drag) or the subject slot moved, then ``VersionService.select``. Undo, redo, select and the strip's
``versions()`` read (with every version of the run in the thread) are timed too. The baseline renders the same
thumbnail with ``render.render_thumbnail`` in this process (after a warm-up).
Ends with exactly one summary line:

    versions gesture_to_pixels_median_ms=<f> p95_ms=<f> undo_ms=<f> redo_ms=<f> select_ms=<f> strip_ms=<f>
             strip_versions=<n> plain_render_ms=<f> ratio=<gesture/plain>   (on one line)

Run: .venv/bin/python bench/versions.py   (BENCH_ROUNDS=3 for a quick look)
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nicegui import core, run  # noqa: E402

from routix import render  # noqa: E402
from routix.analysis.offline import OfflineAnalyzer  # noqa: E402
from routix.chat.versions import VersionService  # noqa: E402
from routix.core.config import Settings  # noqa: E402
from routix.core.db import Database  # noqa: E402
from routix.core.runtime import NiceGuiRuntime  # noqa: E402
from routix.design.catalog import TemplateCatalog  # noqa: E402
from routix.design.templates import layout_for  # noqa: E402
from routix.design.textlayer import TextLayer  # noqa: E402
from routix.edits.change import RecipeChange  # noqa: E402
from routix.generation.service import GenerationService  # noqa: E402
from routix.generation.views import GenerationView  # noqa: E402
from routix.models import Conversation, User  # noqa: E402
from routix.storage import LocalStore  # noqa: E402

ROUNDS = int(os.environ.get('BENCH_ROUNDS', '10'))


async def main() -> None:
    """Generate one thumbnail, then time ROUNDS gestures (two per round) and the version moves; print the summary."""
    core.loop = asyncio.get_running_loop()
    run.process_pool_start_method = 'spawn'
    run.setup()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ['ROUTIX_DATA_DIR'] = tmp
        settings = Settings(_env_file=None)  # type: ignore[call-arg]
        db = Database(f'sqlite+aiosqlite:///{tmp}/bench.db')
        await db.migrate()
        catalog = TemplateCatalog.load()
        generation = GenerationService(
            settings=settings,
            db=db,
            store=LocalStore(Path(tmp) / 'i'),
            analyzer=OfflineAnalyzer(),
            catalog=catalog,
            runtime=NiceGuiRuntime(),
        )
        versions = VersionService(db=db)
        await catalog.sync(db)
        async with db.transaction() as session:
            user = User(email='bench@example.com')
            session.add(user)
            await session.flush()
            conv = Conversation(owner_id=user.id or 0, title='bench')
            session.add(conv)
            await session.flush()
            owner, conv_id = user.id, conv.id
        assert owner is not None and conv_id is not None
        start = await generation.start(owner_id=owner, prompt='Gaming video "EPIC WIN" trophy', conversation_id=conv_id)
        view = await _finished(generation, owner, start.id)
        await versions.select(owner_id=owner, conversation_id=conv_id, generation_id=view.id)
        gestures: list[float] = []
        undo: list[float] = []
        redo: list[float] = []
        select: list[float] = []
        strip: list[float] = []
        for round_ in range(ROUNDS):
            step = 20 if round_ % 2 == 0 else -20  # back and forth: every gesture changes the picture
            layer = TextLayer.from_dict(view.text_layer)
            x, y, w, h = layer.box
            slot = view.match.get('subject_box') or _slot(catalog, view)
            for change in (
                RecipeChange(text_layer=replace(layer, box=(x + step, y + step // 2, w, h), offset_x=0)),
                RecipeChange(subject_box=(slot[0] - step, slot[1] + step // 2, slot[2], slot[3])) if slot else None,
            ):
                if change is None:
                    continue
                began = time.perf_counter()
                view = await generation.revise(owner_id=owner, generation_id=view.id, change=change)
                await versions.select(owner_id=owner, conversation_id=conv_id, generation_id=view.id)
                gestures.append((time.perf_counter() - began) * 1000)
            undo.append(await _timed(versions.undo(owner_id=owner, conversation_id=conv_id)))
            redo.append(await _timed(versions.redo(owner_id=owner, conversation_id=conv_id)))
            select.append(await _timed(versions.select(owner_id=owner, conversation_id=conv_id, generation_id=view.id)))
            strip.append(await _timed(versions.versions(owner_id=owner, conversation_id=conv_id)))
        count = len(await versions.versions(owner_id=owner, conversation_id=conv_id))
        plain = _plain_render(view, catalog)
        run.tear_down()
        await db.dispose()
    median = statistics.median(gestures)
    p95 = statistics.quantiles(gestures, n=20)[-1] if len(gestures) > 1 else gestures[0]
    print(f'gestures={len(gestures)} first_ms={gestures[0]:.1f} max_ms={max(gestures):.1f}')
    print(
        f'versions gesture_to_pixels_median_ms={median:.1f} p95_ms={p95:.1f} '
        f'undo_ms={statistics.median(undo):.1f} redo_ms={statistics.median(redo):.1f} '
        f'select_ms={statistics.median(select):.1f} strip_ms={statistics.median(strip):.1f} strip_versions={count} '
        f'plain_render_ms={plain:.1f} ratio={median / plain:.2f}'
    )


async def _timed(call: object) -> float:
    began = time.perf_counter()
    await call  # type: ignore[misc]
    return (time.perf_counter() - began) * 1000


def _slot(catalog: TemplateCatalog, view: GenerationView) -> list[int] | None:
    slot = catalog.get(view.template_slug or '').layout.get('subject') or {}
    return list(slot['box']) if slot.get('box') else None


async def _finished(generation: GenerationService, owner: int, generation_id: int) -> GenerationView:
    for _ in range(600):
        view = await generation.get(owner_id=owner, generation_id=generation_id)
        if view.finished:
            return view
        await asyncio.sleep(0.05)
    raise TimeoutError('the first thumbnail did not finish')


def _plain_render(view: GenerationView, catalog: TemplateCatalog) -> float:
    spec = catalog.get(view.template_slug or '')
    palette = view.match.get('palette') or spec.palette
    times = []
    for _ in range(4):  # the first render of a process loads fonts and art: the later ones are what a worker does
        began = time.perf_counter()
        render.render_thumbnail(
            layout=layout_for(spec, palette),
            palette=palette,
            text=TextLayer.from_dict(view.text_layer),
            seed=view.id,
            subject=str(view.match.get('subject') or ''),
        )
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times[1:])


if __name__ == '__main__':
    asyncio.run(main())
