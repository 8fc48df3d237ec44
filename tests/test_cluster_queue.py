"""Queue positions in a cluster (real PostgreSQL, real procrastinate, a real ``routix worker``; skipped without
PostgreSQL): a generation clicked while others wait says its place in line at once, and its creator's tab hears the
place go down as workers take the ones before it, then the stages of its own run."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from routix.core.services import Services
from routix.generation.views import GenerationView
from tests.helpers.cluster_procs import CLUSTER, creator, until

pytestmark = CLUSTER


async def test_a_waiting_generation_says_its_place_and_moves_up_as_workers_take_the_others(
    web: Services, workers: Callable[[str], subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    owner = await creator(web, tmp_path)
    seen: list[GenerationView] = []
    web.generation.updates_for(owner).subscribe(seen.append)
    started = [
        await web.generation.start(owner_id=owner, prompt=f'Cooking show "PASTA {n}" warm') for n in range(3)
    ]  # no worker runs yet: all three wait, first come first served
    assert [view.queue_position for view in started] == [1, 2, 3]
    reopened = await web.generation.get(owner_id=owner, generation_id=started[1].id)
    assert reopened.queue_position == 2  # a page opened now (or reloaded) reads the same place

    workers('worker-1')  # one job at a time
    last = started[-1].id
    await until(lambda: [v for v in seen if v.id == last and v.status == 'completed'], timeout=90)
    places = [v.queue_position for v in seen if v.id == last and v.status == 'queued']
    assert places == [3, 2, 1], places  # as each job before it left the line
    running = [v.stage for v in seen if v.id == last and v.status == 'processing']
    assert running and running == sorted(running)  # then its own stages, from the worker, over the bus
    assert web.cluster is not None and web.cluster.jobs is not None and await web.cluster.jobs.waiting() == []
