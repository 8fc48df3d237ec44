"""Persian for the user-safe messages the domain produces (errors, refunds, fallback notices).

The domain speaks English, the closed set of sentences below, and stores them on generations; ``localize`` turns
any such message into Persian sentence by sentence, so a compound message ("… Your 3 credits were refunded.")
and messages stored before a language switch both come out right. A sentence it does not know stays English.
"""

from __future__ import annotations

import re

FIXED: dict[str, str] = {
    # errors.py defaults
    'Something went wrong.': 'مشکلی پیش آمد.',
    'The image provider failed.': 'سرویس تصویر با خطا روبه‌رو شد.',
    'The image provider is busy right now.': 'سرویس تصویر اکنون شلوغ است.',
    'Please try again in a minute.': 'لطفاً یک دقیقه‌ی دیگر دوباره امتحان کنید.',
    'The provider refused this request under its content policy.': 'سرویس این درخواست را طبق قوانین محتوایی‌اش رد کرد.',
    'Try rewording the prompt.': 'توضیح را جور دیگری بنویسید.',
    'The image provider did not answer in time.': 'سرویس تصویر به‌موقع پاسخ نداد.',
    'The image provider is unavailable right now.': 'سرویس تصویر اکنون در دسترس نیست.',
    'The image could not be stored.': 'تصویر ذخیره نشد.',
    'Not enough credits for this tier.': 'اعتبار شما برای این سطح کافی نیست.',
    'That file is not a usable image.': 'این فایل تصویر قابل‌استفاده‌ای نیست.',
    'That request cannot be processed.': 'این درخواست قابل انجام نیست.',
    'Not found.': 'پیدا نشد.',
    # generation, chat, history
    'Describe the thumbnail you want first.': 'اول تامبنیلی را که می‌خواهید توصیف کنید.',
    'Write what you would like to see.': 'بنویسید چه می‌خواهید ببینید.',
    'Unknown tier.': 'سطح ناشناخته است.',
    'Cancelled.': 'لغو شد.',
    'Interrupted by a server restart.': 'به‌خاطر راه‌اندازی دوباره‌ی سرور متوقف شد.',
    'Something went wrong while rendering.': 'هنگام ساختن تصویر مشکلی پیش آمد.',
    'Wait until this thumbnail is finished before changing it.': 'صبر کنید تا ساخت این تامبنیل تمام شود، بعد تغییرش دهید.',
    'The AI painted the text of this design itself, so it cannot be edited.': 'متن این طرح را خود هوش مصنوعی کشیده است، پس ویرایش‌شدنی نیست.',
    'Describe the change in a new request instead.': 'تغییر را در یک درخواست تازه توضیح دهید.',
    'Cancel this thumbnail before deleting it.': 'پیش از حذف، این تامبنیل را لغو کنید.',
    'A title cannot be empty.': 'عنوان نمی‌تواند خالی باشد.',
    'The server is shutting down.': 'سرور در حال خاموش شدن است.',
    'That thumbnail does not exist.': 'این تامبنیل وجود ندارد.',
    'That thumbnail is not finished.': 'ساخت این تامبنیل هنوز تمام نشده است.',
    'That conversation does not exist.': 'این گفتگو وجود ندارد.',
    'That proposal does not exist.': 'این پیشنهاد وجود ندارد.',
    'That reference image does not exist.': 'این تصویر مرجع وجود ندارد.',
    # uploads
    'The file is damaged or not an image.': 'فایل خراب است یا تصویر نیست.',
    'Only JPEG, PNG and WebP images are supported.': 'فقط تصویرهای JPEG، PNG و WebP پشتیبانی می‌شوند.',
    'Animated images are not supported.': 'تصویر متحرک پشتیبانی نمی‌شود.',
    # storage
    'The image is missing.': 'تصویر پیدا نشد.',
    'The image could not be deleted.': 'تصویر حذف نشد.',
    # providers
    'The image provider returned an unreadable image.': 'سرویس تصویر، تصویری ناخوانا برگرداند.',
    'The image provider returned an image that cannot be read.': 'سرویس تصویر، تصویری ناخوانا برگرداند.',
    'The image provider returned no image.': 'سرویس تصویر هیچ تصویری برنگرداند.',
    'The image provider sent an answer Routix could not read.': 'پاسخ سرویس تصویر برای روتیکس خواندنی نبود.',
    'The image provider rejected the request.': 'سرویس تصویر درخواست را نپذیرفت.',
    'The image provider rejected the request parameters.': 'سرویس تصویر تنظیمات درخواست را نپذیرفت.',
    'The image provider account is out of credits.': 'اعتبار حساب سرویس تصویر تمام شده است.',
    'The image provider account is out of quota.': 'سهمیه‌ی حساب سرویس تصویر تمام شده است.',
    'The image model is not available.': 'مدل تصویر در دسترس نیست.',
    'The reference image is too large for this provider.': 'تصویر مرجع برای این سرویس بیش از حد بزرگ است.',
}

PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r'This needs (\d+) credits and you have (\d+)\.'),
        'این کار {0} اعتبار لازم دارد و شما {1} اعتبار دارید.',
    ),
    (re.compile(r'Your (\d+) credits were refunded\.'), '{0} اعتبار شما برگردانده شد.'),
    (
        re.compile(r'Finished with the basic renderer instead; your credits were refunded\.'),
        'به‌جای آن با سازنده‌ی پایه ساخته شد؛ اعتبار شما برگردانده شد.',
    ),
    (
        re.compile(r'The description is too long \(at most (\d+) characters\)\.'),
        'توضیح خیلی بلند است (حداکثر {0} نویسه).',
    ),
    (re.compile(r'The message is too long \(at most (\d+) characters\)\.'), 'پیام خیلی بلند است (حداکثر {0} نویسه).'),
    (re.compile(r'The (\w+) tier is not configured on this server\.'), 'سطح {0} روی این سرور راه‌اندازی نشده است.'),
    (re.compile(r'No provider is configured for the (\w+) tier\.'), 'برای سطح {0} هیچ سرویسی تنظیم نشده است.'),
    (re.compile(r'There is no template called “(.+)”\.'), 'قالبی به نام «{0}» وجود ندارد.'),
    (re.compile(r'The image is larger than ([\d.]+) MB\.'), 'تصویر بزرگ‌تر از {0} مگابایت است.'),
    (re.compile(r'The image is too large \((\d+) megapixels\)\.'), 'تصویر بیش از حد بزرگ است ({0} مگاپیکسل).'),
    (re.compile(r'The image is too large \((\d+)×(\d+) pixels\)\.'), 'تصویر بیش از حد بزرگ است ({0}×{1} پیکسل).'),
    (re.compile(r'The image model (.+) is not available\.'), 'مدل تصویر {0} در دسترس نیست.'),
]

_SENTENCE = re.compile(r'(?<=[.!?;])\s+(?=[A-Z])')


def localize(message: str | None, lang: str) -> str:
    """``message`` in ``lang``: Persian sentence by sentence where known, otherwise unchanged."""
    if not message or lang != 'fa':
        return message or ''
    if message in FIXED:
        return FIXED[message]
    return ' '.join(_sentence(part) for part in _SENTENCE.split(message))


def _sentence(sentence: str) -> str:
    if sentence in FIXED:
        return FIXED[sentence]
    for pattern, persian in PATTERNS:
        match = pattern.fullmatch(sentence)
        if match:
            return persian.format(*match.groups())
    return sentence
