"""Keyword tables (English and Persian) the offline analyser and the edits read: categories, styles, moods, filler."""

from __future__ import annotations

from dataclasses import dataclass

from routix.language import compile_phrases, key_set


@dataclass(kw_only=True, slots=True, frozen=True)
class CategoryDefaults:
    """What a category looks like when the prompt says nothing about style, mood or colours."""

    style: str
    mood: str
    palette: tuple[str, ...]
    headline_en: str
    headline_fa: str


def _phrases(*lists: str) -> tuple[str, ...]:
    return tuple(phrase.strip() for text in lists for phrase in text.split(',') if phrase.strip())


def _defaults(*rows: str) -> dict[str, CategoryDefaults]:
    table = {}
    for row in rows:
        category, style, mood, *rest = row.split(' ', 8)
        palette, (english, persian) = tuple(rest[:5]), rest[5].split(' | ')
        table[category] = CategoryDefaults(
            style=style, mood=mood, palette=palette, headline_en=english, headline_fa=persian
        )
    return table


# Each category: English phrases, then Persian ones. Plurals and Persian suffixes are matched by _forms.
CATEGORY_KEYWORDS: dict[str, tuple[str, ...]] = {
    'gaming': _phrases(
        'game, gaming, gamer, gameplay, fortnite, minecraft, roblox, valorant, league of legends, call of duty, '
        'warzone, gta, apex legends, pubg, overwatch, zelda, pokemon, mario, elden ring, boss fight, boss, level, '
        "speedrun, playthrough, walkthrough, let's play, esports, console, playstation, ps5, xbox, nintendo, twitch, "
        'multiplayer, rpg, fps, noob, victory royale, loot, pvp, controller, speedrunning, horror game, nuzlocke, '
        'resident evil, gta 6, clutch, ranked, fifa, ea fc, diamonds, obby, skyrim, among us, cod, dlc',
        'بازی, گیم, گیمر, گیمینگ, گیم پلی, کنسول, پلی استیشن, ایکس باکس, نینتندو, فورتنایت, ماینکرافت, روبلاکس, '
        'کالاف دیوتی, جی تی ای, پابجی, کلش آف کلنز, والورانت, مرحله, غول آخر, باس فایت, اسپیدران, مولتی پلیر, '
        'استریمر, بازی کامپیوتری, بازی موبایلی, دسته بازی, لتس پلی, رزیدنت اویل, الدن رینگ, باس, دمیج, رنک, فیفا, '
        'کریر مود, چیکن دینر, وارزون, گیم پلی',
    ),
    'tech': _phrases(
        'tech, technology, review, unboxing, iphone, android, samsung, pixel, apple, smartphone, phone, laptop, '
        'macbook, pc, computer, gadget, ai, artificial intelligence, chatgpt, robot, software, app, programming, '
        'coding, code, developer, python, javascript, linux, windows, gpu, nvidia, cpu, headphones, earbuds, '
        'smartwatch, vr, drone, specs, benchmark, galaxy, earbuds, airpods, vision pro, desk setup, ios, macbook air, '
        'ipad, tablet, camera test, gaming pc, build a pc, ssd, ram, chip, m3, rtx, telegram bot',
        'تکنولوژی, فناوری, آیفون, اندروید, سامسونگ, شیائومی, گوشی, موبایل, لپ تاپ, لپتاپ, کامپیوتر, رایانه, گجت, '
        'هوش مصنوعی, ربات, نرم افزار, اپلیکیشن, برنامه نویسی, کدنویسی, پایتون, آنباکس, آنباکسینگ, جعبه گشایی, بررسی, '
        'مک بوک, کارت گرافیک, پردازنده, هدفون, ساعت هوشمند, تبلت, اپل, اپل واچ, ویندوز, ربات تلگرام, گوگل, گوشیم, '
        'ایرپاد, هندزفری, آیپد, شارژر, باتری',
    ),
    'education': _phrases(
        'study, student, exam, exams, school, university, college, teacher, math, science, physics, chemistry, '
        'biology, history, grammar, english, homework, lecture, ielts, toefl, calculus, algebra, photosynthesis, '
        'roman empire, world war, black holes, memory techniques, study with me, pomodoro, language, vocabulary',
        'درس, کنکور, امتحان, دانش آموز, دانشگاه, مدرسه, معلم, استاد, تدریس, ریاضی, فیزیک, شیمی, زیست, تاریخ, '
        'زبان انگلیسی, گرامر, مکالمه, آیلتس, تافل, زبان آلمانی, زبان, لغت, مطالعه, کنکوری, توضیح علمی, دهم, یازدهم, '
        'دوازدهم, امتحان نهایی, تست',
    ),
    'vlog': _phrases(
        'vlog, vlogger, daily vlog, day in the life, my day, morning routine, lifestyle, family, mom, dad, '
        'storytime, story time, q&a, behind the scenes, moving, house tour, room tour, apartment, prank, birthday, '
        'wedding, friends, dog, cat, pet, baby, life update, quit my job, grandma, surprising',
        'ولاگ, ولاگر, یک روز با من, روتین صبحگاهی, سبک زندگی, خانواده, اتاق, دوستان, تولد, عروسی, جشن, '
        'حیوان خانگی, سگ, گربه, بچه, آخر هفته, خاطره, استوری تایم, اسباب کشی, سوپرایز, پیک نیک, پرسش و پاسخ, '
        'سوالاتتون, خواهرم, برادرم, مامانم',
    ),
    'cooking': _phrases(
        'cooking, cook, recipe, food, kitchen, chef, baking, bake, cake, bread, pasta, pizza, burger, steak, '
        'chicken, dessert, dinner, lunch, breakfast, meal, meal prep, vegan, salad, soup, cookie, sushi, bbq, '
        'grill, street food, taste test, mukbang, restaurant, delicious, tasty, snack, noodles, rice, curry, ramen, '
        'broth, pancakes, dough, garlic, fried chicken, kabab, kebab, koobideh, cookies, mcdonalds, fries, tacos',
        'آشپزی, غذا, دستور پخت, طرز تهیه, پخت, آشپز, آشپزخانه, سرآشپز, کیک, شیرینی, نان, پاستا, ماکارونی, پیتزا, '
        'همبرگر, برگر, استیک, مرغ, جوجه, کباب, قورمه سبزی, قیمه, فسنجان, ته دیگ, برنج, پلو, سوپ, آش, سالاد, دسر, '
        'صبحانه, ناهار, شام, خوشمزه, رستوران, فست فود, غذای خیابانی, کلوچه, قرمه, فسنجون, کوبیده, ته دیگ, آش رشته, '
        'زرشک پلو, سس, خمیر, تابه, فر, نخودچی, شکلاتی, مهمونی, سیب زمینی, بشامل, ماهی, میگو, دلمه, کوفته',
    ),
    'fitness': _phrases(
        'fitness, workout, gym, exercise, training, muscle, abs, six pack, weight loss, lose weight, fat loss, diet, '
        'cardio, hiit, yoga, pilates, bodybuilding, strength, squat, deadlift, bench press, push ups, pushups, '
        'running, calories, protein, body transformation, shred, bulk, stretching, home workout, personal trainer, '
        'push up, pushup, burpees, arms, leg day, exercises, build muscle, lost weight, kg, lbs, plank, '
        'no equipment, back pain',
        'بدنسازی, تناسب اندام, فیتنس, ورزش, تمرین, باشگاه, عضله, شکم, سیکس پک, کاهش وزن, لاغری, چربی سوزی, رژیم, '
        'کاردیو, یوگا, پیلاتس, حرکات کششی, اسکات, ددلیفت, پرس سینه, شنا سوئدی, دویدن, کالری, پروتئین, مربی, وزنه, '
        'کیلو کم, کتو, هوازی, بدنسازی, حرکت, برنامه تمرینی, شکم',
    ),
    'finance': _phrases(
        'money, finance, investing, invest, investment, stock, stock market, crypto, bitcoin, ethereum, trading, '
        'trader, forex, passive income, income, salary, budget, budgeting, savings, save money, rich, millionaire, '
        'wealth, debt, loan, mortgage, real estate, dividend, etf, economy, inflation, recession, business, '
        'side hustle, dollar, profit, portfolio, bank, tax, retirement, dropshipping, save money, rent, buy a house, '
        'budget rule, 50/30/20',
        'پول, مالی, سرمایه گذاری, بورس, سهام, بازار, ارز دیجیتال, رمزارز, کریپتو, بیت کوین, اتریوم, ترید, تریدر, '
        'فارکس, درآمد, درآمد غیرفعال, حقوق, بودجه, پس انداز, ثروت, ثروتمند, میلیونر, بدهی, وام, املاک, اقتصاد, '
        'تورم, دلار, طلا, سکه, کسب و کار, بیزینس, سود, بانک, مالیات, پولدار, تومن, تومان, دلاری, تحلیل تکنیکال, قیمت',
    ),
    'travel': _phrases(
        'travel, traveling, travelling, trip, vacation, holiday, tour, journey, adventure, backpacking, road trip, '
        'flight, airport, hotel, resort, beach, island, mountain, hiking, camping, explore, exploring, destination, '
        'passport, visa, paris, japan, tokyo, london, new york, dubai, bali, italy, europe, abroad, rome, istanbul, '
        'iceland, morocco, thailand, bangkok, mexico, swiss alps, alps, west coast, hidden gems, northern lights, '
        'things to do, solo trip, flights, villa, southeast asia, road trip',
        'سفر, مسافرت, گردشگری, توریست, تور, سفرنامه, ماجراجویی, کوهنوردی, طبیعت گردی, کمپ, جنگل, کویر, دریا, '
        'ساحل, جزیره, کوه, هتل, فرودگاه, پرواز, ویزا, پاسپورت, اصفهان, شیراز, کیش, ترکیه, استانبول, دبی, پاریس, '
        'اروپا, شمال, گرجستان, قله, دماوند, جاهای دیدنی, گردی, ارمنستان, تایلند',
    ),
    'music': _phrases(
        'music, song, singer, singing, album, rap, rapper, hip hop, pop, rock, jazz, edm, dj, beat, producer, '
        'guitar, piano, drums, drum, violin, concert, live performance, lyrics, remix, music video, band, karaoke, '
        'melody, single, solo, chords, trap beat, fl studio, cover song, lofi hip hop, songs, taylor swift',
        'موسیقی, آهنگ, ترانه, خواننده, آواز, آلبوم, رپ, رپر, هیپ هاپ, پاپ, راک, جاز, دی جی, بیت, آهنگساز, '
        'گیتار, پیانو, ویولن, سه تار, سنتور, تنبک, کنسرت, اجرای زنده, موزیک, موزیک ویدیو, ریمیکس, خوانندگی, نوازی, '
        'ضبط آلبوم, کاور',
    ),
    'news': _phrases(
        'news, breaking, breaking news, headlines, report, politics, election, president, government, war, crisis, '
        'scandal, exposed, leaked, announcement, press conference, world news, investigation, controversy, '
        'debate, tech news, gaming news, law, ban, protests, protest, hurricane, earthquake, flood, gaza, sanctions, '
        'live updates, speech',
        'خبر, اخبار, خبری, خبر فوری, گزارش, سیاسی, سیاست, انتخابات, رئیس جمهور, دولت, جنگ, بحران, رسوایی, '
        'افشاگری, اطلاعیه, جنجال, جنجالی, مناظره, آخرین اخبار, زلزله, سیل, تحریم, فیلترینگ, سخنرانی, فساد, '
        'اخبار تکنولوژی, ماجرای',
    ),
    'beauty': _phrases(
        'beauty, makeup, make up, skincare, skin care, skin, lipstick, foundation, mascara, eyeliner, eyeshadow, '
        'nails, nail art, hair, hairstyle, haircut, fashion, outfit, glow up, get ready with me, grwm, cosmetics, '
        'perfume, fragrance, glam, bridal, acne, serum, lip, lips, bangs, curly hair, sunscreen, glass skin, '
        'drugstore, winged eyeliner',
        'زیبایی, آرایش, میکاپ, مکاپ, پوست, مراقبت پوست, روتین پوستی, رژ لب, کرم پودر, ریمل, خط چشم, سایه چشم, ناخن, '
        'کاشت ناخن, مو, مدل مو, رنگ مو, کوتاهی مو, مد, فشن, لباس, عطر, ادکلن, جوش, سرم, شینیون, ضد آفتاب, '
        'آرایش عروس, ست لباس, میکاپ روزانه',
    ),
    'sports': _phrases(
        'sports, sport, football, soccer, basketball, nba, nfl, baseball, tennis, golf, boxing, ufc, mma, cricket, '
        'hockey, f1, formula 1, racing, olympics, world cup, champions league, premier league, goal, match, '
        'highlights, player, team, messi, ronaldo, lebron, championship, final, tournament, skateboarding, surfing, '
        'volleyball, nba finals, juggling, footballer, free kick, grand prix, real madrid, barcelona, goals',
        'ورزش, ورزشی, فوتبال, فوتسال, والیبال, بسکتبال, تنیس, کشتی, بوکس, رزمی, فرمول یک, مسابقه, المپیک, '
        'جام جهانی, لیگ برتر, لیگ قهرمانان, پرسپولیس, استقلال, تیم ملی, گل, بازیکن, تیم, قهرمانی, فینال, مسی, '
        'رونالدو, خلاصه بازی, هایلایت, دربی, دریبل, تیم ملی, نقل و انتقالات, تحلیل بازی, کشتی آزاد',
    ),
}

# Words that frame a video (a lesson, a challenge, a review) rather than name its topic: they count for their
# category only a little, so 'how to make pancakes' is cooking and 'push-up challenge' is fitness.
FRAMING_KEYWORDS: dict[str, tuple[str, ...]] = {
    'education': _phrases(
        'learn, learning, lesson, tutorial, course, class, how to, guide, tips, explained, explainer, beginner, '
        'beginners, step by step, facts, why',
        'آموزش, آموزشی, یادگیری, یاد بگیر, نکته, ترفند, راهنما, قدم به قدم, مبتدی, کلاس, دوره, چطور, چرا, دانشجو',
    ),
    'vlog': _phrases(
        'challenge, reaction, reacting, routine, life, weekend, 24 hours, trying, testing, home, my',
        'چالش, واکنش, ری اکشن, روتین, زندگی, روزمره, خانه, خونه, یه روز, من',
    ),
    'tech': _phrases('review, reviews, unboxing, setup, vs', 'بررسی, آنباکس, مقایسه'),
    'news': _phrases('latest, update, today, report', 'تازه ترین, گزارش, امروز'),
}

# A creator's emoji says a lot about the topic; each weighs like a topic word.
EMOJI_CATEGORIES: dict[str, str] = {
    **dict.fromkeys('🎮🕹👾🏆', 'gaming'),
    **dict.fromkeys('📱💻🖥⌨🤖🔋📦', 'tech'),
    **dict.fromkeys('📚📖✏📝🎓🧪🔬', 'education'),
    **dict.fromkeys('🍝🍕🍔🍰🎂🍪🍜🍣🌮😋🍳🥘🍲🥗🍗🍩', 'cooking'),
    **dict.fromkeys('💪🏋🤸🧘🏃', 'fitness'),
    **dict.fromkeys('💰💵💸📈📉🪙🏦', 'finance'),
    **dict.fromkeys('✈🌍🌎🌏🏝🗺🧳🏔🚗🏕', 'travel'),
    **dict.fromkeys('🎵🎶🎸🎹🥁🎤🎧🎻🎷', 'music'),
    **dict.fromkeys('📰🚨🗳', 'news'),
    **dict.fromkeys('💄💅💋👗💇', 'beauty'),
    **dict.fromkeys('⚽🏀🏈⚾🎾🏐🥊🏎🏅', 'sports'),
}

STYLE_KEYWORDS: dict[str, tuple[str, ...]] = {
    'bold': _phrases(
        'bold, loud, punchy, striking, high contrast, eye catching, impactful, big text',
        'جسورانه, پررنگ, چشمگیر, پرکنتراست, متن درشت',
    ),
    'minimal': _phrases('minimal, minimalist, minimalistic, plain, subtle, less is more', 'مینیمال, مینیمالیستی, خلوت'),
    'neon': _phrases(
        'neon, glow, glowing, cyberpunk, synthwave, vaporwave, futuristic, sci-fi, sci fi, rgb',
        'نئون, نئونی, درخشان, سایبرپانک, فوتوریستیک, آینده نگرانه',
    ),
    'cinematic': _phrases(
        'cinematic, movie poster, filmic, hollywood, blockbuster, dramatic lighting, widescreen, film look',
        'سینمایی, هالیوودی, پوستر فیلم',
    ),
    'playful': _phrases(
        'playful, cartoon, cartoonish, cute, kawaii, colorful, colourful, comic, doodle, whimsical, bubbly',
        'کارتونی, بامزه, فانتزی, رنگارنگ, کودکانه, کمیک',
    ),
    'elegant': _phrases(
        'elegant, luxury, luxurious, classy, sophisticated, premium, refined, chic, high end',
        'شیک, لوکس, مجلل, لاکچری, باکلاس, فاخر',
    ),
    'retro': _phrases(
        'retro, vintage, 80s, 90s, 70s, old school, nostalgic, nostalgia, pixel art, vhs, throwback',
        'رترو, قدیمی, نوستالژی, نوستالژیک, وینتیج, دهه شصت, دهه هفتاد',
    ),
    'clean': _phrases(
        'clean, professional, corporate, modern, sleek, crisp, neat, tidy, flat design',
        'تمیز, حرفه ای, مدرن, شسته رفته, مرتب',
    ),
}

MOOD_KEYWORDS: dict[str, tuple[str, ...]] = {
    'energetic': _phrases(
        'energetic, energy, hype, hyped, exciting, excited, action, intense, explosive, crazy, insane, wild, '
        'adrenaline, pumped',
        'پرانرژی, انرژی, هیجان, هیجانی, هیجان انگیز, پرهیجان, اکشن, دیوانه وار',
    ),
    'calm': _phrases(
        'calm, relaxing, relax, peaceful, chill, cozy, cosy, gentle, quiet, serene, soothing, asmr, lofi, lo-fi',
        'آرام, آرامش, آرامش بخش, ریلکس, دنج, ملایم, لوفای',
    ),
    'dramatic': _phrases(
        'dramatic, drama, shocking, shock, epic, emotional, tragic, unbelievable, jaw dropping',
        'دراماتیک, درام, شوکه کننده, باورنکردنی, حماسی, احساسی, تکان دهنده',
    ),
    'fun': _phrases(
        'fun, funny, hilarious, silly, comedy, comedic, meme, prank, lol, joke, laugh, goofy, entertaining',
        'خنده دار, باحال, طنز, کمدی, شوخی, سرگرم کننده, فان, شاد',
    ),
    'serious': _phrases(
        'serious, analysis, in depth, in-depth, deep dive, documentary, honest, truth, formal',
        'جدی, تحلیل, تحلیلی, مستند, رسمی, حقیقت, واقعیت',
    ),
    'mysterious': _phrases(
        'mysterious, mystery, secret, hidden, unknown, creepy, horror, scary, spooky, haunted, unsolved, '
        'conspiracy, ghost, strange',
        'مرموز, راز, اسرار, اسرارآمیز, ترسناک, وحشت, مخفی, پنهان, عجیب, ناشناخته, جن, روح',
    ),
    'inspiring': _phrases(
        'inspiring, inspirational, inspire, motivation, motivational, success, dream, transformation, journey, '
        'achieve, never give up, growth, hope',
        'انگیزشی, انگیزه, الهام بخش, موفقیت, رویا, تحول, پیشرفت, امید',
    ),
    'urgent': _phrases(
        'urgent, breaking, alert, warning, hurry, last chance, limited time, deadline, immediately, emergency, '
        "don't miss, must watch",
        'فوری, هشدار, همین الان, عجله, فرصت آخر, اضطراری',
    ),
}

# category: style, mood, palette (most important first), fallback headline English | Persian
CATEGORY_DEFAULTS: dict[str, CategoryDefaults] = _defaults(
    'gaming neon energetic #8b5cf6 #22d3ee #f43f5e #0f0a1e #facc15 Epic Gaming Moments | لحظات حماسی بازی',
    'tech clean serious #2563eb #0f172a #e2e8f0 #38bdf8 #f97316 Tech Review | بررسی تکنولوژی',
    'education clean inspiring #1d4ed8 #facc15 #ffffff #0f172a #22c55e Learn This Today | امروز یاد بگیر',
    'vlog playful fun #f97316 #fde047 #ffffff #1f2937 #ec4899 New Video | ویدیوی جدید',
    'cooking bold fun #dc2626 #f59e0b #fff7ed #422006 #16a34a Easy Recipe | دستور پخت آسان',
    'fitness bold energetic #ef4444 #111827 #f9fafb #f59e0b #22c55e Workout Time | وقت تمرین',
    'finance clean serious #16a34a #0f172a #facc15 #ffffff #dc2626 Money Tips | نکات مالی',
    'travel cinematic inspiring #0ea5e9 #f59e0b #fef3c7 #065f46 #1e3a8a Travel Diary | سفرنامه',
    'music cinematic dramatic #a21caf #f472b6 #0b0b12 #fbbf24 #38bdf8 New Music | موسیقی جدید',
    'news bold urgent #dc2626 #ffffff #111827 #facc15 #1d4ed8 Breaking News | خبر فوری',
    'beauty elegant calm #f9a8d4 #be185d #fdf2f8 #d4af37 #4a044e Beauty Routine | روتین زیبایی',
    'sports bold energetic #1d4ed8 #facc15 #ffffff #dc2626 #0f172a Game Highlights | خلاصه بازی',
)

# A style asked for by name brings its own colours; the others take the category's.
STYLE_PALETTES: dict[str, tuple[str, ...]] = {
    'neon': ('#ff2bd6', '#00f0ff', '#39ff14', '#0a0014', '#fffb00'),
    'retro': ('#f97316', '#fbbf24', '#14b8a6', '#7c2d12', '#fef3c7'),
    'minimal': ('#111827', '#ffffff', '#e5e7eb', '#2563eb'),
    'elegant': ('#d4af37', '#0c0a09', '#f5f5f4', '#78716c'),
    'cinematic': ('#0f766e', '#f97316', '#0b0f19', '#fde68a', '#134e4a'),
}

# Words that frame a request rather than name its topic; stripped from the edges of a derived headline.
MEDIA_WORDS = key_set(
    'thumbnail thumb cover image picture pic photo banner poster artwork graphic video clip episode channel youtube '
    'yt short reel تامبنیل تامنیل تامب نیل کاور عکس تصویر بنر پوستر ویدیو ویدئو ویدیوی کلیپ کانال یوتیوب قسمت'
)
_FUNCTION_WORDS = key_set(
    'a an the this that these those some my our your his her their its for to of on in at by with about regarding '
    'from into onto as and or but so also just really very using use called titled entitled named saying says '
    'و با به از در برای که را رو تا هم این اون آن یک یه یدونه من ما مون درباره دربارهی مورد راجع موضوع عنوان اسم'
)
_INSTRUCTION_WORDS = key_set(
    'please pls plz kindly thanks thank can could would will should shall may might must do does be is are '
    "i i'd i'm im me we us you u it want wanna need like love make create design generate build draw produce "
    'render give get help let show put something anything idea here there headline title text caption heading '
    'subtitle hi hello hey hiya yo سلام درود '
    'لطفا لطفاً خواهشا خواهشاً برام برایم واسه واسم تو شما بساز بسازید بسازی بسازین درست طراحی ایجاد '
    'تهیه کن کنید بکن بکنید کنی میخواهم میخوام میخواستم خواستم بده بدید بدهید میشه ممکنه باشه باشد بشه شود هست '
    'است یدونه متن تیتر نوشته'
)
DECOR_WORDS = key_set(
    'style styled look vibe vibes aesthetic theme themed palette color colour tone tint background bg font '
    'typography lighting accent dark light bright bold minimal minimalist minimalistic neon glowing cinematic '
    'playful elegant retro vintage clean modern sleek colorful colourful cute luxury luxurious classy '
    'professional cyberpunk synthwave futuristic '
    'رنگ رنگی سبک استایل تم حالت فونت پس زمینه پسزمینه تیره روشن مینیمال نئون نئونی سینمایی شیک لوکس '
    'رترو تمیز مدرن حرفهای کارتونی رنگارنگ بامزه پررنگ درخشان'
)
LEAD_WORDS = MEDIA_WORDS | _FUNCTION_WORDS | _INSTRUCTION_WORDS | DECOR_WORDS
TAIL_WORDS = (
    MEDIA_WORDS
    | _FUNCTION_WORDS
    | DECOR_WORDS
    | key_set(
        'please thanks thank لطفا لطفاً بساز بسازید بسازی درست طراحی کن کنید بکن بکنید میخواهم میخوام باشه باشد بشه '
        'شود هست است بده بدید برام برایم واسم'
    )
)
KEYWORD_FORMS = frozenset(
    k for table in (CATEGORY_KEYWORDS, FRAMING_KEYWORDS) for ps in table.values() for p in ps for k in key_set(p)
)

# compiled once from the constant tables above
CATEGORY_INDEX = compile_phrases(CATEGORY_KEYWORDS)
FRAMING_INDEX = compile_phrases(FRAMING_KEYWORDS)
STYLE_INDEX = compile_phrases(STYLE_KEYWORDS)
MOOD_INDEX = compile_phrases(MOOD_KEYWORDS)
