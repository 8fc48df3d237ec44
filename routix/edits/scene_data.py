# ruff: noqa: E501  (data: one pattern per line reads best)
"""The words edits of the picture itself are recognised by: background, accents, subject, layout, contrast, badge.

Patterns run on ``language.normalize``d text (lower case, ZWNJ dropped: «پس‌زمینه» arrives as «پسزمینه»).
"""

from __future__ import annotations

import re

MEDIA = re.compile(r'\b(thumbnails?|videos?)\b|تامبنیل|ویدیو|ویدئو')
BACKGROUND = re.compile(r'\b(background|backdrop|bg|backgrounds)\b|پس ?زمینه|بک ?گراند|زمینه')
ACCENTS = re.compile(
    r'\b(accents?|accent colou?rs?|stripes?|shapes?|glow|highlights?)\b|رنگ ?های? ?فرعی|تزئینات|تزیینات|خط ?ها|اکسنت'
)
SUBJECT = re.compile(
    r'\b(subject|icon|emoji|sticker|illustration|object|picture|image|photo|graphic|clipart)\b|'
    r'آیکون|آیکن|ایکون|ایکن|شکلک|استیکر|تصویر|عکس|سوژه|شیء|طرح'
)
TEXT_TARGET = re.compile(r'\b(text|headline|title|words|letters|caption)\b|متن|تیتر|عنوان|نوشته')
DARKER = re.compile(r'\b(darker|dark|dim|dimmer|moodier|black(?:er)?)\b|تیره ?تر|تیره|تاریک ?تر|تاریک|دارک')
LIGHTER = re.compile(r'\b(lighter|light|brighter|bright|lighten|brighten)\b|روشن ?تر|روشن|روشنش')
BLUR = re.compile(r'\b(blur|blurry|blurred|blurrier|soft focus|bokeh)\b|محو|تار|بلور')
SHARP = re.compile(r'\b(sharp|sharpen|unblur|no blur|crisp)\b|واضح|شارپ')
CONTRAST = re.compile(r'\b(contrast|contrasty|punchier|punchy|pop)\b|کنتراست|تضاد')
SATURATION = re.compile(
    r'\b(saturat\w*|vibrant|vivid|colou?rful|more colou?r)\b|اشباع|رنگی ?تر|پر ?رنگ ?تر|زنده ?تر|شاداب ?تر'
)
LESS = re.compile(r'\b(less|lower|reduce|decrease|fewer|softer|duller|muted|tone down)\b|کمتر|کم ?کن|ملایم ?تر')
SWAP = re.compile(
    r'\b(swap|switch|flip|mirror|reverse)\b.*\b(sides?|places|positions|around|layout|it|them)\b|'
    r'\b(mirror|flip) (?:it|the layout|the design|horizontally)\b|\bother side\b|'
    r'جا(?:ی)? ?(?:شون|شان|ها) ?(?:رو|را)? ?عوض|جای .+ عوض|جابجا ?کن|قرینه|برعکس ?کن|آینه ?ای|اینه ?ای|سمت ?مقابل|طرف ?دیگه'
)
LAYOUT = re.compile(
    r'\b(layouts?|templates?|designs?|compositions?|arrangements?|styles?)\b|قالب|چیدمان|لی ?اوت|طرح ?بندی|تمپلیت|قالبش'
)
ANOTHER = re.compile(r'\b(another|different|other|new|next|else)\b|دیگه|دیگر|جدید|بعدی|متفاوت')
ADD = re.compile(r'\b(add|put|include|show|place|insert|with)\b|اضافه|بذار|بزار|بگذار|نشون|قرار')
INSTEAD = re.compile(r'\b(instead|replace|swap|change|use|make it|switch)\b|به ?جای|بجای|عوض|تغییر|استفاده')
REMOVE = re.compile(
    r"\b(no|remove|without|delete|drop|hide|lose|don't|get rid of|take off|take away)\b|بدون|بردار|حذف|پاک|نمیخوام|نباشه"
)
PHOTO = re.compile(
    r'\b(my (?:own )?(?:photo|picture|image|pic|face|selfie)|this (?:photo|picture|image|pic)|attached|uploaded)\b|'
    r'عکس ?(?:خودم|من|ضمیمه)|این ?عکس|عکسم|تصویر ?خودم'
)
MOVE = re.compile(r'\b(move|shift|put|place|push|slide|drag|bring)\b|ببر|بذار|بزار|بیار|جابجا|منتقل|برو')
SIDE = re.compile(
    r'\b(?P<en>left|right|top|bottom|up|down|upper|lower)\b|(?<!\S)(?P<fa>چپ|راست|بالا|پایین|پائین)(?:ش)?(?!\S)'
)
SIDE_WORDS = {
    'left': 'left',
    'right': 'right',
    'top': 'top',
    'up': 'top',
    'upper': 'top',
    'bottom': 'bottom',
    'down': 'bottom',
    'lower': 'bottom',
    'چپ': 'left',
    'راست': 'right',
    'بالا': 'top',
    'پایین': 'bottom',
    'پائین': 'bottom',
}
BADGE = re.compile(r'\b(badges?|stickers? text|labels?|tags?|stamps?)\b|برچسب|لیبل')
BADGE_TEXT = re.compile(
    r'(?:\b(?:badges?|labels?|tags?|stamps?)\b|برچسب|لیبل)\s*(?:(?:text\s+)?(?:to|say|says|as|reads?|into)\s*:?|[:=]|'
    r'(?:رو|را)?\s*به)\s+(?P<value>[^\n،,]+?)\s*(?:تغییر ?بده|عوض ?کن|کن|بکن)?\s*[.!]?$'
)
BRIGHTNESS_STEP, CONTRAST_STEP, SATURATION_STEP, BLUR_STEP = 0.7, 1.3, 1.4, 8.0
"""darker multiplies brightness by 0.7 (lighter divides); more contrast/saturation multiply by these; blur adds px"""
