"""The texts of every error code (``error.<code>``) and of the notices a failure can carry, in English and Persian.

The keys of ``EN`` under ``error.`` are the closed list of codes a ``RoutixError`` may carry (``CODES``);
tests/test_messages.py checks that each has Persian with the same placeholders, and that every raise in
``routix/`` names one of them. The English text is also the error's ``user_message`` (logs, the CLI, ``str``).
Placeholders are filled from the error's ``params``; a format spec (``{mb:g}``) belongs to the placeholder and
is the same in both languages.
"""

from __future__ import annotations

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
    # ---- accounts (AuthError's default is auth.credentials); the sign-in pages show error.auth.<reason>
    'error.auth.credentials': 'Email or password is not correct.',
    'error.auth.throttled': 'Too many attempts. Try again in {minutes} minutes.',
    'error.auth.csrf': 'This form has expired. Please try again.',
    'error.auth.email': 'That email address is not valid.',
    'error.auth.password_short': 'Use at least 10 characters for the password.',
    'error.auth.password_long': 'Use at most 256 characters for the password.',
    'error.auth.password_classes': 'Mix at least two of: lower-case letters, upper-case letters, digits, symbols.',
    'error.auth.password_email': 'The password must not be your email address.',
    'error.auth.taken': 'Check your details or sign in if you already have an account.',
    'error.auth.oauth': 'Signing in with that provider did not work. Please try again.',
    'error.auth.oauth_email': 'That provider did not confirm an email address for your account.',
    'error.auth.oauth_exists': 'An account with this email already exists. Sign in with your password.',
    'error.auth.disabled': 'This account has been disabled. Ask the operator of this Routix to enable it.',
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
    'error.edit.no_change': 'That would not change anything on this thumbnail, so I kept it as it is.',
    'error.generation.cancel_first': 'Cancel this thumbnail before deleting it.',
    'error.generation.not_found': 'That thumbnail does not exist.',
    'error.generation.not_finished': 'That thumbnail is not finished.',
    'error.server.shutting_down': 'The server is shutting down.',
    'error.server.busy': 'The server is too busy to save that right now. Please try again in a moment.',
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
    'error.upload.too_many': 'At most {n} reference images can wait for a message; send or remove one first.',
    'error.upload.quota': 'Your storage is full ({mb} MB): delete some thumbnails before adding more images.',
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
    # ---- the command line (routix/cli.py)
    'error.cli.no_such_file': 'No such file: {path}',
    'error.cli.tier_needs_key': 'The {tier} tier needs a provider key: set {variable}.',
    'error.variants.unknown_axis': 'There is no variant axis “{axis}”; choose one of: {axes}.',
    'error.variants.count': 'A variant set has 2 or 3 thumbnails (YouTube tests up to {max}).',
    'error.variants.basic_only': 'The command line makes variant sets with the basic renderer only.',
    # ---- fair use (routix/core/limits.py): refused before anything is charged
    'error.limits.active': 'You already have {n} thumbnails in progress. Wait until one is finished.',
    'error.limits.generations': 'At most {n} thumbnails a minute. Try again in {seconds} seconds.',
    'error.limits.uploads': 'At most {n} images a minute. Try again in {seconds} seconds.',
    'error.limits.messages': 'At most {n} messages a minute. Try again in {seconds} seconds.',
    # ---- operators' commands (routix/ops/)
    'error.ops.no_such_user': 'There is no account with the email {email}.',
    'error.ops.user_exists': 'An account with the email {email} already exists.',
    'error.ops.passwords_differ': 'The two passwords differ.',
    'error.ops.amount_zero': 'Grant or revoke at least one credit.',
    'error.ops.reason_missing': 'Say why (--reason); it goes into the ledger.',
    'error.ops.below_zero': 'The balance cannot go below zero: {email} has {have} credits.',
    'error.ops.backup_exists': 'The backup folder {path} is not empty: choose a new one.',
    'error.ops.backup_unreadable': '{path} is not a Routix backup (no readable manifest.json).',
    'error.ops.restore_not_empty': 'The data directory {path} is not empty: restore only into an empty one.',
    'error.ops.backup_postgres': (
        'DATABASE_URL is PostgreSQL: back it up with pg_dump (e.g. pg_dump -Fc -f routix.dump "$DATABASE_URL") '
        'and restore with pg_restore.'
    ),
    'error.ops.backup_s3': (
        'Images are in the S3 bucket {bucket}: back it up with the provider\'s versioning or replication, '
        'or copy it (e.g. aws s3 sync s3://{bucket}/{prefix} DEST).'
    ),
    # ---- notices: what a generation adds to its failure or its result (stored as keys, see Generation.notices)
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
    'error.auth.credentials': 'ایمیل یا گذرواژه درست نیست.',
    'error.auth.throttled': 'تلاش‌ها بیش از حد بود. {minutes} دقیقهٔ دیگر دوباره امتحان کنید.',
    'error.auth.csrf': 'این فرم منقضی شده است. لطفاً دوباره تلاش کنید.',
    'error.auth.email': 'این نشانی ایمیل معتبر نیست.',
    'error.auth.password_short': 'گذرواژه باید دست‌کم ۱۰ نویسه باشد.',
    'error.auth.password_long': 'گذرواژه حداکثر می‌تواند ۲۵۶ نویسه باشد.',
    'error.auth.password_classes': 'دست‌کم دو مورد از این‌ها را ترکیب کنید: حروف کوچک، حروف بزرگ، اعداد، نمادها.',
    'error.auth.password_email': 'گذرواژه نباید همان نشانی ایمیل شما باشد.',
    'error.auth.taken': 'اطلاعات را بررسی کنید، یا اگر از قبل حساب دارید وارد شوید.',
    'error.auth.oauth': 'ورود با این سرویس انجام نشد. لطفاً دوباره تلاش کنید.',
    'error.auth.oauth_email': 'این سرویس نشانی ایمیل تأییدشده‌ای برای حساب شما ارائه نکرد.',
    'error.auth.oauth_exists': 'حسابی با این ایمیل از قبل وجود دارد. با گذرواژهٔ خود وارد شوید.',
    'error.auth.disabled': 'این حساب غیرفعال شده است. از گرداننده‌ی این Routix بخواهید آن را فعال کند.',
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
    'error.edit.no_change': 'این تغییر چیزی را در این تامبنیل عوض نمی‌کرد، پس همان‌طور نگهش داشتم.',
    'error.generation.cancel_first': 'پیش از حذف، این تامبنیل را لغو کنید.',
    'error.generation.not_found': 'این تامبنیل وجود ندارد.',
    'error.generation.not_finished': 'ساخت این تامبنیل هنوز تمام نشده است.',
    'error.server.shutting_down': 'سرور در حال خاموش شدن است.',
    'error.server.busy': 'سرور اکنون آن‌قدر شلوغ است که نمی‌تواند این را ذخیره کند. لطفاً کمی بعد دوباره امتحان کنید.',
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
    'error.upload.too_many': 'حداکثر {n} تصویر نمونه می‌تواند منتظر پیام بماند؛ اول یکی را بفرستید یا حذف کنید.',
    'error.upload.quota': 'فضای ذخیره‌سازی شما پر است ({mb} مگابایت): پیش از افزودن تصویر، چند تصویر را حذف کنید.',
    'error.storage.missing': 'تصویر پیدا نشد.',
    'error.storage.not_deleted': 'تصویر حذف نشد.',
    'error.storage.bad_key': 'کلید تصویر نامعتبر است.',
    'error.template.unknown': 'قالبی به نام «{slug}» وجود ندارد.',
    'error.template.folder_missing': 'پوشه‌ی قالب‌ها {folder!r} وجود ندارد.',
    'error.template.unreadable': 'قالب {file}: فایل JSON خواندنی نیست ({detail}).',
    'error.template.duplicate_slug': 'قالب {file}: شناسه‌ی {slug!r} را {other} پیش‌تر به کار برده است.',
    'error.template.invalid': 'قالب {file}: {detail}.',
    'error.cli.no_such_file': 'چنین فایلی وجود ندارد: {path}',
    'error.cli.tier_needs_key': 'سطح {tier} به کلید یک سرویس تصویر نیاز دارد: {variable} را تنظیم کنید.',
    'error.variants.unknown_axis': 'محوری به نام «{axis}» برای نسخه‌ها نیست؛ یکی از این‌ها را انتخاب کنید: {axes}.',
    'error.variants.count': 'هر مجموعه ۲ یا ۳ تصویر دارد (یوتیوب حداکثر {max} تصویر را می‌آزماید).',
    'error.variants.basic_only': 'خط فرمان مجموعه‌ی نسخه‌ها را فقط با سازنده‌ی پایه می‌سازد.',
    'error.limits.active': 'هم‌اکنون {n} تامبنیل در حال ساخت دارید. صبر کنید تا یکی تمام شود.',
    'error.limits.generations': 'حداکثر {n} تامبنیل در دقیقه. {seconds} ثانیه‌ی دیگر دوباره امتحان کنید.',
    'error.limits.uploads': 'حداکثر {n} تصویر در دقیقه. {seconds} ثانیه‌ی دیگر دوباره امتحان کنید.',
    'error.limits.messages': 'حداکثر {n} پیام در دقیقه. {seconds} ثانیه‌ی دیگر دوباره امتحان کنید.',
    'error.ops.no_such_user': 'حسابی با ایمیل {email} وجود ندارد.',
    'error.ops.user_exists': 'حسابی با ایمیل {email} از قبل وجود دارد.',
    'error.ops.passwords_differ': 'دو گذرواژه یکسان نیستند.',
    'error.ops.amount_zero': 'دست‌کم یک اعتبار بدهید یا پس بگیرید.',
    'error.ops.reason_missing': 'دلیل را بنویسید (‎--reason)؛ در دفتر اعتبار ثبت می‌شود.',
    'error.ops.below_zero': 'موجودی نمی‌تواند منفی شود: {email} \u200f{have} اعتبار دارد.',
    'error.ops.backup_exists': 'پوشه‌ی پشتیبان {path} خالی نیست: پوشه‌ی تازه‌ای انتخاب کنید.',
    'error.ops.backup_unreadable': '{path} پشتیبان Routix نیست (فایل manifest.json خواندنی ندارد).',
    'error.ops.restore_not_empty': 'پوشه‌ی داده‌ها {path} خالی نیست: فقط در پوشه‌ی خالی بازگردانی کنید.',
    'error.ops.backup_postgres': (
        'پایگاه داده PostgreSQL است: با pg_dump از آن پشتیبان بگیرید '
        '(مثلاً pg_dump -Fc -f routix.dump "$DATABASE_URL") و با pg_restore بازگردانید.'
    ),
    'error.ops.backup_s3': (
        'تصویرها در سطل S3 به نام {bucket} هستند: با نسخه‌بندی یا تکثیر سرویس‌دهنده از آن پشتیبان بگیرید، '
        'یا رونوشت بگیرید (مثلاً aws s3 sync s3://{bucket}/{prefix} DEST).'
    ),
    'notice.refunded': '{n} اعتبار شما برگردانده شد.',
    'notice.fell_back': 'به‌جای آن با سازنده‌ی پایه ساخته شد؛ اعتبار شما برگردانده شد.',
}

CODES: frozenset[str] = frozenset(key.removeprefix('error.') for key in EN if key.startswith('error.'))
"""Every code a RoutixError may carry."""
