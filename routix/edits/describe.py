"""The chat reply that names what a follow-up edit changed, in English or Persian."""

from __future__ import annotations

from typing import TYPE_CHECKING

from routix.colors import color_name

if TYPE_CHECKING:
    from routix.edits.edit import TextEdit


def describe_edit(edit: TextEdit, lang: str = 'en') -> str:
    """A short summary: 'Text 25% bigger, colour red' (Persian when ``lang`` is 'fa')."""
    fa = lang == 'fa'
    parts = [_PHRASES[key][fa].format(**values) for key, values in _changes(edit, fa)]
    if fa:
        return '، '.join(parts)
    text = ', '.join(parts)
    return text[:1].upper() + text[1:]


def _changes(edit: TextEdit, fa: bool) -> list[tuple[str, dict[str, object]]]:
    """Each changed aspect as (phrase key, values), in the order the reply names them."""
    changes: list[tuple[str, dict[str, object]]] = []
    lang = 'fa' if fa else 'en'
    if edit.scale is not None:
        percent = round(abs(edit.scale - 1) * 100)
        digits = str(percent).translate(_PERSIAN_DIGITS) if fa else str(percent)
        changes.append(('bigger' if edit.scale > 1 else 'smaller', {'percent': digits}))
    if edit.headline is not None:
        changes.append(('headline', {'text': edit.headline}))
    if edit.subtitle is not None:
        changes.append(('subtitle', {'text': edit.subtitle}))
    if edit.color:
        changes.append(('color', {'name': color_name(edit.color, lang)}))
    if edit.outline_width == 0:
        changes.append(('no_outline', {}))
    elif edit.outline_width:
        changes.append(('outline_on', {}))
    if edit.outline_color:
        changes.append(('outline_color', {'name': color_name(edit.outline_color, lang)}))
    if edit.outline_step:
        changes.append(('thicker' if edit.outline_step > 0 else 'thinner', {}))
    if edit.align:
        key = 'center' if edit.align == 'center' else f'{"nudge" if edit.nudge else "move"}_{edit.align}'
        changes.append((key, {}))
    if edit.uppercase is not None:
        changes.append(('caps' if edit.uppercase else 'no_caps', {}))
    if edit.shadow is not None:
        changes.append(('shadow' if edit.shadow else 'no_shadow', {}))
    if edit.font_role:
        changes.append(('font', {'role': _FONT_NAMES_FA.get(edit.font_role, '') if fa else edit.font_role}))
    if edit.badge == '':
        changes.append(('no_badge', {}))
    return changes


# change → (English, Persian) wording
_PHRASES: dict[str, tuple[str, str]] = {
    'bigger': ('text {percent}% bigger', 'متن {percent}٪ بزرگ‌تر'),
    'smaller': ('text {percent}% smaller', 'متن {percent}٪ کوچک‌تر'),
    'headline': ('headline “{text}”', 'تیتر «{text}»'),
    'subtitle': ('subtitle “{text}”', 'زیرعنوان «{text}»'),
    'color': ('colour {name}', 'رنگ {name}'),
    'no_outline': ('no outline', 'بدون حاشیه'),
    'outline_on': ('outline on', 'با حاشیه'),
    'outline_color': ('outline {name}', 'حاشیه {name}'),
    'thicker': ('thicker outline', 'حاشیه ضخیم‌تر'),
    'thinner': ('thinner outline', 'حاشیه نازک‌تر'),
    'center': ('centred', 'وسط‌چین'),
    'move_left': ('moved left', 'جابه‌جا به چپ'),
    'move_right': ('moved right', 'جابه‌جا به راست'),
    'nudge_left': ('nudged left', 'کمی به چپ'),
    'nudge_right': ('nudged right', 'کمی به راست'),
    'caps': ('all caps', 'حروف بزرگ'),
    'no_caps': ('normal case', 'حروف عادی'),
    'shadow': ('shadow on', 'با سایه'),
    'no_shadow': ('no shadow', 'بدون سایه'),
    'font': ('{role} font', 'فونت {role}'),
    'no_badge': ('no badge', 'بدون برچسب'),
}
_FONT_NAMES_FA = {
    'display': 'نمایشی',
    'heavy': 'ضخیم',
    'condensed': 'فشرده',
    'rounded': 'گرد',
    'serif': 'سریف',
    'body': 'ساده',
}
_PERSIAN_DIGITS = str.maketrans('0123456789', '۰۱۲۳۴۵۶۷۸۹')
