"""The words and patterns follow-up edits are recognised by (English and Persian, loose about Arabic letters)."""

from __future__ import annotations

import re

from routix.analysis.keywords_data import MEDIA_WORDS
from routix.language import key_set


def _loose(pattern: str) -> re.Pattern[str]:
    """Compile a pattern meant for raw input: Arabic yeh/kaf match their Persian twins, case is ignored."""
    return re.compile(pattern.replace('ی', '[یيى]').replace('ک', '[کك]'), re.I)


HEADLINE_TRIGGERS = _loose(
    r'\b(text|headline|title|heading|caption|say|says|write|read|reads)\b|متن|تیتر|عنوان|نوشته|بنویس'
)
SUBTITLE_TRIGGERS = _loose(r'\b(subtitle|sub-title|subheading|tagline)\b|زیر\u200c?عنوان|زیر\u200c?تیتر|زیر\s*نویس')
_FA_VERB = r'(?:تغییر\s*(?:بده|بدید|بدهید|دهید|بدین)|عوض\s*(?:کن|کنید)|تبدیل\s*(?:کن|کنید)|بکن|بکنید|کن|کنید)'
# (field, pattern, explicit): 'change the text to red' may mean a colour; 'text: Red' and 'say Red' never do
TEXT_CHANGES: tuple[tuple[str, re.Pattern[str], bool], ...] = tuple(
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
SPLIT = re.compile(r'[,;.!?،؛\n]+|\b(?:and|also|then|plus|with)\b|(?<!\S)(?:و|با|بعد)(?!\S)')
BACKGROUND = re.compile(r'\b(background|backdrop|bg|image|picture|photo)\b|پس ?زمینه|بک ?گراند|عکس|تصویر')
NEW_REQUEST = MEDIA_WORDS | key_set('one another new again different دیگه دیگر جدید دوباره یکی')
TOO_SMALL = re.compile(r'\btoo (small|tiny|little)\b|خیلی (کوچیک|کوچک|ریز)(ه|است)?(?!\S)|(کوچیک|کوچک|ریز)ه(?!\S)')
TOO_BIG = re.compile(r'\btoo (big|large|huge)\b|خیلی (بزرگ|درشت)(ه|است)?(?!\S)|(بزرگ|درشت)ه(?!\S)')
OUTLINE = re.compile(r'\b(outlines?|stroke|border)\b|حاشیه|دور ?خط|خط دور|استروک')
SHADOW = re.compile(r'\b(drop ?)?shadows?\b|سایه')
BADGE = re.compile(r'\b(badges?|stickers?|labels?|tags?|stamps?)\b|برچسب|استیکر|لیبل')
REMOVE = re.compile(
    r"\b(no|remove|without|delete|drop|hide|off|disable|lose|don't|get rid of)\b|بدون|بردار|حذف|پاک|"
    r'نمیخوام|نمیخواهم|نباشه|نذار'
)
THICKER = re.compile(
    r'\b(thicker|bolder|heavier|wider|stronger|more|bigger|larger|increase)\b|ضخیم ?تر|کلفت ?تر|'
    r'پهن ?تر|بیشتر|بزرگ ?تر'
)
THINNER = re.compile(r'\b(thinner|lighter|narrower|weaker|less|smaller|decrease|reduce)\b|نازک ?تر|باریک ?تر|کمتر')
LOWER = re.compile(r'\b(lower ?case|no caps|normal case|sentence case|small letters)\b|حروف کوچک')
UPPER = re.compile(r'\b(upper ?case|all ?caps|caps|capitals|capital letters|capitali[sz]e[ds]?)\b|حروف بزرگ')
FONT = re.compile(
    r'\b(?P<role>serif|rounded|condensed|heavy|heavier|bolder|bold)\s+(?:font|type|typeface|letters)\b|'
    r'\b(?:font|type|typeface)\s+(?P<role2>serif|rounded|condensed|heavy|bold)\b|فونت\s+(?P<fa>گرد|ضخیم|'
    r'فشرده|سریف|بولد)'
)
BIGGER = re.compile(
    r'\b(bigger|larger|huger|enlarge|increase|grow|scale up|size up|big|large|huge)\b|بزرگ ?تر|'
    r'بزرگش|بزرگ کن|درشت ?تر|درشت'
)
SMALLER = re.compile(
    r'\b(smaller|tinier|shrink|decrease|reduce|scale down|small|tiny)\b|کوچک ?تر|کوچیک ?تر|ریز ?تر|'
    r'کوچکش|کوچیکش|کوچک کن'
)
ALIGN = re.compile(r'\b(left|right|center|centre|middle|centered|centred)\b|(?<!\S)(چپ|راست|وسط|مرکز)(چین|ش)?(?!\S)')
MOVE_CONTEXT = re.compile(
    r'\b(move|shift|put|place|align|push|slide|nudge|side|to the|on the|go)\b|ببر|بذار|بزار|سمت|'
    r'طرف|جابجا|جابهجا|منتقل|بیار|برو'
)
NUDGE = re.compile(r'\b(a bit|a little|slightly|a touch|little|bit)\b|کمی|یکم|یه کم|یک کم|یه ذره|اندکی')
ALIGN_WORDS = dict(
    pair.split('=')
    for pair in 'left=left right=right center=center centre=center middle=center centered=center centred=center '
    'چپ=left راست=right وسط=center مرکز=center'.split()
)
FONT_WORDS = dict(
    pair.split('=')
    for pair in 'serif=serif rounded=rounded condensed=condensed heavy=heavy heavier=heavy bolder=heavy bold=heavy '
    'گرد=rounded ضخیم=heavy فشرده=condensed سریف=serif بولد=heavy'.split()
)
# Words an edit request is made of besides the aspects themselves; anything else counts as unknown.
EDIT_WORDS = key_set(
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
# every pattern above: the words they match count as known when an edit request is checked for unknown words
KNOWN_PATTERNS = re.compile(
    '|'.join(
        p.pattern
        for p in (
            OUTLINE,
            SHADOW,
            BADGE,
            REMOVE,
            THICKER,
            THINNER,
            LOWER,
            UPPER,
            FONT,
            BIGGER,
            SMALLER,
            ALIGN,
            MOVE_CONTEXT,
            NUDGE,
        )
    )
)
