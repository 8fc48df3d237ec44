"""``render_feed``: the creator's thumbnail where it will live — YouTube's home feed (desktop, phone), the "up next"
sidebar (168×94) and a TV row, in the light or dark theme — as one PNG.

Pure and CPU-bound (Pillow): callers run it through ``runtime.cpu``. Sizes follow YouTube's web layout in CSS
pixels (home cards 352×198 with 12 px corners, the sidebar's 168×94 with 8 px corners, a 360 px phone with
full-width thumbnails, a 1280×720 TV row) drawn at ``scale`` device pixels per CSS pixel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO

from PIL import Image

from routix.feed import neighbours_data as data
from routix.feed._canvas import THEMES, Canvas, ui_font
from routix.feed.placeholders import placeholder

SURFACES: tuple[str, ...] = ('home', 'phone', 'sidebar', 'tv')
THEME_NAMES: tuple[str, ...] = ('light', 'dark')
SCALES: dict[str, float] = {'home': 2, 'phone': 2, 'sidebar': 2, 'tv': 1.5}
"""device pixels per CSS pixel: a HiDPI screen for the web surfaces, 1920×1080 for the TV"""
SIZES: dict[str, tuple[int, int]] = {'home': (1136, 790), 'phone': (360, 800), 'sidebar': (402, 780), 'tv': (1280, 720)}
"""each mockup's size in CSS pixels (the PNG is this × ``SCALES``)"""


@dataclass(kw_only=True, frozen=True, slots=True)
class FeedRequest:
    """What to draw: the creator's thumbnail(s) (several for a variant set), their title, and who sits beside."""

    surface: str
    theme: str
    thumbnails: tuple[bytes, ...]
    title: str
    channel: str = ''
    lang: str = 'en'
    comparisons: tuple[bytes, ...] = ()
    duration: str = '12:34'
    titles: tuple[str, ...] = field(default_factory=tuple)
    """one title per thumbnail when they differ (variants); ``title`` otherwise"""


@dataclass(kw_only=True, frozen=True, slots=True)
class Card:
    """One video in the mockup."""

    picture: Image.Image | None
    title: str
    channel: str
    views: str
    age: str
    duration: str
    seed: int
    ours: bool = False


def render_feed(request: FeedRequest) -> bytes:
    """The mockup of ``request.surface`` as PNG bytes."""
    if request.surface not in SURFACES or request.theme not in THEME_NAMES:
        raise ValueError(f'unknown surface/theme {request.surface!r}/{request.theme!r}')
    cards = _cards(request)
    draw = {'home': _home, 'phone': _phone, 'sidebar': _sidebar, 'tv': _tv}[request.surface]
    return draw(cards, request).png()


def _cards(request: FeedRequest) -> list[Card]:
    """Every slot of the mockup in reading order: the creator's first slots, then comparisons, then neighbours."""
    lang = request.lang if request.lang in data.NEIGHBOURS else 'en'
    views, age, default_channel = data.OURS[lang]
    channel = request.channel.strip() or default_channel
    ours = [
        Card(
            picture=_open(raw),
            title=(request.titles[i] if i < len(request.titles) else request.title).strip() or '…',
            channel=channel,
            views=views,
            age=age,
            duration=request.duration,
            seed=i,
            ours=True,
        )
        for i, raw in enumerate(request.thumbnails)
    ]
    others = [(_open(raw), n) for n, raw in enumerate(request.comparisons)]
    neighbours = data.NEIGHBOURS[lang]
    rest = [(None, n) for n in range(len(others), len(neighbours))]
    cards = [*ours]
    for picture, n in [*others, *rest]:
        title, chan, nviews, nage, duration = neighbours[n % len(neighbours)]
        cards.append(
            Card(picture=picture, title=title, channel=chan, views=nviews, age=nage, duration=duration, seed=n)
        )
    return cards


def _open(raw: bytes) -> Image.Image:
    image = Image.open(BytesIO(raw))
    image.load()
    return image


def _in_slots(cards: list[Card], slots: int, first: int) -> list[Card]:
    """``cards`` arranged so the creator's single thumbnail sits at ``first`` (beside the first comparison)."""
    ours = [c for c in cards if c.ours]
    others = [c for c in cards if not c.ours]
    if len(ours) == 1 and first:
        arranged = [*others[:first], *ours, *others[first:]]
    else:
        arranged = [*ours, *others]
    return arranged[:slots]


def _thumb(canvas: Canvas, card: Card, slot: tuple[float, float, float, float], *, radius: float, small: bool) -> None:
    x, y, w, h = slot
    picture = card.picture or placeholder(card.seed, (canvas.px(w), canvas.px(h)))
    canvas.picture(picture, x, y, w, h, radius=radius)
    canvas.stamp(card.duration, x, y, w, h, small=small)


def _avatar(canvas: Canvas, card: Card, x: float, y: float, d: float) -> None:
    colours = ((204, 0, 0), (0, 110, 180), (46, 125, 50), (123, 31, 162), (230, 81, 0), (0, 121, 107))
    canvas.circle(x, y, d, (229, 57, 53) if card.ours else colours[card.seed % len(colours)])
    letter = next((ch for ch in card.channel if ch.isalnum()), '?').upper()
    left, top, right, bottom = canvas.box(x, y, d, d)
    font = ui_font('medium', canvas.px(d * 0.45))
    canvas.draw.text(((left + right) / 2, (top + bottom) / 2), letter, font=font, fill=(255, 255, 255), anchor='mm')


def _chips(canvas: Canvas, labels: list[str], x: float, y: float, max_x: float) -> None:
    theme = canvas.theme
    font = ui_font('medium', canvas.px(14))
    for i, label in enumerate(labels):
        w = font.getlength(label) / canvas.scale + 26
        if x + w > max_x:
            break
        active = i == 0
        canvas.rect(x, y, w, 32, theme.chip_active_bg if active else theme.chip, radius=8)
        canvas.text(
            label,
            x + 12,
            y,
            w - 24,
            size=14,
            line=32,
            weight='medium',
            centre=True,
            colour=theme.chip_active_text if active else theme.text,
        )
        x += w + 12


def _mark(canvas: Canvas) -> str:
    """A right-to-left mark after a channel name on a Persian page, so a Latin name does not pull the digits after
    it into its left-to-right run."""
    return '\u200f' if canvas.rtl else ''


def _meta(canvas: Canvas, card: Card, x: float, y: float, w: float, *, size: float, line: float) -> float:
    colour = canvas.theme.secondary
    used = canvas.text(card.channel, x, y, w, size=size, line=line, colour=colour, own_direction=False)
    meta = f'{card.views} • {card.age}'
    return used + canvas.text(meta, x, y + used, w, size=size, line=line, colour=colour, own_direction=False)


def _home(cards: list[Card], request: FeedRequest) -> Canvas:
    """The desktop home grid: masthead, chips, 3 columns × 2 rows of 352×198 cards."""
    theme = THEMES[request.theme]
    (width, height), cols, cw, th, gap = SIZES['home'], 3, 352, 198, 16
    canvas = Canvas(width, height, scale=SCALES['home'], theme=theme, rtl=request.lang == 'fa')
    _masthead(canvas, request.lang)
    _chips(canvas, data.CHIPS[request.lang if request.lang in data.CHIPS else 'en'], 24, 68, width - 24)
    for i, card in enumerate(_in_slots(cards, 6, 1)):
        x, y = 24 + (i % cols) * (cw + gap), 136 + (i // cols) * (th + 100 + 40)
        _thumb(canvas, card, (x, y, cw, th), radius=12, small=False)
        _avatar(canvas, card, x, y + th + 12, 36)
        used = canvas.text(
            card.title, x + 48, y + th + 12, cw - 48 - 24, size=16, line=22, colour=theme.text, weight='medium', lines=2
        )
        _meta(canvas, card, x + 48, y + th + 12 + used + 4, cw - 48 - 24, size=14, line=20)
        canvas.dots(x + cw - 24, y + th + 12, theme.text)
    return canvas


def _masthead(canvas: Canvas, lang: str) -> None:
    theme = canvas.theme
    for i in range(3):  # the guide's menu button
        canvas.rect(24, 20 + i * 6, 18, 2, theme.text)
    canvas.rect(64, 18, 30, 21, (255, 0, 0), radius=6)  # a generic red play mark, no brand name
    left, top, right, bottom = canvas.box(64, 18, 30, 21)
    cx, cy, r = (left + right) / 2, (top + bottom) / 2, canvas.px(5)
    canvas.draw.polygon([(cx - r * 0.8, cy - r), (cx - r * 0.8, cy + r), (cx + r, cy)], fill=(255, 255, 255))
    sx, sw = (canvas.width - 600) / 2, 600
    canvas.rect(sx, 8, sw, 40, theme.border, radius=20)
    canvas.rect(sx + 1, 9, sw - 66, 38, theme.bg, radius=19)
    canvas.rect(sx + sw - 64, 9, 63, 38, theme.search_button, radius=19)
    canvas.text(data.SEARCH.get(lang, 'Search'), sx + 20, 8, sw - 100, size=16, line=40, colour=theme.secondary)
    canvas.circle(sx + sw - 40, 19, 13, theme.text)  # the magnifier
    canvas.circle(sx + sw - 38, 21, 9, theme.search_button)
    canvas.rect(sx + sw - 28, 30, 7, 2.5, theme.text)
    canvas.circle(canvas.width - 56, 12, 32, (0, 137, 123))


def _phone(cards: list[Card], request: FeedRequest) -> Canvas:
    """The phone app's home feed: 360 px wide, full-width 360×203 thumbnails, metadata on one line."""
    theme = THEMES[request.theme]
    (width, height), th = SIZES['phone'], 203
    canvas = Canvas(width, height, scale=SCALES['phone'], theme=theme, rtl=request.lang == 'fa')
    canvas.text('9:41', 16, 0, 60, size=13, line=24, colour=theme.text, weight='medium')
    canvas.rect(width - 40, 8, 24, 10, theme.text, radius=2)  # battery
    canvas.rect(12, 36, 28, 20, (255, 0, 0), radius=6)
    canvas.circle(width - 44, 32, 28, (0, 137, 123))
    canvas.circle(width - 88, 36, 20, theme.chip)
    _chips(canvas, data.CHIPS[request.lang if request.lang in data.CHIPS else 'en'], 12, 80, width)
    y = 124.0
    for card in _in_slots(cards, 3, 0):
        _thumb(canvas, card, (0, y, width, th), radius=0, small=False)
        _avatar(canvas, card, 12, y + th + 12, 36)
        used = canvas.text(
            card.title, 60, y + th + 10, width - 60 - 36, size=15, line=21, colour=theme.text, weight='medium', lines=2
        )
        canvas.text(
            f'{card.channel}{_mark(canvas)} · {card.views} · {card.age}',
            60,
            y + th + 12 + used,
            width - 96,
            size=12,
            line=17,
            own_direction=False,
            colour=theme.secondary,
        )
        canvas.dots(width - 32, y + th + 10, theme.text)
        y += th + 12 + used + 17 + 24
    canvas.rect(0, height - 52, width, 52, theme.bg)
    canvas.rect(0, height - 52, width, 1, theme.border)
    tabs = data.PHONE_TABS.get(request.lang, data.PHONE_TABS['en'])
    for i, label in enumerate(tabs):
        cx = width * (i + 0.5) / len(tabs)
        if label:
            canvas.circle(cx - 11, height - 46, 22, theme.chip)
            canvas.text(label, cx - 36, height - 22, 72, size=10, line=16, colour=theme.text, centre=True)
        else:
            canvas.circle(cx - 18, height - 44, 36, theme.chip)
    return canvas


def _sidebar(cards: list[Card], request: FeedRequest) -> Canvas:
    """The watch page's "up next" column: 402 px wide, 168×94 thumbnails with the title beside them."""
    theme = THEMES[request.theme]
    (width, height), tw, th = SIZES['sidebar'], 168, 94
    canvas = Canvas(width, height, scale=SCALES['sidebar'], theme=theme, rtl=request.lang == 'fa')
    _chips(canvas, data.SIDEBAR_CHIPS.get(request.lang, data.SIDEBAR_CHIPS['en']), 0, 12, width)
    for i, card in enumerate(_in_slots(cards, 7, 1)):
        y = 56 + i * (th + 8)
        _thumb(canvas, card, (0, y, tw, th), radius=8, small=True)
        used = canvas.text(
            card.title, tw + 8, y, width - tw - 8 - 24, size=14, line=20, colour=theme.text, weight='medium', lines=2
        )
        _meta(canvas, card, tw + 8, y + used + 4, width - tw - 8 - 24, size=12, line=18)
        canvas.dots(width - 24, y, theme.text)
    return canvas


def _tv(cards: list[Card], request: FeedRequest) -> Canvas:
    """A TV home row (1280×720 CSS px = 1920×1080): a navigation rail and rows of large cards, the creator's
    thumbnail focused (white ring) the way the remote leaves it."""
    theme = THEMES[request.theme]
    (width, height), cw, th, gap = SIZES['tv'], 300, 169, 24
    canvas = Canvas(width, height, scale=SCALES['tv'], theme=theme, rtl=request.lang == 'fa')
    for i in range(6):
        canvas.circle(28, 120 + i * 64, 28, theme.chip)
    canvas.rect(24, 40, 36, 25, (255, 0, 0), radius=7)
    rows = data.TV_ROWS.get(request.lang, data.TV_ROWS['en'])
    arranged = _in_slots(cards, 8, 1)
    for r, heading in enumerate(rows):
        top = 70 + r * 330
        canvas.text(heading, 104, top, 600, size=24, line=40, colour=theme.text, weight='medium')
        for c in range(4 if r == 0 else 5):
            index = r * 4 + c
            if index >= len(arranged):
                break
            card = arranged[index]
            x, y = 104 + c * (cw + gap), top + 56
            _thumb(canvas, card, (x, y, cw, th), radius=12, small=False)
            if r == 0 and c == min(1, len(arranged) - 1):
                canvas.outline(x - 6, y - 6, cw + 12, th + 12, theme.text, radius=16, width=4)
            used = canvas.text(
                card.title, x, y + th + 14, cw, size=18, line=25, colour=theme.text, weight='medium', lines=2
            )
            canvas.text(
                f'{card.channel}{_mark(canvas)} • {card.views}',
                x,
                y + th + 16 + used,
                cw,
                size=15,
                line=21,
                colour=theme.secondary,
                own_direction=False,
            )
    return canvas
