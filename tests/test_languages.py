"""Reports in other languages: found by their common words, glossed into the English cue words of cues.yaml
and read by the English rules; names in those languages are aliases in data/reference. Every sentence here
was written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.dataset.load import load_reference, reference_of
from generator.ingest.articles import Article
from generator.ingest.extract import extract_drafts
from generator.ingest.rules.languages import gloss_sentences, language_of, languages
from generator.ingest.rules.names import Lexicon
from generator.ingest.rules.text import Sentence

REPO = Path(__file__).resolve().parent.parent
START = dt.date(2023, 10, 17)
WEDNESDAY = dt.date(2024, 1, 10)

ARABIC = (
    "أعلنت المقاومة الإسلامية في العراق، يوم الثلاثاء، أن مقاتليها استهدفوا قاعدة عين الأسد في الأنبار بطائرة مسيرة.\n"
    "وقال مسؤول أمريكي إن الدفاعات الجوية في القاعدة التي تضم قوات أمريكية أسقطت الطائرة، ولم ترد أنباء عن إصابات."
)
MALAY = (
    "Perlawanan Islam di Irak mengatakan pada hari Senin bahwa pasukannya menyerang pangkalan militer AS di dekat "
    "ladang gas Conoco di Suriah dengan dron. Pasukan AS belum memberikan komentar tentang serangan itu."
)
TURKISH = (
    "ABD'nin Suriye'deki Tenef üssüne Pazartesi günü bir İHA ile saldırı düzenlendi ve bu İHA düşürüldü. Yerel "
    "kaynaklara göre saldırıyı henüz bir grup üstlenmedi."
)
SAMPLES = {
    "ar": ARABIC,
    "ms": MALAY,
    "tr": TURKISH,
    "pt": "A base dos EUA foi atacada por foguetes na segunda-feira, e não houve feridos entre os soldados da base.",
    "it": "La base americana è stata colpita da due razzi lunedì sera, secondo una fonte della coalizione nella zona.",
    "fr": "Un drone s'est abattu sur la base américaine lundi, selon une source de sécurité dans la région des bases.",
}


@pytest.fixture(scope="module")
def reference() -> Lexicon:
    return Lexicon.from_reference(reference_of(load_reference(REPO / "data" / "reference")[0]))


def _drafts(text: str, reference: Lexicon) -> list[dict]:
    article = Article("t1", Path("t1.txt"), text, WEDNESDAY, False, "Test", None, None)
    return extract_drafts(article, reference, START)


def test_every_section_is_found_by_its_words() -> None:
    assert {language.code for language in languages()} >= set(SAMPLES)
    for code, text in SAMPLES.items():
        found = language_of(text)
        assert found is not None and found.code == code, code
    assert language_of("Rockets hit the base on Monday and the Pentagon said no one was hurt in the attack.") is None


def test_a_gloss_reads_as_english_cue_words(reference: Lexicon) -> None:
    language = language_of(ARABIC)
    assert language is not None
    glossed = gloss_sentences([Sentence(0, 0, ARABIC.split("\n")[0])], language, reference.spellings)[0].text
    # generic words become cue words, names stay as written (without the "ب" joined to the weapon)
    assert "announced" in glossed and "Tuesday" in glossed and "targeted" in glossed and "drone" in glossed
    assert "عين الأسد" in glossed and "المقاومة الإسلامية في العراق" in glossed


def test_numeric_dates_are_written_out(reference: Lexicon) -> None:
    language = language_of(MALAY)
    assert language is not None
    text = gloss_sentences([Sentence(0, 0, "pada Rabu (24/1/2024) malam")], language)[0].text
    assert text == "on Wednesday (24 January 2024) night"


def test_an_arabic_report(reference: Lexicon) -> None:
    drafts = [d for d in _drafts(ARABIC, reference) if d.get("type") == "attack"]
    assert [(d["date"], d["location"]["base"], d["weapons"]) for d in drafts] == [
        ("2024-01-09", "ain-al-asad", ["drone"])
    ]
    assert drafts[0]["claimed_by"] == ["islamic-resistance-in-iraq"]
    assert drafts[0]["intercepted"] is True
    assert "عين الأسد" in drafts[0]["sources"][0]["quote"]  # the draft quotes the report, not the gloss


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MALAY, ("2024-01-08", "conoco", ["drone"])),
        (TURKISH, ("2024-01-08", "al-tanf", ["drone"])),
    ],
)
def test_reports_in_other_languages(reference: Lexicon, text: str, expected: tuple) -> None:
    drafts = [d for d in _drafts(text, reference) if d.get("type") == "attack"]
    assert [(d["date"], d["location"]["base"], d["weapons"]) for d in drafts] == [expected]
    assert drafts[0]["claimed_by"] == (["islamic-resistance-in-iraq"] if text is MALAY else [])


def test_a_drone_that_came_down_on_a_base_in_french_was_not_shot_down(reference: Lexicon) -> None:
    text = (
        "Un drone s'est abattu, selon une source de sécurité, sur la base d'al-Harir lundi 20 novembre 2023. "
        "Les médias de la région ignorent le bilan de l'attaque."
    )
    (draft,) = [d for d in _drafts(text, reference) if d.get("type") == "attack"]
    assert draft["intercepted"] is not True


def test_an_arabic_group_that_carried_out_the_targeting_claims_it(reference: Lexicon) -> None:
    text = ARABIC + "\nوكانت المقاومة الإسلامية في العراق قامت باستهداف قاعدة حرير يوم الاثنين."
    (draft,) = [d for d in _drafts(text, reference) if d.get("location", {}).get("base") == "harir-air-base"]
    assert draft["claimed_by"] == ["islamic-resistance-in-iraq"]


def test_an_arabic_strike_that_followed_an_attack_on_a_base_is_a_strike(reference: Lexicon) -> None:
    text = ARABIC + (
        "\nوتعرضت قاعدة الشدادي في سوريا لهجوم بالصواريخ يوم الثلاثاء، تلا ذلك غارة جوية لطيران التحالف الدولي"
        " على موقع إطلاق الصواريخ."
    )
    strikes = [(d["date"], d["location"]["country"]) for d in _drafts(text, reference) if d.get("type") == "strike"]
    assert strikes == [("2024-01-09", "SY")]


def test_an_arabic_count_with_its_singular_noun_is_a_tally(reference: Lexicon) -> None:
    # Arabic counts from 11 to 99 with a singular noun: "61 هجوما" is 61 attacks
    text = ARABIC + (
        "\nونقلت وكالة أنباء عن مسؤولي دفاع أن القوات الأمريكية تعرضت حتى يوم الأحد لـ 61 هجوما في العراق وسوريا."
    )
    tallies = [(d["as_of"], d["attacks"]) for d in _drafts(text, reference) if "as_of" in d]
    assert tallies == [("2024-01-07", 61)]


def test_arabic_surface_to_surface_weapons_are_rockets(reference: Lexicon) -> None:
    text = ARABIC + "\nوتعرضت قاعدة كونيكو في سوريا يوم الاثنين لثلاث هجمات بأسلحة أرض – أرض."
    (draft,) = [d for d in _drafts(text, reference) if d.get("location", {}).get("base") == "conoco"]
    assert draft["weapons"] == ["rocket"]


def test_an_arabic_count_split_between_the_two_countries(reference: Lexicon) -> None:
    text = ARABIC + (
        "\nوقال مسؤول في البنتاغون إن القوات الأمريكية تعرضت لهجمات 25 مرة منذ 17 أكتوبر."
        "\nوأضاف أنها تعرضت للهجمات 15 مرة في العراق و10 مرات في سوريا."
    )
    tallies = [(d["attacks"], d["iraq"], d["syria"]) for d in _drafts(text, reference) if "as_of" in d]
    assert tallies == [(25, 15, 10)]


# Sentences that carry a toll, a count, a claim or a base named by its town, each after a line of the same
# language that tells nothing (so the language is found as in a whole report). 2024-01-09 is a Tuesday.
_SETTING = {
    "fr": "Selon les médias locaux, la situation dans la région est restée tendue et les forces sont en alerte dans "
    "les bases, avec des patrouilles sur les routes pour la sécurité des habitants.",
    "it": "Secondo i media locali, la situazione nella regione è rimasta tesa per tutta la giornata e anche gli "
    "ufficiali sono preoccupati.",
    "pt": "Segundo a mídia local, a situação na região continua tensa e os militares estão em alerta, com mais tropas "
    "nas bases dos aliados.",
    "ar": "وفق وسائل إعلام محلية، فإن الوضع في المنطقة لا يزال متوترا، كما أن القوات في حالة تأهب بعد هذه التطورات.",
    "ms": "Menurut media setempat, situasi di kawasan itu tetap tegang dan pasukan yang berada di sana telah siaga.",
    "tr": "Yerel medyaya göre bölgedeki durum gergin ve bu nedenle güçler alarm durumunda olarak bekliyor, daha fazla "
    "bilgi için açıklama bekleniyor.",
}


@pytest.mark.parametrize(
    ("code", "sentence", "expected"),
    [
        (
            "pt",
            "Foguetes atingiram a base de Ain al-Asad na terça-feira, ferindo dois soldados americanos.",
            ("ain-al-asad", False, 0, 2, []),
        ),
        ("pt", "Um drone atacou a base de Conoco na terça-feira, sem causar feridos.", ("conoco", None, 0, 0, [])),
        (
            "fr",
            "Des roquettes ont frappé la base de Conoco mardi soir, blessant trois soldats américains.",
            ("conoco", False, 0, 3, []),
        ),
        (
            "it",
            "Il drone è stato intercettato prima di raggiungere la base di Erbil martedì.",
            ("erbil-air-base", True, None, None, []),
        ),
        (
            "ar",
            "أعلنت المقاومة الإسلامية في العراق استهداف قاعدة حرير بطائرة مسيرة يوم الثلاثاء.",
            ("harir-air-base", None, None, None, ["islamic-resistance-in-iraq"]),
        ),
        (  # the day between commas
            "ar",
            "أعلنت المقاومة الإسلامية في العراق، يوم الثلاثاء، استهداف قاعدة الشدادي في سوريا بالصواريخ.",
            ("al-shaddadi", None, None, None, ["islamic-resistance-in-iraq"]),
        ),
    ],
)
def test_tolls_claims_and_bases_by_town_in_other_languages(
    reference: Lexicon, code: str, sentence: str, expected: tuple
) -> None:
    (draft,) = [d for d in _drafts(f"{_SETTING[code]}\n{sentence}", reference) if d.get("type") == "attack"]
    casualties = draft["casualties"]
    found = (draft["location"]["base"], draft["intercepted"], casualties["us_killed"], casualties["us_injured"])
    assert (*found, draft["claimed_by"]) == expected
    assert draft["date"] == "2024-01-09"


@pytest.mark.parametrize(
    ("code", "sentence", "expected"),
    [
        (
            "fr",
            "La base d'al-Tanf a été la cible d'une attaque de drones lundi, qui a été repoussée.",
            ("2024-01-08", "al-tanf", True, None, None),
        ),
        (
            "fr",
            "Deux drones ont été abattus près de la base de Harir dans la nuit de lundi à mardi.",
            ("2024-01-08", "harir-air-base", True, None, None),
        ),
        (
            "pt",
            "Três foguetes caíram dentro da base de Ain al-Asad na segunda-feira, sem deixar vítimas.",
            ("2024-01-08", "ain-al-asad", False, 0, 0),
        ),
        (
            "tr",
            "Pazartesi günü Irak'taki Ayn el-Esed üssüne roketli saldırı düzenlendi, can kaybı olmadı.",
            ("2024-01-08", "ain-al-asad", None, 0, 0),
        ),
        (
            "ar",
            "سقطت ثلاثة صواريخ داخل قاعدة عين الأسد يوم الاثنين دون وقوع إصابات.",
            ("2024-01-08", "ain-al-asad", False, 0, 0),
        ),
        (  # the group's own word that it hit its target is no report that anything hit
            "ar",
            "استهدفت المقاومة الإسلامية في العراق قاعدة الاحتلال الأمريكي في حقل كونيكو بطائرة مسيرة يوم الاثنين، "
            "وأصابت هدفها بشكل مباشر.",
            ("2024-01-08", "conoco", None, None, None),
        ),
        (
            "ms",
            "Sebuah roket jatuh di dalam pangkalan Conoco pada hari Senin dan menyebabkan kerusakan ringan.",
            ("2024-01-08", "conoco", False, None, None),
        ),
        (
            "ms",
            "Pangkalan militer AS di ladang minyak al-Omar diserang dengan dua drone pada Senin malam, tanpa "
            "menimbulkan korban jiwa.",
            ("2024-01-08", "green-village", None, 0, 0),
        ),
        (  # the dual: two soldiers in one word
            "ar",
            "أصيب جنديان أمريكيان بجروح طفيفة في هجوم بطائرة مسيرة على قاعدة التنف يوم الاثنين.",
            ("2024-01-08", "al-tanf", False, 0, 2),
        ),
    ],
)
def test_outcomes_and_nights_in_other_languages(reference: Lexicon, code: str, sentence: str, expected: tuple) -> None:
    (draft,) = [d for d in _drafts(f"{_SETTING[code]}\n{sentence}", reference) if d.get("type") == "attack"]
    casualties = draft["casualties"]
    found = (draft["date"], draft["location"]["base"], draft["intercepted"], casualties["us_killed"])
    assert (*found, casualties["us_injured"]) == expected


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        (
            "it",
            "Secondo il Pentagono, le forze statunitensi sono state attaccate almeno 66 volte in Iraq e in Siria "
            "dal 17 ottobre.",
        ),
        ("tr", "Pentagon'a göre ABD güçleri 17 Ekim'den bu yana Irak ve Suriye'de en az 66 kez saldırıya uğradı."),
        (
            "pt",
            "Segundo o Pentágono, as forças americanas foram atacadas pelo menos 66 vezes no Iraque e na Síria "
            "desde 17 de outubro.",
        ),
    ],
)
def test_a_campaign_count_in_other_languages(reference: Lexicon, code: str, sentence: str) -> None:
    # Italian counts "from" the day ("dal"), Turkish puts "since" and the verb after the count
    tallies = [d for d in _drafts(f"{_SETTING[code]}\n{sentence}", reference) if "as_of" in d]
    assert [(t["as_of"], t["attacks"]) for t in tallies] == [("2024-01-10", 66)]
