"""Export sweep: practices unlike the demo data, in every export format, opened and read back.

Each practice of ``CASES`` holds content the round-trip tests do not generate (Markdown
beyond paragraphs and flat lists, every script of the EU, characters XML cannot hold, text
that looks like the template's own labels, fields at their limits). For each format the
export must open (the .docx's XML parses, python-docx reads it), hold the practice's words,
keep the template's layout (one row per field: no text turned into markup), and read back
into the same practice (docs/EXPORT.md, "Round trip").
"""

import io
import re
import urllib.parse
import zipfile

import pytest
from django.db import connection
from django.urls import reverse
from docx import Document
from lxml import etree

from portal.text import render_markdown
from practices.exporter import export_practice
from practices.exporter.rows import start_answer
from practices.importer import import_document
from practices.models import KeyTheme, Practice, TargetAudience
from practices.template_fields import PLAIN_TEMPLATE_ATTRIBUTES, TEMPLATE_FIELDS, character_limit

from .export_roundtrip import parsed_fields, practice_fields, round_trip
from .factories import make_practice

FORMATS = ("docx", "md")
ROWS = len(TEMPLATE_FIELDS)

EU_LANGUAGES = (
    "Bulgarian: Превенция на радикализацията чрез семейна подкрепа.",
    "Croatian: Sprječavanje nasilnog ekstremizma – đaci, čitaonica, žene.",
    "Czech: Předcházení radikalizaci ve školách, účast rodičů, ředitelé.",
    "Danish: Forebyggelse af ekstremisme: rådgivning, øget tillid, små skridt.",
    "Dutch: Preventie van radicalisering; coördinatie, ruïne, ijverig.",
    "Estonian: Äärmusluse ennetamine: õpetajad, ülikool, šokk, žürii.",
    "Finnish: Väkivaltaisen ääriajattelun ehkäisy, nuorisotyö ja yhteisö.",
    "French: Prévention de la radicalisation : éducateurs, cœur, naïveté, Œuvre, ça.",
    "German: Prävention von Radikalisierung: Jugendämter, Straße, GROẞE Übung.",
    "Greek: Πρόληψη της ριζοσπαστικοποίησης: οικογένειες, σχολεία, «διάλογος».",
    "Hungarian: A radikalizálódás megelőzése: tűzőgép, őrző, fiúk.",
    "Irish: Cosc ar an antoisceachas foréigneach: pobal, óige, scéim.",
    "Italian: Prevenzione della radicalizzazione: perché, città, più, così.",
    "Latvian: Radikalizācijas novēršana: ģimenes, ķēde, ļaudis, ņemt.",
    "Lithuanian: Radikalizacijos prevencija: ąžuolas, ėjimas, įstaiga, ųžūčiai.",
    "Maltese: Il-prevenzjoni tar-radikalizzazzjoni: ċentru, ġenituri, ħidma, żgħażagħ.",
    "Polish: Zapobieganie radykalizacji: łączność, źródło, żółć, gęślą jaźń.",
    "Portuguese: Prevenção da radicalização: ações, famílias, coração, avô.",
    "Romanian: Prevenirea radicalizării: școală, țară, încredere, şi ţară (sedilă).",
    "Slovak: Prevencia radikalizácie: ľudia, dĺžka, kôň, päť, ŕ.",
    "Slovenian: Preprečevanje radikalizacije: čustva, šola, življenje.",
    "Spanish: Prevención de la radicalización: ¿niños? ¡Señal! año, pingüino.",
    "Swedish: Förebyggande av våldsbejakande extremism: åtgärder, öppenhet.",
    "English: Prevention of violent extremism with naïve café owners.",
)


def label_lines(language: str) -> str:
    """Every label of the template at the start of a line, numbered or followed by a colon."""
    lines = []
    for number, field in enumerate(TEMPLATE_FIELDS, start=1):
        label = field.label_fr if language == "fr" else field.label_en
        lines.append(f"{number}. {label}" if number % 2 else f"{label}: a sentence quoting the template.")
    return "\n".join(lines)


LONG_WORD = "Radikalisierungspräventions" * 200
LONG_URL = "https://example.org/" + "/".join(f"segment_{n}_with-words" for n in range(250)) + "?a=1&b=2#part"

# name -> (attributes of the practice, the practice's themes, audiences, words that must be in the file)
# A NUL byte: SQLite stores one written past the forms and the API (which refuse it); PostgreSQL's
# text cannot hold one, so no practice there ever has one to export.
NUL = "" if connection.vendor == "postgresql" else "\x00"

CASES: dict[str, tuple[dict, tuple[str, ...] | None, tuple[str, ...] | None, tuple[str, ...]]] = {
    "nested-lists": (
        {"description": "Steps to prevent violent extremism:\n\n- first\n    - first a\n    - first b\n- second"},
        None,
        None,
        ("first a", "second"),
    ),
    "numbered-list-from-3": (
        {"deliverables": "3. Manual\n4. Training module\n5. Video"},
        None,
        None,
        ("Manual", "Training module", "Video"),
    ),
    "table-in-a-field": (
        {"evidence_evaluation": "Results:\n\n| Year | Cases |\n| --- | --- |\n| 2019 | 12 |\n| 2020 | 15 |"},
        None,
        None,
        ("Cases", "2019"),
    ),
    "headings-in-a-field": (
        {"description": "# Aim\n\nPrevents violent extremism.\n\n## Method\n\nMentoring.\n\n###### Small\n\nEnd."},
        None,
        None,
        ("Aim", "Method", "Small"),
    ),
    "block-quote": (
        {"evidence_evaluation": "> The mentors made the difference.\n> A participant, 2019\n\nAfter the quote."},
        None,
        None,
        ("The mentors made the difference.",),
    ),
    "code-spans-and-fences": (
        {"deliverables": "Run `export --all | sort` and *`emphasis`*.\n\n```\nline one\n    indented line\n```"},
        None,
        None,
        ("export --all", "indented line"),
    ),
    "links-with-titles-and-bare-urls": (
        {
            "deliverables": '[Manual](https://example.org/manual "The manual (PDF)") and '
            "https://example.org/a_b_c?x=1&y=2 and <https://example.org/auto>."
        },
        None,
        None,
        ("https://example.org/a_b_c?x=1&y=2", "The manual (PDF)"),
    ),
    "bold-italic-mixed": (
        {"description": "***Both*** and **bold *italic inside* bold** and _under_ and __double__ and a*b*c."},
        None,
        None,
        ("italic inside",),
    ),
    "hard-line-breaks": (
        {"geographical_scope": "Oslo,  \nBergen\\\nTrondheim\nStavanger"},
        None,
        None,
        ("Bergen", "Trondheim"),
    ),
    "html-entities": (
        {"description": "Schools &amp; families; &lt;script&gt;alert(1)&lt;/script&gt; &copy; &#169; &nbsp;x"},
        None,
        None,
        ("&lt;script&gt;",),
    ),
    "raw-html": (
        {
            "description": 'Raw <script>alert("x")</script> <b>bold</b> <img src=x onerror=alert(1)> '
            "</td></tr></table> <w:p/> ]]> <!-- comment --> end."
        },
        None,
        None,
        ('<script>alert("x")</script>', "</td></tr></table>", "<w:p/>", "]]>"),
    ),
    "very-long-words-and-urls": (
        {"description": f"A word: {LONG_WORD}\n\nA link: {LONG_URL}"},
        None,
        None,
        (LONG_WORD, LONG_URL),
    ),
    "every-eu-language": ({"description": "\n\n".join(EU_LANGUAGES)}, None, None, EU_LANGUAGES),
    "greek": (
        {
            "title": "Πρόληψη του βίαιου εξτρεμισμού στα σχολεία",
            "description": "Η πρακτική προλαμβάνει τη ριζοσπαστικοποίηση: ΆΈΉΊΌΎΏ ΐΰ ς.",
        },
        None,
        None,
        ("ΆΈΉΊΌΎΏ ΐΰ ς",),
    ),
    "bulgarian": (
        {
            "title": "Превенция на насилствения екстремизъм",
            "description": "Практиката предотвратява радикализацията; щъркел, ѝ, Ъ.",
        },
        None,
        None,
        ("щъркел, ѝ, Ъ",),
    ),
    "arabic-right-to-left": (
        {
            "description": "A mother said: «نحن نحمي أبناءنا من التطرف العنيف» ‏(RLM) and \u202bembedded\u202c.",
            "ran_meetings": "مرحبا بكم في اجتماع شبكة التوعية",
        },
        None,
        None,
        ("نحن نحمي أبناءنا من التطرف العنيف",),
    ),
    "emoji": (
        {"description": "Prevents extremism 🙂 👩🏽‍🏫 👨‍👩‍👧 🇪🇺 ✊🏿 ❤️ 🧑‍🤝‍🧑 𝔘𝔫𝔦𝔠𝔬𝔡𝔢."},
        None,
        None,
        ("👩🏽‍🏫", "🇪🇺", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"),
    ),
    "zero-width-characters": (
        {
            "description": "Zero\u200bwidth, non\u200cjoiner, joi\u200dner, word\u2060joiner, "
            "soft\u00adhyphen, \ufeffbom."
        },
        None,
        None,
        ("Zero\u200bwidth", "soft\u00adhyphen"),
    ),
    "control-characters": (
        {
            "description": "Bell\x07, escape\x1b[0m, vertical\x0btab, form\x0cfeed, backspace\x08 "
            f"and nul{NUL} in text.",
            "contact": "Desk\x01 one",
        },
        None,
        None,
        ("Bell", "escape[0m", "in text."),
    ),
    "xml-illegal-characters": (
        {
            "title": "Title with \x0b vertical tab",
            "description": "Non-characters \ufffe and \uffff and \x1f unit separator.",
            "organisation_description": "About\x0c us.",
        },
        None,
        None,
        ("Non-characters", "unit separator"),
    ),
    "tabs": (
        {"description": "Column\tseparated\ttext.\n\n\tA line starting with a tab."},
        None,
        None,
        ("Column", "separated"),
    ),
    "crlf-and-other-line-breaks": (
        {
            "description": "First line\r\nsecond line\r\n\r\n- item\r\n- item two",
            "geographical_scope": "Old Mac\rline break, next\u2028line separator, \u0085next line.",
        },
        None,
        None,
        ("second line", "item two", "line separator"),
    ),
    "template-labels-in-text": (
        {
            "description": "Prevents violent extremism.\n\n" + label_lines("en"),
            "deliverables": label_lines("fr"),
            "evidence_evaluation": "Name of the practice: Not this one\nKey themes: ☒ Formers\n3. Target audience",
            "ran_meetings": "| Contact details | someone |\n| Country of origin | Japan |",
        },
        None,
        None,
        ("Name of the practice: Not this one",),
    ),
    "every-closed-list-entry": ({}, "all", "all", ("Lone actors", "Religious leaders/communities")),
    "no-closed-list-entry": ({}, (), (), ("☐ Family support",)),
    "empty-optional-fields": (
        {
            "geographical_scope": "",
            "start": "",
            "deliverables": "",
            "evidence_evaluation": "",
            "sustainability_transferability": "",
            "ran_meetings": "",
            "eu_links_funding": "",
            "organisation_description": "",
            "contact": "",
            "country": "",
            "peer_reviewed": "unknown",
        },
        None,
        None,
        (),
    ),
    "longest-values": ({"__longest__": True}, None, None, ()),
    "title-with-quotes-slashes-colons": (
        {"title": 'The "Safe/Unsafe" path: a\\b; c*d? <x> | y\'s %20 ..\\..'},
        None,
        None,
        ('"Safe/Unsafe"',),
    ),
    "non-ascii-title": ({"title": "Œuvre «Écoute» für Straße – Ελλάδα – 日本"}, None, None, ("Ελλάδα",)),
    "title-that-reads-as-markdown": ({"title": "3. Target audience first"}, None, None, ("Target audience first",)),
    "title-that-reads-as-a-bullet": ({"title": "- Dash before the name"}, None, None, ("Dash before the name",)),
    "earliest-years": (
        {"start": "Started with the first cohort.", "start_year": 1950, "end_year": 1951, "last_update_year": 1950},
        None,
        None,
        (),
    ),
    "future-end-year": (
        {"start": "Funded for four years.", "start_year": 2024, "end_year": 2028, "last_update_year": 2025},
        None,
        None,
        (),
    ),
    "model-bound-years": (
        {"start": "", "start_year": 1900, "end_year": 2100, "last_update_year": 2100},
        None,
        None,
        (),
    ),
    "no-organisation-details": (
        {"organisation_description": "", "contact": "", "country": ""},
        None,
        None,
        (),
    ),
    "organisation-description-like-sub-fields": (
        {
            "organisation_description": "We are an NGO.\n\nType of organisation: ☒ Police\n\nWebsite: https://example.org\n"
            "Country: France\n\nFounded in: 1998. E-mail: info@example.org — Phone: +33 1 00 00 00 00\n\n"
            "Type d'organisation : ☒ Municipalité\nPays d'origine : Belgique\n"
            "Année de création : 2001; Site web : www.example.fr | Courriel : contact@example.fr\n"
            "**Téléphone**：00 00 | Organisation type: NGO"
        },
        None,
        None,
        ("We are an NGO.",),
    ),
    "check-boxes-in-narrative": (
        {"description": "Prevents extremism. ☒ done ☐ pending [x] ticked [ ] open"},
        None,
        None,
        ("☐ pending",),
    ),
    "pipes-and-backslashes": (
        {"description": "a | b \\| c \\\\| d\\\n\ntrailing backslash \\", "contact": "Line one | two"},
        None,
        None,
        ("trailing backslash",),
    ),
    "literal-br-and-escapes": (
        {"description": "Use <br> and <BR/> tags; \\*not emphasis\\* and 1\\. not a list."},
        None,
        None,
        ("\\*not emphasis\\*",),
    ),
}


def longest_values() -> dict:
    """Each text field at its character limit (template_fields.character_limit), in words."""
    values = {}
    for field in TEMPLATE_FIELDS:
        if not field.narrative and field.code != "title":
            continue
        attribute = field.model_attributes[0]
        limit = character_limit(field.code)
        values[attribute] = (f"{field.code[:5]} " * limit)[:limit].rstrip()
    return values


def build(contributor, name: str) -> Practice:
    attributes, themes, audiences, _needles = CASES[name]
    attributes = dict(attributes)
    if attributes.pop("__longest__", False):
        attributes.update(longest_values())
    all_themes = tuple(KeyTheme.objects.values_list("code", flat=True))
    all_audiences = tuple(TargetAudience.objects.values_list("code", flat=True))
    extra = {}
    if themes is not None:
        extra["themes"] = all_themes if themes == "all" else themes
    if audiences is not None:
        extra["audiences"] = all_audiences if audiences == "all" else audiences
    practice = make_practice(author=contributor, publish=True, **extra, **attributes)
    return Practice.objects.select_related("organisation__type").get(pk=practice.pk)


# The file ---------------------------------------------------------------------------------------


def docx_rows(content: bytes) -> list[tuple[str, str]]:
    """The rows of the template's table, after checking every XML part of the package parses."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        assert package.testzip() is None
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))  # raises on a corrupt part
    document = Document(io.BytesIO(content))
    assert len(document.tables) == 1
    return [(row.cells[0].text, row.cells[1].text) for row in document.tables[0].rows]


def md_rows(content: bytes) -> list[str]:
    text = content.decode("utf-8")
    assert "\r" not in text
    lines = text.split("\n")
    return [line for line in lines if line.startswith("| ")][2:]  # after the header and its rule


def visible(text: str) -> str:
    """The text as a document holds it (docs/EXPORT.md, "Round trip"): vertical tabs, form
    feeds and a lone CR are line breaks, characters XML 1.0 cannot hold are left out."""
    text = re.sub(r"\r\n?|[\x0b\x0c]", "\n", text)
    return re.sub(r"[\x00-\x08\x0e-\x1f\ufffe\uffff]", "", text)


def as_read_back(practice: Practice, fmt: str) -> Practice:
    """The practice as its export reads back: ``visible`` text, and from Word a tab as a space
    (docs/EXPORT.md, "Known limits"); the name on one line, its spaces collapsed."""
    copy = Practice.objects.select_related("organisation__type").get(pk=practice.pk)
    for name in PLAIN_TEMPLATE_ATTRIBUTES:
        value = getattr(copy, name)
        if isinstance(value, str):
            value = visible(value)
            setattr(copy, name, value.replace("\t", " ") if fmt == "docx" else value)
    copy.title = " ".join(copy.title.split())
    return copy


def assert_reads_back(practice: Practice, fmt: str, language: str) -> None:
    """Importing the export gives back every field of ``as_read_back`` (export_roundtrip's rules)."""
    parsed = round_trip(practice, fmt, language)
    expected = as_read_back(practice, fmt)
    got, want = parsed_fields(parsed), practice_fields(expected)
    differences = {key: (got[key], want[key]) for key in want if got[key] != want[key]}
    assert not differences, f"{fmt}/{language}: read back != practice: {differences}"
    assert parsed.language == language
    assert render_markdown(parsed.start) == render_markdown(start_answer(expected)), (parsed.start, expected.start)


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("fmt", FORMATS)
def test_export_opens_holds_the_text_and_keeps_the_layout(contributor, name, fmt):
    practice = build(contributor, name)
    exported = export_practice(practice, fmt=fmt, language="en", show_contact=True)
    needles = CASES[name][3]
    if fmt == "docx":
        rows = docx_rows(exported.content)
        assert len(rows) == ROWS
        text = "\n".join(answer for _, answer in rows)
        assert " ".join(rows[0][1].split()) == " ".join(visible(practice.title).split())
    else:
        rows = md_rows(exported.content)
        assert len(rows) == ROWS, rows
        text = exported.content.decode().replace("\\|", "|")
    for needle in needles:
        assert visible(needle) in text, needle


# What does not come back, and why (docs/EXPORT.md, "Known limits"): (case, format) -> reason.
# Each is a strict xfail: it fails the day the limit goes, so that the docs are updated.
_HARD_BREAK = "a hard line break (two spaces) reads back as a soft one: the importer trims trailing spaces"
KNOWN_LIMITS = {
    **{("hard-line-breaks", fmt): _HARD_BREAK for fmt in FORMATS},
    ("literal-br-and-escapes", "md"): "a <br> written in the text reads back from Markdown as a line break",
}


def read_back_cases(names, language: str) -> list:
    return [
        pytest.param(
            name,
            fmt,
            id=f"{fmt}-{name}",
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_LIMITS[name, fmt])]
            if (name, fmt) in KNOWN_LIMITS
            else [],
        )
        for name in names
        for fmt in FORMATS
    ]


@pytest.mark.parametrize("name, fmt", read_back_cases(CASES, "en"))
def test_export_reads_back_into_the_same_practice(contributor, name, fmt):
    practice = build(contributor, name)
    assert_reads_back(practice, fmt, "en")


@pytest.mark.parametrize(
    "name, fmt",
    read_back_cases(
        [
            "every-eu-language",
            "template-labels-in-text",
            "raw-html",
            "nested-lists",
            "organisation-description-like-sub-fields",
        ],
        "fr",
    ),
)
def test_french_template_reads_back_into_the_same_practice(contributor, name, fmt):
    practice = build(contributor, name)
    assert_reads_back(practice, fmt, "fr")


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_description_lines_like_sub_fields_read_back_as_text_without_warnings(contributor, fmt, language):
    """A line of the organisation's description that looks like a sub-field ("Type of organisation:",
    "Website:", "Pays d'origine :"…) is written so that the importer reads it as the text it is: no
    second type, no country or year taken from it, no warning about the organisation."""
    practice = build(contributor, "organisation-description-like-sub-fields")
    parsed = round_trip(practice, fmt, language)
    assert parsed.warning_codes("organisation") == []
    assert (parsed.organisation.name, parsed.organisation.type) == (
        practice.organisation.name,
        practice.organisation.type.code,
    )
    assert parsed.country == (practice.country.code or None)
    assert parsed.start_year == practice.start_year


def test_an_organisation_description_without_sub_field_labels_or_with_them_in_code_is_written_as_it_is(
    contributor,
):
    """Only a colon the importer would read as a sub-field's is written as an entity: never one in
    ordinary text, nor one in code, where an entity shows as written (docs/EXPORT.md)."""
    description = (
        "Note: we work with schools.\nOur website is www.example.org; e-mail us.\nTypes: many\n\n"
        "Code as written: `Website: x`\n\n```\nFounded in: 1998\n```"
    )
    practice = build(contributor, "organisation-description-like-sub-fields")
    practice.organisation_description = description
    exported = export_practice(practice, fmt="md", language="en", show_contact=True).content.decode()
    assert description.replace("\n", "<br>") in exported
    assert "&colon;" not in exported


# File names --------------------------------------------------------------------------------------

# title -> the words of the file name: ASCII (filename=), in the title's own letters (filename*=)
TITLES = {
    'The "Safe/Unsafe" path: a\\b; c*d? <x> | y\'s': ("the-safeunsafe-path-ab-cd-x-ys", None),
    "Œuvre «Écoute» für Straße": ("uvre-ecoute-fur-strae", "œuvre-écoute-für-straße"),
    "Πρόληψη του βίαιου εξτρεμισμού": ("practice", "πρόληψη-του-βίαιου-εξτρεμισμού"),
    "منع التطرف العنيف": ("practice", "منع-التطرف-العنيف"),
    "Zero\u200bwidth\r\nnew line\x0b": ("zerowidth-new-line", None),
    "../../etc/passwd": ("etcpasswd", None),
    "%0d%0aSet-Cookie: a=b": ("0d0aset-cookie-ab", None),
    "🙂🙂🙂": ("practice", None),
}


def disposition_filenames(header: str) -> tuple[str, str | None]:
    """The plain and the RFC 5987 file names of a Content-Disposition header."""
    assert header.isascii() and "\r" not in header and "\n" not in header, header
    plain = re.search(r'filename="([^"\\]*)"', header)
    assert plain, header
    extended = re.search(r"filename\*=UTF-8''([A-Za-z0-9%!#$&+.^_`|~-]+)(?:;|$)", header, re.I)
    return plain.group(1), urllib.parse.unquote(extended.group(1)) if extended else None


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("where", ["page", "api"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_download_has_a_safe_file_name_in_the_titles_own_letters(client, contributor, title, where, fmt):
    practice = make_practice(author=contributor, publish=True, title=title)
    url = (
        reverse("practices:template", args=[practice.pk, fmt])
        if where == "page"
        else f"/api/v1/practices/{practice.pk}/template.{fmt}"
    )
    response = client.get(url)
    assert response.status_code == 200
    plain, extended = disposition_filenames(response["Content-Disposition"])
    ascii_words, own_words = TITLES[title]
    assert plain == f"ran-template-{practice.pk}-{ascii_words}-en.{fmt}"
    assert extended == (own_words and f"ran-template-{practice.pk}-{own_words}-en.{fmt}")


# Selections --------------------------------------------------------------------------------------


def zip_of(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


@pytest.fixture
def lone_actor_practices(contributor):
    """Forty published practices of one theme, each with content of the sweep."""
    names = list(CASES)
    return [
        make_practice(
            author=contributor,
            publish=True,
            title=f"Lone actor case {number}",
            themes=("lone-actors",),
            description=f"Prevents violent extremism. {CASES[names[number % len(names)]][0].get('description', '')}",
        )
        for number in range(40)
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_selection_of_many_practices_holds_each_once_and_each_reads_back(moderator_client, lone_actor_practices, fmt):
    response = moderator_client.get(reverse("practices:export_selection") + f"?theme=lone-actors&format={fmt}")
    assert response.status_code == 200 and response["X-Practice-Count"] == "40"
    archive = zip_of(response)
    assert archive.testzip() is None
    names = archive.namelist()
    assert len(names) == len(set(names)) == 40 and all(name.isascii() and "/" not in name for name in names)
    titles = sorted(import_document(archive.read(name), name).title for name in names)
    assert titles == sorted(practice.title for practice in lone_actor_practices)


@pytest.fixture
def restricted_practices(contributor, outsider):
    """Practices of the lone-actors theme that only some readers may see, and one everyone may."""
    from practices.services import practice_withdraw_trusted

    def make(title: str, **attributes):
        return make_practice(author=contributor, themes=("lone-actors",), title=title, **attributes)

    withdrawn = make("Withdrawn method", publish=True)
    practice_withdraw_trusted(practice=withdrawn, reason="Outdated")
    return {
        "public": make("Public method", publish=True),
        "members": make("Members method", publish=True, visibility=Practice.Visibility.MEMBERS),
        "organisation": make("Own organisation method", publish=True, visibility=Practice.Visibility.ORGANISATION),
        "draft": make("Draft method"),
        "withdrawn": withdrawn,
    }


@pytest.mark.parametrize(
    "reader, titles",
    [
        ("anonymous", ["Public method"]),
        ("outsider", ["Members method", "Public method"]),
        ("colleague", ["Members method", "Own organisation method", "Public method"]),
        ("moderator", ["Members method", "Own organisation method", "Public method"]),
    ],
)
def test_a_selection_holds_only_what_its_reader_may_read(request, restricted_practices, reader, titles):
    from django.contrib.auth.models import AnonymousUser
    from django.http import QueryDict

    from practices.exporter.archive import search_selection

    user = AnonymousUser() if reader == "anonymous" else request.getfixturevalue(reader)
    selection = search_selection(user=user, params=QueryDict("theme=lone-actors"))
    assert sorted(practice.title for practice in selection) == titles


@pytest.mark.parametrize("reader", ["client", "outsider_client"])
def test_anonymous_visitors_and_other_organisations_get_no_selection_at_all(request, restricted_practices, reader):
    response = request.getfixturevalue(reader).get(reverse("practices:export_selection") + "?theme=lone-actors")
    assert response.status_code == 404
    assert not response.get("Content-Disposition") and b"Own organisation method" not in response.content


def test_the_moderators_zip_leaves_out_drafts_and_withdrawn_practices(moderator_client, restricted_practices):
    response = moderator_client.get(reverse("practices:export_selection") + "?theme=lone-actors&format=md")
    archive = zip_of(response)
    titles = sorted(import_document(archive.read(name), name).title for name in archive.namelist())
    assert titles == ["Members method", "Own organisation method", "Public method"]


@pytest.mark.parametrize("query", ["?theme=lone-actors", "?q=zzqxjv", "?theme=formers&q=nothing+here"])
def test_an_empty_selection_is_a_message_not_an_empty_file(moderator_client, contributor, query):
    make_practice(author=contributor, themes=("lone-actors",), title="Only a draft")
    response = moderator_client.get(reverse("practices:export_selection") + query, follow=True)
    assert response.redirect_chain and response["Content-Type"].startswith("text/html")
    assert "This search finds no practice to export." in response.content.decode()
