"""Strings of account recovery and care: the forgot/reset/verify pages, the account page's care cards, the mails."""

from __future__ import annotations

EN: dict[str, str] = {
    # /forgot
    'forgot.link': 'Forgot your password?',
    'forgot.title': 'Reset your password',
    'forgot.hint': 'Enter the email of your account. If it exists, we send a link to choose a new password.',
    'forgot.submit': 'Send the link',
    'forgot.sent': (
        'If an account with that email exists, a link is on its way. It works once, for 30 minutes. '
        'Check your spam folder too.'
    ),
    'forgot.no_mail': (
        'This Routix cannot send mail. Ask its operator for a reset link (routix users reset-link YOUR-EMAIL).'
    ),
    'forgot.back': 'Back to sign in',
    # /reset
    'reset.title': 'Choose a new password',
    'reset.submit': 'Save the new password',
    'reset.done': 'Your password was changed and every session ended. Sign in with the new password.',
    'reset.again': 'Ask for a new link',
    # /verify
    'verify.title': 'Confirm your email',
    'verify.hint': 'Confirm that this address belongs to you.',
    'verify.submit': 'Confirm my email',
    'verify.done': 'Thank you: your email address is confirmed.',
    # the account page
    'care.password': 'Password',
    'care.current_password': 'Current password',
    'care.new_password': 'New password',
    'care.change_password': 'Change password',
    'care.password_changed': 'Password changed. Your other sessions ended.',
    'care.email': 'Email address',
    'care.new_email': 'New email address',
    'care.change_email': 'Change email',
    'care.email_changed': 'Email address changed.',
    'care.verified': 'Confirmed',
    'care.unverified': 'Not confirmed yet',
    'care.verification_required': 'Please confirm your email address: we send a link to it.',
    'care.send_verification': 'Send a confirmation link',
    'care.verification_sent': 'A confirmation link is on its way to {email}.',
    'care.no_mail': 'This Routix cannot send mail; ask its operator.',
    'care.data': 'Your data',
    'care.export': 'Download my data (zip)',
    'care.export.hint': 'Your thumbnails, their recipes (what made them) and your credit ledger.',
    'care.delete': 'Delete my account',
    'care.delete.hint': 'Deletes your account, your thumbnails, uploads and conversations. This cannot be undone.',
    'care.delete.confirm': 'Enter your password to delete your account for good.',
    'care.delete.submit': 'Delete everything',
    'care.no_password': 'This account signs in with a provider and has no password; use “Forgot your password?”.',
    # mails (plain text)
    'mail.reset.subject': 'Reset your Routix password',
    'mail.reset.body': (
        'Hello,\n\nsomeone (we hope you) asked to reset the password of your Routix account.\n'
        'Choose a new password here:\n\n{link}\n\nThe link works once, for {minutes} minutes. '
        'If you did not ask for it, ignore this mail: your password stays as it is.\n'
    ),
    'mail.verify.subject': 'Confirm your email for Routix',
    'mail.verify.body': (
        'Hello,\n\nplease confirm that this address belongs to your Routix account:\n\n{link}\n\n'
        'The link works once, for {minutes} minutes. If you did not ask for it, ignore this mail.\n'
    ),
}

FA: dict[str, str] = {
    'forgot.link': 'گذرواژه را فراموش کرده‌اید؟',
    'forgot.title': 'بازنشانی گذرواژه',
    'forgot.hint': 'ایمیل حسابتان را وارد کنید. اگر چنین حسابی باشد، پیوندی برای گذرواژهٔ تازه می‌فرستیم.',
    'forgot.submit': 'پیوند را بفرست',
    'forgot.sent': (
        'اگر حسابی با این ایمیل باشد، پیوند در راه است. فقط یک بار و تا ۳۰ دقیقه کار می‌کند. پوشهٔ هرزنامه را هم ببینید.'
    ),
    'forgot.no_mail': (
        'این Routix نمی‌تواند ایمیل بفرستد. از گردانندهٔ آن پیوند بازنشانی بخواهید (routix users reset-link ایمیل‌شما).'
    ),
    'forgot.back': 'بازگشت به ورود',
    'reset.title': 'گذرواژهٔ تازه را برگزینید',
    'reset.submit': 'ذخیرهٔ گذرواژهٔ تازه',
    'reset.done': 'گذرواژهٔ شما عوض شد و همهٔ نشست‌ها پایان یافت. با گذرواژهٔ تازه وارد شوید.',
    'reset.again': 'درخواست پیوند تازه',
    'verify.title': 'تأیید ایمیل',
    'verify.hint': 'تأیید کنید که این نشانی از آنِ شماست.',
    'verify.submit': 'ایمیلم را تأیید کن',
    'verify.done': 'سپاس: نشانی ایمیل شما تأیید شد.',
    'care.password': 'گذرواژه',
    'care.current_password': 'گذرواژهٔ کنونی',
    'care.new_password': 'گذرواژهٔ تازه',
    'care.change_password': 'تغییر گذرواژه',
    'care.password_changed': 'گذرواژه عوض شد. نشست‌های دیگر شما پایان یافت.',
    'care.email': 'نشانی ایمیل',
    'care.new_email': 'نشانی ایمیل تازه',
    'care.change_email': 'تغییر ایمیل',
    'care.email_changed': 'نشانی ایمیل عوض شد.',
    'care.verified': 'تأییدشده',
    'care.unverified': 'هنوز تأیید نشده',
    'care.verification_required': 'لطفاً نشانی ایمیل خود را تأیید کنید: پیوندی به آن می‌فرستیم.',
    'care.send_verification': 'فرستادن پیوند تأیید',
    'care.verification_sent': 'پیوند تأیید به {email} در راه است.',
    'care.no_mail': 'این Routix نمی‌تواند ایمیل بفرستد؛ از گردانندهٔ آن بپرسید.',
    'care.data': 'داده‌های شما',
    'care.export': 'دریافت داده‌هایم (zip)',
    'care.export.hint': 'تصویرهای بندانگشتی، دستورِ ساخت هرکدام و دفتر اعتبار شما.',
    'care.delete': 'حذف حساب من',
    'care.delete.hint': 'حساب، تصویرها، بارگذاری‌ها و گفت‌وگوهای شما حذف می‌شود. این کار برگشت‌پذیر نیست.',
    'care.delete.confirm': 'برای حذف همیشگی حساب، گذرواژهٔ خود را وارد کنید.',
    'care.delete.submit': 'همه را حذف کن',
    'care.no_password': 'این حساب با یک سرویس دیگر وارد می‌شود و گذرواژه ندارد؛ از «گذرواژه را فراموش کرده‌اید؟» استفاده کنید.',
    'mail.reset.subject': 'بازنشانی گذرواژهٔ Routix',
    'mail.reset.body': (
        'سلام،\n\nکسی (امیدواریم خودتان) خواسته است گذرواژهٔ حساب Routix شما بازنشانی شود.\n'
        'گذرواژهٔ تازه را اینجا برگزینید:\n\n{link}\n\nاین پیوند فقط یک بار و تا {minutes} دقیقه کار می‌کند. '
        'اگر شما نخواسته‌اید، این نامه را نادیده بگیرید: گذرواژه‌تان همان می‌ماند.\n'
    ),
    'mail.verify.subject': 'تأیید ایمیل برای Routix',
    'mail.verify.body': (
        'سلام،\n\nلطفاً تأیید کنید که این نشانی از آنِ حساب Routix شماست:\n\n{link}\n\n'
        'این پیوند فقط یک بار و تا {minutes} دقیقه کار می‌کند. اگر شما نخواسته‌اید، این نامه را نادیده بگیرید.\n'
    ),
}
