"""The chat reply that names what a follow-up edit changed, in English or Persian."""

from __future__ import annotations

from typing import TYPE_CHECKING

from routix.colors import color_name

if TYPE_CHECKING:
    from routix.edits.edit import TextEdit
    from routix.edits.scene import SceneEdit


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


def describe_scene(scene: SceneEdit, lang: str = 'en', *, template_name: str = '', subject_name: str = '') -> list[str]:
    """The picture changes of an edit, each as a short phrase ('background darker', 'subject: trophy')."""
    fa = lang == 'fa'
    parts: list[tuple[str, dict[str, object]]] = []
    if scene.background:
        key = scene.background if not scene.background.startswith('#') else 'colour'
        parts.append((f'bg_{key}', {'name': color_name(scene.background, lang)}))
    if scene.accent_color:
        parts.append(('accents', {'name': color_name(scene.accent_color, lang)}))
    if scene.contrast:
        parts.append(('contrast_more' if scene.contrast > 0 else 'contrast_less', {}))
    if scene.saturation:
        parts.append(('saturation_more' if scene.saturation > 0 else 'saturation_less', {}))
    if scene.swap:
        parts.append(('swap', {}))
    if scene.template:
        parts.append(('template', {'name': template_name}))
    if scene.subject is not None:
        parts.append(('subject', {'name': subject_name}) if scene.subject else ('no_subject', {}))
    if scene.subject_move:
        parts.append((f'subject_{scene.subject_move}', {}))
    if scene.text_move:
        parts.append((f'text_{scene.text_move}', {}))
    if scene.badge is not None:
        parts.append(('badge', {'text': scene.badge}) if scene.badge else ('no_badge', {}))
    if scene.photo:
        parts.append(('photo', {}))
    return [_SCENE_PHRASES[key][fa].format(**values) for key, values in parts]


def join_parts(parts: list[str], lang: str = 'en') -> str:
    """The phrases as one reply: 'Background darker, text 25% bigger'."""
    if lang == 'fa':
        return '، '.join(parts)
    text = ', '.join(parts)
    return text[:1].upper() + text[1:]


_SCENE_PHRASES: dict[str, tuple[str, str]] = {
    'bg_darker': ('background darker', 'پس‌زمینه تیره‌تر'),
    'bg_lighter': ('background lighter', 'پس‌زمینه روشن‌تر'),
    'bg_blur': ('background blurred', 'پس‌زمینه محو'),
    'bg_sharp': ('background sharp again', 'پس‌زمینه واضح'),
    'bg_another': ('another background colour', 'رنگ دیگری برای پس‌زمینه'),
    'bg_colour': ('background {name}', 'پس‌زمینه {name}'),
    'accents': ('accents {name}', 'رنگ‌های فرعی {name}'),
    'contrast_more': ('more contrast', 'کنتراست بیشتر'),
    'contrast_less': ('less contrast', 'کنتراست کمتر'),
    'saturation_more': ('more saturated', 'رنگ‌ها زنده‌تر'),
    'saturation_less': ('less saturated', 'رنگ‌ها ملایم‌تر'),
    'swap': ('sides swapped', 'جای متن و تصویر عوض شد'),
    'template': ('layout “{name}”', 'قالب «{name}»'),
    'subject': ('subject: {name}', 'سوژه: {name}'),
    'no_subject': ('no subject', 'بدون سوژه'),
    'subject_left': ('subject moved left', 'سوژه به چپ'),
    'subject_right': ('subject moved right', 'سوژه به راست'),
    'subject_top': ('subject moved up', 'سوژه به بالا'),
    'subject_bottom': ('subject moved down', 'سوژه به پایین'),
    'text_top': ('text moved to the top', 'متن به بالا'),
    'text_bottom': ('text moved to the bottom', 'متن به پایین'),
    'badge': ('badge “{text}”', 'برچسب «{text}»'),
    'no_badge': ('no badge', 'بدون برچسب'),
    'photo': ('your photo in the picture', 'عکس شما در تصویر'),
}
