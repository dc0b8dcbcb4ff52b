"""Sub-fields written inside a cell, in English or French (or a translated template's language).

Writers put the template's sub-fields into the cell of the field they belong
to, on their own line or run into the answer:

    Ville de Laval, service jeunesse — Type d'organisation : municipalité — Site web : www.laval.fr
    FPS Home Affairs. Type of organisation: Government agency. Website: www.example.org

``split_sub_fields`` reads each "label: value" pair (the label after the
start of a line, a dash, a bar, a semicolon, or the end of a sentence) and
returns the text without them. Nothing is lost: the caller keeps every value.
"""

import re
from dataclasses import dataclass

from .cells import tidy_markdown
from .text import fold

# Sub-field kind -> its labels as folded text (lower case, no accents), in English and French,
# then as a template translated into German, Dutch, Swedish, Danish, Norwegian, Finnish, Spanish or
# Italian writes them ("Art der Organisation", "Type organisatie", "Tipo de organización"); the type of
# organisation also in Polish, Portuguese, Czech, Greek, Slovenian, Hungarian, Estonian, Romanian, Croatian,
# Slovak, Bulgarian, Latvian and Lithuanian ("Tipul organizației", "Вид на организацията", "Organizācijas veids").
SUB_FIELD_LABELS: dict[str, tuple[str, ...]] = {
    # the organisation's name given as a sub-field, as a table of the organisation's details inside its cell
    # writes it ("Name | Bridge Builders Foundation", read as "Name: …")
    "organisation_name": (
        r"(?:full |legal )?name(?: of (?:the |your )?organi[sz]ation)?",
        r"organi[sz]ation(?:'s)? name",
        r"nom(?: de (?:l'|votre )(?:organisation|organisme|structure))?",
        r"name der organisation",
        r"naam(?: (?:van de |van uw )?organisatie)?",
        r"organisationens namn",
        r"nombre de la organizacion",
        r"nome dell'organizzazione",
        r"nazwa(?: organizacji)?",
    ),
    "organisation_type": (
        r"type of organi[sz]ation",
        r"organi[sz]ation type",
        r"type d'organi(?:sation|sme)",
        r"type de structure",
        r"art der organisation",
        r"organisations(?:typ|form)",
        r"(?:type|soort) organisatie",
        r"organisatietype",
        r"typ av organisation",
        r"type af organisation",
        r"organisationstype",
        r"type organisasjon",
        r"organisasjons(?:type|form)",
        r"tipo de organizacion",
        r"tipo di organizzazione",
        r"organisaation tyyppi",
        r"organisaatiotyyppi",
        r"(?:rodzaj|typ) organizacji",
        r"tipo de organizacao",
        r"typ organizace",
        r"(?:τυποσ|ειδοσ) (?:οργανισμου|φορεα)",  # folded: the final sigma is "σ"
        r"(?:vrsta|tip) organizacije",
        r"(?:a )?szervezet tipusa",
        r"organisatsiooni (?:tuup|liik)",
        r"tip(?:ul)? (?:de )?organizati(?:e|ei)",
        r"typ organizacie",
        r"(?:вид|тип)(?: на)? организация(?:та)?",
        r"organizacijas (?:veids|tips)",
        r"organizacijos (?:tipas|rusis)",
    ),
    "country": (
        r"country(?: of origin)?",
        r"pays(?: d'origine)?",
        r"herkunftsland",
        r"land van herkomst",
        r"ursprungsland",
        r"oprindelsesland",
        r"opprinnelsesland",
        r"pais(?: de origen)?",
        r"paese(?: di origine)?",
        r"alkuperamaa",
    ),
    "start_year": (
        r"start(?:ing)? year",
        r"year (?:of )?(?:foundation|creation|establishment)",
        r"founded(?: in)?",
        r"established(?: in)?",
        r"annee de (?:creation|debut|lancement)",
        r"date de creation",
        r"cree en",
        r"grundungsjahr",
        r"gegrundet(?: im jahr| in)?",
        r"oprichtingsjaar",
        r"opgericht(?: in)?",
        r"grundad(?: ar)?",
        r"grundlagt(?: i)?",
        r"grunnlagt(?: i)?",
        r"ano de fundacion",
        r"fundada en",
        r"anno di fondazione",
        r"fondata nel",
    ),
    # a person to contact, written into the organisation's answer: personal data, moved to the contact details
    "contact_person": (
        r"contact[ -]?persons?",
        r"contact name",
        r"personnes? (?:de|a) contact(?:er)?",
        r"ansprech(?:partner(?:in|innen)?|person)",
        r"kontaktpersone?n?",
        r"contactperso(?:on|nen)",
        r"persona (?:de|di) contatt?o",
        r"pessoa de conta(?:c)?to",
        r"osoba kontaktowa",
        r"kontaktni osoba",
        r"referente",
    ),
    "website": (
        r"web ?site",
        r"site (?:web|internet)",
        r"url",
        r"homepage",
        r"webseite",
        r"internetseite",
        r"hemsida",
        r"hjemmeside",
        r"nettside",
        r"sitio web",
        r"pagina web",
        r"sito (?:web|internet)",
    ),
    "email": (
        r"e-?mail(?: address)?",
        r"courriel",
        r"adresse (?:e-?mail|electronique)",
        r"e-?post",
        r"correo electronico",
        r"posta elettronica",
    ),
    "phone": (
        r"(?:tele)?phone(?: number)?",
        r"tel\.?",
        r"mobile",
        r"portable",
        r"telefon(?:nummer)?",
        r"telefoon(?:nummer)?",
        r"telefono",
    ),
}
_LABELS = "|".join(f"(?P<{kind}>{'|'.join(labels)})" for kind, labels in SUB_FIELD_LABELS.items())
_SEPARATOR = r"(?:^|[ \t]*[—–|;·•][ \t]*|(?<=[.,])[ \t]+|[ \t]+-[ \t]+)"
_SUB_FIELD = re.compile(rf"{_SEPARATOR}[ \t*_]*(?:{_LABELS})[ \t*_]*[:：][ \t*_]*", re.M)
_TRAILING = " \t—–|;·•,-*_"


# Abbreviations ending in a full stop that is theirs, not a sentence's: legal forms in the practice
# languages ("Ltd.", "Inc.", "asbl.", "vzw.", "Ges.", "gem."), folded. Initials with dots between
# ("e.V.", "a.s.b.l.", "S.A.", "B.V.") or a single letter ("Jean M.") are too.
ABBREVIATIONS = frozenset(
    "ltd inc corp co plc llc llp cie asbl aisbl vzw ivzw vog ges gem mbh ev eg ag sa sas sarl srl spa bv nv "
    "ab hb kb asa aps amba ry oy st dr mr mrs ms jr sr bros assoc dept univ".split()
)
_LAST_WORD = re.compile(r"(?P<word>[\w.]*\w)\.+$")


def without_full_stop(text: str) -> str:
    """``text`` without the full stops ending it, unless they end an abbreviation ("e.V.", "Ltd.")."""
    found = _LAST_WORD.search(text)
    if found is None:
        return text.rstrip(".")
    word = found.group("word")
    initials = "." in word and all(len(part) <= 2 for part in word.split("."))  # not "www.example.org"
    if initials or len(word) == 1 or fold(word) in ABBREVIATIONS:
        return text[: found.end("word") + 1]
    return text[: found.end("word")]


@dataclass(frozen=True)
class SubField:
    kind: str  # a key of SUB_FIELD_LABELS
    label: str  # as written
    value: str

    def line(self) -> str:
        return f"{self.label}: {self.value}"


def split_sub_fields(text: str) -> tuple[str, list[SubField]]:
    """``text`` without its "label: value" sub-fields, and the sub-fields in order."""
    folded = fold(text)
    matches = list(_SUB_FIELD.finditer(folded))
    if not matches:
        return text, []
    found, pieces, last = [], [], 0
    for number, match in enumerate(matches):
        line_end = folded.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        following = matches[number + 1].start() if number + 1 < len(matches) else len(text)
        end = min(line_end, following)
        value = without_full_stop(text[match.end() : end].strip(_TRAILING))
        kind = match.lastgroup or ""
        label = text[match.start(kind) : match.end(kind)]
        if value:
            found.append(SubField(kind, label, value))
        pieces.append(without_full_stop(text[last : match.start()].rstrip(_TRAILING)))
        last = end
    pieces.append(text[last:])
    return tidy_markdown("".join(pieces)), found
