"""The texts of every error code (``error.<code>``) and of the notices a failure can carry, in English and Persian.

The keys of ``EN`` under ``error.`` are the closed list of codes a ``RoutixError`` may carry (``CODES``);
tests/test_messages.py checks that each has Persian with the same placeholders, and that every raise in
``routix/`` names one of them. The English text is also the error's ``user_message`` (logs, the CLI, ``str``).
Placeholders are filled from the error's ``params``; a format spec (``{mb:g}``) belongs to the placeholder and
is the same in both languages.
"""

from __future__ import annotations

from routix.i18n import core

EN: dict[str, str] = {
    # ---- the defaults of the error classes (routix/core/errors.py)
    'error.unexpected': 'Something went wrong.',
    'error.provider.failed': 'The image provider failed.',
    'error.provider.busy': 'The image provider is busy right now. Please try again in a minute.',
    'error.provider.refused': ('The provider refused this request under its content policy. Try rewording the prompt.'),
    'error.provider.timeout': 'The image provider did not answer in time.',
    'error.provider.unavailable': 'The image provider is unavailable right now.',
    'error.storage.not_stored': 'The image could not be stored.',
    'error.quota.not_enough': 'Not enough credits for this tier.',
    'error.upload.unusable': 'That file is not a usable image.',
    'error.request.invalid': 'That request cannot be processed.',
    'error.not_found': 'Not found.',
    # error.auth.* (AuthError's default is error.auth.credentials) come from core below
    # ---- providers
    'error.provider.refused_reason': '{reason}',  # the provider's own words, written for the end user
    'error.provider.unreadable_image': 'The image provider returned an image that cannot be read.',
    'error.provider.no_image': 'The image provider returned no image.',
    'error.provider.unreadable_answer': 'The image provider sent an answer Routix could not read.',
    'error.provider.rejected': 'The image provider rejected the request.',
    'error.provider.rejected_parameters': 'The image provider rejected the request parameters.',
    'error.provider.key_rejected': 'The provider rejected the API key.',
    'error.provider.out_of_credits': 'The image provider account is out of credits.',
    'error.provider.out_of_quota': 'The image provider account is out of quota.',
    'error.provider.model_unavailable': 'The image model is not available.',
    'error.provider.model_unavailable_named': 'The image model {model} is not available.',
    'error.provider.reference_too_large': 'The reference image is too large for this provider.',
    # ---- credits
    'error.quota.needs': 'This needs {need} credits and you have {have}.',
    # ---- generation, chat, history
    'error.generation.prompt_missing': 'Describe the thumbnail you want first.',
    'error.generation.prompt_too_long': 'The description is too long (at most {limit} characters).',
    'error.generation.unknown_tier': 'Unknown tier.',
    'error.generation.tier_not_configured': 'The {tier} tier is not configured on this server.',
    'error.generation.no_provider': 'No provider is configured for the {tier} tier.',
    'error.generation.cancelled': 'Cancelled.',
    'error.generation.interrupted': 'Interrupted by a server restart.',
    'error.generation.render_failed': 'Something went wrong while rendering.',
    'error.generation.busy': 'Wait until this thumbnail is finished before changing it.',
    'error.generation.text_painted': (
        'The AI painted the text of this design itself, so it cannot be edited. '
        'Describe the change in a new request instead.'
    ),
    'error.generation.cancel_first': 'Cancel this thumbnail before deleting it.',
    'error.generation.not_found': 'That thumbnail does not exist.',
    'error.generation.not_finished': 'That thumbnail is not finished.',
    'error.server.shutting_down': 'The server is shutting down.',
    'error.chat.title_empty': 'A title cannot be empty.',
    'error.chat.message_missing': 'Write what you would like to see.',
    'error.chat.message_too_long': 'The message is too long (at most {limit} characters).',
    'error.chat.not_found': 'That conversation does not exist.',
    'error.chat.proposal_not_found': 'That proposal does not exist.',
    # ---- profile
    'error.profile.brand_colors': 'Use up to {n} colours written as #RRGGBB, for example #FF0044.',
    'error.profile.name_too_long': 'Use at most {limit} characters for the name.',
    # ---- uploads (routix/images.py, the renderer's reference decode)
    'error.upload.not_found': 'That reference image does not exist.',
    'error.upload.damaged': 'The file is damaged or not an image.',
    'error.upload.unsupported': 'Only JPEG, PNG and WebP images are supported.',
    'error.upload.animated': 'Animated images are not supported.',
    'error.upload.too_many_bytes': 'The image is larger than {mb:g} MB.',
    'error.upload.too_many_megapixels': 'The image is too large ({megapixels:.0f} megapixels).',
    'error.upload.too_many_pixels': 'The image is too large ({width}×{height} pixels).',
    'error.upload.too_large': 'The image is too large.',
    # ---- storage
    'error.storage.missing': 'The image is missing.',
    'error.storage.not_deleted': 'The image could not be deleted.',
    'error.storage.bad_key': 'Invalid image key.',
    # ---- templates (for whoever edits the template library; the app refuses to start on these)
    'error.template.unknown': 'There is no template called “{slug}”.',
    'error.template.folder_missing': 'The template folder {folder!r} does not exist.',
    'error.template.unreadable': 'Template {file}: not a readable JSON file ({detail}).',
    'error.template.duplicate_slug': 'Template {file}: slug {slug!r} is already used by {other}.',
    'error.template.invalid': 'Template {file}: {detail}.',
    # ---- notices: what a generation adds to its failure or its result (phase 2 stores them as codes too)
    'notice.refunded': 'Your {n} credits were refunded.',
    'notice.fell_back': 'Finished with the basic renderer instead; your credits were refunded.',
}

FA: dict[str, str] = {
    'error.unexpected': 'مشکلی پیش آمد.',
    'error.provider.failed': 'سرویس تصویر با خطا روبه‌رو شد.',
    'error.provider.busy': 'سرویس تصویر اکنون شلوغ است. لطفاً یک دقیقه‌ی دیگر دوباره امتحان کنید.',
    'error.provider.refused': 'سرویس این درخواست را طبق قوانین محتوایی‌اش رد کرد. توضیح را جور دیگری بنویسید.',
    'error.provider.timeout': 'سرویس تصویر به‌موقع پاسخ نداد.',
    'error.provider.unavailable': 'سرویس تصویر اکنون در دسترس نیست.',
    'error.storage.not_stored': 'تصویر ذخیره نشد.',
    'error.quota.not_enough': 'اعتبار شما برای این سطح کافی نیست.',
    'error.upload.unusable': 'این فایل تصویر قابل‌استفاده‌ای نیست.',
    'error.request.invalid': 'این درخواست قابل انجام نیست.',
    'error.not_found': 'پیدا نشد.',
    'error.provider.refused_reason': 'سرویس این درخواست را رد کرد: {reason}',
    'error.provider.unreadable_image': 'سرویس تصویر، تصویری ناخوانا برگرداند.',
    'error.provider.no_image': 'سرویس تصویر هیچ تصویری برنگرداند.',
    'error.provider.unreadable_answer': 'پاسخ سرویس تصویر برای روتیکس خواندنی نبود.',
    'error.provider.rejected': 'سرویس تصویر درخواست را نپذیرفت.',
    'error.provider.rejected_parameters': 'سرویس تصویر تنظیمات درخواست را نپذیرفت.',
    'error.provider.key_rejected': 'سرویس تصویر کلید API را نپذیرفت.',
    'error.provider.out_of_credits': 'اعتبار حساب سرویس تصویر تمام شده است.',
    'error.provider.out_of_quota': 'سهمیه‌ی حساب سرویس تصویر تمام شده است.',
    'error.provider.model_unavailable': 'مدل تصویر در دسترس نیست.',
    'error.provider.model_unavailable_named': 'مدل تصویر {model} در دسترس نیست.',
    'error.provider.reference_too_large': 'تصویر مرجع برای این سرویس بیش از حد بزرگ است.',
    'error.quota.needs': 'این کار {need} اعتبار لازم دارد و شما {have} اعتبار دارید.',
    'error.generation.prompt_missing': 'اول تامبنیلی را که می‌خواهید توصیف کنید.',
    'error.generation.prompt_too_long': 'توضیح خیلی بلند است (حداکثر {limit} نویسه).',
    'error.generation.unknown_tier': 'سطح ناشناخته است.',
    'error.generation.tier_not_configured': 'سطح {tier} روی این سرور راه‌اندازی نشده است.',
    'error.generation.no_provider': 'برای سطح {tier} هیچ سرویسی تنظیم نشده است.',
    'error.generation.cancelled': 'لغو شد.',
    'error.generation.interrupted': 'به‌خاطر راه‌اندازی دوباره‌ی سرور متوقف شد.',
    'error.generation.render_failed': 'هنگام ساختن تصویر مشکلی پیش آمد.',
    'error.generation.busy': 'صبر کنید تا ساخت این تامبنیل تمام شود، بعد تغییرش دهید.',
    'error.generation.text_painted': (
        'متن این طرح را خود هوش مصنوعی کشیده است، پس ویرایش‌شدنی نیست. تغییر را در یک درخواست تازه توضیح دهید.'
    ),
    'error.generation.cancel_first': 'پیش از حذف، این تامبنیل را لغو کنید.',
    'error.generation.not_found': 'این تامبنیل وجود ندارد.',
    'error.generation.not_finished': 'ساخت این تامبنیل هنوز تمام نشده است.',
    'error.server.shutting_down': 'سرور در حال خاموش شدن است.',
    'error.chat.title_empty': 'عنوان نمی‌تواند خالی باشد.',
    'error.chat.message_missing': 'بنویسید چه می‌خواهید ببینید.',
    'error.chat.message_too_long': 'پیام خیلی بلند است (حداکثر {limit} نویسه).',
    'error.chat.not_found': 'این گفتگو وجود ندارد.',
    'error.chat.proposal_not_found': 'این پیشنهاد وجود ندارد.',
    'error.profile.brand_colors': 'حداکثر {n} رنگ به شکل ‎#RRGGBB وارد کنید؛ مثلاً ‎#FF0044.',
    'error.profile.name_too_long': 'نام حداکثر می‌تواند {limit} نویسه باشد.',
    'error.upload.not_found': 'این تصویر مرجع وجود ندارد.',
    'error.upload.damaged': 'فایل خراب است یا تصویر نیست.',
    'error.upload.unsupported': 'فقط تصویرهای JPEG، PNG و WebP پشتیبانی می‌شوند.',
    'error.upload.animated': 'تصویر متحرک پشتیبانی نمی‌شود.',
    'error.upload.too_many_bytes': 'تصویر بزرگ‌تر از {mb:g} مگابایت است.',
    'error.upload.too_many_megapixels': 'تصویر بیش از حد بزرگ است ({megapixels:.0f} مگاپیکسل).',
    'error.upload.too_many_pixels': 'تصویر بیش از حد بزرگ است ({width}×{height} پیکسل).',
    'error.upload.too_large': 'تصویر بیش از حد بزرگ است.',
    'error.storage.missing': 'تصویر پیدا نشد.',
    'error.storage.not_deleted': 'تصویر حذف نشد.',
    'error.storage.bad_key': 'کلید تصویر نامعتبر است.',
    'error.template.unknown': 'قالبی به نام «{slug}» وجود ندارد.',
    'error.template.folder_missing': 'پوشه‌ی قالب‌ها {folder!r} وجود ندارد.',
    'error.template.unreadable': 'قالب {file}: فایل JSON خواندنی نیست ({detail}).',
    'error.template.duplicate_slug': 'قالب {file}: شناسه‌ی {slug!r} را {other} پیش‌تر به کار برده است.',
    'error.template.invalid': 'قالب {file}: {detail}.',
    'notice.refunded': '{n} اعتبار شما برگردانده شد.',
    'notice.fell_back': 'به‌جای آن با سازنده‌ی پایه ساخته شد؛ اعتبار شما برگردانده شد.',
}

# The sign-in refusals already have texts the auth pages look up as ``auth.error.<code>``; the error codes
# ``auth.<code>`` share them rather than keep a second copy that could drift.
for _table, _source in ((EN, core.EN), (FA, core.FA)):
    _table.update(
        {f'error.auth.{k.removeprefix("auth.error.")}': v for k, v in _source.items() if k.startswith('auth.error.')}
    )

CODES: frozenset[str] = frozenset(key.removeprefix('error.') for key in EN if key.startswith('error.'))
"""Every code a RoutixError may carry."""
