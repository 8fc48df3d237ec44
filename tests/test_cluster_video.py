"""Video mining in a cluster, on a real PostgreSQL with real ``routix worker`` processes (skipped without PostgreSQL,
like the other cluster tests).

A web process (services built with ``ROUTIX_QUEUE=procrastinate``, ``ROUTIX_EVENTS=postgres``) receives a video and
hands its mining to the queue; a worker mines it and the creator's events on the web side carry the progress and the
frames, the best of which the creator then uses. A worker killed (``kill -9``) mid-mining has its job run again by
another worker, to the end. A search the creator stops is aborted on its worker.
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import psycopg
import pytest

from routix.cluster.bus import libpq_url
from routix.core.services import Services
from routix.video.synth import Shot, write_video
from routix.video.views import VideoUpdate
from tests.helpers.cluster_procs import CLUSTER, creator, until

pytest.importorskip('skimage')

pytestmark = CLUSTER


async def test_a_worker_mines_the_video_and_the_web_tab_gets_progress_and_frames(
    web: Services, workers: Callable[[str], subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    owner = await creator(web, tmp_path)
    seen = _updates(web, owner)
    video = write_video(
        tmp_path / 'clip.mp4', [Shot('black', 2), Shot('face', 3), Shot('graphics', 2)], size=(320, 180)
    )
    workers('worker-1')
    token = await web.video.receive(owner_id=owner, tab='tab-1', conversation_id=None, chunks=_chunks(video))

    done = await until(lambda: _stage(seen, token, 'done'), timeout=90)
    stages = [u.stage for u in seen if u.token == token]
    assert stages[0] == 'stored' and stages[-1] == 'done' and 'mining' in stages
    shares = [u.share for u in seen if u.token == token and u.stage == 'mining']
    assert shares == sorted(shares) and 0 < shares[0] and shares[-1] == 1.0
    assert all(u.tab == 'tab-1' for u in seen)
    assert done.frames and done.frames[0].faces >= 1 and 2 <= done.frames[0].time_s < 5  # the face shot wins
    assert all(f.preview.startswith('data:image/jpeg;base64,') for f in done.frames)
    assert done.duration_s == pytest.approx(7, abs=0.2)
    assert f'mines video {token} (attempt 1)' in (tmp_path / 'worker-1.log').read_text()

    used = await web.video.use_frame(owner_id=owner, token=token, rank=1)  # the creator picks the best frame
    assert (used.width, used.height) == (320, 180)


async def test_a_job_whose_worker_was_killed_is_mined_again_by_another_worker(
    web: Services, workers: Callable[[str], subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    owner = await creator(web, tmp_path)
    seen = _updates(web, owner)
    # long enough (24 stretches, a few seconds of decoding) that the worker is still at it when it is killed
    video = write_video(tmp_path / 'long.mp4', [Shot('graphics', 400), Shot('face', 20)], size=(320, 180), fps=4)
    first = workers('worker-1')
    token = await web.video.receive(owner_id=owner, tab='tab-1', conversation_id=None, chunks=_chunks(video))

    await until(lambda: _stage(seen, token, 'mining'), timeout=90)
    first.send_signal(signal.SIGKILL)  # kill -9, mid-mining
    first.wait()
    assert not _stage(seen, token, 'done'), 'the video was mined before the worker was killed: make it longer'
    assert await _job_statuses(web, token) == ['doing']  # left running by a dead worker

    killed_at = len(seen)
    workers('worker-2')  # sees worker-1's heartbeat go stale, puts the job back in line and runs it
    done = await until(lambda: _stage(seen, token, 'done'), timeout=120)
    again = [u.share for u in seen[killed_at:] if u.token == token and u.stage == 'mining']
    assert again and again[-1] == 1.0  # the tab follows the second run to its end
    assert done.frames and done.frames[0].faces >= 1 and done.frames[0].time_s >= 400  # the face at the end
    assert f'mines video {token} (attempt 2)' in (tmp_path / 'worker-2.log').read_text()
    assert await _job_statuses(web, token) == []  # finished (successful jobs are deleted), not queued again
    used = await web.video.use_frame(owner_id=owner, token=token, rank=1)
    assert used.width == 320


async def test_a_search_the_creator_stops_is_aborted_on_its_worker(
    web: Services, workers: Callable[[str], subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    owner = await creator(web, tmp_path)
    seen = _updates(web, owner)
    video = write_video(tmp_path / 'long.mp4', [Shot('graphics', 400), Shot('face', 20)], size=(320, 180), fps=4)
    workers('worker-1')
    token = await web.video.receive(owner_id=owner, tab='tab-1', conversation_id=None, chunks=_chunks(video))
    await until(lambda: _stage(seen, token, 'mining'), timeout=90)

    assert web.video.cancel(owner_id=owner, token=token)  # 'Stop the search'
    stopped = await until(lambda: _stage(seen, token, 'failed'), timeout=30)
    assert stopped.error is not None and stopped.error.message('en') == 'Cancelled.'
    await until(lambda: _job_statuses(web, token), timeout=30, until=lambda statuses: statuses == ['aborted'])
    mine = [u for u in seen if u.token == token]
    assert mine[-1] is stopped  # the tab ends on it: no progress of the aborted job arrived after it
    assert not _stage(seen, token, 'done')
    assert not web.video.cancel(owner_id=owner, token=token)  # nothing runs any more
    log = (tmp_path / 'worker-1.log').read_text()
    assert f'mines video {token} (attempt 1)' in log and 'put back in line' not in log


# ---- helpers -----------------------------------------------------------------------------------------------------


def _updates(services: Services, owner_id: int) -> list[VideoUpdate]:
    """What the creator's tabs on this web process hear about their videos."""
    seen: list[VideoUpdate] = []
    services.video.updates_for(owner_id).subscribe(seen.append)
    return seen


def _stage(seen: list[VideoUpdate], token: str, stage: str) -> VideoUpdate | None:
    return next((u for u in seen if u.token == token and u.stage == stage), None)


async def _chunks(path: Path) -> AsyncIterator[bytes]:
    data = path.read_bytes()
    for start in range(0, len(data), 64 * 1024):  # as the upload route streams a body
        yield data[start : start + 64 * 1024]


async def _job_statuses(services: Services, token: str) -> list[str]:
    """The statuses of the video's procrastinate jobs that were not deleted (successful ones are)."""
    conninfo = libpq_url(services.settings.resolved_database_url)
    async with await psycopg.AsyncConnection.connect(conninfo) as connection:
        cursor = await connection.execute(
            'SELECT status::text FROM procrastinate_jobs WHERE lock = %s ORDER BY id', (f'video-{token}',)
        )
        return [row[0] for row in await cursor.fetchall()]
