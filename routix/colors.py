"""Colour words (English and Persian) and hex codes → '#rrggbb', plus the contrast arithmetic of WCAG."""

from __future__ import annotations

import colorsys
import re

from routix.language import Word, compile_phrases, find_phrases, normalize, words


def parse_color(text: str) -> str | None:
    """The '#rrggbb' of one colour word, phrase ('dark blue', 'آبی تیره') or hex code ('#abc'), else None."""
    stripped = text.strip()
    if _HEX.fullmatch(stripped):
        return _expand(stripped)
    found = words(stripped)
    if len(found) == 1 and found[0].key in _BARE_NEON:
        return NEON_GREEN
    hits = find_phrases(found, _INDEX)
    if len(hits) == 1 and hits[0].size == len(found):
        return hits[0].label
    return None


def find_colors(text: str) -> list[str]:
    """Every colour named or written as hex in ``text``, in order of appearance, without repeats.

    'no red' / 'بدون قرمز' is skipped. A bare 'neon' names a style, not a colour, so it is skipped too.
    """
    found = words(text)
    colors: list[str] = []
    hits = {hit.index: hit for hit in find_phrases(found, _INDEX)}
    families = {hit.index: hit for hit in find_phrases(found, _FAMILY_INDEX)}
    for i, word in enumerate(found):
        if _HEX.fullmatch(word.key):
            named = [_expand(word.key)]
        elif i in families and families[i].size >= (hits[i].size if i in hits else 0) and not _warm_up(found, i):
            named = list(_FAMILIES[families[i].label])  # 'warm colours', «رنگ‌های گرم», 'pastel'
        else:
            named = [hits[i].label] if i in hits else []
        if i and found[i - 1].key in _NEGATIONS:
            continue
        colors.extend(color for color in dict.fromkeys(named) if color not in colors)
    return colors


def color_name(color: str, lang: str = 'en') -> str:
    """A human name for a colour we know ('red' / 'قرمز'), else its hex code."""
    names = _NAMES.get(color.lower())
    if not names:
        return color.lower()
    return names[1] if lang == 'fa' else names[0]


def relative_luminance(color: str) -> float:
    """WCAG relative luminance of a '#rgb' / '#rrggbb' colour, 0 (black) … 1 (white)."""
    channels = [c / 255 for c in _rgb(color)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, 1 … 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_text_color(background: str) -> str:
    """'#ffffff' or '#000000', whichever reads better on ``background``."""
    return '#ffffff' if contrast_ratio(background, '#ffffff') >= contrast_ratio(background, '#000000') else '#000000'


def color_distance(first: str, second: str) -> float:
    """How different two colours look, 0 … ~765 (the 'redmean' approximation of perceived distance)."""
    (r1, g1, b1), (r2, g2, b2) = _rgb(first), _rgb(second)
    mean = (r1 + r2) / 2
    dr, dg, db = r1 - r2, g1 - g2, b1 - b2
    return ((2 + mean / 256) * dr * dr + 4 * dg * dg + (2 + (255 - mean) / 256) * db * db) ** 0.5


NEON_GREEN = '#39ff14'
_HEX = re.compile(r'#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})')
_NEGATIONS = frozenset({'no', 'not', 'without', 'except', 'بدون', 'نه', 'غیر'})
_BARE_NEON = frozenset({'neon', 'نئون', 'نئونی'})

# hex, English names (first is canonical), Persian names (first is canonical). Words that are mostly food or
# flowers (lime, olive, salmon, peach, chocolate, rose, cream) are left out: 'salmon recipe' is not a palette.
_BASE: tuple[tuple[str, str, str], ...] = (
    ('#e53935', 'red', 'قرمز, سرخ'),
    ('#1e88e5', 'blue', 'آبی'),
    ('#43a047', 'green', 'سبز'),
    ('#fdd835', 'yellow', 'زرد, لیمویی'),
    ('#fb8c00', 'orange', 'نارنجی, پرتقالی'),
    ('#8e24aa', 'purple', 'بنفش, ارغوانی'),
    ('#ec407a', 'pink', 'صورتی'),
    ('#000000', 'black', 'مشکی, سیاه'),
    ('#ffffff', 'white', 'سفید'),
    ('#d4af37', 'gold, golden', 'طلایی'),
    ('#c0c0c0', 'silver', 'نقره‌ای, نقره ای'),
    ('#00897b', 'teal', 'سبزآبی'),
    ('#00bcd4', 'cyan, aqua', 'فیروزه‌ای, فیروزه ای'),
    ('#40e0d0', 'turquoise', 'آبی فیروزه‌ای'),
    ('#1a237e', 'navy, navy blue', 'سرمه‌ای, سرمه ای'),
    ('#6d4c41', 'brown', 'قهوه‌ای, قهوه ای'),
    ('#9e9e9e', 'gray, grey', 'خاکستری, طوسی'),
    ('#ff00ff', 'magenta, fuchsia', 'سرخابی'),
    ('#dc143c', 'crimson, scarlet', 'زرشکی'),
    ('#800000', 'maroon, burgundy', 'عنابی'),
    ('#7f00ff', 'violet', 'ویولت'),
    ('#b39ddb', 'lavender, lilac', 'یاسی'),
    ('#3f51b5', 'indigo', 'نیلی'),
    ('#26619c', 'lapis', 'لاجوردی'),
    ('#f5f5dc', 'beige', 'بژ, کرمی'),
    ('#fffff0', 'ivory, off white', 'عاجی, استخوانی'),
    ('#36454f', 'charcoal', 'نوک مدادی, ذغالی'),
    ('#ffbf00', 'amber', 'کهربایی'),
    ('#50c878', 'emerald', 'زمردی'),
    ('#0f52ba', 'sapphire', 'یاقوتی'),
    ('#cd7f32', 'bronze', 'برنزی'),
    ('#b87333', 'copper', 'مسی'),
    ('#ff7f50', 'coral', 'گلبهی'),
    ('#b5502d', 'brick', 'آجری'),
    ('#00a86b', 'jade', 'یشمی, سبز یشمی'),
    ('#87ceeb', 'sky blue', 'آبی آسمانی'),
    ('#4169e1', 'royal blue', 'آبی کاربنی'),
    ('#89cff0', 'baby blue', 'آبی نوزادی'),
    ('#ff69b4', 'hot pink', 'صورتی تند'),
    ('#32cd32', 'lime green', 'سبز لیمویی'),
    ('#228b22', 'forest green', 'سبز جنگلی'),
    ('#98ff98', 'mint green', 'سبز نعنایی'),
    ('#8a0303', 'blood red', 'قرمز خونی'),
    ('#722f37', 'wine red', 'شرابی'),
    ('#b76e79', 'rose gold', 'رزگلد'),
    ('#1b4b5a', 'petrol blue', 'آبی نفتی'),
    ('#e1ad01', 'mustard', 'خردلی'),
    (NEON_GREEN, 'fluorescent green', 'فسفری'),
)
_NEON: dict[str, str] = {
    'green': NEON_GREEN,
    'pink': '#ff10f0',
    'blue': '#1f51ff',
    'yellow': '#faff00',
    'orange': '#ff5f1f',
    'purple': '#bc13fe',
    'red': '#ff073a',
    'cyan': '#00fff7',
}
# Modifiers: English before the colour, Persian after it; mix toward black/white by the given share.
_SHADES: tuple[tuple[str, str, str, float], ...] = (
    ('dark', 'تیره', '#000000', 0.4),
    ('deep', 'پررنگ', '#000000', 0.25),
    ('light', 'روشن', '#ffffff', 0.45),
    ('pale', 'کمرنگ', '#ffffff', 0.6),
    ('pastel', 'پاستلی', '#ffffff', 0.5),
)


def _families() -> tuple[dict[str, tuple[str, ...]], dict[str, list[str]]]:
    """Colour families a creator names instead of colours: warm, cool, pastel, neon (English and Persian)."""
    white = '#ffffff'
    colors = {
        'warm': ('#fb8c00', '#e53935', '#fdd835'),
        'cool': ('#1e88e5', '#00897b', '#8e24aa'),
        'pastel': tuple(_mix(code, white, 0.5) for code in ('#ec407a', '#1e88e5', '#fdd835', '#43a047')),
        'neon': (_NEON['pink'], _NEON['cyan'], NEON_GREEN, _NEON['yellow']),
    }
    nouns_en = ('colors', 'colours', 'color', 'colour', 'tones', 'palette', 'hues', 'color palette')
    nouns_fa = ('رنگ', 'رنگ های', 'تم', 'تن', 'طیف', 'پالت')
    phrases = {
        'warm': ['warm', *(f'warm {n}' for n in nouns_en), *(f'{n} گرم' for n in nouns_fa)],
        'cool': [f'{adj} {n}' for adj in ('cool', 'cold') for n in nouns_en] + [f'{n} سرد' for n in nouns_fa],
        'pastel': ['pastel', *(f'pastel {n}' for n in nouns_en), 'پاستلی', *(f'{n} پاستلی' for n in nouns_fa)],
        'neon': [f'neon {n}' for n in nouns_en] + [f'{n} {adj}' for n in nouns_fa for adj in ('نئونی', 'نئون')],
    }
    return colors, phrases


def _warm_up(found: list[Word], i: int) -> bool:
    """'warm up' / 'warm-up' is exercise, not a colour."""
    following = found[i + 1].key if i + 1 < len(found) else ''
    return found[i].key == 'warm-up' or (found[i].key == 'warm' and following == 'up')


def _expand(code: str) -> str:
    code = code.lower()
    return '#' + ''.join(ch * 2 for ch in code[1:]) if len(code) == 4 else code


def _rgb(color: str) -> tuple[int, int, int]:
    code = _expand(color.strip())
    if not _HEX.fullmatch(code):
        raise ValueError(f'not a hex colour: {color!r}')
    return int(code[1:3], 16), int(code[3:5], 16), int(code[5:7], 16)


def _mix(color: str, other: str, share: float) -> str:
    mixed = (round(a + (b - a) * share) for a, b in zip(_rgb(color), _rgb(other), strict=True))
    return '#' + ''.join(f'{c:02x}' for c in mixed)


def _vivid(color: str) -> str:
    hue, _, _ = colorsys.rgb_to_hls(*(c / 255 for c in _rgb(color)))
    return '#' + ''.join(f'{round(c * 255):02x}' for c in colorsys.hls_to_rgb(hue, 0.55, 1.0))


def _chromatic(color: str) -> bool:
    """Whether ``color`` has a hue worth saturating (black, white, grey and silver have none)."""
    _, _, saturation = colorsys.rgb_to_hls(*(c / 255 for c in _rgb(color)))
    return saturation > 0.05


def _build() -> tuple[dict[str, list[str]], dict[str, tuple[str, str]]]:
    table: dict[str, list[str]] = {}
    names: dict[str, tuple[str, str]] = {}

    def add(code: str, en: list[str], fa: list[str]) -> None:
        table.setdefault(code, []).extend(en + fa)
        names.setdefault(code, (en[0], fa[0]))

    for code, en_text, fa_text in _BASE:
        en, fa = _split(en_text), _split(fa_text)
        add(code, en, fa)
        if ' ' in en[0]:
            continue  # no 'dark sky blue'
        for mod_en, mod_fa, toward, share in _SHADES:
            add(_mix(code, toward, share), [f'{mod_en} {name}' for name in en], [f'{name} {mod_fa}' for name in fa])
        vivid = _NEON.get(en[0]) or (_vivid(code) if _chromatic(code) else code)  # 'bright white' is white
        add(
            vivid,
            [f'neon {name}' for name in en] + [f'bright {name}' for name in en],
            [f'{name} {mod}' for name in fa for mod in ('نئونی', 'نئون', 'فسفری', 'جیغ')],
        )
    return table, names


def _split(text: str) -> list[str]:
    return [name.strip() for name in text.split(',')]


_TABLE, _NAMES = _build()
_INDEX = compile_phrases(_TABLE)
_FAMILIES, _FAMILY_PHRASES = _families()
_FAMILY_INDEX = compile_phrases(_FAMILY_PHRASES)
COLOR_WORDS: frozenset[str] = (
    frozenset(normalize(n) for ns in [*_TABLE.values(), *_FAMILY_PHRASES.values()] for n in ns if ' ' not in n)
    | _BARE_NEON
)
"""Normalised one-word colour names (the analyser strips them from the edges of a derived headline)."""
