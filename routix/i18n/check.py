"""Texts of the thumbnail check (``check.*``) and of variant sets (``variants.*``), in English and Persian."""

from __future__ import annotations

EN: dict[str, str] = {
    'check.verdict.ok': 'Ready for the feed: every part of the check passes.',
    'check.verdict.fail': 'Not ready yet: fix the parts marked ✗.',
    'check.part.spec': 'File',
    'check.part.legibility': 'Readable in the sidebar',
    'check.part.contrast': 'Contrast',
    'check.part.timestamp_zone': 'Clear of the time stamp',
    'check.part.focus': 'One clear subject',
    'check.part.clutter': 'Clutter',
    'check.part.title_overlap': 'Adds to the title',
    'check.spec.ok': (
        '{width}×{height} {format}, {mb} MB: within the 2 MB limit of the phone app (desktop accepts larger files).'
    ),
    'check.spec.format': 'YouTube takes JPEG or PNG for thumbnails; this file is {format}.',
    'check.spec.small': '{width}×{height} is too small: use 1280×720 (at least 640 pixels wide).',
    'check.spec.ratio': '{width}×{height} is not 16:9: YouTube adds black bars. Use 1280×720.',
    'check.spec.bytes': (
        '{mb} MB is over the 2 MB limit for uploads from the phone app (desktop accepts larger files): '
        'save it as JPEG to stay under it.'
    ),
    'check.legibility.ok': 'The headline reads at 168×94: capitals {px} px tall, contrast {contrast}:1.',
    'check.legibility.small': (
        'At 168×94 the headline’s capitals are only {px} px tall (at least {min} px reads): use fewer, bigger words.'
    ),
    'check.legibility.faint': (
        'The headline’s contrast is {contrast}:1 (at least {min}:1 reads): use a darker or lighter colour or an outline.'
    ),
    'check.legibility.no_text': 'No text found: nothing needs to be read at 168×94.',
    'check.contrast.ok': 'Lights and darks are {range} apart (of 100): shapes separate at feed size.',
    'check.contrast.flat': (
        'Lights and darks are only {range} apart (of 100; at least {min}): the picture looks flat in the feed.'
    ),
    'check.timestamp_zone.ok': 'Nothing important sits under the video length in the bottom-right corner.',
    'check.timestamp_zone.text': 'Text sits under the video length in the bottom-right corner: move it.',
    'check.timestamp_zone.face': 'A face sits under the video length in the bottom-right corner: move it.',
    'check.focus.face': 'One clear subject: a face {pct}% of the picture’s height.',
    'check.focus.face_small': (
        'The face is only {pct}% of the picture’s height (at least {min}%): crop closer so it reads in the feed.'
    ),
    'check.focus.ok': 'One clear subject, {pct}% of the picture.',
    'check.focus.text': 'The headline is the subject: nothing competes with it.',
    'check.focus.small': 'The main subject covers only {pct}% of the picture (at least {min}%): make it bigger.',
    'check.focus.competing': 'Two things of about the same size compete for the eye: make one the clear subject.',
    'check.focus.none': 'No clear subject: add a face, an object or a big headline.',
    'check.focus.corner': 'The main subject sits under the video length in the bottom-right corner: move it.',
    'check.clutter.ok': '{n} separate elements: easy to take in at a glance.',
    'check.clutter.busy': '{n} separate elements (at most {max}): remove some so the picture reads at a glance.',
    'check.title_overlap.ok': 'The thumbnail’s words add to the title instead of repeating it.',
    'check.title_overlap.repeats': (
        'The thumbnail repeats the title (“{words}”): say something the title does not, it shows right beside it.'
    ),
    'check.title_overlap.no_title': 'No video title given: nothing to compare.',
    'check.title_overlap.unread': 'The text of an uploaded image is not read: make sure it does not repeat the title.',
    'variants.axis.layout': 'Layout',
    'variants.axis.colour': 'Colours',
    'variants.axis.wording': 'Headline wording',
    'variants.axis.subject': 'Subject',
    'variants.axis.crop': 'Face crop',
    'variants.crop_without_photo': 'No photo to crop: the variants differ in layout instead.',
    'variants.message': 'Three variants for an A/B test ({axis}).',
}

FA: dict[str, str] = {
    'check.verdict.ok': 'آماده‌ی فید: همه‌ی بخش‌های بررسی قبول است.',
    'check.verdict.fail': 'هنوز آماده نیست: بخش‌های علامت‌خورده با ✗ را درست کنید.',
    'check.part.spec': 'فایل',
    'check.part.legibility': 'خوانا در ستون کناری',
    'check.part.contrast': 'کنتراست',
    'check.part.timestamp_zone': 'دور از برچسب زمان',
    'check.part.focus': 'یک سوژه‌ی روشن',
    'check.part.clutter': 'شلوغی',
    'check.part.title_overlap': 'مکمل عنوان',
    'check.spec.ok': (
        '{width}×{height} {format}، {mb} مگابایت: زیر سقف ۲ مگابایتی برنامه‌ی گوشی '
        '(نسخه‌ی دسکتاپ فایل بزرگ‌تر را هم می‌پذیرد).'
    ),
    'check.spec.format': 'یوتیوب برای تصویر بندانگشتی JPEG یا PNG می‌پذیرد؛ این فایل {format} است.',
    'check.spec.small': '{width}×{height} خیلی کوچک است: از ۱۲۸۰×۷۲۰ استفاده کنید (دست‌کم ۶۴۰ پیکسل عرض).',
    'check.spec.ratio': '{width}×{height} نسبت ۱۶:۹ ندارد: یوتیوب نوار سیاه می‌گذارد. از ۱۲۸۰×۷۲۰ استفاده کنید.',
    'check.spec.bytes': (
        '{mb} مگابایت از سقف ۲ مگابایتی بارگذاری با برنامه‌ی گوشی بیشتر است (دسکتاپ فایل بزرگ‌تر را می‌پذیرد): '
        'آن را JPEG ذخیره کنید.'
    ),
    'check.legibility.ok': 'تیتر در اندازه‌ی ۱۶۸×۹۴ خواناست: ارتفاع حروف {px} پیکسل، کنتراست {contrast}:1.',
    'check.legibility.small': (
        'در اندازه‌ی ۱۶۸×۹۴ ارتفاع حروف تیتر فقط {px} پیکسل است (دست‌کم {min} پیکسل لازم است): '
        'کلمه‌های کمتر و بزرگ‌تر به کار ببرید.'
    ),
    'check.legibility.faint': (
        'کنتراست تیتر {contrast}:1 است (دست‌کم {min}:1 لازم است): رنگ تیره‌تر یا روشن‌تر یا دورخط به کار ببرید.'
    ),
    'check.legibility.no_text': 'متنی پیدا نشد: در اندازه‌ی ۱۶۸×۹۴ چیزی برای خواندن نیست.',
    'check.contrast.ok': 'فاصله‌ی روشن و تیره {range} از ۱۰۰ است: شکل‌ها در فید از هم جدا می‌شوند.',
    'check.contrast.flat': 'فاصله‌ی روشن و تیره فقط {range} از ۱۰۰ است (دست‌کم {min}): تصویر در فید تخت به نظر می‌رسد.',
    'check.timestamp_zone.ok': 'زیر برچسب مدت ویدیو در گوشه‌ی پایین راست چیز مهمی نیست.',
    'check.timestamp_zone.text': 'متن زیر برچسب مدت ویدیو در گوشه‌ی پایین راست است: جابه‌جایش کنید.',
    'check.timestamp_zone.face': 'چهره زیر برچسب مدت ویدیو در گوشه‌ی پایین راست است: جابه‌جایش کنید.',
    'check.focus.face': 'یک سوژه‌ی روشن: چهره‌ای به بلندی {pct}٪ تصویر.',
    'check.focus.face_small': ('چهره فقط {pct}٪ بلندی تصویر است (دست‌کم {min}٪): نزدیک‌تر برش بزنید تا در فید دیده شود.'),
    'check.focus.ok': 'یک سوژه‌ی روشن، {pct}٪ تصویر.',
    'check.focus.text': 'تیتر خودش سوژه است: چیزی با آن رقابت نمی‌کند.',
    'check.focus.small': 'سوژه‌ی اصلی فقط {pct}٪ تصویر را گرفته است (دست‌کم {min}٪): بزرگ‌ترش کنید.',
    'check.focus.competing': 'دو چیز هم‌اندازه برای دیده شدن رقابت می‌کنند: یکی را سوژه‌ی اصلی کنید.',
    'check.focus.none': 'سوژه‌ی روشنی نیست: یک چهره، یک شیء یا تیتری بزرگ اضافه کنید.',
    'check.focus.corner': 'سوژه‌ی اصلی زیر برچسب مدت ویدیو در گوشه‌ی پایین راست است: جابه‌جایش کنید.',
    'check.clutter.ok': '{n} عنصر جدا: در یک نگاه فهمیده می‌شود.',
    'check.clutter.busy': '{n} عنصر جدا (حداکثر {max}): چند تا را بردارید تا در یک نگاه فهمیده شود.',
    'check.title_overlap.ok': 'کلمه‌های تصویر چیزی به عنوان اضافه می‌کنند و تکرارش نمی‌کنند.',
    'check.title_overlap.repeats': (
        'تصویر عنوان را تکرار می‌کند («{words}»): چیزی بگویید که عنوان نمی‌گوید، عنوان درست کنارش است.'
    ),
    'check.title_overlap.no_title': 'عنوان ویدیو داده نشده: چیزی برای مقایسه نیست.',
    'check.title_overlap.unread': 'متن تصویر بارگذاری‌شده خوانده نمی‌شود: مطمئن شوید عنوان را تکرار نمی‌کند.',
    'variants.axis.layout': 'چیدمان',
    'variants.axis.colour': 'رنگ‌ها',
    'variants.axis.wording': 'متن تیتر',
    'variants.axis.subject': 'سوژه',
    'variants.axis.crop': 'برش چهره',
    'variants.crop_without_photo': 'عکسی برای برش نیست: نسخه‌ها به‌جایش در چیدمان فرق دارند.',
    'variants.message': 'سه نسخه برای آزمون A/B ({axis}).',
}
