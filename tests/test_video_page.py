"""A creator sends a recording from the chat: it streams to POST /upload/video, the frame search shows its stages,
the best frames come as a strip, and a picked frame goes with the next message as the proposal's photo. Refusals
(no CSRF token, too big, not a video) leave nothing behind; deleting the conversation deletes the video."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from nicegui.testing import User

from routix.video.synth import Shot, write_video
from tests.helpers.pages import SLOW, send, wait_for_count

pytest.importorskip('skimage')

SignUp = Callable[..., Awaitable[None]]


@pytest.fixture(scope='module')
def recording(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A short recording: black, blur, then a real face."""
    path = tmp_path_factory.mktemp('rec') / 'talk.mp4'
    write_video(path, [Shot('black', 2), Shot('blur', 2), Shot('face', 3)], size=(640, 360), fps=10)
    return path.read_bytes()


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """ROUTIX_MAX_VIDEO_BYTES of 50 kB (set before the app starts)."""
    monkeypatch.setenv('ROUTIX_MAX_VIDEO_BYTES', str(50_000))


def headers(user: User) -> dict[str, str]:
    """What the picker's script sends: the session's CSRF token, the tab, the conversation (from its attributes)."""
    (picker,) = user.find(marker='video-upload').elements
    sent = {
        'Content-Type': 'video/mp4',
        'X-CSRF-Token': str(picker.props['data-csrf']),
        'X-Routix-Tab': str(picker.props['data-tab']),
    }
    if picker.props.get('data-conversation'):
        sent['X-Routix-Conversation'] = str(picker.props['data-conversation'])
    return sent


def stored_files(data: Path) -> list[Path]:
    folder = data / 'videos'
    return sorted(p for p in folder.rglob('*') if p.is_file()) if folder.exists() else []


async def test_a_video_becomes_a_strip_of_frames_and_one_goes_with_the_message(
    user: User, sign_up: SignUp, recording: bytes, _isolated_env: Path
) -> None:
    await sign_up(user)
    await user.open('/')
    await send(user, 'my first spacewalk vlog')
    await user.should_see(marker='proposal', retries=SLOW)
    user.find(marker='attach-video').click()  # the picker now names the conversation the first message created
    response = await user.http_client.post('/upload/video', content=recording, headers=headers(user))
    assert response.status_code == 201, response.text
    await user.should_see('The best frames of your video. Pick one to be the photo of the thumbnail.', retries=SLOW)
    await wait_for_count(user, 'frame', 1)
    best = min(user.find(marker='use-frame').elements, key=lambda e: e.id)  # the first in the strip is the best
    assert str(best.props.get('label', '')) in {
        'Use the frame at 0:04',
        'Use the frame at 0:05',
        'Use the frame at 0:06',
    }
    click_first_use(user)
    await user.should_see('Frame added. Describe the thumbnail and send.', retries=SLOW)
    await user.should_see(marker='pending-upload', retries=SLOW)
    await send(user, 'floating above the earth')
    await wait_for_count(user, 'proposal', 2)
    await user.should_not_see(marker='pending-upload', retries=SLOW)
    token = response.json()['token']
    files = [p.name for p in stored_files(_isolated_env)]
    assert any(name.startswith(token) and name.endswith('.mov') for name in files)  # the MP4/MOV family
    assert sum(name.startswith('frame-') for name in files) >= 1

    user.find(marker='conversation-menu').click()  # deleting the conversation deletes the video and its frames
    user.find(marker='delete').click()
    await user.should_see(marker='dialog-ok')
    user.find(marker='dialog-ok').click()
    await user.should_see('No conversations yet.', retries=SLOW)
    assert not any(p.name.startswith(token) or p.parent.name == token for p in stored_files(_isolated_env))


def click_first_use(user: User) -> None:
    """Click the best frame's button (the first in the strip)."""
    from nicegui.testing.user_interaction import UserInteraction

    first = min(user.find(marker='use-frame').elements, key=lambda e: e.id)
    UserInteraction(user, {first}, None).click()


async def test_a_moment_of_the_creators_choosing_becomes_the_photo(
    user: User, sign_up: SignUp, recording: bytes
) -> None:
    await sign_up(user)
    await user.open('/')
    response = await user.http_client.post('/upload/video', content=recording, headers=headers(user))
    assert response.status_code == 201
    await user.should_see(marker='use-moment', retries=SLOW)
    user.find(marker='video-moment').clear().type('5.5')
    user.find(marker='use-moment').click()
    await user.should_see('Frame added. Describe the thumbnail and send.', retries=SLOW)
    await wait_for_count(user, 'pending-upload', 1)


async def test_a_file_that_is_not_a_video_is_refused_and_leaves_nothing(
    user: User, sign_up: SignUp, _isolated_env: Path
) -> None:
    await sign_up(user)
    await user.open('/')
    response = await user.http_client.post('/upload/video', content=b'not a video ' * 1000, headers=headers(user))
    assert response.status_code == 422 and response.json()['code'] == 'video.unreadable'
    await user.should_see('That file is not a readable video.', retries=SLOW)
    assert stored_files(_isolated_env) == []


async def test_forged_or_anonymous_uploads_are_refused(user: User, sign_up: SignUp, recording: bytes) -> None:
    await sign_up(user)
    await user.open('/')
    sent = headers(user)
    forged = await user.http_client.post('/upload/video', content=recording, headers=sent | {'X-CSRF-Token': 'x' * 43})
    assert forged.status_code == 403
    stranger = await user.http_client.post(
        '/upload/video', content=recording, headers=sent | {'X-Routix-Conversation': '999999'}
    )
    assert stranger.status_code == 404  # not this creator's conversation
    user.http_client.cookies.clear()
    anonymous = await user.http_client.post('/upload/video', content=recording, headers=sent)
    assert anonymous.status_code == 401


async def test_the_size_cap_holds_while_streaming(
    small_limit: None, user: User, sign_up: SignUp, recording: bytes, _isolated_env: Path
) -> None:
    await sign_up(user)
    await user.open('/')
    declared = await user.http_client.post('/upload/video', content=recording, headers=headers(user))
    assert declared.status_code == 413  # Content-Length over the cap: refused before reading

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted while it streams
        for start in range(0, len(recording), 16_384):
            yield recording[start : start + 16_384]
            await asyncio.sleep(0)

    streamed = await user.http_client.post('/upload/video', content=chunks(), headers=headers(user))
    assert streamed.status_code == 413 and streamed.json()['code'] == 'video.too_many_bytes'
    await user.should_see('The video is larger than 0.05 MB.', retries=SLOW)
    assert stored_files(_isolated_env) == []
