"""`routix render --json` describes the layout it drew, run as a real process the way a creator runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from PIL import Image

KINDS = {'headline', 'subtitle', 'subject', 'photo', 'badge', 'arrow', 'shape', 'watermark'}


def _render(*args: str, cwd: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, '-m', 'routix.cli', 'render', *args, '--out', str(cwd / 'out.jpg'), '--json'],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _assert_inside_the_canvas(layers: list[dict[str, Any]]) -> None:
    for layer in layers:
        assert layer['kind'] in KINDS, layer
        x, y, w, h = layer['bbox']
        assert 0 <= x and 0 <= y and w > 0 and h > 0 and x + w <= 1280 and y + h <= 720, layer


def test_the_layers_name_the_headline_and_the_illustrated_subject(tmp_path: Path) -> None:
    report = _render('Minecraft speedrun "NEW WORLD RECORD" neon purple', cwd=tmp_path)
    layers = report['layers']
    _assert_inside_the_canvas(layers)
    headline = [layer for layer in layers if layer['kind'] == 'headline']
    assert len(headline) == 1 and headline[0]['text'] == 'NEW WORLD RECORD'
    assert headline[0]['font_px'] > 0 and headline[0]['color'].startswith('#')
    assert not any(layer['kind'] == 'photo' for layer in layers)
    subject = [layer for layer in layers if layer['kind'] == 'subject']
    if subject:  # the illustrations are installed (make setup): the sticker is a layer and the report names it
        assert subject[0]['source'] == 'illustration' and subject[0]['name']
        assert report['subject'] == {'name': subject[0]['name'], 'source': 'illustration'}


def test_a_photo_is_a_layer_instead_of_the_illustration(tmp_path: Path) -> None:
    photo = tmp_path / 'me.png'
    Image.new('RGB', (600, 800), (200, 30, 30)).save(photo)
    report = _render('pizza recipe "HOMEMADE PIZZA"', '--image', str(photo), cwd=tmp_path)
    layers = report['layers']
    _assert_inside_the_canvas(layers)
    kinds = [layer['kind'] for layer in layers]
    assert kinds.count('photo') == 1 and 'subject' not in kinds
    assert next(layer for layer in layers if layer['kind'] == 'photo')['source'] == 'upload'
    assert report['subject']['source'] == 'upload'


def test_a_plain_prompt_has_no_badge_and_the_basic_tier_a_watermark(tmp_path: Path) -> None:
    report = _render('a cat video', cwd=tmp_path)
    layers = report['layers']
    _assert_inside_the_canvas(layers)
    kinds = [layer['kind'] for layer in layers]
    assert 'badge' not in kinds
    assert kinds.count('headline') == 1 and kinds[-1] == 'watermark'
