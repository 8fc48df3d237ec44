"""The pure pieces of an edit: layout overrides, background adjustments and the planner's geometry."""

from __future__ import annotations

import copy

from PIL import Image, ImageStat

from routix import render
from routix.design.catalog import TemplateCatalog
from routix.design.overrides import dressed_for, mirror_layout, mirror_text_layer, overridden_layout
from routix.design.textlayer import TextLayer
from routix.edits.change import RecipeChange, normal_adjust
from routix.edits.intent import classify
from routix.edits.plan import SAFE, plan_change

CATALOG = TemplateCatalog.load()
SPEC = CATALOG.get('cooking-dark-gourmet')


def test_mirroring_twice_gives_the_layout_back_and_moves_the_subject_across() -> None:
    layout = SPEC.layout
    before = copy.deepcopy(layout)
    mirrored = mirror_layout(layout)
    assert mirrored['subject']['box'][0] == 1280 - layout['subject']['box'][0] - layout['subject']['box'][2]
    assert mirror_layout(mirrored) == layout
    assert layout == before  # the template itself is never changed


def test_a_moved_subject_slot_is_clamped_onto_the_canvas() -> None:
    layout = overridden_layout(SPEC.layout, subject_box=(1200, -50, 500, 560))
    assert layout['subject']['box'] == [780, 0, 500, 560] != SPEC.layout['subject']['box']


def test_mirroring_the_text_swaps_its_side_and_alignment() -> None:
    layer = TextLayer(headline='x', box=(64, 120, 640, 360), align='left', offset_x=40)
    flipped = mirror_text_layer(layer)
    assert (flipped.box, flipped.align, flipped.offset_x) == ((576, 120, 640, 360), 'right', -40)


def test_another_template_keeps_words_and_colours_but_takes_its_slot() -> None:
    layer = TextLayer(headline='Salt', color='#ff0000', scale=1.5, box=(1, 2, 3, 4), direction='rtl')
    other = CATALOG.get('tech-versus-split').layout['headline']
    dressed = dressed_for(layer, other)
    assert (dressed.headline, dressed.color, dressed.scale) == ('Salt', '#ff0000', 1.5)
    assert list(dressed.box) == other['box'] and dressed.align in ('right', 'center')


def test_background_adjustments_change_the_pixels_and_leave_the_source_alone() -> None:
    source = Image.new('RGB', (64, 36), '#808080')
    darker = render.adjust_background(source, adjust={'brightness': 0.5})
    assert ImageStat.Stat(darker).mean[0] < ImageStat.Stat(source).mean[0] - 30
    assert render.adjust_background(source) is source and source.getpixel((0, 0)) == (128, 128, 128)
    assert normal_adjust({'brightness': 1.0, 'blur': 0}) == {}


def _plan(message: str, layer: TextLayer, match: dict | None = None) -> RecipeChange:  # type: ignore[type-arg]
    intent = classify(message)
    return plan_change(
        text=intent.text, scene=intent.scene, layer=layer, match=match or {}, spec=SPEC, other_templates=[]
    )


def test_bigger_text_gets_more_room_so_a_full_box_still_grows() -> None:
    layer = TextLayer(headline='A very long headline that fills its box', box=(64, 120, 640, 360))
    change = _plan('bigger text', layer)
    assert change.text_layer is not None and change.text_layer.scale == 1.25
    x, y, w, h = change.text_layer.box
    assert (x, w) == (64, 800) and h > 360 and SAFE[1] <= y and y + h <= SAFE[3]


def test_text_to_the_top_is_a_band_at_the_top_and_a_second_move_left_is_no_move() -> None:
    layer = TextLayer(headline='x', box=(64, 120, 640, 500))
    top = _plan('move the text to the top', layer).text_layer
    assert top is not None and top.box[1] == SAFE[1] and top.box[3] < 300
    assert _plan('move the text left', layer).is_empty()  # already at the left edge: nothing to claim


def test_picture_edits_become_overrides() -> None:
    layer = TextLayer(headline='x')
    match = {'palette': ['#111111', '#222222', '#333333']}
    assert _plan('background blue', layer, match).palette[0] != '#111111'  # type: ignore[index]
    assert _plan('make the background dark', layer, match).adjust == {'brightness': 0.7}
    assert _plan('swap sides', layer, match).mirrored is True
    assert _plan('swap sides', layer, {**match, 'mirrored': True}).mirrored is False
    assert _plan('use a trophy instead', layer, match).subject == 'trophy'
    _, y, w, h = SPEC.layout['subject']['box']
    assert _plan('move the subject left', layer, match).subject_box == (SAFE[0], y, w, h)
