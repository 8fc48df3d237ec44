# ruff: noqa: E501  (a data table: one subject per line reads best)
"""Subject vocabulary: what a thumbnail can show as its focal object, the emoji it is drawn with, and the English and
Persian words that name it. One row per subject: ``name | emoji | English keywords | Persian keywords``.

Keywords are concrete nouns a creator types ('pizza', «پیتزا»), not category words ('cooking', «آشپزی»): when a
prompt names no object the category's default subject is used instead (``DEFAULT_SUBJECTS``). Plurals and Persian
suffixes are matched by ``routix.language`` (pizzas, پیتزاها), so only base forms are listed. A name is unique
across categories; the emoji is drawn from the Fluent Emoji set that ``scripts/install_illustrations.sh`` installs.
"""

from __future__ import annotations

ROWS: dict[str, str] = {
    'gaming': """
        gamepad | 🎮 | gamepad, controller, joystick, console, playstation, ps5, ps4, xbox, nintendo switch | دسته بازی, کنسول, پلی استیشن, ایکس باکس, گیم پد, جوی استیک
        joystick | 🕹️ | arcade, retro game, retro gaming, arcade machine | آرکید, بازی قدیمی, بازی رترو
        alien monster | 👾 | pixel art, space invaders, 8-bit, 8 bit, pixel game | پیکسل آرت, بازی پیکسلی
        sword | 🗡️ | sword, dagger, blade, katana, rpg | شمشیر, خنجر
        crossed swords | ⚔️ | ~battle, pvp, duel, ~fight, versus battle, battle royale | ~نبرد, دوئل, ~مبارزه, بتل رویال
        shield | 🛡️ | shield, defense, tank build | سپر, ~دفاع
        crown | 👑 | crown, king, queen, champion, victory royale | تاج, پادشاه, ملکه
        dragon | 🐉 | dragon, elden ring, skyrim, ~boss | اژدها, غول آخر, باس
        skull | 💀 | skull, death, dead, hardcore, permadeath | جمجمه, ~مرگ
        ghost | 👻 | ghost, horror game, phasmophobia, haunted | روح, بازی ترسناک, شبح
        zombie | 🧟 | zombie, undead, resident evil | زامبی
        pick | ⛏️ | minecraft, pickaxe, mining, survival | ماینکرفت, کلنگ, ماینینگ
        bricks | 🧱 | bricks, lego, building blocks | آجر, لگو
        dice | 🎲 | dice, board game, tabletop, d&d, dnd | تاس, بازی رومیزی
        chess pawn | ♟️ | chess, chess pawn, checkmate, gambit | شطرنج, کیش و مات
        puzzle | 🧩 | puzzle, jigsaw, puzzle game | پازل, معما
        bomb | 💣 | bomb, explosive, tnt, c4 | بمب, انفجار
        ninja | 🥷 | ninja, stealth, assassin | نینجا, آدمکش
        robot | 🤖 | robot, bot, mech, android | ربات, روبات
        ufo | 🛸 | ufo, alien, spaceship | بشقاب پرنده, آدم فضایی
        dart | 🎯 | ~aim, headshot, sniper, ~target, aim training | هدشات, اسنایپر, ~هدف
        fire | 🔥 | ~fire, lit, on fire, streak, ~hot | ~آتش, ~آتیش, ~داغ
        lightning | ⚡ | lightning, speedrun, speed run, power up | صاعقه, اسپیدران, رعد
        gem | 💎 | gem, diamond, loot, rare drop, ~skin | الماس, جواهر, اسکین
        game coins | 🪙 | coins, v-bucks, vbucks, in-game currency | سکه, جم
        slot machine | 🎰 | slot machine, jackpot, gacha, loot box | جکپات, لوت باکس
        wizard | 🧙 | wizard, mage, magic, spell | جادوگر, ~جادو
        """,
    'tech': """
        laptop | 💻 | laptop, notebook, macbook, ~computer, pc, ~coding, ~programming, ~code | لپ تاپ, لپتاپ, ~کامپیوتر, مک بوک, ~برنامه نویسی, ~کدنویسی
        smartphone | 📱 | phone, smartphone, iphone, android phone, galaxy, pixel phone, mobile | گوشی, موبایل, آیفون, تلفن همراه, سامسونگ
        desktop computer | 🖥️ | desktop, monitor, screen, display, gaming pc, pc build | مانیتور, صفحه نمایش, کیس, کامپیوتر رومیزی
        keyboard | ⌨️ | keyboard, mechanical keyboard, keycaps | کیبورد, صفحه کلید
        mouse | 🖱️ | mouse, gaming mouse | موس, ماوس
        headphones | 🎧 | headphones, headphone, earbuds, airpods, headset | هدفون, هندزفری, ایرپاد, هدست
        camera | 📷 | camera, dslr, mirrorless, lens | دوربین, لنز
        video camera | 📹 | webcam, camcorder, gopro, action camera | وبکم, گوپرو
        battery | 🔋 | battery, battery life, charging, charger | باتری, شارژ, شارژر
        electric plug | 🔌 | plug, cable, usb, usb-c, adapter | کابل, آداپتور, دوشاخه
        satellite antenna | 📡 | wifi, wi-fi, router, internet, 5g, antenna, satellite | وای فای, مودم, اینترنت, آنتن, ماهواره
        microscope | 🔬 | microscope, chip, processor, cpu, semiconductor | پردازنده, تراشه, چیپ, میکروسکوپ
        floppy | 💾 | floppy, ~save, storage, ssd, hard drive, backup | فلاپی, حافظه, هارد, بکاپ
        cd | 💿 | cd, dvd, disc, blu-ray | سی دی, دی وی دی, دیسک
        printer | 🖨️ | printer, 3d printer, 3d printing | پرینتر, چاپگر
        watch | ⌚ | smartwatch, apple watch, watch, wearable | ساعت هوشمند, اپل واچ
        television | 📺 | tv, television, oled, smart tv | تلویزیون
        magnifying glass | 🔍 | ~search, ~review, inspection, teardown, google | ~بررسی, ~جستجو, گوگل
        gear | ⚙️ | gear, settings, ~setup, tweak, config, engineering | ~تنظیمات, چرخ دنده, مهندسی
        wrench | 🔧 | repair, fix, wrench, ~diy, tool, tools | تعمیر, آچار, ~ابزار
        light bulb | 💡 | ~idea, ~ideas, light bulb, invention, innovation, ~hack | ~ایده, لامپ, اختراع, نوآوری
        locked | 🔒 | ~security, privacy, password, hacker, hacking, vpn, cybersecurity | ~امنیت, حریم خصوصی, رمز عبور, هکر, هک, وی پی ان
        brain | 🧠 | ~ai, artificial intelligence, chatgpt, gpt, machine learning, neural network | ~هوش مصنوعی, چت جی پی تی, یادگیری ماشین
        drone | 🛩️ | drone, quadcopter | پهپاد, کوادکوپتر, درون
        control knobs | 🎛️ | synthesizer, mixer, control panel | میکسر, پنل کنترل
        electric car | 🚙 | electric car, tesla, ev | خودروی برقی, تسلا, ماشین برقی
        """,
    'education': """
        graduation cap | 🎓 | graduation, university, college, degree, ~exam, konkur, phd | دانشگاه, فارغ التحصیلی, کنکور, ~امتحان, مدرک, دکترا
        books | 📚 | book, books, ~study, ~studying, ~reading, library, homework | کتاب, ~مطالعه, کتابخانه, درس خواندن, تکلیف
        open book | 📖 | ~lesson, ~chapter, novel, story book | ~درس, ~فصل, رمان
        pencil | ✏️ | pencil, ~writing, essay, ~draw, ~notes | مداد, ~نوشتن, انشا, یادداشت
        memo | 📝 | ~notes, checklist, ~summary, cheat sheet, ~test | ~جزوه, ~خلاصه, چک لیست, ~آزمون
        abacus | 🧮 | math, maths, mathematics, algebra, calculus, arithmetic, abacus | ریاضی, جبر, حسابان, چرتکه
        triangular ruler | 📐 | geometry, ruler, triangle, trigonometry | هندسه, خط کش, مثلثات
        test tube | 🧪 | chemistry, experiment, lab, test tube, ~science | شیمی, آزمایش, آزمایشگاه, ~علوم
        dna | 🧬 | biology, dna, genetics, gene, cell | زیست, زیست شناسی, ژنتیک, ژن, سلول
        atom | ⚛️ | physics, atom, quantum, nuclear | فیزیک, اتم, کوانتوم, هسته ای
        telescope | 🔭 | astronomy, telescope, ~space, planets, universe | نجوم, تلسکوپ, ~فضا, سیاره, کیهان
        globe | 🌍 | geography, ~world, earth, countries, ~map | جغرافیا, ~جهان, زمین, کره زمین, کشورها
        scroll | 📜 | ~history, ancient, empire, scroll, civilization | ~تاریخ, باستان, امپراتوری, تمدن
        classical building | 🏛️ | philosophy, rome, greece, museum, law | فلسفه, رم, یونان, موزه, حقوق
        school | 🏫 | school, ~class, classroom, ~teacher, ~student | مدرسه, ~کلاس, ~معلم, ~دانش آموز, ~دانشجو
        backpack | 🎒 | back to school, backpack, school bag | کوله پشتی, کیف مدرسه, بازگشایی مدارس
        speech balloon | 💬 | ~english, ~language, speaking, grammar, vocabulary, ielts, toefl | زبان انگلیسی, ~زبان, مکالمه, گرامر, لغت, آیلتس, تافل
        thinking face | 🤔 | ~question, ~why, quiz, riddle, ~how does | ~سوال, ~چرا, کوییز, چیستان
        numbers | 🔢 | numbers, counting, statistics | اعداد, آمار, شمارش
        calendar | 📅 | ~schedule, calendar, ~plan, 30 days, study plan | ~برنامه, تقویم, برنامه ریزی
        alarm clock | ⏰ | productivity, time management, deadline, morning routine | بهره وری, مدیریت زمان, ددلاین, صبح زود
        hourglass | ⏳ | ~time, ~hours, ~minutes, pomodoro | ~زمان, ~ساعت, ~دقیقه, پومودورو
        bar chart | 📊 | chart, graph, ~data, infographic, presentation | نمودار, داده, اینفوگرافیک, ارائه
        pushpin | 📌 | ~tip, ~tips, ~important, key points | ~نکته, ~نکات, ~مهم
        microbe | 🦠 | virus, bacteria, germ, microbe | ویروس, باکتری, میکروب
        """,
    'vlog': """
        camera with flash | 📸 | ~vlog, ~selfie, photography, ~instagram | ~ولاگ, ~سلفی, عکس, ~عکاسی, ~اینستاگرام
        movie camera | 🎥 | ~film, filming, ~behind the scenes, ~movie, cinema | پشت صحنه, سینما, فیلمبرداری
        clapper | 🎬 | youtuber, video editing, ~editing | یوتیوبر, ~تدوین
        house | 🏠 | ~home, house, room tour, apartment, moving | ~خانه, ~خونه, آپارتمان, اسباب کشی, اتاق
        coffee | ☕ | coffee, cafe, latte, espresso | قهوه, کافه, کافی شاپ, لاته, اسپرسو
        birthday cake | 🎂 | birthday, birthday party, anniversary | تولد, جشن تولد, سالگرد
        party popper | 🎉 | ~party, celebration, ~surprise, ~announcement | ~جشن, مهمانی, ~سورپرایز, اعلام
        wrapped gift | 🎁 | ~gift, present, giveaway, ~unboxing | کادو, ~هدیه, جایزه, آنباکسینگ, قرعه کشی
        ring | 💍 | wedding, proposal, engagement, married | عروسی, خواستگاری, نامزدی, ازدواج
        red heart | ❤️ | ~love, relationship, couple, boyfriend, girlfriend, date | ~عشق, رابطه, زوج, دوست پسر, دوست دختر, قرار
        baby | 👶 | baby, pregnancy, newborn, parenting, ~kids | نوزاد, ~بچه, بارداری, فرزندپروری, ~کودک
        dog | 🐶 | dog, puppy, ~pet | سگ, توله سگ, حیوان خانگی
        cat | 🐱 | cat, kitten | گربه, بچه گربه
        shopping bags | 🛍️ | ~shopping, haul, mall, shopping haul | ~خرید, پاساژ, مرکز خرید
        shopping cart | 🛒 | grocery, groceries, supermarket | سوپرمارکت, خرید روزانه, هایپر
        bed | 🛏️ | ~sleep, bedroom, night routine, 24 hours | ~خواب, اتاق خواب, روتین شب
        sun | ☀️ | ~summer, sunny, day in my life, ~daily, sunrise | ~تابستان, آفتاب, ~روزمرگی, طلوع
        laughing face | 😂 | ~funny, prank, comedy, joke, laugh | ~خنده دار, ~شوخی, کمدی, خنده, دوربین مخفی
        screaming face | 😱 | ~shocking, ~shock, ~scary, ~reaction, ~omg | شوکه, ~ترسناک, ~واکنش, وحشتناک
        fireworks | 🎆 | new year, nowruz, fireworks, festival | سال نو, نوروز, آتش بازی, جشنواره
        car | 🚗 | ~car, road trip, ~driving | ~ماشین, ~خودرو, ~رانندگی
        key | 🔑 | new house, secret, secrets | کلید, راز, رازها
        selfie | 🤳 | ~tiktok, ~social media, ~influencer | تیک تاک, شبکه اجتماعی, اینفلوئنسر
        studio microphone | 🎙️ | ~podcast, ~interview, ~storytime, ~story time | ~پادکست, ~مصاحبه, ~داستان, ~خاطره
        hundred points | 💯 | ~challenge, 100 days, 24 hour challenge | ~چالش
        """,
    'cooking': """
        pizza | 🍕 | pizza, pepperoni, margherita | پیتزا
        hamburger | 🍔 | burger, hamburger, cheeseburger | همبرگر, برگر, چیزبرگر
        french fries | 🍟 | fries, french fries, chips | سیب زمینی سرخ کرده, فرنچ فرایز
        hot dog | 🌭 | hot dog, sausage | هات داگ, سوسیس
        taco | 🌮 | taco, tacos, mexican | تاکو, مکزیکی
        burrito | 🌯 | burrito, wrap, shawarma, falafel | بوریتو, رپ, شاورما, فلافل
        spaghetti | 🍝 | pasta, spaghetti, lasagna, noodles, macaroni | پاستا, اسپاگتی, لازانیا, ماکارونی
        ramen | 🍜 | ramen, noodle soup, pho, udon | رامن, نودل
        sushi | 🍣 | sushi, sashimi, japanese food | سوشی, غذای ژاپنی
        curry rice | 🍛 | curry, rice, biryani, polo, tahdig | کاری, برنج, پلو, ته دیگ, چلو
        cooked rice | 🍚 | steamed rice, chelo | کته
        stew | 🍲 | stew, soup, ghormeh sabzi, gheymeh, khoresh, aash | خورش, خورشت, قورمه سبزی, قیمه, سوپ, آش
        steak | 🥩 | steak, ~meat, beef, bbq, barbecue, grill | استیک, ~گوشت, کباب, باربیکیو, گریل, جوجه کباب
        poultry leg | 🍗 | chicken, fried chicken, wings, drumstick | مرغ, سوخاری, بال مرغ
        fried egg | 🍳 | egg, eggs, omelette, ~breakfast, frying pan | تخم مرغ, املت, ~صبحانه, نیمرو, تابه
        bread | 🍞 | bread, toast, baking, sourdough, baguette, barbari, sangak, lavash | نان, نون, تست, نانوایی, بربری, سنگک, لواش
        croissant | 🥐 | croissant, pastry, french pastry | کروسان, شیرینی فرانسوی
        cake | 🍰 | cake, cheesecake, dessert, sweets | کیک, چیزکیک, دسر, شیرینی
        cupcake | 🧁 | cupcake, muffin | کاپ کیک, مافین
        cookie | 🍪 | cookie, cookies, biscuit | کوکی, بیسکویت
        doughnut | 🍩 | donut, doughnut | دونات
        ice cream | 🍦 | ice cream, gelato, sorbet | بستنی, ژلاتو
        chocolate | 🍫 | chocolate, cocoa, brownie | شکلات, کاکائو, براونی
        salad | 🥗 | salad, ~healthy food, vegan, vegetarian | سالاد, غذای سالم, وگان, گیاهخواری
        avocado | 🥑 | avocado, guacamole | آووکادو
        strawberry | 🍓 | strawberry, berries, ~fruit | توت فرنگی, ~میوه
        watermelon | 🍉 | watermelon, yalda | هندوانه, یلدا
        lemon | 🍋 | lemon, lemonade, citrus | لیمو, لیموناد
        cooking pot | 🥘 | paella, one pot, casserole, ~recipe | قابلمه, ~دستور پخت, ~طرز تهیه
        chef | 🧑‍🍳 | chef, ~cook, masterchef | سرآشپز, ~آشپز, شف
        knife | 🔪 | knife, knife skills, cutting, butcher | چاقو, کارد, قصاب
        hot pepper | 🌶️ | spicy, chili, hot sauce, pepper | فلفل, سس تند
        cheese | 🧀 | cheese, cheddar, mozzarella | پنیر, موتزارلا
        dumpling | 🥟 | dumpling, dumplings, gyoza, samosa | دامپلینگ, سمبوسه
        tea | 🍵 | tea, matcha, green tea, chai | چای, چایی, ماچا, چای سبز
        cocktail | 🍹 | smoothie, juice, mocktail, ~drink | اسموتی, آبمیوه, ~نوشیدنی, شربت
        """,
    'fitness': """
        dumbbell | 🏋️ | ~gym, ~workout, weights, dumbbell, weightlifting, lifting, bench press, deadlift | ~باشگاه, ~تمرین, وزنه, دمبل, وزنه برداری, پرس سینه, ددلیفت, ~بدنسازی
        flexed biceps | 💪 | ~muscle, ~muscles, biceps, ~arms, ~strength, bodybuilding, gains | ~عضله, ~عضلات, بازو, ~قدرت, جلو بازو
        running shoe | 👟 | ~running, ~run, jogging, marathon, sneakers, ~cardio | ~دویدن, ماراتن, کفش ورزشی, کاردیو
        person running | 🏃 | sprint, 5k, 10k, runner | دونده, دو سرعت
        stopwatch | ⏱️ | timer, hiit, interval, tabata, minutes workout | کرنومتر, تایمر, اینتروال
        yoga | 🧘 | yoga, meditation, stretching, mindfulness, pilates | یوگا, مدیتیشن, کشش, پیلاتس, ذهن آگاهی
        bicycle | 🚴 | cycling, bike, bicycle, spinning | دوچرخه, دوچرخه سواری
        swimming | 🏊 | swimming, swim, pool | شنا, استخر
        boxing glove | 🥊 | boxing, kickboxing, mma, punch | بوکس, کیک بوکسینگ, مشت زنی
        martial arts | 🥋 | karate, taekwondo, judo, martial arts, jiu jitsu | کاراته, تکواندو, جودو, رزمی
        bathroom scale | ⚖️ | weight loss, lose weight, fat loss, ~diet, calories | کاهش وزن, لاغری, چربی سوزی, ~رژیم, کالری
        green apple | 🍏 | ~nutrition, healthy eating, apple | ~تغذیه, تغذیه سالم, سیب
        broccoli | 🥦 | broccoli, ~vegetables, greens | بروکلی, ~سبزیجات
        banana | 🍌 | banana, pre workout | موز, قبل تمرین
        egg | 🥚 | ~protein, high protein, meal prep | ~پروتئین, ~پروتئینی
        droplet | 💧 | ~water, hydration, sweat | آبرسانی, عرق
        anatomical heart | 🫀 | heart rate, heart health, cardio health | ضربان قلب, قلب
        lungs | 🫁 | ~breathing, breath, lungs | ~تنفس, ریه
        leg | 🦵 | leg day, ~legs, squat, squats | اسکات, روز پا
        sleeping | 😴 | ~recovery, ~rest day, sleep better | ~ریکاوری, ~استراحت, خواب بهتر
        climbing | 🧗 | climbing, bouldering, rock climbing | صخره نوردی, کوهنوردی, بولدرینگ
        person cartwheel | 🤸 | gymnastics, calisthenics, mobility, flexibility | ژیمناستیک, کلیستنیکس, انعطاف
        sports medal | 🏅 | personal record, pr, ~transformation, ~before and after | رکورد, ~تغییر, ~قبل و بعد
        """,
    'finance': """
        money bag | 💰 | ~money, ~cash, ~rich, ~wealth, ~salary, ~income, millionaire, ~profit | ~پول, ~ثروت, پولدار, حقوق, ~درآمد, میلیونر, ~سود
        dollar | 💵 | dollar, dollars, usd | دلار
        euro | 💶 | euro, eur | یورو
        money wings | 💸 | spending, expenses, debt, lose money, inflation | هزینه, خرج, بدهی, تورم, ~ضرر
        coin | 🪙 | coin, gold coin, gold, bitcoin, btc, crypto, ethereum, cryptocurrency | سکه, طلا, بیت کوین, کریپتو, ارز دیجیتال, اتریوم, رمزارز
        chart increasing | 📈 | stock, stocks, stock market, ~invest, ~investing, ~investment, ~growth, bull market, trading | سهام, بورس, ~سرمایه گذاری, ~رشد, ترید, ~معامله
        chart decreasing | 📉 | ~crash, market crash, recession, bear market, ~loss, ~drop | ~سقوط, ~ریزش, ~رکود, ~کاهش
        bank | 🏦 | bank, loan, mortgage, interest rate, savings account | بانک, وام, سود بانکی, حساب پس انداز
        credit card | 💳 | credit card, credit score, ~card, payment | کارت اعتباری, کارت بانکی, ~پرداخت
        piggy bank | 🐷 | ~saving, ~savings, save money, ~budget, budgeting | ~پس انداز, ~بودجه, قلک, ~صرفه جویی
        receipt | 🧾 | ~tax, ~taxes, receipt, invoice, bill | ~مالیات, فاکتور, قبض, رسید
        briefcase | 💼 | ~business, ~job, ~career, ~startup, entrepreneur, ~office | ~کسب و کار, ~شغل, ~استارتاپ, کارآفرین, ~دفتر
        handshake | 🤝 | ~deal, partnership, negotiation, ~contract | ~معامله, ~قرارداد, ~همکاری, مذاکره
        house with garden | 🏡 | real estate, property, rent, buying a house | مسکن, املاک, اجاره, خرید خانه
        luxury | 💎 | luxury, jewelry, rolex | لاکچری, جواهرات, طلا و جواهر
        ledger | 📒 | ledger, bookkeeping, accounting, calculator, finances, personal finance | دفتر حساب, حسابداری, امور مالی, مالی شخصی
        price tag | 🏷️ | ~price, ~prices, ~discount, ~sale, deal price | ~قیمت, ~تخفیف, ~حراج
        moon rocket | 🚀 | to the moon, moon, 10x, skyrocket, rocket | موشک, صعود
        money mouth face | 🤑 | get rich, passive income, side hustle, make money | پولدار شدن, درآمد غیرفعال, کسب درآمد
        currency exchange | 💱 | exchange rate, currency, forex, rial, toman | نرخ ارز, ارز, فارکس, ریال, تومان
        portfolio | 🗂️ | portfolio, index fund, etf, dividend | پرتفوی, صندوق, سود سهام
        office building | 🏢 | ~company, corporation, ceo, startup office | ~شرکت, مدیرعامل
        """,
    'travel': """
        airplane | ✈️ | flight, airplane, plane, airport, airline, flying, first class | پرواز, هواپیما, فرودگاه, بلیط هواپیما
        passport | 🛂 | passport, visa, immigration, border | پاسپورت, گذرنامه, ویزا, مهاجرت, مرز
        luggage | 🧳 | luggage, suitcase, packing, pack, backpacking | چمدان, بستن چمدان, کوله گردی
        world map | 🗺️ | ~map, itinerary, road map, ~guide, ~travel guide | نقشه, راهنمای سفر, مسیر
        compass | 🧭 | ~adventure, ~explore, exploring, compass, expedition | ماجراجویی, کاوش, قطب نما, اکتشاف
        beach | 🏖️ | beach, island, vacation, holiday, kish, maldives, bali | ساحل, جزیره, تعطیلات, کیش, مالدیو, بالی
        palm tree | 🌴 | tropical, palm, paradise, thailand | استوایی, نخل, بهشت, تایلند
        mountain | 🏔️ | mountain, mountains, hiking, trekking, alps, damavand | کوه, کوهستان, دماوند, کوهپیمایی, پیاده روی
        camping | 🏕️ | camping, tent, camp, outdoors, wild camping | کمپ, چادر, کمپینگ, طبیعت گردی
        desert | 🏜️ | desert, sahara, dunes, lut, dubai desert | کویر, بیابان, صحرا, لوت
        tower | 🗼 | paris, eiffel tower, france, tokyo tower | پاریس, برج ایفل, فرانسه
        statue of liberty | 🗽 | new york, nyc, usa, america | نیویورک, آمریکا
        mosque | 🕌 | mosque, isfahan, shiraz, istanbul, iran trip | مسجد, اصفهان, شیراز, استانبول, ایران گردی
        castle | 🏰 | castle, europe, palace, kingdom | قلعه, اروپا, کاخ
        japanese castle | 🏯 | japan, kyoto, japanese | ژاپن, کیوتو
        cityscape | 🏙️ | ~city, city tour, skyline, dubai, downtown | ~شهر, شهرگردی, دبی, مرکز شهر
        hotel | 🏨 | hotel, resort, airbnb, hostel, ~stay | هتل, اقامتگاه, ریزورت, هاستل
        train | 🚆 | train, railway, rail, metro, subway | قطار, راه آهن, مترو
        ship | 🚢 | cruise, ship, ferry, boat | کشتی, کروز, قایق
        sailboat | ⛵ | sailing, sailboat, yacht | قایقرانی, قایق بادبانی, قایق تفریحی
        minibus | 🚐 | van life, vanlife, campervan, rv, road trip van | ون, کمپروان
        motorcycle | 🏍️ | motorcycle, motorbike, moto trip | موتور, موتورسیکلت, موتورسواری
        sunrise over mountains | 🌄 | sunset, sunrise view, scenery, ~nature | غروب, ~منظره, ~طبیعت
        volcano | 🌋 | volcano, iceland, hawaii | آتشفشان, ایسلند, هاوایی
        ticket | 🎫 | ticket, tickets, booking, cheap flights | بلیط, رزرو, پرواز ارزان
        snowflake | ❄️ | winter, snow, ski, skiing, dizin | زمستان, برف, اسکی, دیزین
        sunrise | 🌅 | ~travel vlog, ~trip, ~journey, ~tour, ~travel | ~سفر, ~گردش, ~تور, ~مسافرت, سفرنامه
        """,
    'music': """
        microphone | 🎤 | ~singing, singer, vocal, ~vocals, karaoke, ~sing, ~song | ~آواز, ~خواننده, کارائوکه, ~خوانندگی, ~آهنگ, ~کاور
        guitar | 🎸 | guitar, electric guitar, acoustic guitar, riff, rock | گیتار, گیتار برقی, راک
        piano | 🎹 | piano, keys, keyboard piano, synth | پیانو, ارگ, سینتی سایزر
        drum | 🥁 | drum, drums, drummer, ~beat, percussion | درام, طبل, تنبک, ~بیت
        violin | 🎻 | violin, cello, orchestra, classical music, kamancheh | ویولن, ویولون, کمانچه, ارکستر, موسیقی کلاسیک
        trumpet | 🎺 | trumpet, jazz, brass | ترومپت, جاز
        saxophone | 🎷 | saxophone, sax | ساکسیفون
        banjo | 🪕 | banjo, setar, tar, ukulele | سه تار, تار, یوکللی, بانجو
        long drum | 🪘 | daf, tombak, bongo | دف
        flute | 🪈 | flute, ney | فلوت, نی
        musical note | 🎵 | ~music, ~melody, ~tune, ~track, playlist, lofi, lo-fi | ~موسیقی, ~موزیک, ~ملودی, ~ترانه, پلی لیست, لوفای
        musical notes | 🎶 | ~album, songs, ~mix, mashup | ~آلبوم, ~میکس, آهنگ ها
        musical score | 🎼 | music theory, composition, composer, sheet music | تئوری موسیقی, آهنگسازی, آهنگساز, نت
        radio | 📻 | radio, fm, old songs | رادیو
        speaker | 🔊 | speaker, ~bass, ~sound, ~loud, ~audio | بلندگو, اسپیکر, ~بیس
        dj | 🎚️ | dj, remix, producer, beat making, music production, fl studio, ableton | دی جی, ریمیکس, پرودیوسر, تنظیم, آهنگسازی الکترونیک
        vinyl | 📀 | vinyl, record, records, turntable | صفحه گرامافون, گرامافون
        concert | 🎫 | concert, ~live, ~tour, festival, gig | ~کنسرت, ~اجرای زنده, فستیوال
        rock hand | 🤘 | metal, heavy metal, punk, rock concert | متال, هوی متال, پانک
        glowing star | 🌟 | ~star, superstar, ~famous, idol, kpop, k-pop | ~ستاره, سوپراستار, ~مشهور, کی پاپ
        dancer | 💃 | ~dance, dancing, choreography, dancer | ~رقص, رقصیدن, طراحی رقص
        man dancing | 🕺 | disco, party dance, tiktok dance | دیسکو
        performing arts | 🎭 | opera, theater, musical, ~performance | اپرا, تئاتر, نمایش موزیکال, ~اجرا
        """,
    'news': """
        newspaper | 📰 | ~news, newspaper, ~headline, ~headlines, ~report, ~article | ~خبر, ~اخبار, روزنامه, ~گزارش, ~تیتر
        loudspeaker | 📢 | ~breaking, ~breaking news, ~announcement, ~alert, ~urgent | ~فوری, ~خبر فوری, ~اطلاعیه, ~هشدار
        police light | 🚨 | ~emergency, ~police, ~crime, ~warning | اورژانس, ~پلیس, ~جرم, ~جنایت
        warning | ⚠️ | ~danger, ~caution, ~scam, fake news, misinformation | ~خطر, ~احتیاط, کلاهبرداری, خبر جعلی, شایعه
        ballot box | 🗳️ | ~election, ~vote, voting, ballot, ~president, campaign | ~انتخابات, ~رای, رای گیری, رئیس جمهور, کاندیدا
        justice scale | ⚖️ | ~court, ~justice, trial, judge, lawsuit | ~دادگاه, ~عدالت, محاکمه, قاضی, شکایت
        globe with meridians | 🌐 | ~global, ~international, ~worldwide, world news | ~جهانی, بین المللی, بین الملل
        earth | 🌎 | ~climate, climate change, global warming, ~environment | ~اقلیم, تغییرات اقلیمی, گرمایش زمین, ~محیط زیست
        oil drum | 🛢️ | ~oil, ~gas, ~energy, opec, petrol, gasoline | ~نفت, ~گاز, ~انرژی, اوپک, بنزین
        factory | 🏭 | factory, ~industry, ~pollution, ~economy | کارخانه, ~صنعت, ~آلودگی, ~اقتصاد
        tornado | 🌪️ | ~storm, hurricane, tornado, ~disaster | طوفان, گردباد, بلا, فاجعه
        water wave | 🌊 | flood, tsunami, wave, sea level | سیل, سونامی, موج
        earthquake | 🏚️ | earthquake, quake, collapse | زلزله, زمین لرزه, ریزش ساختمان
        fire engine | 🚒 | wildfire, firefighter, fire department | آتش سوزی, آتش نشان, آتش نشانی
        ambulance | 🚑 | ~hospital, ~accident, injured, ambulance | ~بیمارستان, ~تصادف, مجروح, آمبولانس
        syringe | 💉 | vaccine, vaccination, ~health, ~medicine, ~pandemic, covid | واکسن, واکسیناسیون, ~سلامت, دارو, همه گیری, کرونا
        satellite | 🛰️ | satellite launch, nasa, space news, ~mission | ماهواره, ناسا, ماموریت فضایی
        rocket | 🚀 | rocket, ~launch, spacex, space launch, mars | موشک, پرتاب, اسپیس ایکس, مریخ
        dove | 🕊️ | ~peace, ceasefire, treaty, ~protest, ~protests | ~صلح, آتش بس, ~توافق, ~اعتراض, ~اعتراضات
        megaphone | 📣 | debate, ~speech, ~statement, interview news | مناظره, سخنرانی, بیانیه
        viral | 📲 | social media news, twitter, ~viral, ~trend, ~trending | توییتر, ~وایرال, ~ترند, داغ شد
        detective | 🕵️ | ~investigation, ~explained, ~exposed, ~leak, ~leaked, ~truth | ~تحقیق, افشاگری, افشا, ~حقیقت, ~ماجرا
        flag | 🏳️ | flag, ~country, nation, ~government, parliament | پرچم, ~کشور, ملت, ~دولت, مجلس
        military helmet | 🪖 | geopolitics, ~war, ~conflict, ~military | ژئوپلیتیک, ~جنگ, ~درگیری, ~نظامی
        """,
    'beauty': """
        lipstick | 💄 | ~makeup, ~make up, lipstick, lips, cosmetics | ~آرایش, ~میکاپ, رژ لب, رژ, لوازم آرایش
        nail polish | 💅 | nails, nail polish, manicure, nail art | ناخن, لاک, مانیکور, طراحی ناخن
        kiss mark | 💋 | lip gloss, lip care | برق لب, لب
        haircut | 💇 | ~hair, haircut, hairstyle, hair care, salon | ~مو, کوتاهی مو, مدل مو, آرایشگاه, سالن زیبایی
        barber | 💈 | barber, barbershop, beard, fade | آرایشگاه مردانه, ریش, اصلاح
        mirror | 🪞 | mirror, ~glow up, ~transformation, ~makeover | آینه, تغییر چهره, گلو آپ
        sparkles | ✨ | ~glow, glowing skin, ~shine, ~glam, glitter | ~درخشش, ~درخشان, گلم, اکلیل
        lotion | 🧴 | ~skincare, ~skin care, lotion, moisturizer, serum, sunscreen, cream | ~مراقبت پوست, ~پوست, لوسیون, مرطوب کننده, سرم, ضد آفتاب, کرم
        soap | 🧼 | cleanser, face wash, soap, cleansing | شوینده, فیس واش, صابون, پاکسازی
        sponge | 🧽 | sponge, beauty blender, foundation | اسفنج, بیوتی بلندر, کرم پودر
        perfume | 🌸 | perfume, fragrance, ~scent, cologne | عطر, ادکلن, رایحه
        rose | 🌹 | rose, ~romantic look, ~valentine | گل رز, رز, ولنتاین
        tulip | 🌷 | ~spring look, ~floral, ~pastel | ~بهاری, پاستلی
        dress | 👗 | dress, ~outfit, ~fashion, ~style, ootd, try on | ~لباس, پیراهن, ~مد, ~استایل, ~تیپ, پرو
        high heel | 👠 | heels, ~shoes, high heels | کفش پاشنه بلند, پاشنه بلند, ~کفش
        handbag | 👜 | handbag, ~bag, purse, designer bag | ~کیف, کیف دستی, کیف زنانه
        sunglasses | 🕶️ | sunglasses, ~glasses, ~accessories | عینک آفتابی, ~عینک, اکسسوری
        princess | 👸 | princess, ~bridal, bridal makeup, ~bride | پرنسس, ~عروس, آرایش عروس
        eye | 👁️ | eyeliner, eyeshadow, mascara, eyelashes, lashes, brows, eyebrows | خط چشم, سایه چشم, ریمل, مژه, ابرو
        face massage | 💆 | facial, face mask, spa, massage | فیشیال, ماسک صورت, اسپا, ماساژ
        bouquet | 💐 | ~flowers, bouquet, gift set | دسته گل, ~گل ها
        ribbon | 🎀 | ribbon, ~cute, coquette, bow | روبان, پاپیون, ~کیوت
        jewel | 💠 | jewelry haul, earrings, necklace | گوشواره, گردنبند
        herb | 🌿 | ~natural, ~organic, herbal, diy skincare | ~طبیعی, ~ارگانیک, ~گیاهی
        """,
    'sports': """
        soccer ball | ⚽ | football, soccer, goal, world cup, premier league, la liga, messi, ronaldo, real madrid, barcelona, persepolis, esteghlal | فوتبال, جام جهانی, لیگ برتر, مسی, رونالدو, رئال مادرید, بارسلونا, پرسپولیس, استقلال
        basketball | 🏀 | basketball, nba, dunk, lebron | بسکتبال, ان بی ای
        american football | 🏈 | american football, nfl, super bowl, touchdown | فوتبال آمریکایی, سوپربول
        baseball | ⚾ | baseball, mlb, home run | بیسبال
        tennis | 🎾 | tennis, wimbledon, grand slam | تنیس, ویمبلدون
        volleyball | 🏐 | volleyball, beach volleyball | والیبال
        ping pong | 🏓 | ping pong, table tennis | پینگ پنگ, تنیس روی میز
        badminton | 🏸 | badminton | بدمینتون
        ice hockey | 🏒 | hockey, ice hockey, nhl | هاکی
        cricket | 🏏 | cricket, ipl | کریکت
        golf | ⛳ | golf, golfer, hole in one | گلف
        trophy | 🏆 | trophy, ~cup, ~champions, ~championship, ~final, ~winner, ~win, ~winning, ~victory, ~title | ~جام, ~قهرمانی, ~قهرمان, ~فینال, ~برنده, ~پیروزی
        medal | 🥇 | medal, gold medal, olympics, olympic, first place | مدال, مدال طلا, المپیک, مقام اول
        racing car | 🏎️ | f1, formula 1, formula one, racing, race car, grand prix, nascar | فرمول یک, مسابقه اتومبیلرانی, ماشین مسابقه, اتومبیلرانی
        checkered flag | 🏁 | ~race, finish line, lap, rally | ~مسابقه, خط پایان, رالی
        skateboard | 🛹 | skateboard, skateboarding, skate, skatepark | اسکیت برد, اسکیت
        skier | ⛷️ | ski race, skier, slalom | اسکی باز
        snowboarder | 🏂 | snowboard, snowboarding | اسنوبرد
        surfer | 🏄 | surf, surfing, surfer, waves | موج سواری
        wrestling | 🤼 | wrestling, wrestler, ufc, wwe | کشتی, کشتی گیر, یو اف سی
        horse racing | 🏇 | horse racing, horse, jockey, equestrian | اسب سواری, اسب, سوارکاری
        referee | 🟥 | referee, var, penalty, red card, foul | ~داور, پنالتی, کارت قرمز, ~خطا, وار
        stadium | 🏟️ | stadium, ~fans, ~match, derby, el clasico, ~highlights | ورزشگاه, استادیوم, ~هوادار, ~هواداران, دربی, ال کلاسیکو, ~خلاصه بازی
        goal net | 🥅 | goalkeeper, goalie | دروازه بان, دروازه, گلر
        rugby | 🏉 | rugby | راگبی
        bowling | 🎳 | bowling, ~strike | بولینگ
        fishing | 🎣 | ~fishing, ~fish, ~catch | ~ماهیگیری, ~ماهی, ~صید
        """,
}

# the subject a thumbnail shows when its prompt names no object of the vocabulary
DEFAULT_SUBJECTS: dict[str, str] = {
    'gaming': 'gamepad',
    'tech': 'laptop',
    'education': 'books',
    'vlog': 'camera with flash',
    'cooking': 'chef',
    'fitness': 'dumbbell',
    'finance': 'money bag',
    'travel': 'airplane',
    'music': 'microphone',
    'news': 'newspaper',
    'beauty': 'lipstick',
    'sports': 'trophy',
}
