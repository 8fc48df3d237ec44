"""Check and variant-set benchmark, with a plain render_thumbnail as the baseline in the same run.

- check of an uploaded 1280×720 JPEG (pixels: MSER text lines, Haar faces, edge elements): target ≤ 150 ms;
- check of one of ours (its layers; faces only when it holds a photo);
- a basic variant set of three along the layout axis: ``choose`` (render + check + pHash of each candidate), and the
  whole ``VariantService.make`` until the three generations finished (SQLite in a temp dir, inline runtime): target
  ≤ 250 ms server time;
- baseline: ``render_thumbnail`` of one template.

Ends with exactly one summary line:

    check median_ms=<f> layers_ms=<f> set_ms=<f> set_e2e_ms=<f> baseline_ms=<f> ratio=<check/baseline>
          check_cpu_ms=<f> set_cpu_ms=<f>   (on one line; CPU time is steadier than wall time on a shared machine)

Run: .venv/bin/python bench/check.py   (BENCH_ROUNDS=5 for a quick look)
"""

from __future__ import annotations

import asyncio
import functools
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from routix.analysis.offline import OfflineAnalyzer  # noqa: E402
from routix.check import check_image  # noqa: E402
from routix.design.catalog import TemplateCatalog  # noqa: E402
from routix.variants.axes import candidates  # noqa: E402
from routix.variants.choose import choose, render_candidate  # noqa: E402

ROUNDS = int(os.environ.get('BENCH_ROUNDS', '15'))
PROMPTS = ('I tried every budget gaming mouse', 'بهترین گوشی ارزان ۲۰۲۶', 'easy pasta recipe in 10 minutes')


def main() -> None:
    """Time each piece over ROUNDS (after a warm-up) and print the per-piece medians and the summary line."""
    catalog = TemplateCatalog.load()
    analyser = OfflineAnalyzer()
    sets = []
    for prompt in PROMPTS:
        analysis = asyncio.run(analyser.analyze(prompt))
        spec = catalog.get(catalog.match(analysis, top_n=1)[0].slug)
        sets.append((prompt, spec, analysis))
    prompt, spec, analysis = sets[0]
    own, _ = candidates('layout', catalog=catalog, spec=spec, analysis=analysis, seed=1, reference=None)
    ours = render_candidate(own[0], prompt=prompt, watermark=True)
    upload = _upload_photo(ours.jpeg)

    baseline = _median(lambda: render_candidate(own[0], prompt=prompt, watermark=True), 'baseline')
    upload_ms = _median(lambda: check_image(upload), 'upload')
    ours_pixels_ms = _median(lambda: check_image(ours.jpeg))
    layers_ms = _median(lambda: check_image(ours.jpeg, layers=ours.layers), 'layers')
    set_times: list[float] = []
    for prompt, spec, analysis in sets:
        found, _ = candidates('layout', catalog=catalog, spec=spec, analysis=analysis, seed=1, reference=None)
        set_times.append(
            _median(functools.partial(choose, found, prompt=prompt, watermark=True), f'set{len(set_times)}')
        )
        print(f'set of three (layout) "{prompt[:24]}": {set_times[-1]:.1f} ms')
    set_ms = statistics.median(set_times)
    e2e_ms = asyncio.run(_end_to_end(rounds=max(3, ROUNDS // 3)))
    print(f'check of an upload (pixels, photo inside): {upload_ms:.1f} ms')
    print(f'check of ours read as an upload (pixels):  {ours_pixels_ms:.1f} ms')
    print(f'check of ours (layers):                    {layers_ms:.1f} ms')
    print(f'basic set of three, choose (CPU):          {set_ms:.1f} ms')
    print(f'basic set of three, make() until finished: {e2e_ms:.1f} ms')
    print(f'baseline render_thumbnail:                 {baseline:.1f} ms')
    set_cpu = statistics.median(v for k, v in CPU.items() if k.startswith('set'))
    print(
        f'CPU ms (this process, all threads): upload check {CPU["upload"]:.1f}, ours {CPU["layers"]:.1f}, '
        f'set of three {set_cpu:.1f}, baseline {CPU["baseline"]:.1f}; load average {os.getloadavg()[0]:.1f} '
        f'on {os.cpu_count()} cores'
    )
    print(
        f'check median_ms={upload_ms:.1f} layers_ms={layers_ms:.1f} set_ms={set_ms:.1f} set_e2e_ms={e2e_ms:.1f} '
        f'baseline_ms={baseline:.1f} ratio={upload_ms / baseline:.2f} check_cpu_ms={CPU["upload"]:.1f} '
        f'set_cpu_ms={set_cpu:.1f}'
    )


CPU: dict[str, float] = {}  # name → median CPU ms of this process (all its threads): steadier on a shared machine


def _median(fn: Callable[[], Any], name: str = '') -> float:
    """Median wall ms over ROUNDS after one warm-up; the median CPU ms goes into ``CPU[name]``."""
    fn()  # warm-up: fonts, cascades, cached backgrounds
    times, cpu = [], []
    for _ in range(ROUNDS):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    if name:
        CPU[name] = statistics.median(cpu)
    return statistics.median(times)


def _upload_photo(thumbnail: bytes) -> bytes:
    """A creator's own 1280×720 JPEG: scikit-image's astronaut (a real face) beside one of our thumbnails."""
    from skimage import data as samples

    canvas = Image.open(io.BytesIO(thumbnail)).convert('RGB')
    canvas.paste(Image.fromarray(samples.astronaut()).resize((576, 576)), (640, 72))
    out = io.BytesIO()
    canvas.save(out, format='JPEG', quality=88)
    return out.getvalue()


async def _end_to_end(*, rounds: int) -> float:
    """VariantService.make on a finished thumbnail until all three variants finished, median of ``rounds``."""
    from nicegui import core

    from routix.core.config import Settings
    from routix.core.runtime import InlineRuntime
    from routix.core.services import build_services
    from routix.models import Conversation, User

    core.loop = asyncio.get_running_loop()  # background_tasks (the job queue) run on NiceGUI's loop
    with tempfile.TemporaryDirectory() as folder:
        os.environ['ROUTIX_DATA_DIR'] = folder
        services = build_services(Settings(_env_file=None), runtime=InlineRuntime())  # type: ignore[call-arg]
        db, generation, variants = services.db, services.generation, services.variants
        await db.migrate()
        async with db.transaction() as session:
            user = User(email='bench@example.com')
            session.add(user)
            await session.flush()
            conv = Conversation(owner_id=user.id or 0)
            session.add(conv)
            await session.flush()
            owner, conversation = user.id or 0, conv.id or 0
        source = await generation.start(owner_id=owner, prompt=PROMPTS[0], conversation_id=conversation)
        await _finished(generation, owner, [source.id])
        times = []
        for _ in range(rounds + 1):
            start = time.perf_counter()
            views = await variants.make(
                owner_id=owner, conversation_id=conversation, source_generation_id=source.id, axis='layout'
            )
            await _finished(generation, owner, [view.id for view in views])
            times.append((time.perf_counter() - start) * 1000)
        await generation.shutdown()
        await db.dispose()
    return statistics.median(times[1:])  # the first round warms the queue and the database


async def _finished(generation: Any, owner: int, ids: list[int]) -> None:
    updates: asyncio.Queue[Any] = asyncio.Queue()
    generation.updates_for(owner).subscribe(updates.put_nowait)
    try:
        while not all([(await generation.get(owner_id=owner, generation_id=i)).finished for i in ids]):
            await asyncio.wait_for(updates.get(), timeout=60)
    finally:
        generation.updates_for(owner).unsubscribe(updates.put_nowait)


if __name__ == '__main__':
    main()
