"""The offline analyser reads English, Persian and mixed prompts the way a creator means them."""

from __future__ import annotations

import colorsys
import random

import pytest

from routix.analysis.keywords_data import CATEGORY_DEFAULTS, STYLE_PALETTES
from routix.analysis.offline import MAX_HEADLINE_CHARS, MAX_HEADLINE_WORDS, OfflineAnalyzer, analyze_prompt
from routix.colors import contrast_ratio, find_colors, parse_color, readable_text_color, relative_luminance
from routix.language import normalize
from routix.vocabulary import CATEGORIES, MOODS, STYLES

RED, BLACK, BLUE, WHITE = parse_color('red'), parse_color('black'), parse_color('blue'), parse_color('white')

ENGLISH = {
    'gaming': 'Minecraft speedrun world record attempt, epic boss fight',
    'tech': 'Unboxing the new iPhone 16 Pro - honest review of the camera',
    'education': 'How to learn Python in 30 days: a beginner tutorial',
    'vlog': 'Day in the life vlog: my morning routine with my dog',
    'cooking': 'Easy pasta carbonara recipe for a quick dinner',
    'fitness': '30 day home workout challenge for six pack abs',
    'finance': 'How I invest in stocks and crypto for passive income',
    'travel': 'Backpacking through Japan: 10 days in Tokyo and Kyoto',
    'music': 'My first guitar cover of a classic rock song',
    'news': 'Breaking news: election results and what happens next',
    'beauty': 'Everyday makeup tutorial and skincare routine',
    'sports': 'Champions League final highlights: Real Madrid vs Liverpool',
}
PERSIAN = {
    'gaming': 'تامبنیل برای ویدیوی گیم پلی ماینکرافت و مبارزه با غول آخر',
    'tech': 'بررسی و آنباکس گوشی جدید سامسونگ',
    'education': 'آموزش ریاضی کنکور به زبان ساده',
    'vlog': 'ولاگ روزمره: یک روز با من در تهران',
    'cooking': 'طرز تهیه کیک شکلاتی خوشمزه در خانه',
    'fitness': 'تمرین بدنسازی در خانه برای کاهش وزن',
    'finance': 'سرمایه‌گذاری در بورس و ارز دیجیتال با سود بالا',
    'travel': 'سفرنامه اصفهان: سفر دو روزه به نصف جهان',
    'music': 'اجرای زنده آهنگ جدید با گیتار',
    'news': 'خبر فوری: آخرین اخبار انتخابات',
    'beauty': 'آموزش آرایش روزانه و مراقبت پوست',
    'sports': 'خلاصه بازی پرسپولیس و استقلال در دربی',
}
ODD_INPUTS = [
    '',
    ' ',
    '\n\t',
    '!!!',
    '???...',
    '🔥🔥🔥',
    '😀 👍🏽 🇮🇷',
    '"',
    '""',
    '“”',
    '«»',
    "'",
    "''",
    '#',
    '#zzz',
    '#ff00',
    '\u200c\u200c',
    'ـــ',
    '۱۲۳۴',
    '٤٥٦',
    'a',
    'x' * 2000,
    'word ' * 400,
    'قرمز ' * 500,
    '"' * 2000,
    '\x00\x01\x02',
    '\ud7ff',
    'é' * 50,
    'Ǆ',
    'ﻻﻻﻻ',
    'العربية يكتبها ك',
    '<script>alert(1)</script>',
    '{} {0} %s',
]


def test_the_offline_analyzer_is_an_async_analyzer_named_offline() -> None:
    assert OfflineAnalyzer.name == 'offline'


async def test_the_offline_analyzer_ignores_images_and_returns_the_pure_analysis() -> None:
    prompt = 'Fortnite victory royale thumbnail, neon style'
    analysis = await OfflineAnalyzer().analyze(prompt, images=[b'\x89PNG not really'])
    assert analysis == analyze_prompt(prompt)
    assert analysis.source == 'offline'


@pytest.mark.parametrize(('category', 'prompt'), ENGLISH.items(), ids=list(ENGLISH))
def test_an_english_prompt_lands_in_its_category(category: str, prompt: str) -> None:
    analysis = analyze_prompt(prompt)
    assert analysis.category == category
    assert analysis.confidence >= 0.6
    assert (analysis.language, analysis.direction) == ('en', 'ltr')
    assert analysis.is_valid()


@pytest.mark.parametrize(('category', 'prompt'), PERSIAN.items(), ids=list(PERSIAN))
def test_a_persian_prompt_lands_in_its_category(category: str, prompt: str) -> None:
    analysis = analyze_prompt(prompt)
    assert analysis.category == category
    assert analysis.confidence >= 0.6
    assert (analysis.language, analysis.direction) == ('fa', 'rtl')
    assert analysis.is_valid()


def test_every_category_has_a_default_look_inside_the_vocabularies() -> None:
    assert set(CATEGORY_DEFAULTS) == set(CATEGORIES)
    for defaults in CATEGORY_DEFAULTS.values():
        assert defaults.style in STYLES and defaults.mood in MOODS
        assert 2 <= len(defaults.palette) <= 5 and all(parse_color(c) == c for c in defaults.palette)
        assert defaults.headline_en and defaults.headline_fa
    assert set(STYLE_PALETTES) <= set(STYLES)


def test_a_prompt_that_names_no_style_mood_or_colour_gets_the_category_defaults() -> None:
    analysis = analyze_prompt('Easy pasta carbonara recipe for a quick dinner')
    defaults = CATEGORY_DEFAULTS['cooking']
    assert (analysis.style, analysis.mood) == (defaults.style, defaults.mood)
    assert analysis.palette == list(defaults.palette)


@pytest.mark.parametrize(
    ('prompt', 'style', 'mood'),
    [
        ('minimal thumbnail for my calm morning routine', 'minimal', 'calm'),
        ('retro 80s synth album cover, nostalgic and mysterious', 'retro', 'mysterious'),
        ('luxury watch review, elegant and serious', 'elegant', 'serious'),
        ('funny cartoon prank video', 'playful', 'fun'),
        ('تامبنیل مینیمال و آرام برای مدیتیشن', 'minimal', 'calm'),
        ('یک تامبنیل نئونی و پرانرژی برای بازی', 'neon', 'energetic'),
        ('سبک سینمایی با حس مرموز و ترسناک', 'cinematic', 'mysterious'),
    ],
)
def test_style_and_mood_words_in_either_language_are_honoured(prompt: str, style: str, mood: str) -> None:
    analysis = analyze_prompt(prompt)
    assert (analysis.style, analysis.mood) == (style, mood)


def test_a_named_style_brings_its_own_palette() -> None:
    assert analyze_prompt('cooking video, neon style').palette == list(STYLE_PALETTES['neon'])


def test_a_prompt_with_no_keywords_falls_back_to_vlog_with_low_confidence() -> None:
    analysis = analyze_prompt('something about the thing we talked about')
    assert analysis.category == 'vlog'
    assert analysis.confidence <= 0.3


def test_confidence_is_lower_when_two_categories_compete() -> None:
    clear = analyze_prompt('Fortnite gameplay boss fight speedrun')
    torn = analyze_prompt('pizza and fortnite')
    assert clear.confidence > torn.confidence


@pytest.mark.parametrize(
    ('prompt', 'headline'),
    [
        ('gaming thumbnail with the text "Epic Win!" in red', 'Epic Win!'),
        ('thumbnail saying “iPhone 16 — WORTH IT?” please', 'iPhone 16 — WORTH IT?'),
        ('Überschrift „Hallo Welt“ für mein Video', 'Hallo Welt'),
        ('یک تامبنیل با متن «سلام دنیا» بساز', 'سلام دنیا'),
        ("make a thumbnail titled 'Top 10 Games of 2025'", 'Top 10 Games of 2025'),
        ('a thumbnail called ‘Don’t Stop Now’', 'Don’t Stop Now'),
        ('headline "  spaces   inside  " kept', 'spaces   inside'),
        ('text "lowercase stays lowercase"', 'lowercase stays lowercase'),
        ('"NEW RECORD!" Minecraft speedrun', 'NEW RECORD!'),
    ],
)
def test_quoted_text_becomes_the_headline_exactly_as_typed(prompt: str, headline: str) -> None:
    assert analyze_prompt(prompt).headline == headline


def test_a_second_quoted_phrase_becomes_the_subtitle() -> None:
    analysis = analyze_prompt('thumbnail for my pasta video, headline "Best Pasta Ever" and subtitle «سریع و آسان»')
    assert (analysis.headline, analysis.subtitle) == ('Best Pasta Ever', 'سریع و آسان')
    assert analysis.direction == 'ltr'


def test_apostrophes_are_not_quotes() -> None:
    analysis = analyze_prompt("it's my dog's birthday and we're throwing a party")
    assert analysis.headline == "Dog's Birthday"
    assert analysis.subtitle == "we're throwing a party"  # the rest of a long description, not a quote


@pytest.mark.parametrize(
    ('prompt', 'headline', 'subtitle'),
    [
        (
            'I want a thumbnail for my video where I test the new iPhone 16 Pro camera against a professional DSLR',
            'iPhone 16 Pro Camera',
            'a professional DSLR',
        ),
        (
            'video about how I lost 20 kg in six months by walking every day',
            'How I Lost 20 Kg',
            'in six months by walking every day',
        ),
        (
            'ویدیوی من درباره سفر ده روزه به ژاپن و دیدن توکیو و کیوتو با بودجه کم است',
            'سفر ده روزه به ژاپن',
            'دیدن توکیو و کیوتو با بودجه کم',
        ),
        (
            'یک تامبنیل برای ویدیویی که گوشی جدید سامسونگ را با آیفون ۱۵ در عکاسی شب مقایسه می‌کنم',
            'گوشی جدید سامسونگ',
            'با آیفون ۱۵ در عکاسی شب مقایسه می‌کنم',
        ),
    ],
)
def test_a_long_description_gets_a_short_headline_and_keeps_the_rest_as_subtitle(
    prompt: str, headline: str, subtitle: str
) -> None:
    analysis = analyze_prompt(prompt)
    assert (analysis.headline, analysis.subtitle) == (headline, subtitle)
    assert len(analysis.headline.split()) <= 5


def test_a_short_description_keeps_its_words_and_gets_no_subtitle() -> None:
    analysis = analyze_prompt('unboxing my new iPhone 15 Pro')
    assert (analysis.headline, analysis.subtitle) == ('Unboxing My New iPhone 15 Pro', '')


@pytest.mark.parametrize(
    ('prompt', 'forbidden'),
    [
        ('Make a thumbnail for my video about cooking the perfect pasta carbonara, use red and white', 'thumbnail'),
        ('I want a thumbnail for my video about how I lost 20kg in 3 months', 'want'),
        ('Please design something about my trip to Japan', 'please'),
        ('Fortnite victory royale thumbnail, neon style', 'neon'),
        ('can you create a youtube cover for my stock market crash explained video, navy and gold', 'navy'),
        ('لطفا یک تامبنیل برای ویدیوی آشپزی پاستا بساز', 'بساز'),
        ('یک تامبنیل برای ویدیوم درباره سفر به شیراز می‌خواهم', 'تامبنیل'),
        ('word ' * 400, 'word word word word word word word'),
    ],
)
def test_a_derived_headline_is_short_keeps_the_topic_and_drops_instructions(prompt: str, forbidden: str) -> None:
    headline = analyze_prompt(prompt).headline
    assert headline.strip()
    assert len(headline.split()) <= MAX_HEADLINE_WORDS and len(headline) <= MAX_HEADLINE_CHARS
    assert forbidden.lower() not in normalize(headline)


@pytest.mark.parametrize(
    ('prompt', 'headline'),
    [
        ('Fortnite victory royale thumbnail, neon style', 'Fortnite Victory Royale'),
        ('I want a thumbnail for my video about how I lost 20kg in 3 months', 'How I Lost 20kg'),
        ('Please design something about my trip to Japan', 'Trip to Japan'),
        ('unboxing my new iPhone 15 Pro', 'Unboxing My New iPhone 15 Pro'),
        ('یک تامبنیل برای ویدیوم درباره سفر به شیراز می‌خواهم', 'سفر به شیراز'),
        ('یک تامبنیل گیمینگ با رنگ‌های قرمز و مشکی برای ویدیوی فورتنایت بساز', 'فورتنایت'),
    ],
)
def test_english_headlines_are_title_case_and_persian_ones_keep_their_words(prompt: str, headline: str) -> None:
    assert analyze_prompt(prompt).headline == headline


def test_the_subject_is_the_object_the_main_noun_phrase_names() -> None:
    # a name from routix.analysis.subjects_data (the thumbnail draws it), no longer the raw phrase ('a cat')
    assert analyze_prompt('make a thumbnail of a cat playing piano').subject == 'cat'
    assert analyze_prompt('unboxing my new iPhone').subject == 'smartphone'
    assert analyze_prompt('pasta, red and white').subject == 'spaghetti'


@pytest.mark.parametrize(
    ('prompt', 'leading'),
    [
        ('gaming thumbnail in red and black', [RED, BLACK]),
        ('black and red gaming thumbnail', [BLACK, RED]),
        ('تامبنیل گیمینگ با رنگ قرمز و مشکی', [RED, BLACK]),
        ('رنگ‌های سیاه و سفيد برای ویدیو', [BLACK, WHITE]),
        ('use #ff0000 and #0f0 for my gaming video', ['#ff0000', '#00ff00']),
        ('blue, then قرمز, then #ABC', [BLUE, RED, '#aabbcc']),
        ('dark blue and light grey', [parse_color('dark blue'), parse_color('light grey')]),
        ('red and no blue', [RED]),
    ],
)
def test_colours_mentioned_lead_the_palette_in_order(prompt: str, leading: list[str]) -> None:
    palette = analyze_prompt(prompt).palette
    assert palette[: len(leading)] == leading
    assert 2 <= len(palette) <= 5 and len(set(palette)) == len(palette)


def test_colour_words_inside_the_quoted_title_do_not_set_the_palette() -> None:
    analysis = analyze_prompt('"Red Dead Redemption 2" gameplay thumbnail')
    assert analysis.palette == list(CATEGORY_DEFAULTS['gaming'].palette)


@pytest.mark.parametrize(
    ('prompt', 'language', 'direction'),
    [
        ('a thumbnail for my cooking video', 'en', 'ltr'),
        ('یک تامبنیل برای ویدیوی آشپزی', 'fa', 'rtl'),
        ('بررسی گوشی iPhone 15 Pro Max', 'mixed', 'rtl'),
        ('iPhone 15 Pro Max بررسی گوشی', 'mixed', 'ltr'),
        ('gaming thumbnail with the text «بازی تمام شد»', 'en', 'rtl'),
        ('تامبنیل بازی فورتنایت with big neon text', 'mixed', 'rtl'),
        ('یک تامبنیل برای ویدیوی فورتنایت با متن "GAME OVER" بساز', 'fa', 'ltr'),
        ('🔥🔥🔥', 'en', 'ltr'),
        ('۱۲۳', 'fa', 'rtl'),
    ],
)
def test_language_follows_the_prompt_and_direction_follows_the_headline(
    prompt: str, language: str, direction: str
) -> None:
    analysis = analyze_prompt(prompt)
    assert (analysis.language, analysis.direction) == (language, direction)


def test_arabic_letter_variants_zwnj_and_digits_match_like_persian() -> None:
    persian = analyze_prompt('آشپزی کیک شکلاتی')
    arabic = analyze_prompt('اشپزي كيك شكلاتي')
    assert persian.category == arabic.category == 'cooking'
    assert normalize('می‌خواهم ۱۲ ٣٤ ي ك') == 'میخواهم 12 34 ی ک'
    assert analyze_prompt('سرمایه‌گذاری در بورس').category == analyze_prompt('سرمایه گذاری در بورس').category


def test_the_same_prompt_always_gives_the_same_analysis() -> None:
    prompts = [*ENGLISH.values(), *PERSIAN.values(), 'blue, then قرمز, then #ABC']
    assert [analyze_prompt(p).to_dict() for p in prompts] == [analyze_prompt(p).to_dict() for p in prompts]


@pytest.mark.parametrize('prompt', ODD_INPUTS, ids=range(len(ODD_INPUTS)))
def test_odd_input_still_gives_a_valid_analysis(prompt: str) -> None:
    analysis = analyze_prompt(prompt)
    assert analysis.is_valid(), analysis
    assert analysis.language in ('en', 'fa', 'mixed')
    assert 2 <= len(analysis.palette) <= 5


def test_random_strings_never_break_the_analyzer() -> None:
    rng = random.Random(20251121)
    alphabet = 'abcXYZ 019#"\'«»“”„‘’!?.,:;-\n\t آبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكة\u200c۰۹🔥😀\u0301\u064b'
    for _ in range(1500):
        prompt = ''.join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        analysis = analyze_prompt(prompt)
        assert analysis.is_valid(), (prompt, analysis)
        assert analysis == analyze_prompt(prompt)


def test_property_any_string_gives_a_valid_analysis() -> None:
    hypothesis = pytest.importorskip('hypothesis')
    strategies = pytest.importorskip('hypothesis.strategies')

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(strategies.text(max_size=300))
    def check(prompt: str) -> None:
        assert analyze_prompt(prompt).is_valid()

    check()


def test_colour_words_and_hex_codes_parse_in_both_languages() -> None:
    assert parse_color('Red') == parse_color('قرمز') == parse_color('سرخ')
    assert parse_color('black') == parse_color('مشکی') == parse_color('سیاه') == '#000000'
    assert parse_color('grey') == parse_color('gray') == parse_color('خاکستری')
    assert parse_color('silver') == parse_color('نقره‌ای') == parse_color('نقره ای') == parse_color('نقرهاي')
    assert parse_color('#ABC') == '#aabbcc' and parse_color(' #A1B2C3 ') == '#a1b2c3'
    assert parse_color('آبی تیره') == parse_color('dark blue') != parse_color('blue')
    assert parse_color('neon') and parse_color('#12') is None and parse_color('make it red') is None
    assert parse_color('salmon') is None  # food words are not colours


def test_find_colors_keeps_order_and_drops_repeats_and_bare_neon() -> None:
    assert find_colors('red, blue, RED, قرمز') == [RED, BLUE]
    assert find_colors('neon style with pink') == [parse_color('pink')]
    assert find_colors('neon pink') == [parse_color('neon pink')]


def test_contrast_helpers_follow_wcag() -> None:
    assert relative_luminance('#000000') == 0 and relative_luminance('#fff') == pytest.approx(1)
    assert contrast_ratio('#000', '#fff') == pytest.approx(21)
    assert contrast_ratio('#777777', '#777777') == pytest.approx(1)
    assert readable_text_color('#ffff00') == '#000000'
    assert readable_text_color('#1a237e') == '#ffffff'
    with pytest.raises(ValueError):
        relative_luminance('red')


# ---- colour families, Persian colour words ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ('prompt', 'family'),
    [
        ('Cooking tutorial "5-Minute Pasta", warm and cosy colours', 'warm'),
        ('ویدیوی آشپزی «پاستای پنج دقیقه‌ای» با رنگ‌های گرم', 'warm'),
        ('a travel vlog in cool tones', 'cool'),
        ('تامبنیل سفر با رنگ های سرد', 'cool'),
        ('beauty routine, pastel colours', 'pastel'),
        ('روتین پوستی با رنگ‌های پاستلی', 'pastel'),
        ('gaming thumbnail with neon colours', 'neon'),
        ('تامبنیل بازی با رنگ‌های نئونی', 'neon'),
    ],
)
def test_a_colour_family_names_colours_and_leads_the_palette(prompt: str, family: str) -> None:
    analysis = analyze_prompt(prompt)
    assert len(analysis.named_colors) >= 3
    assert analysis.palette[:3] == analysis.named_colors[:3]
    assert all(_looks(family, color) for color in analysis.named_colors)


def _looks(family: str, color: str) -> bool:
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, light, sat = colorsys.rgb_to_hls(r, g, b)
    degrees = hue * 360
    return {
        'warm': degrees <= 65 or degrees >= 330,
        'cool': 150 <= degrees <= 300,
        'pastel': light >= 0.7,
        'neon': sat >= 0.9 and light >= 0.5,
    }[family]


@pytest.mark.parametrize(
    ('prompt', 'name'),
    [('تامبنیل با رنگ سرمه‌ای و طلایی', 'navy'), ('پس زمینه فیروزه‌ای', 'cyan'), ('متن زرشکی روی مشکی', 'crimson')],
)
def test_persian_colour_names_reach_the_analysis(prompt: str, name: str) -> None:
    analysis = analyze_prompt(prompt)
    assert parse_color(name) in analysis.named_colors
    assert parse_color(name) in analysis.palette


def test_colour_families_need_a_colour_meaning() -> None:
    assert find_colors('warm up routine before leg day') == []
    assert find_colors('۱۰۰ گرم آرد و یک لیوان شیر') == []
    assert find_colors('cool tricks for your phone') == []
    assert find_colors('no warm colours, just blue') == [parse_color('blue')]
    assert find_colors('pastel pink') == [parse_color('pastel pink')]
