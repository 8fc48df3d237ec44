"""Follow-up messages change the text layer: 'bigger and red', 'متن رو ببر وسط', 'text: Game Over'."""

from __future__ import annotations

import random

import pytest

from routix.colors import parse_color
from routix.design.textlayer import TextLayer
from routix.edits import TextEdit, apply_edit, parse_edit

RED, BLUE, BLACK, WHITE, YELLOW = (parse_color(c) for c in ('red', 'blue', 'black', 'white', 'yellow'))
LAYER = TextLayer(headline='Epic Win')


def edited(message: str, layer: TextLayer = LAYER) -> TextLayer:
    """Parse a follow-up and apply it, as the chat does."""
    edit = parse_edit(message)
    assert edit is not None, message
    return apply_edit(layer, edit)


@pytest.mark.parametrize(
    'message',
    [
        'bigger',
        'Bigger text',
        'make the text larger',
        'increase the text',
        'too small',
        'بزرگتر',
        'بزرگ‌تر',
        'متن بزرگتر',
        'متن رو بزرگ تر کن',
        'متن خیلی کوچیکه',
    ],
)
def test_bigger_in_either_language_scales_by_a_quarter(message: str) -> None:
    assert edited(message).scale == pytest.approx(1.25)


@pytest.mark.parametrize('message', ['smaller', 'make it smaller please', 'the text is too big', 'کوچکتر', 'کوچیک‌تر'])
def test_smaller_scales_down(message: str) -> None:
    assert edited(message).scale == pytest.approx(0.8)


def test_scale_is_capped_and_floored() -> None:
    layer = LAYER
    for _ in range(10):
        layer = edited('bigger', layer)
    assert layer.scale == 2.5
    for _ in range(20):
        layer = edited('smaller', layer)
    assert layer.scale == 0.4


@pytest.mark.parametrize(
    ('message', 'color'),
    [
        ('make it red', RED),
        ('red text', RED),
        ('change the colour to #ff0000', '#ff0000'),
        ('change the text to red', RED),
        ('text colour #0af', '#00aaff'),
        ('متن رو قرمز کن', RED),
        ('رنگ متن آبی', BLUE),
        ('رنگ متن رو سفيد كن', WHITE),
        ('dark blue text', parse_color('dark blue')),
    ],
)
def test_colour_requests_set_the_text_colour(message: str, color: str) -> None:
    assert edited(message).color == color


@pytest.mark.parametrize(
    ('message', 'color'),
    [('red outline', RED), ('outline blue', BLUE), ('حاشیه مشکی', BLACK), ('رنگ حاشیه زرد', YELLOW)],
)
def test_outline_colour_requests_set_the_outline(message: str, color: str) -> None:
    layer = edited(message, TextLayer(headline='x', outline_width=0, outline_color='#123456'))
    assert layer.outline_color == color
    assert layer.outline_width > 0
    assert layer.color == '#ffffff'


@pytest.mark.parametrize(
    ('message', 'headline'),
    [
        ('change the text to Game Over', 'Game Over'),
        ('change the headline to "Top 10 Games"', 'Top 10 Games'),
        ('text: Rock and Roll', 'Rock and Roll'),
        ('text: Black and White', 'Black and White'),
        ('Headline: I QUIT my job!', 'I QUIT my job!'),
        ("say Let's go!", "Let's go!"),
        ('make it say “Don’t blink”', 'Don’t blink'),
        ("the title should be 'Level 99'", 'Level 99'),
        ('متن را به «سلام دنیا» تغییر بده', 'سلام دنیا'),
        ('متن رو به سلام دنیا تغییر بده', 'سلام دنیا'),
        ('متن: بازی تمام شد', 'بازی تمام شد'),
        ('«ركورد جديد» رو بنویس', 'ركورد جديد'),
    ],
)
def test_new_headline_text_is_taken_exactly(message: str, headline: str) -> None:
    assert edited(message).headline == headline


def test_a_new_headline_in_another_script_switches_the_direction() -> None:
    persian = edited('متن: بازی تمام شد')
    assert persian.direction == 'rtl'
    assert edited('text: Game Over', persian).direction == 'ltr'


def test_subtitle_can_be_changed_on_its_own() -> None:
    layer = edited('subtitle: Part 2')
    assert (layer.headline, layer.subtitle) == ('Epic Win', 'Part 2')
    assert edited('change the sub-title to "Part 3"').subtitle == 'Part 3'
    assert edited('زیرعنوان: قسمت دوم').subtitle == 'قسمت دوم'


@pytest.mark.parametrize('message', ['headline "A" and subtitle "B"', 'subtitle "B" and headline "A"'])
def test_headline_and_subtitle_in_one_message(message: str) -> None:
    layer = edited(message)
    assert (layer.headline, layer.subtitle) == ('A', 'B')


@pytest.mark.parametrize(
    ('message', 'align', 'offset'),
    [
        ('move the text right', 'right', 0),
        ('center the text', 'center', 0),
        ('put it in the middle', 'center', 0),
        ('متن رو ببر راست', 'right', 0),
        ('متن رو ببر وسط', 'center', 0),
        ('move the text left', 'left', -80),  # already on the left: shift further
        ('متن رو ببر چپ', 'left', -80),
        ('move it a bit right', 'left', 80),  # a nudge keeps the alignment
        ('متن رو یکم ببر راست', 'left', 80),
    ],
)
def test_moving_the_text(message: str, align: str, offset: int) -> None:
    layer = edited(message)
    assert (layer.align, layer.offset_x) == (align, offset)


def test_moves_are_clamped_to_the_limit() -> None:
    layer = LAYER
    for _ in range(10):
        layer = edited('move it a bit left', layer)
    assert layer.offset_x == -400
    assert edited('center it', layer).offset_x == 0


@pytest.mark.parametrize(
    ('message', 'changes'),
    [
        ('uppercase', {'uppercase': True}),
        ('ALL CAPS please', {'uppercase': True}),
        ('lowercase', {'uppercase': False}),
        ('no outline', {'outline_width': 0}),
        ('بدون حاشیه', {'outline_width': 0}),
        ('thicker outline', {'outline_width': 9}),
        ('حاشیه ضخیم‌تر', {'outline_width': 9}),
        ('thinner outline', {'outline_width': 3}),
        ('no shadow', {'shadow': False}),
        ('بدون سایه', {'shadow': False}),
        ('serif font', {'font_role': 'serif'}),
    ],
)
def test_case_outline_shadow_and_font(message: str, changes: dict[str, object]) -> None:
    layer = edited(message)
    assert {key: getattr(layer, key) for key in changes} == changes


def test_outline_thickness_is_capped_and_shadow_comes_back() -> None:
    layer = LAYER
    for _ in range(10):
        layer = edited('thicker outline', layer)
    assert layer.outline_width == 20
    assert edited('add shadow', TextLayer(headline='x', shadow=False)).shadow is True
    assert edited('سایه بده', TextLayer(headline='x', shadow=False)).shadow is True
    assert edited('add an outline', TextLayer(headline='x', outline_width=0)).outline_width == 6


@pytest.mark.parametrize(
    ('message', 'changes'),
    [
        ('bigger and red', {'scale': 1.25, 'color': RED}),
        ('بزرگتر و قرمز', {'scale': 1.25, 'color': RED}),
        ('red text with a blue outline', {'color': RED, 'outline_color': BLUE}),
        ('متن قرمز با حاشیه سفید', {'color': RED, 'outline_color': WHITE}),
        ('make the outline thicker and red', {'outline_width': 9, 'outline_color': RED, 'color': '#ffffff'}),
        ('bigger. also all caps, and center it', {'scale': 1.25, 'uppercase': True, 'align': 'center'}),
        ('change the text to Game Over and make it red', {'headline': 'Game Over', 'color': RED}),
        ('سایه رو بردار و متن رو کوچیکتر کن', {'shadow': False, 'scale': 0.8}),
        ('remove the outline and make the text yellow', {'outline_width': 0, 'color': YELLOW}),
    ],
)
def test_several_edits_in_one_message_apply_together(message: str, changes: dict[str, object]) -> None:
    layer = edited(message)
    assert {key: getattr(layer, key) for key in changes} == pytest.approx(changes)


@pytest.mark.parametrize(
    'message',
    [
        '',
        '   ',
        'hello',
        'thanks!',
        '🔥🔥',
        'ok',
        "that's right, it looks great",
        'right now',
        'a red sports car thumbnail',
        'a gaming thumbnail with big red text',
        'make a new one about cats',
        'I want a minimal one in blue',
        'make the background blue',
        'same but for a cooking video',
        'یک تامبنیل جدید برای آشپزی بساز',
        'دوباره بساز',
        'پس زمینه رو آبی کن',
        'یه تامبنیل دیگه برای سفر به شیراز با رنگ آبی',
        'Make a thumbnail for my Minecraft speedrun, neon style',
    ],
)
def test_messages_that_are_not_text_edits_give_none(message: str) -> None:
    assert parse_edit(message) is None


def test_apply_returns_a_new_layer_and_leaves_the_old_one_alone() -> None:
    layer = TextLayer(headline='Epic Win')
    before = layer.to_dict()
    after = edited('bigger and red', layer)
    assert after is not layer
    assert layer.to_dict() == before
    assert (after.headline, after.box) == (layer.headline, layer.box)


def test_describe_summarises_the_edit_in_english_and_persian() -> None:
    edit = parse_edit('bigger and red')
    assert edit is not None
    assert edit.describe('en') == 'Text 25% bigger, colour red'
    assert edit.describe('fa') == 'متن ۲۵٪ بزرگ‌تر، رنگ قرمز'
    assert edit.describe() == edit.describe('en')


@pytest.mark.parametrize(
    ('edit', 'english', 'persian'),
    [
        (TextEdit(scale=0.8), 'Text 20% smaller', 'متن ۲۰٪ کوچک‌تر'),
        (TextEdit(headline='Game {0} Over'), 'Headline “Game {0} Over”', 'تیتر «Game {0} Over»'),
        (TextEdit(outline_width=0, shadow=False), 'No outline, no shadow', 'بدون حاشیه، بدون سایه'),
        (TextEdit(align='left', nudge=True), 'Nudged left', 'کمی به چپ'),
        (TextEdit(color='#123456'), 'Colour #123456', 'رنگ #123456'),
    ],
)
def test_describe_wording(edit: TextEdit, english: str, persian: str) -> None:
    assert (edit.describe('en'), edit.describe('fa')) == (english, persian)


def test_an_empty_edit_is_empty() -> None:
    assert TextEdit().is_empty()
    assert not TextEdit(outline_width=0).is_empty()
    assert not TextEdit(shadow=False).is_empty()


def test_random_messages_never_break_the_parser() -> None:
    rng = random.Random(7)
    vocabulary = [
        'bigger',
        'red',
        'and',
        'text',
        'outline',
        'no',
        'left',
        'متن',
        'قرمز',
        'و',
        'بزرگتر',
        '"',
        '«',
        '»',
        ':',
        'change',
        'to',
        '#ff0',
        'shadow',
        'سایه',
        'very',
        '🔥',
        '\u200c',
        'right',
        'a bit',
    ]
    for _ in range(1000):
        message = ' '.join(rng.choice(vocabulary) for _ in range(rng.randint(0, 12)))
        edit = parse_edit(message)
        if edit is not None:
            layer = apply_edit(LAYER, edit)
            assert 0.4 <= layer.scale <= 2.5 and 0 <= layer.outline_width <= 20 and abs(layer.offset_x) <= 400
            assert edit.describe('en') and edit.describe('fa')
