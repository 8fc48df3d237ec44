"""Frame mining on videos the tests build with PyAV: the ranking a creator sees, the refusals, progress, cancel."""

from __future__ import annotations

import asyncio
import io
import itertools
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from routix.core.errors import InvalidUpload
from routix.core.runtime import InlineRuntime, NiceGuiRuntime
from routix.variants.phash import distance, phash
from routix.video.mining import mine_frames
from routix.video.probe import probe_video
from routix.video.scan import NEAR_DUPLICATE
from routix.video.synth import Shot, write_video

pytest.importorskip('skimage')

SMALL = (640, 360)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope='module')
def videos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One video of each kind, built once for the module (a few seconds of encoding)."""
    folder = tmp_path_factory.mktemp('videos')
    return {
        'mixed': write_video(
            folder / 'mixed.mp4',
            [Shot('black', 3), Shot('blur', 4), Shot('graphics', 3), Shot('face', 3), Shot('black', 2)],
            size=SMALL,
            fps=12,
        ),
        'no_face': write_video(
            folder / 'no_face.mkv', [Shot('black', 3), Shot('blur', 3), Shot('graphics', 3)], size=SMALL, fps=12
        ),
        'keyframes': write_video(
            folder / 'keyframes.mov', [Shot('blur', 4), Shot('face', 4), Shot('grey', 2)], size=SMALL, fps=12, gop=6
        ),
        'webm': write_video(
            folder / 'clip.webm', [Shot('grey', 1), Shot('face', 2)], size=(320, 180), fps=8, codec='libvpx-vp9'
        ),
    }


async def test_the_face_comes_first_and_black_or_blurry_frames_never_do(videos: dict[str, Path]) -> None:
    mined = await mine_frames(videos['mixed'], runtime=InlineRuntime(), count=6)
    first = mined.frames[0]
    assert 10 <= first.time_s < 13, first  # inside the face shot
    assert first.faces >= 1 and 'eyes_open' in first.reasons
    assert not {'dark', 'blurry', 'flat'} & set(first.reasons)
    scores = [f.score for f in mined.frames]
    assert scores == sorted(scores, reverse=True)
    sharp = [f for f in mined.frames if 'sharp' in f.reasons]
    dull = [f for f in mined.frames if {'dark', 'blurry', 'flat'} & set(f.reasons)]
    assert sharp and all(s.score > d.score for s in sharp for d in dull)
    assert mined.info.duration_s == pytest.approx(15, abs=0.2) and (mined.info.width, mined.info.height) == SMALL


async def test_without_a_face_the_sharp_graphics_win_over_blur_and_black(videos: dict[str, Path]) -> None:
    mined = await mine_frames(videos['no_face'], runtime=InlineRuntime(), count=4)
    assert 6 <= mined.frames[0].time_s < 9 and mined.frames[0].faces == 0
    assert 'sharp' in mined.frames[0].reasons
    dark = [f for f in mined.frames if 'dark' in f.reasons]
    assert all(f.score < 0.05 for f in dark)


async def test_frames_offered_are_distinct_and_are_real_pictures(videos: dict[str, Path]) -> None:
    mined = await mine_frames(videos['mixed'], runtime=InlineRuntime(), count=8)
    hashes = [phash(Image.open(io.BytesIO(f.jpeg))) for f in mined.frames]
    for a, b in itertools.combinations(hashes, 2):
        assert distance(a, b) >= NEAR_DUPLICATE - 2  # re-encoding as JPEG moves a hash by a bit or two
    with Image.open(io.BytesIO(mined.frames[0].jpeg)) as image:
        assert image.format == 'JPEG' and image.size == SMALL


def test_a_bigger_face_scores_higher_and_a_face_lifts_a_frame() -> None:
    from skimage import data

    from routix.video.score import score_frame

    photo = Image.fromarray(data.astronaut())
    judged = {}
    for height in (360, 320):  # the same sharp photo, its face 19 % and 17.5 % of the frame's height
        canvas = Image.new('RGB', SMALL, (40, 70, 110))
        canvas.paste(photo.resize((height, height)), (150, 360 - height))
        judged[height] = score_frame(np.asarray(canvas))
    big, small = judged[360], judged[320]
    assert big.faces == small.faces == 1 and big.face_share > small.face_share and big.score > small.score
    canvas = Image.new('RGB', SMALL, (40, 70, 110))
    canvas.paste(photo.resize((360, 360)).rotate(180), (150, 0))  # the same pixels upside down: no face found
    upside_down = score_frame(np.asarray(canvas))
    assert upside_down.faces == 0 and upside_down.score < small.score


async def test_dense_keyframes_are_mined_from_keyframes_alone(videos: dict[str, Path]) -> None:
    mined = await mine_frames(videos['keyframes'], runtime=InlineRuntime(), count=4)
    assert mined.keyframes_only
    assert 4 <= mined.frames[0].time_s < 8 and mined.frames[0].faces >= 1
    assert all(round(f.time_s * 12) % 6 == 0 for f in mined.frames)  # only keyframes (every 6th frame) were judged


async def test_webm_and_progress_that_ends_at_one(videos: dict[str, Path]) -> None:
    seen: list[float] = []
    mined = await mine_frames(videos['webm'], runtime=InlineRuntime(), count=3, progress=seen.append)
    assert mined.info.codec == 'vp9' and mined.frames[0].faces >= 1
    assert seen and seen == sorted(seen) and seen[-1] == 1.0


async def test_long_videos_report_progress_in_steps_and_can_be_cancelled(tmp_path: Path) -> None:
    video = write_video(tmp_path / 'long.mp4', [Shot('graphics', 40)], size=(320, 180), fps=5)
    steps: list[float] = []

    async def progress(done: float) -> None:
        steps.append(done)
        if len(steps) == 2:
            raise asyncio.CancelledError  # what cancelling the mining task does at its next await

    with pytest.raises(asyncio.CancelledError):
        await mine_frames(video, runtime=InlineRuntime(), count=3, progress=progress, parallel=1)
    assert len(steps) == 2 and steps[1] < 0.5  # stopped early: the later stretches never ran


def test_a_frame_at_any_moment_can_be_taken(videos: dict[str, Path]) -> None:
    from routix.render import find_faces
    from routix.video.scan import frame_at

    with Image.open(io.BytesIO(frame_at(str(videos['mixed']), 11.5))) as face:  # inside the face shot
        assert face.size == SMALL and find_faces(face, profiles=False)
    with Image.open(io.BytesIO(frame_at(str(videos['mixed']), 99.0))) as last:  # past the end: the last frame
        assert max(last.convert('L').getextrema()) < 40  # the closing black


@pytest.mark.parametrize(
    ('content', 'code'),
    [
        (b'hello, this is not a video at all\n' * 50, 'video.unreadable'),
        ('png', 'video.unsupported'),
        ('audio', 'video.no_video'),
        ('truncated', 'video.unreadable'),
    ],
)
def test_files_that_are_not_usable_videos_are_refused_with_a_reason(
    tmp_path: Path, videos: dict[str, Path], content: bytes | str, code: str
) -> None:
    path = tmp_path / 'upload.bin'
    if content == 'png':
        Image.new('RGB', (64, 64), 'red').save(path, 'PNG')
    elif content == 'audio':
        path = tmp_path / 'sound.mkv'
        _write_audio(path)
    elif content == 'truncated':
        data = videos['mixed'].read_bytes()
        path.write_bytes(data[: len(data) // 3])  # the moov atom is written at the end: the index is gone
    else:
        assert isinstance(content, bytes)
        path.write_bytes(content)
    with pytest.raises(InvalidUpload) as caught:
        probe_video(path)
    assert caught.value.code == code
    assert caught.value.message('fa') != caught.value.message('en')


async def test_mining_runs_in_the_process_pool(videos: dict[str, Path], nicegui_runtime: None) -> None:
    mined = await mine_frames(videos['mixed'], runtime=NiceGuiRuntime(), count=3)
    assert mined.frames[0].faces >= 1 and len(mined.frames) == 3
    with pytest.raises(InvalidUpload) as caught:  # the worker's error crosses the process boundary with its code
        await mine_frames(Path(__file__), runtime=NiceGuiRuntime())
    assert caught.value.code == 'video.unreadable'


def test_the_frames_command_writes_the_best_frames_best_first(videos: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / 'frames'
    done = _routix('frames', str(videos['mixed']), '--count', '3', '--out', str(out), '--json')
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    frames = result['frames']
    assert len(frames) == 3 and frames[0]['faces'] >= 1 and 10 <= frames[0]['time_s'] < 13
    assert [f['score'] for f in frames] == sorted((f['score'] for f in frames), reverse=True)
    for frame in frames:
        assert Path(frame['path']).parent == out and Image.open(frame['path']).size == SMALL
        assert set(frame) == {'time_s', 'score', 'path', 'faces', 'reasons'}


def test_the_frames_command_without_out_names_the_folder_and_refuses_bad_input(
    videos: dict[str, Path], tmp_path: Path
) -> None:
    done = _routix('frames', str(videos['webm']), '--count', '1', '--json')
    folder = Path(json.loads(done.stdout)['folder'])
    assert folder.is_dir() and len(list(folder.glob('*.jpg'))) == 1
    not_video = tmp_path / 'notes.mp4'
    not_video.write_text('just words')
    bad = _routix('frames', str(not_video))
    assert bad.returncode == 2 and 'not a readable video' in bad.stderr
    assert _routix('frames', str(tmp_path / 'missing.mp4')).returncode == 2
    assert _routix('frames', str(videos['webm']), '--count', '0').returncode == 2


def test_render_with_a_video_puts_its_best_frame_in_the_thumbnail(videos: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / 'thumb.jpg'
    done = _routix('render', 'my first spacewalk', '--video', str(videos['mixed']), '--out', str(out), '--json')
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result['subject']['source'] == 'upload'  # the frame is the photo
    assert Image.open(out).size == (1280, 720)


def _routix(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, '-m', 'routix.cli', *args], check=False, capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def _write_audio(path: Path) -> None:
    import av
    import numpy as np

    with av.open(str(path), 'w') as out:
        stream = out.add_stream('flac', rate=8000)
        frame = av.AudioFrame.from_ndarray(np.zeros((1, 8000), np.int16), format='s16', layout='mono')
        frame.sample_rate, frame.pts = 8000, 0
        frame.time_base = Fraction(1, 8000)
        for packet in [*stream.encode(frame), *stream.encode()]:
            out.mux(packet)


def test_the_video_texts_read_in_persian_and_every_reason_has_words() -> None:
    import re
    import string

    from routix.i18n import video as texts
    from routix.video import score

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert set(texts.FA) == set(texts.EN)
    for key, english in texts.EN.items():
        assert re.search('[\u0600-\u06ff]', texts.FA[key]) and fields(texts.FA[key]) == fields(english), key
    lines = [line for line in Path(score.__file__).read_text().splitlines() if 'reasons' in line and "'" in line]
    emitted = {word for line in lines for word in re.findall(r"'([a-z_]+)'", line)}
    assert {'sharp', 'blurry', 'dark', 'face', 'close_up', 'eyes_open'} <= emitted
    assert all(f'video.reason.{word}' in texts.EN for word in emitted), emitted  # every reason has words
