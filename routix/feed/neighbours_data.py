"""What the mockups draw around the creator's thumbnail, per language: neutral neighbour videos, chips, metadata.

Invented titles and channel names (no real video, no real channel); the neighbours' pictures are generated
(``routix.feed.placeholders``), never copied.
"""

from __future__ import annotations

NEIGHBOURS: dict[str, list[tuple[str, str, str, str, str]]] = {
    # title, channel, views, age, duration
    'en': [
        ('I tried cooking every breakfast from one old cookbook', 'Slow Kitchen', '412K views', '2 days ago', '18:42'),
        ('Building a tiny cabin in 30 days (start to finish)', 'Woodline', '1.3M views', '3 weeks ago', '27:05'),
        ('The quiet history of the humble paperclip', 'Small Things', '96K views', '5 days ago', '11:19'),
        ('Beginner watercolour: skies in ten minutes', 'Paper & Water', '58K views', '1 month ago', '10:02'),
        ('We ranked every city bus we rode this year', 'Transit Notes', '233K views', '4 days ago', '22:37'),
        ('What a week without my phone taught me', 'Plain Days', '780K views', '2 months ago', '14:55'),
        ('Fixing a 40-year-old radio with spare parts', 'Bench Repairs', '129K views', '6 days ago', '31:48'),
        ('A calm hike above the clouds', 'Trail Diary', '64K views', '1 week ago', '9:21'),
    ],
    'fa': [
        ('همه صبحانه‌های یک کتاب آشپزی قدیمی را پختم', 'آشپزخانه آرام', '۴۱۲ هزار بازدید', '۲ روز پیش', '18:42'),
        ('ساختن یک کلبه کوچک در ۳۰ روز', 'چوب و خط', '۱٫۳ میلیون بازدید', '۳ هفته پیش', '27:05'),
        ('تاریخچه بی‌صدای گیره کاغذ', 'چیزهای کوچک', '۹۶ هزار بازدید', '۵ روز پیش', '11:19'),
        ('آبرنگ برای شروع: آسمان در ده دقیقه', 'کاغذ و آب', '۵۸ هزار بازدید', '۱ ماه پیش', '10:02'),
        ('همه اتوبوس‌های شهری امسال را رتبه‌بندی کردیم', 'یادداشت سفر', '۲۳۳ هزار بازدید', '۴ روز پیش', '22:37'),
        ('یک هفته بدون گوشی به من چه یاد داد', 'روزهای ساده', '۷۸۰ هزار بازدید', '۲ ماه پیش', '14:55'),
        ('تعمیر یک رادیوی ۴۰ ساله با قطعات اضافه', 'میز تعمیر', '۱۲۹ هزار بازدید', '۶ روز پیش', '31:48'),
        ('پیاده‌روی آرام بالای ابرها', 'دفترچه کوه', '۶۴ هزار بازدید', '۱ هفته پیش', '9:21'),
    ],
}

CHIPS: dict[str, list[str]] = {
    'en': ['All', 'Gaming', 'Music', 'Live', 'Podcasts', 'Cooking', 'Recently uploaded', 'New to you'],
    'fa': ['همه', 'بازی', 'موسیقی', 'زنده', 'پادکست', 'آشپزی', 'تازه بارگذاری‌شده', 'تازه برای شما'],
}

SIDEBAR_CHIPS: dict[str, list[str]] = {
    'en': ['All', 'From your channel', 'Related'],
    'fa': ['همه', 'از کانال شما', 'مرتبط'],
}

OURS: dict[str, tuple[str, str, str]] = {
    # the creator's card: views, age, default channel name
    'en': ('1.2K views', '1 hour ago', 'Your channel'),
    'fa': ('۱٫۲ هزار بازدید', '۱ ساعت پیش', 'کانال شما'),
}

SEARCH: dict[str, str] = {'en': 'Search', 'fa': 'جستجو'}
TV_ROWS: dict[str, tuple[str, str]] = {'en': ('Recommended', 'Continue watching'), 'fa': ('پیشنهادی', 'ادامه تماشا')}
PHONE_TABS: dict[str, list[str]] = {
    'en': ['Home', 'Shorts', '', 'Subscriptions', 'You'],
    'fa': ['خانه', 'شورتز', '', 'اشتراک‌ها', 'شما'],
}
