"""A directory that looks like the region's, and the queries its readers type.

Organisations are named the way the region's directories name them: a proper word (a place, a person, a
hope) and a form of association, in Azerbaijani, Russian, Georgian, Turkish, Armenian or Uzbek, each in its own
script, often with a Russian and an English rendering beside it. The same words recur across thousands of
organisations, as they do in real directories.

Every query knows which organisations answer it (the ones whose name has the words asked for), so recall@10
needs no judgement: a query is answered when one of them is among the first ten.
"""

import csv
import random
import unicodedata

# (own script, Russian, English / usual romanisation). Azerbaijani words as Russian and English spell them.
AZ_WORDS = [
    ("Lənkəran", "Ленкорань", "Lankaran"), ("Gəncə", "Гянджа", "Ganja"), ("Şəki", "Шеки", "Sheki"),
    ("Sumqayıt", "Сумгаит", "Sumgait"), ("Mingəçevir", "Мингечевир", "Mingachevir"), ("Şirvan", "Ширван", "Shirvan"),
    ("Naxçıvan", "Нахчыван", "Nakhchivan"), ("Quba", "Губа", "Guba"), ("Qəbələ", "Габала", "Gabala"),
    ("Zaqatala", "Загатала", "Zagatala"), ("Xaçmaz", "Хачмаз", "Khachmaz"), ("Bərdə", "Барда", "Barda"),
    ("Ədalət", "Адалят", "Adalat"), ("Səhiyyə", "Сахийя", "Sahiyya"), ("Gənclik", "Гянджлик", "Ganjlik"),
    ("Həmrəylik", "Хамрайлик", "Hamraylik"), ("Dirçəliş", "Дирчелиш", "Dirchalish"), ("Ümid", "Умид", "Umid"),
    ("Xəzər", "Хазар", "Khazar"), ("Çinar", "Чинар", "Chinar"), ("Bulaq", "Булаг", "Bulag"),
    ("Şəfqət", "Шафгат", "Shafgat"), ("Məmmədov", "Мамедов", "Mammadov"), ("Əliyev", "Алиев", "Aliyev"),
    ("Hüseynov", "Гусейнов", "Huseynov"), ("Qasımov", "Гасымов", "Gasimov"), ("Cəfərov", "Джафаров", "Jafarov"),
    ("Rəhimov", "Рагимов", "Rahimov"), ("Nəsimi", "Насими", "Nasimi"), ("Füzuli", "Физули", "Fuzuli"),
]
AZ_FORMS = [
    ("Gənclər Birliyi", "Союз молодёжи", "Youth Union"),
    ("Qadınlar Assosiasiyası", "Ассоциация женщин", "Women's Association"),
    ("Ekoloji Mərkəzi", "Экологический центр", "Environmental Centre"),
    ("İnkişaf Fondu", "Фонд развития", "Development Foundation"),
    ("Hüquq Mərkəzi", "Правовой центр", "Law Centre"),
    ("İctimai Birliyi", "Общественное объединение", "Public Union"),
    ("Təhsil Cəmiyyəti", "Общество просвещения", "Education Society"),
    ("Uşaqlara Yardım Təşkilatı", "Организация помощи детям", "Children's Aid Organisation"),
]
RU_WORDS = ["Надежда", "Рассвет", "Радуга", "Содружество", "Милосердие", "Астрахань", "Махачкала", "Дербент",
            "Самара", "Волга", "Иванов", "Смирнов", "Кузнецов", "Соколов", "Лебедев", "Новиков", "Морозов",
            "Волков", "Соловьёв", "Забота", "Истоки", "Гармония", "Перспектива", "Доверие"]
RU_FORMS = ["Общественное объединение", "Центр развития", "Благотворительный фонд", "Ассоциация женщин",
            "Союз молодёжи", "Правозащитный центр", "Экологическое общество", "Клуб"]
# Georgian and Armenian with the national systems' romanisation, as people type them.
KA_WORDS = [("იმედი", "Imedi"), ("მშვიდობა", "Mshvidoba"), ("თბილისი", "Tbilisi"), ("ქუთაისი", "Kutaisi"),
            ("ბათუმი", "Batumi"), ("რუსთავი", "Rustavi"), ("ბერიძე", "Beridze"), ("კაპანაძე", "Kapanadze"),
            ("გელაშვილი", "Gelashvili"), ("მაისურაძე", "Maisuradze"), ("ლომიძე", "Lomidze"), ("განათლება", "Ganatleba"),
            ("თანადგომა", "Tanadgoma"), ("ხელოვნება", "Khelovneba"), ("სამართალი", "Samartali"), ("მომავალი", "Momavali")]
KA_FORMS = [("ასოციაცია", "Asotsiatsia"), ("ფონდი", "Pondi"), ("ცენტრი", "Tsentri"), ("კავშირი", "Kavshiri")]
HY_WORDS = [("Հույս", "Huys"), ("Երևան", "Yerevan"), ("Գյումրի", "Gyumri"), ("Վանաձոր", "Vanadzor"),
            ("Հովհաննիսյան", "Hovhannisyan"), ("Սարգսյան", "Sargsyan"), ("Գրիգորյան", "Grigoryan"),
            ("Հարությունյան", "Harutyunyan"), ("Արարատ", "Ararat"), ("Սևան", "Sevan"), ("Արև", "Arev"),
            ("Խաղաղություն", "Khaghaghutyun")]
HY_FORMS = [("Հիմնադրամ", "Himnadram"), ("Կենտրոն", "Kentron"), ("Միություն", "Miutyun"), ("Ասոցիացիա", "Asotsiatsia")]
TR_WORDS = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Özdemir", "Umut",
            "Kalkınma", "Dayanışma", "Sağlık", "Eğitim", "Gençlik", "Çevre", "İstanbul", "Ankara", "İzmir",
            "Trabzon", "Erzurum", "Kars", "Iğdır", "Artvin"]
TR_FORMS = ["Derneği", "Vakfı", "Merkezi", "Platformu", "Kadın Derneği", "Gençlik Derneği"]
UZ_WORDS = ["Karimov", "Rashidov", "Yusupov", "Usmonov", "Toshmatov", "Umid", "Taraqqiyot", "Mehr",
            "Yoshlar", "Ekosan", "Toshkent", "Samarqand", "Buxoro", "Farg'ona", "Namangan", "Nukus", "Sog'lom",
            "Kelajak", "Oila", "Ma'rifat"]
UZ_FORMS = ["Jamg'armasi", "Markazi", "Uyushmasi", "Jamiyati", "Assotsiatsiyasi"]

COUNTRIES = {"az": "AZ", "ru": "RU", "ka": "GE", "hy": "AM", "tr": "TR", "uz": "UZ"}
# Shares of the directory: mostly Azerbaijani, as the networks are.
LANGUAGES = [("az", 45), ("ru", 20), ("ka", 10), ("tr", 10), ("hy", 7), ("uz", 8)]
KINDS = [("ngo", 80), ("government", 4), ("un_agency", 2), ("donor", 3), ("business", 4), ("academic", 4), ("media", 3)]
STATUSES = [("none", 70), ("unknown", 20), ("roster", 3), ("special", 6), ("general", 1)]
NETWORKS = [("", 80), ("un-ngo-irene-azerbaijan", 12), ("un-ngo-irene-caspian", 8)]

ASCII_KEYBOARD = str.maketrans({"ə": "e", "Ə": "E", "ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ç": "c", "Ç": "C",
                                "ğ": "g", "Ğ": "G", "ö": "o", "Ö": "O", "ü": "u", "Ü": "U", "'": ""})
RU_LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
                     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))


def weighted(rng, items):
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def romanise_russian(text):
    out = []
    for c in text:
        lower = c.lower()
        if lower in RU_LATIN:
            latin = RU_LATIN[lower]
            out.append(latin.capitalize() if c != lower else latin)
        else:
            out.append(c)
    return "".join(out)


def organization(rng, n):
    """One organisation: its CSV row and the words a reader would know it by (in every spelling given)."""
    language = weighted(rng, LANGUAGES)
    if language == "az":
        (w_az, w_ru, w_en), (f_az, f_ru, f_en) = rng.choice(AZ_WORDS), rng.choice(AZ_FORMS)
        names = {"az": f"{w_az} {f_az}", "ru": f"{f_ru} «{w_ru}»", "en": f"{w_en} {f_en}"}
        # Often only the Azerbaijani name is given; Russian and English renderings come with some.
        shown = rng.choice([("az",), ("az", "ru"), ("az", "en"), ("az", "ru", "en")])
        names = {k: v for k, v in names.items() if k in shown}
        word = {"own": w_az, "ru": w_ru, "en": w_en}
    elif language == "ru":
        w, f = rng.choice(RU_WORDS), rng.choice(RU_FORMS)
        names = {"ru": f"{f} «{w}»"}
        word = {"own": w, "en": romanise_russian(w)}
    elif language in ("ka", "hy"):
        (w, w_latin), (f, f_latin) = rng.choice(KA_WORDS if language == "ka" else HY_WORDS), rng.choice(
            KA_FORMS if language == "ka" else HY_FORMS)
        names = {"en": f"{w} {f}"}
        word = {"own": w, "en": w_latin}
    else:
        w, f = rng.choice(TR_WORDS if language == "tr" else UZ_WORDS), rng.choice(TR_FORMS if language == "tr" else UZ_FORMS)
        names = {"en": f"{w} {f}"}
        word = {"own": w, "en": w.translate(ASCII_KEYBOARD)}
    row = {
        "slug": f"bench-{n}",
        "name_en": names.get("en", ""), "name_ru": names.get("ru", ""), "name_az": names.get("az", ""),
        "kind": weighted(rng, KINDS), "country": COUNTRIES[language], "city": "",
        "consultative_status": weighted(rng, STATUSES), "networks": weighted(rng, NETWORKS),
    }
    return row, language, word


def write_directory(path, count, seed=2004):
    """Writes the CSV and returns, per organisation, (slug, language, proper word, country, words of its names)."""
    rng = random.Random(seed)
    truth = []
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, ["slug", "name_en", "name_ru", "name_az", "kind", "country", "city",
                                    "consultative_status", "networks"])
        writer.writeheader()
        for n in range(count):
            row, language, word = organization(rng, n)
            writer.writerow(row)
            words = {fold_key(w) for k in ("name_az", "name_ru", "name_en") for w in row[k].replace("«", " ").replace("»", " ").split()}
            truth.append((row["slug"], language, word, row["country"], words))
    return truth


def fold_key(text):
    """How two spellings of a name are told apart for the answer key: case and marks aside."""
    text = unicodedata.normalize("NFKD", text.translate(ASCII_KEYBOARD).lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def typo(rng, word):
    """One slip of the keyboard in a word of five or more letters: a letter dropped, doubled or swapped."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1:]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]


KINDS_OF_QUERY = ["exact", "ascii", "romanised", "typo", "prefix", "filter"]


def queries(truth, count, seed=1945):
    """`count` queries, the six kinds in turn. Each is (kind, text, country filter, set of answering slugs).

    A query asks for an organisation's proper word (its place, person or motto) in one spelling, and is answered
    by every organisation with that word, in the country asked for when there is a filter."""
    rng = random.Random(seed)
    by_word = {}
    for slug, language, word, country, _words in truth:
        by_word.setdefault((language, word["own"]), []).append((slug, country))
    out = []
    while len(out) < count:
        slug, language, word, country, _words = truth[rng.randrange(len(truth))]
        kind = KINDS_OF_QUERY[len(out) % len(KINDS_OF_QUERY)]
        own = word["own"]
        if kind == "exact":
            text = own
        elif kind == "ascii":
            # Azerbaijani, Turkish and Uzbek typed without their letters; Georgian and Armenian romanised.
            if language in ("az", "tr", "uz"):
                text = own.translate(ASCII_KEYBOARD)
            elif language in ("ka", "hy"):
                text = word["en"]
            else:
                continue
        elif kind == "romanised":
            if language == "ru":
                text = romanise_russian(own)
            elif language == "az" and "ru" in word:
                text = romanise_russian(word["ru"])
            else:
                continue
        elif kind == "typo":
            text = typo(rng, own.translate(ASCII_KEYBOARD) if language != "ru" else own)
            if text == own or len(own) < 5:
                continue
        elif kind == "prefix":
            text = own[: max(3, len(own) // 2)]
        else:
            text = own
        answers = by_word[(language, own)]
        if kind == "prefix":
            # Typing the first letters: every name with a word beginning so answers.
            start = fold_key(text)
            answers = [(s, c) for s, _l, _w, c, words in truth if any(w.startswith(start) for w in words)]
        want_country = country if kind == "filter" else None
        slugs = {s for s, c in answers if want_country is None or c == want_country}
        out.append((kind, text, want_country, slugs))
    return out
