"""A request with nothing to go on gets a question back, not a proposal with an invented headline."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from nicegui.testing import User

from routix.analysis.model import Analysis
from routix.analysis.offline import analyze_prompt
from tests.helpers.pages import send, visible, wait_for_count

SignUp = Callable[..., Awaitable[None]]


@pytest.mark.parametrize(
    'prompt', ['make me a thumbnail', 'hi', 'Hello!', 'یه تامبنیل بساز', 'سلام', 'can you design a cover for me please']
)
def test_a_request_with_no_topic_is_vague(prompt: str) -> None:
    assert analyze_prompt(prompt).vague


@pytest.mark.parametrize(
    'prompt',
    [
        'gaming thumbnail',
        'Korean fried chicken',
        'آموزش پخت قرمه سبزی',
        'make a thumbnail "EPIC WIN"',
        'hi, my trip to Japan',
    ],
)
def test_a_request_with_a_topic_or_a_headline_is_not_vague(prompt: str) -> None:
    assert not analyze_prompt(prompt).vague


def test_an_analysis_stored_before_vague_existed_still_loads() -> None:
    old = {'category': 'vlog', 'style': 'playful', 'mood': 'fun', 'headline': 'New Video', 'palette': ['#f97316']}
    assert Analysis.from_dict(old).vague is False


@pytest.mark.usefixtures('app_ready')
async def test_a_vague_message_gets_a_question_and_no_proposal(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/')
    await send(user, 'make me a thumbnail')
    await user.should_see('What is your video about?')
    assert visible(user, 'proposal') == []
    await user.should_not_see('New Video')

    await send(user, 'my trip to Japan')  # the answer gets a proposal
    await wait_for_count(user, 'proposal', 1)


@pytest.mark.usefixtures('app_ready')
async def test_a_vague_persian_message_gets_a_persian_question(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/')
    await send(user, 'یه تامبنیل بساز')
    await user.should_see('ویدیوی شما درباره‌ی چیست؟')
    assert visible(user, 'proposal') == []
