"""Follow-up requests that change only the text layer: 'bigger and red', 'متن رو ببر وسط', 'text: Game Over'."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from routix.analysis.keywords_data import MEDIA_WORDS
from routix.colors import color_name, find_colors, parse_color
from routix.design.textlayer import TextLayer
from routix.language import find_quotes, has_form, key_set, normalize, text_direction, words

SCALE_STEP = 1.25
SCALE_MIN, SCALE_MAX = 0.4, 2.5
MOVE_STEP, MOVE_LIMIT = 80, 400
OUTLINE_STEP, OUTLINE_MAX, OUTLINE_DEFAULT = 3, 20, 6


@dataclass(kw_only=True, slots=True)
class TextEdit:
    """What a follow-up message asks to change; None (or False for ``nudge``) leaves that aspect alone."""

    scale: float | None = None  # factor applied to the layer's scale
    color: str | None = None
    outline_color: str | None = None
    outline_width: int | None = None  # absolute px; 0 removes the outline
    outline_step: int | None = None  # ± px on the current width
    headline: str | None = None
    subtitle: str | None = None
    align: str | None = None  # left | center | right
    nudge: bool = False  # 'a bit left': shift without changing the alignment
    uppercase: bool | None = None
    shadow: bool | None = None
    font_role: str | None = None

    def is_empty(self) -> bool:
        """True when the edit changes nothing."""
        return not _aspect_count(self)

    def describe(self, lang: str = 'en') -> str:
        """A short summary for the chat reply: 'Text 25% bigger, colour red' (Persian when ``lang`` is 'fa')."""
        fa = lang == 'fa'
        parts = [_PHRASES[key][fa].format(**values) for key, values in self._changes(fa)]
        if fa:
            return '، '.join(parts)
        text = ', '.join(parts)
        return text[:1].upper() + text[1:]

    def _changes(self, fa: bool) -> list[tuple[str, dict[str, object]]]:
        changes: list[tuple[str, dict[str, object]]] = []
        lang = 'fa' if fa else 'en'
        if self.scale is not None:
            percent = round(abs(self.scale - 1) * 100)
            digits = str(percent).translate(_PERSIAN_DIGITS) if fa else str(percent)
            changes.append(('bigger' if self.scale > 1 else 'smaller', {'percent': digits}))
        if self.headline is not None:
            changes.append(('headline', {'text': self.headline}))
        if self.subtitle is not None:
            changes.append(('subtitle', {'text': self.subtitle}))
        if self.color:
            changes.append(('color', {'name': color_name(self.color, lang)}))
        if self.outline_width == 0:
            changes.append(('no_outline', {}))
        elif self.outline_width:
            changes.append(('outline_on', {}))
        if self.outline_color:
            changes.append(('outline_color', {'name': color_name(self.outline_color, lang)}))
        if self.outline_step:
            changes.append(('thicker' if self.outline_step > 0 else 'thinner', {}))
        if self.align:
            key = 'center' if self.align == 'center' else f'{"nudge" if self.nudge else "move"}_{self.align}'
            changes.append((key, {}))
        if self.uppercase is not None:
            changes.append(('caps' if self.uppercase else 'no_caps', {}))
        if self.shadow is not None:
            changes.append(('shadow' if self.shadow else 'no_shadow', {}))
        if self.font_role:
            changes.append(('font', {'role': _FONT_NAMES_FA.get(self.font_role, '') if fa else self.font_role}))
        return changes


def parse_edit(message: str) -> TextEdit | None:
    """The text edit a follow-up message asks for, or None when it is a new request instead."""
    edit = TextEdit()
    rest = _take_text_change(message[:_MAX_MESSAGE_CHARS], edit)
    unknown = _parse_styling(rest, edit)
    if unknown is None or edit.is_empty():
        return None
    if unknown >= 3 and unknown > 2 * _aspect_count(edit):
        return None  # mostly words we do not know: a new request that happens to name a colour or size
    return edit


def apply_edit(layer: TextLayer, edit: TextEdit) -> TextLayer:
    """A new TextLayer with the edit applied, clamped to sane limits; ``layer`` is not changed."""
    changes: dict[str, object] = {}
    if edit.scale is not None:
        changes['scale'] = round(min(SCALE_MAX, max(SCALE_MIN, layer.scale * edit.scale)), 4)
    if edit.headline is not None:
        changes['headline'] = edit.headline
        changes['direction'] = text_direction(edit.headline, fallback=layer.direction)
    if edit.subtitle is not None:
        changes['subtitle'] = edit.subtitle
    if edit.color:
        changes['color'] = edit.color
    width = layer.outline_width
    if edit.outline_width is not None:
        width = edit.outline_width
    if edit.outline_step:
        width = width + edit.outline_step if width or edit.outline_step < 0 else OUTLINE_DEFAULT
    if edit.outline_color:
        changes['outline_color'] = edit.outline_color
        if not width and edit.outline_width is None:
            width = OUTLINE_DEFAULT  # asking for a red outline means wanting one
    changes['outline_width'] = min(OUTLINE_MAX, max(0, width))
    if edit.align:
        changes.update(_moved(layer, edit))
    if edit.uppercase is not None:
        changes['uppercase'] = edit.uppercase
    if edit.shadow is not None:
        changes['shadow'] = edit.shadow
    if edit.font_role:
        changes['font_role'] = edit.font_role
    return dataclasses.replace(layer, **changes)


def _aspect_count(edit: TextEdit) -> int:
    return sum(getattr(edit, f.name) is not None for f in dataclasses.fields(edit) if f.name != 'nudge')


def _moved(layer: TextLayer, edit: TextEdit) -> dict[str, object]:
    """'Move left' sends the text to the left side; once it is there (or for 'a bit left') it shifts 80 px."""
    if edit.align == 'center':
        return {'align': 'center', 'offset_x': 0}
    if edit.nudge or layer.align == edit.align:
        step = MOVE_STEP if edit.align == 'right' else -MOVE_STEP
        return {'offset_x': min(MOVE_LIMIT, max(-MOVE_LIMIT, layer.offset_x + step))}
    return {'align': edit.align, 'offset_x': 0}


_MAX_MESSAGE_CHARS = 2000


def _loose(pattern: str) -> re.Pattern[str]:
    """Compile a pattern meant for raw input: Arabic yeh/kaf match their Persian twins, case is ignored."""
    return re.compile(pattern.replace('ی', '[یيى]').replace('ک', '[کك]'), re.I)


_HEADLINE_TRIGGERS = _loose(
    r'\b(text|headline|title|heading|caption|say|says|write|read|reads)\b|متن|تیتر|عنوان|نوشته|بنویس'
)
_SUBTITLE_TRIGGERS = _loose(r'\b(subtitle|sub-title|subheading|tagline)\b|زیر\u200c?عنوان|زیر\u200c?تیتر|زیر\s*نویس')
_FA_VERB = r'(?:تغییر\s*(?:بده|بدید|بدهید|دهید|بدین)|عوض\s*(?:کن|کنید)|تبدیل\s*(?:کن|کنید)|بکن|بکنید|کن|کنید)'
# (field, pattern, explicit): 'change the text to red' may mean a colour; 'text: Red' and 'say Red' never do
_TEXT_CHANGES: tuple[tuple[str, re.Pattern[str], bool], ...] = tuple(
    (field, _loose(pattern), explicit)
    for field, pattern, explicit in (
        (
            'subtitle',
            r'^\s*(?:please\s+)?(?:change|set|make|update|replace)\s+(?:the\s+)?(?:subtitle|sub-title|'
            r'subheading|tagline)\s+(?:to|into|as|with)\s*:?\s+(?P<value>[^\n]+)',
            False,
        ),
        (
            'subtitle',
            r'^\s*(?:subtitle|sub-title|subheading|tagline|زیر\u200c?عنوان|زیر\u200c?تیتر)\s*[:=：]\s*(?P<value>[^\n]+)',
            True,
        ),
        (
            'headline',
            r'^\s*(?:please\s+)?(?:change|set|make|update|replace|switch)\s+(?:the\s+)?(?:text|headline|'
            r'title|heading|caption|words?)\s+(?:to|into|as|with)\s*:?\s+(?P<value>[^\n]+)',
            False,
        ),
        (
            'headline',
            r'^\s*(?:text|headline|title|heading|caption|متن|تیتر|عنوان|نوشته)\s*[:=：]\s*(?P<value>[^\n]+)',
            True,
        ),
        (
            'headline',
            r'^\s*(?:please\s+)?(?:make\s+it\s+|let\s+it\s+|have\s+it\s+|it\s+should\s+)?(?:say|read|write)'
            r'\s*:?\s+(?P<value>[^\n]+)',
            True,
        ),
        (
            'headline',
            r'^\s*(?:لطفا\s+)?(?:متن|تیتر|عنوان|نوشته)(?:ش)?\s*(?:را|رو)?\s*به\s+(?P<value>[^\n]+?)\s*'
            + _FA_VERB
            + r'\s*[.!]?\s*$',
            False,
        ),
        ('headline', r'^\s*(?:لطفا\s+)?بنویس(?:ید)?\s*:?\s+(?P<value>[^\n]+)', True),
    )
)
_SPLIT = re.compile(r'[,;.!?،؛\n]+|\b(?:and|also|then|plus|with)\b|(?<!\S)(?:و|با|بعد)(?!\S)')
_BACKGROUND = re.compile(r'\b(background|backdrop|bg|image|picture|photo)\b|پس ?زمینه|بک ?گراند|عکس|تصویر')
_NEW_REQUEST = MEDIA_WORDS | key_set('one another new again different دیگه دیگر جدید دوباره یکی')
_TOO_SMALL = re.compile(r'\btoo (small|tiny|little)\b|خیلی (کوچیک|کوچک|ریز)(ه|است)?(?!\S)|(کوچیک|کوچک|ریز)ه(?!\S)')
_TOO_BIG = re.compile(r'\btoo (big|large|huge)\b|خیلی (بزرگ|درشت)(ه|است)?(?!\S)|(بزرگ|درشت)ه(?!\S)')
_OUTLINE = re.compile(r'\b(outlines?|stroke|border)\b|حاشیه|دور ?خط|خط دور|استروک')
_SHADOW = re.compile(r'\b(drop ?)?shadows?\b|سایه')
_REMOVE = re.compile(
    r"\b(no|remove|without|delete|drop|hide|off|disable|lose|don't|get rid of)\b|بدون|بردار|حذف|پاک|"
    r'نمیخوام|نمیخواهم|نباشه|نذار'
)
_THICKER = re.compile(
    r'\b(thicker|bolder|heavier|wider|stronger|more|bigger|larger|increase)\b|ضخیم ?تر|کلفت ?تر|'
    r'پهن ?تر|بیشتر|بزرگ ?تر'
)
_THINNER = re.compile(r'\b(thinner|lighter|narrower|weaker|less|smaller|decrease|reduce)\b|نازک ?تر|باریک ?تر|کمتر')
_LOWER = re.compile(r'\b(lower ?case|no caps|normal case|sentence case|small letters)\b|حروف کوچک')
_UPPER = re.compile(r'\b(upper ?case|all ?caps|caps|capitals|capital letters|capitali[sz]e[ds]?)\b|حروف بزرگ')
_FONT = re.compile(
    r'\b(?P<role>serif|rounded|condensed|heavy|heavier|bolder|bold)\s+(?:font|type|typeface|letters)\b|'
    r'\b(?:font|type|typeface)\s+(?P<role2>serif|rounded|condensed|heavy|bold)\b|فونت\s+(?P<fa>گرد|ضخیم|'
    r'فشرده|سریف|بولد)'
)
_BIGGER = re.compile(
    r'\b(bigger|larger|huger|enlarge|increase|grow|scale up|size up|big|large|huge)\b|بزرگ ?تر|'
    r'بزرگش|بزرگ کن|درشت ?تر|درشت'
)
_SMALLER = re.compile(
    r'\b(smaller|tinier|shrink|decrease|reduce|scale down|small|tiny)\b|کوچک ?تر|کوچیک ?تر|ریز ?تر|'
    r'کوچکش|کوچیکش|کوچک کن'
)
_ALIGN = re.compile(r'\b(left|right|center|centre|middle|centered|centred)\b|(?<!\S)(چپ|راست|وسط|مرکز)(چین|ش)?(?!\S)')
_MOVE_CONTEXT = re.compile(
    r'\b(move|shift|put|place|align|push|slide|nudge|side|to the|on the|go)\b|ببر|بذار|بزار|سمت|'
    r'طرف|جابجا|جابهجا|منتقل|بیار|برو'
)
_NUDGE = re.compile(r'\b(a bit|a little|slightly|a touch|little|bit)\b|کمی|یکم|یه کم|یک کم|یه ذره|اندکی')
_ALIGN_WORDS = dict(
    pair.split('=')
    for pair in 'left=left right=right center=center centre=center middle=center centered=center centred=center '
    'چپ=left راست=right وسط=center مرکز=center'.split()
)
_FONT_WORDS = dict(
    pair.split('=')
    for pair in 'serif=serif rounded=rounded condensed=condensed heavy=heavy heavier=heavy bolder=heavy bold=heavy '
    'گرد=rounded ضخیم=heavy فشرده=condensed سریف=serif بولد=heavy'.split()
)
# Words an edit request is made of besides the aspects themselves; anything else counts as unknown.
_EDIT_WORDS = key_set(
    'make it its the a an text headline title font letters words colour color colours colors to be please can you '
    'could would should set change turn instead bit little more much way too so really very slightly lot just '
    'i want need like think also and then but this that them there size in into of on with is are was go '
    'move shift put place align push slide nudge side towards toward over further use thanks thank pls plz ok okay '
    'yes make try again outline stroke border shadow caps upper lower case capitals capital dark light deep pale '
    'pastel neon bright',
) | key_set(
    'متن رو را کن بکن کنید بکنید لطفا لطفاً یکم کمی یه کم خیلی تر رنگ رنگش رنگشو به اینو این نوشته بشه باشه ببر '
    'بذار بزار سمت طرف ها حروف عوض تغییر بده بدید هم و با میخوام میخواهم ش اش تیتر عنوان برو بیار جابجا منتقل '
    'حاشیه دورخط سایه بیشتر کمتر ذره اندکی قسمت فونت حروف کاملا دیگه لطف تیره روشن پررنگ کمرنگ نئونی'
)
# change → (English, Persian) wording for TextEdit.describe
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


def _take_text_change(message: str, edit: TextEdit) -> str:
    """Fill headline/subtitle from quotes or 'change the text to …'; return what is left to parse."""
    quotes = find_quotes(message)
    if quotes:
        triggers = _triggers(message)
        for quote in quotes:
            earlier = [field for start, field in triggers if start < quote.start]
            field = earlier[-1] if earlier else triggers[-1][1] if triggers else None  # «…» رو بنویس: trigger after
            if field and getattr(edit, field) is None:
                setattr(edit, field, quote.text)
            if edit.headline is not None and edit.subtitle is not None:
                break
        kept = [
            message[start:end]
            for start, end in zip(
                [0] + [q.end for q in quotes], [q.start for q in quotes] + [len(message)], strict=True
            )
        ]
        rest = '\n'.join(kept)
        return _without_triggers(rest) if edit.headline is not None or edit.subtitle is not None else rest
    for field, pattern, explicit in _TEXT_CHANGES:
        if match := pattern.search(message):
            value, tail = _split_value(match.group('value'))
            if value and (explicit or not _is_styling(value)):
                setattr(edit, field, value)
                return f'{message[: match.start()]}\n{tail}\n{message[match.end() :]}'
    return message


def _triggers(text: str) -> list[tuple[int, str]]:
    """Where 'text'/'headline'/'متن' and 'subtitle'/'زیرعنوان' are mentioned, in reading order."""
    subtitles = [(m.start(), m.end()) for m in _SUBTITLE_TRIGGERS.finditer(text)]
    headlines = [
        m.start()
        for m in _HEADLINE_TRIGGERS.finditer(text)
        if not any(start <= m.start() < end for start, end in subtitles)  # the 'title' in 'sub-title'
    ]
    return sorted([(start, 'subtitle') for start, _ in subtitles] + [(start, 'headline') for start in headlines])


def _without_triggers(text: str) -> str:
    return _SUBTITLE_TRIGGERS.sub(' ', _HEADLINE_TRIGGERS.sub(' ', text))


def _split_value(value: str) -> tuple[str, str]:
    """'Epic Win and make it red' → ('Epic Win', 'make it red') when the tail is itself a clean edit."""
    for match in re.finditer(r'\s+(?:and|then|also|و)\s+|[,،]\s*', value):
        tail = value[match.end() :]
        if _is_styling(tail) and not all(parse_color(w.text) for w in words(tail)):  # 'Black and White' stays
            return value[: match.start()].strip(), tail
    return value.strip().removesuffix('.').strip(), ''


def _is_styling(text: str) -> bool:
    """True when ``text`` is nothing but a styling edit ('red', 'make it bigger')."""
    probe = TextEdit()
    return _parse_styling(text, probe) == 0 and not probe.is_empty()


def _parse_styling(text: str, edit: TextEdit) -> int | None:
    """Fill size/colour/outline/shadow/case/align/font; the count of unknown words, None for a non-text edit."""
    norm = normalize(text)
    if _BACKGROUND.search(norm) or any(has_form(w, _NEW_REQUEST) for w in words(norm)):
        return None  # the picture itself must change, or another thumbnail is wanted: a new generation
    unknown, outline_context = 0, False
    for segment in _SPLIT.split(norm):
        if not segment or not segment.strip():
            continue
        outline_context = _parse_segment(segment, edit, outline_context)
        unknown += _count_unknown(segment)
    return unknown


def _parse_segment(segment: str, edit: TextEdit, outline_context: bool) -> bool:
    """Parse one clause into ``edit``; returns whether a following bare colour belongs to the outline."""
    if _OUTLINE.search(segment):
        if _REMOVE.search(segment):
            edit.outline_width = 0
            return False
        colors = find_colors(segment)
        if colors:
            edit.outline_color = colors[0]
        if _THICKER.search(segment):
            edit.outline_step = OUTLINE_STEP
        elif _THINNER.search(segment):
            edit.outline_step = -OUTLINE_STEP
        elif not colors:
            edit.outline_width = OUTLINE_DEFAULT  # 'add an outline', 'outline please'
        return True
    if _SHADOW.search(segment):
        edit.shadow = not _REMOVE.search(segment)
        return False
    if match := _LOWER.search(segment) or _UPPER.search(segment):
        edit.uppercase = match.re is _UPPER
        segment = segment.replace(match.group(), ' ')
    if match := _FONT.search(segment):
        edit.font_role = _FONT_WORDS[match.group('role') or match.group('role2') or match.group('fa')]
        segment = segment.replace(match.group(), ' ')
    _parse_align(segment, edit)
    if _TOO_SMALL.search(segment):  # 'too small' asks for bigger
        edit.scale = SCALE_STEP
    elif _TOO_BIG.search(segment):
        edit.scale = 1 / SCALE_STEP
    elif _BIGGER.search(segment):
        edit.scale = SCALE_STEP
    elif _SMALLER.search(segment):
        edit.scale = 1 / SCALE_STEP
    colors = find_colors(segment) or [c for w in words(segment) if (c := parse_color(w.text))][:1]
    if colors:
        if outline_context and not _has_own_target(segment):
            edit.outline_color = colors[0]
            return True
        edit.color = colors[0]
    return False


def _parse_align(segment: str, edit: TextEdit) -> None:
    match = _ALIGN.search(segment)
    if not match:
        return
    word = match.group(1) or match.group(2)
    others = [w for w in words(segment.replace(match.group(), ' ')) if w.key not in _EDIT_WORDS]
    if word == 'right' and others and not _MOVE_CONTEXT.search(segment):
        return  # 'that's right', 'right now': not a direction
    edit.align = _ALIGN_WORDS[word]
    edit.nudge = edit.align != 'center' and bool(_NUDGE.search(segment))


def _has_own_target(segment: str) -> bool:
    return bool(re.search(r'\b(text|headline|title|font|letters|words)\b|متن|تیتر|نوشته|حروف', segment))


def _count_unknown(segment: str) -> int:
    known = (
        _EDIT_WORDS,
        {w.key for w in words(' '.join(m.group() for m in _KNOWN_PATTERNS.finditer(segment)))},
    )
    return sum(
        1
        for word in words(segment)
        if not any(form in vocabulary for vocabulary in known for form in word.forms)
        and not parse_color(word.text)
        and not word.key.isdigit()
    )


_KNOWN_PATTERNS = re.compile(
    '|'.join(
        p.pattern
        for p in (
            _OUTLINE,
            _SHADOW,
            _REMOVE,
            _THICKER,
            _THINNER,
            _LOWER,
            _UPPER,
            _FONT,
            _BIGGER,
            _SMALLER,
            _ALIGN,
            _MOVE_CONTEXT,
            _NUDGE,
        )
    )
)
