"""Edit benchmark: send → pixels for a follow-up edit on the basic tier, against a plain render in the same run.

A creator's first thumbnail is generated through the real services (SQLite file, local image store, the offline
analyser, NiceGUI's process pool as the app uses it); then each follow-up of EDITS is sent with ``ChatService.send``
and timed until it returns — by then the new version's JPEG and preview are stored and its row is completed. The
baseline renders the same thumbnail (after a warm-up) with ``render.render_thumbnail`` in this process (paint,
compose, encode).
Ends with exactly one summary line:

    edits send_to_pixels_median_ms=<float> p95_ms=<float> plain_render_ms=<float> ratio=<float>

Run: .venv/bin/python bench/edits.py   (BENCH_ROUNDS=2 for a quick look)
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nicegui import core, run  # noqa: E402

from routix import render  # noqa: E402
from routix.analysis.offline import OfflineAnalyzer  # noqa: E402
from routix.chat.service import ChatService  # noqa: E402
from routix.core.config import Settings  # noqa: E402
from routix.core.db import Database  # noqa: E402
from routix.core.runtime import NiceGuiRuntime  # noqa: E402
from routix.design.catalog import TemplateCatalog  # noqa: E402
from routix.design.templates import layout_for  # noqa: E402
from routix.design.textlayer import TextLayer  # noqa: E402
from routix.generation.service import GenerationService  # noqa: E402
from routix.models import User  # noqa: E402
from routix.storage import LocalStore  # noqa: E402

ROUNDS = int(os.environ.get('BENCH_ROUNDS', '5'))
EDITS = (
    'make the background dark',
    'bigger text',
    'make the text yellow',
    'swap sides',
    'more contrast',
    'add a trophy',
    'move the text to the top',
    'try another layout',
    'undo',
)


async def main() -> None:
    """Generate one thumbnail, time every follow-up ROUNDS times and one plain render per round; print the summary."""
    core.loop = asyncio.get_running_loop()
    run.process_pool_start_method = 'spawn'
    run.setup()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ['ROUTIX_DATA_DIR'] = tmp
        os.environ.setdefault('ROUTIX_GENERATIONS_PER_MINUTE', '100000')  # a bench, not a creator
        os.environ.setdefault('ROUTIX_MESSAGES_PER_MINUTE', '100000')
        settings = Settings(_env_file=None)  # type: ignore[call-arg]
        db = Database(f'sqlite+aiosqlite:///{tmp}/bench.db')
        await db.migrate()
        runtime = NiceGuiRuntime()
        catalog = TemplateCatalog.load()
        generation = GenerationService(
            settings=settings,
            db=db,
            store=LocalStore(Path(tmp) / 'i'),
            analyzer=OfflineAnalyzer(),
            catalog=catalog,
            runtime=runtime,
        )
        chat = ChatService(
            db=db,
            store=generation.store,
            analyzer=OfflineAnalyzer(),
            catalog=catalog,
            generation=generation,
            max_upload_bytes=5_000_000,
            max_prompt_chars=2000,
            runtime=runtime,
        )
        await catalog.sync(db)
        async with db.transaction() as session:
            user = User(email='bench@example.com', tier='creator')
            session.add(user)
            await session.flush()
            owner = user.id
        assert owner is not None
        timings: dict[str, list[float]] = {text: [] for text in EDITS}
        plain: list[float] = []
        for _ in range(ROUNDS):
            conv = await chat.create(owner_id=owner)
            proposal = (await chat.send(owner_id=owner, conversation_id=conv.id, text='tech review "NEW iPhone 20"'))[
                -1
            ]
            view = await chat.generate(
                owner_id=owner,
                conversation_id=conv.id,
                proposal_id=proposal.id,
                template_slug=proposal.meta['matches'][0]['slug'],
                tier='basic',
            )
            view = await _finished(generation, owner, view.id)
            plain.append(await _plain_render(view.text_layer, view.match, catalog, view.template_slug or ''))
            for text in EDITS:
                start = time.perf_counter()
                reply = (await chat.send(owner_id=owner, conversation_id=conv.id, text=text))[-1]
                timings[text].append((time.perf_counter() - start) * 1000)
                if reply.meta.get('kind') not in ('edit', 'undo'):
                    print(f'  note: {text!r} answered {reply.meta.get("kind")}: {reply.content}')
        run.tear_down()
        await db.dispose()
    every = [ms for text, values in timings.items() if text != 'undo' for ms in values]  # undo renders nothing
    for text, values in timings.items():
        print(f'{text:<28} median_ms={statistics.median(values):7.1f} max_ms={max(values):7.1f}')
    median, p95 = statistics.median(every), statistics.quantiles(every, n=20)[-1] if len(every) > 1 else every[0]
    baseline = statistics.median(plain)
    print(
        f'edits send_to_pixels_median_ms={median:.1f} p95_ms={p95:.1f} plain_render_ms={baseline:.1f} '
        f'ratio={median / baseline:.2f}'
    )


async def _finished(generation: GenerationService, owner: int, generation_id: int):  # type: ignore[no-untyped-def]
    for _ in range(600):
        view = await generation.get(owner_id=owner, generation_id=generation_id)
        if view.finished:
            return view
        await asyncio.sleep(0.05)
    raise TimeoutError('the first thumbnail did not finish')


async def _plain_render(text: dict, match: dict, catalog: TemplateCatalog, slug: str) -> float:  # type: ignore[type-arg]
    spec = catalog.get(slug)
    palette = match.get('palette') or spec.palette
    times = []
    for _ in range(4):  # the first render of a process loads fonts and art: the later ones are what a worker does
        start = time.perf_counter()
        render.render_thumbnail(
            layout=layout_for(spec, palette),
            palette=palette,
            text=TextLayer.from_dict(text),
            seed=1,
            subject=str(match.get('subject') or ''),
        )
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[1:])


if __name__ == '__main__':
    asyncio.run(main())
