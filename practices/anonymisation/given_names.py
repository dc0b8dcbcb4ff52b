"""Given names the small models miss: a gazetteer of first names, with guards.

"Ahmed left for Syria in 2014": the small spaCy models read a lone first name at a
sentence's start as no entity. A capitalised word that is a known given name is
reported as a PERSON (with the capitalised surname that follows it), unless

* its lower-case form is an ordinary word of the paragraph's language or of English
  (``wordfreq``): "Will", "May", "Mark", "Hope", "Grace", "Bill", "Rose", French
  "Pierre", Spanish "Sol", German "Oma" are left to the NER, which reads them in
  context; they are reported only with a surname ("Pierre Lambert");
* it is one of the practice's own names (its title, scope, organisation), a month, a
  weekday, a language, a country, a word of the extremism field that name lists hold
  ("Imam", "Ramadan", "Isis"), or a word of an organisation's name;
* an article, a preposition of place or an organisation's word comes right before it
  ("the Hayat programme", "in Sofia", "Beratungsstelle Hayat"), or an organisation's
  word right after it ("Omar Mosque").

A name in lower case is reported only in a contact's context: after a contact label
("contact: jonas weber") or in brackets after a role ("the mentor (sarah o'neill)").

The names come from Faker's person providers, for the portal's languages and for the
origins of many people this work concerns (Turkish, Azerbaijani, Algerian, Pakistani,
Uzbek, Indonesian, Croatian and other Central European lists), with a short supplement
of Somali, Chechen, Bosnian, Maghrebi, Kurdish and Afghan names Faker lacks. Loaded
once per process, by ``warm_up()`` or the first check; importing this module loads
neither Faker nor wordfreq.
"""

import functools
import importlib
import re
import statistics
import unicodedata

from practices.importer.countries import find_country

from . import patterns
from .findings import PERSON, Candidate
from .towns import in_a_list_of_towns

GIVEN_NAME_SCORE = 0.75

# Faker person providers read: those of the portal's languages (each language's own names)
# and of the origins that matter here.
LANGUAGE_LOCALES: dict[str, tuple[str, ...]] = {
    "en": ("en_GB", "en_IE"),
    "fr": ("fr_FR", "fr_BE", "fr_CH"),
    "de": ("de_DE", "de_AT", "de_CH"),
    "nl": ("nl_NL", "nl_BE"),
    "sv": ("sv_SE",),
    "da": ("da_DK",),
    "nb": ("no_NO",),
    "fi": ("fi_FI",),
    "it": ("it_IT",),
    "es": ("es_ES",),
    "pl": ("pl_PL",),
    "pt": ("pt_PT",),
    "el": ("el_GR",),  # round 8: Greek names in Greek script
    "bg": ("bg_BG",),  # round 10: Bulgarian names in Cyrillic (a noisy list: see BULGARIAN_NAMES)
}
ORIGIN_LOCALES = "cs_CZ sk_SK sl_SI hr_HR ro_RO hu_HU lt_LT lv_LV et_EE tr_TR az_AZ fr_DZ en_PK uz_UZ id_ID".split()
# Names common among the people this work concerns that Faker's lists lack (checked
# against Faker 40.54: Somali, Chechen and other North Caucasian, Bosnian, Maghrebi,
# Kurdish, Afghan and Arabic names).
SUPPLEMENT = frozenset(
    (
        "hodan zamzam hibaq fadumo warsame abdulahi abdullahi abdirahman abdirizak abdikarim abdiwali "
        "mahamed maxamed cabdi xasan faadumo ayaan ubah hamdi ikran idil sagal najma nimco yasmin "
        "ramzan magomed dzhokhar tamerlan aminat zelimkhan anzor akhmed khasan islam-bek kheda madina "
        "zarema apti ruslan shamil khamzat umar aslan bislan "
        "mirsad nermin emina amela lejla senad edin almir jasmin haris dženan armin elvedin "
        "anouar achraf soufiane zakaria ayoub ilyas younes oussama othmane yassine hicham mehdi "
        "faisal asim kawa rezan shirin dilan hevin baran rojin berivan "
        "ahmad farid zabihullah ahmadullah najibullah hekmatullah rahmatullah wahid "
        # round 12: Arabic given names Faker's lists lack ("Rashid", "Tariq")
        "rashid rasheed rachid tariq tarek anwar bashir nasser majid mansour marwan rami wael zaid "
        # round 14: the commonest names of children born since 2005 that Faker's lists lack (Polish,
        # Slovenian, Latvian, Bulgarian: "Oliwia", "Кристиян") and Czech diminutives ("Vojta")
        "oliwia zuzanna wiktoria zala markuss vojta ondra vašek pepík kája "
        "кристиян кристиан габриел никола даниел тиана бианка ралица андреа"
    ).split()
)
# Diminutives and pet names that practitioners write for young people and relatives in the newer
# practice languages, which Faker's lists (full given names) lack: Polish, Czech, Slovak, Hungarian,
# Romanian, Portuguese (European and Brazilian), Greek, Bulgarian (Cyrillic, read once the script is).
DIMINUTIVES = frozenset(
    (
        "kasia basia gosia zosia ania asia magda tomek wojtek franek bartek jędrek marcinek kamilek "
        "honza pepa jirka péťa míša verča kačka janko ferko paľo maťo "
        "peti zsófi zsofi gabi dani andris marci pisti laci józsi jozsi kati erzsi bandi sanyi feri "
        "ionel gigel fănel fanel nelu costel mitică ionuț ionut andreiuț "
        "zé zezinho chico quim tó joãozinho joaozinho juninho manu "
        "νίκος γιώργος δημήτρης κώστας τάκης σάκης μήτσος γιάννης "
        "митко гошо пешо тошо ванко"
    ).split()
)
# Faker's Bulgarian list lacks the commonest names (Иван, Димитър, Петър) and holds words too
# ("доста", quite; "катастрофа"; "четвърта", fourth), so a Cyrillic word is judged against
# wordfreq's Bulgarian list, at 4.0 rather than 4.5; its commonest
# given names are as frequent there as words ("димитър" 5.3, "иван" 5.3, "мария" 5.2) and are
# names all the same, unless also a word ("надежда", hope; "вяра", faith; "слава", glory: not here).
BULGARIAN_ORDINARY_ZIPF = 4.0
BULGARIAN_NAMES = frozenset(
    (
        "георги иван димитър николай петър христо стоян йордан тодор васил александър атанас борис "
        "веселин валентин владимир виктор емил кирил красимир любомир мартин милен момчил пламен "
        "радослав румен симеон стефан теодор цветан явор ивайло калоян данаил ангел асен "
        "мария елена иванка йорданка пенка десислава виктория гергана мила марина николета петя "
        "радка светлана силвия снежана стефка таня теодора цветелина антония габриела ивана "
        "йоана кристина маргарита невена росица славена станислава"
    ).split()
)
# Words of the field that name lists hold, and that are no one's name in a practice.
NOT_GIVEN_NAMES = frozenset(
    "imam ramadan isis nazi eid hajj sheikh mufti mullah salam allah server junior santa meta corona prima".split()
)

# Ordinary-word guard (measured, see docs/ANONYMISATION.md): the lower-case form is an
# ordinary word when it is this common in the paragraph's language or in English, or, from
# SPIKE_FROM on, this much more common there than the median of the portal's other
# languages and no given name of that language's own list (a name from elsewhere is about
# as frequent in every language's texts; "hunt", "oma", "skuld", "silla" are not; "Kamil"
# and "Giulia" are, but Polish and Italian lists hold them).
ORDINARY_ZIPF = 4.5
ORDINARY_SPIKE = 0.8
SPIKE_FROM = 3.0
# wordfreq's "small" lists hold the words of zipf 3 and more, all the guard reads: 46 MB for
# the twelve languages, where the default "large" ones took over 400 MB.
WORDLIST = "small"
WORDFREQ_LANGUAGES = ("en", "fr", "de", "nl", "sv", "da", "nb", "fi", "it", "es", "pl", "pt")
_WORDFREQ_CODE = {"no": "nb", "nn": "nb"}

_UP, _LOW = patterns.UPPER, patterns.LOWER
_NAME = rf"(?:[{_UP}]['’]|Ma?c|Fitz)?[{_UP}][{_LOW}]{{1,40}}(?:-[{_UP}][{_LOW}]{{1,40}})?"  # "MacAuley"
_CAPITALISED = re.compile(rf"(?<![\w@./#&-])(?P<name>{_NAME})(?:['’]s)?(?![\w@&-]|\.\w)")
_PARTICLES = "|".join(sorted(patterns.NAME_PARTICLES))
_NEXT_WORD = re.compile(rf"[ \t]+(?:(?:{_PARTICLES})[ \t]+){{0,2}}(?P<word>{_NAME})(?![\w@&-])")
_SAINT_BEFORE = re.compile(  # not "S.": an initial ("S. Ahmed")
    rf"(?<![\w])(?:{'|'.join(sorted(patterns.SAINT_TITLES, key=len, reverse=True))})(?:\.[ \t]*|[ \t]+)$"
)
_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)['’]?[ \t]+$")
# Words after which a capitalised word is no person: articles, prepositions of place.
_NOT_BEFORE_A_NAME = (
    frozenset(
        "the a an le la les un une der die das den dem des ein eine einen het een el los las il lo gli "
        "det ett in im à aus uit nach en i w we em no na near outside v ve vo".split()  # Czech, Slovak "v" (round 13)
    )
    | patterns.ARTICLES
)
# "à", "a" after a verb of speaking or asking take a person ("Demande à Inès", "pregúntale a Inés",
# "chiedi a Luca", "pergunta ao Tiago"): no preposition of place there.
_SPOKEN_TO_BEFORE = re.compile(
    r"(?<![\w])(?i:(?:demand|parl|écri|répét|répond|téléphon|expliqu|racont|preg[uú]nt|dij|habl|escrib|chied|"
    r"chies|scriv|pergunt|fal[aeo])[^\W\d_]*|dis|dit|dites|disait|dire|dile|dice|dico|diceva|disse|dissi|diz|dizer)"
    r"[ \t]+(?i:à|a|ao)[ \t]+$"
)
# The next places of a list after a preposition of place: "in Victoria and Florence".
_PLACE_LIST_BEFORE = re.compile(
    rf"(?<![\w])(?i:in|à|aus|uit|nach|i|en|w)[ \t]+{_NAME}(?:[ \t]*,[ \t]*{_NAME})*"
    r"[ \t]*(?:,|[ \t](?:and|or|et|ou|und|oder|en|of|och|eller|og|y|o|e|i|oraz|lub))[ \t]+$"
)
_CONJUNCTIONS = "and|or|et|ou|und|oder|en|of|och|eller|og|y|o|e|i|oraz|lub"
# What follows a place of a list after a comma: another place, or the conjunction before the last.
_LIST_GOES_ON = re.compile(rf"[ \t]*(?:,[ \t]*|[ \t](?i:{_CONJUNCTIONS})[ \t]+){_NAME}")
# An organisation beside the name in a list: "Violence Prevention Network, IFAK or Hayat",
# "Hayat, IFAK and VPN".
_ITEM_BEFORE = re.compile(rf"(?P<item>[^\s,;:()]+)[ \t]+(?i:{_CONJUNCTIONS})[ \t]+$")
_ITEM = rf"(?:[{_UP}][^\s,;:()]*[ \t]+){{0,3}}[{_UP}][^\s,;:()]*"
_ITEM_AFTER = re.compile(  # after a comma only when the list goes on: "Hayat, IFAK and …", not "Emir, ISIS …"
    rf"[ \t]+(?i:{_CONJUNCTIONS})[ \t]+(?P<item>{_ITEM})"
    rf"|[ \t]*,[ \t]*(?P<listed>{_ITEM})(?=[ \t]*(?:,|[ \t](?i:{_CONJUNCTIONS})[ \t]))"
)

_LOWER = rf"[{patterns.LOWER}]{{2,40}}"
# A name in lower case after a contact label, or in brackets after a role or a relative.
_ROLES = "mentor|imam|teacher|coach|worker|coordinator|psychologist|counsellor|officer|lead|leader"
# Roles, relatives and titles: "Mentor, tlf. …" heads a contact line; Mentor is also a name.
_ROLE_WORDS = (
    frozenset(_ROLES.split("|"))
    | patterns.ROLE_LABEL_WORDS
    | frozenset(word.casefold() for word in patterns.KIN_WORDS)
    | frozenset(title.casefold() for title in patterns.TITLES)
)
# Chat quoted in a practice: a speaker's name heading a line ("ali: bro u coming friday?"),
# or the sender of a message ("message de karim", "Nachricht von yusuf", "msg from ali").
_SENDER = (
    r"(?i:messages?|msgs?|texts?|dms?|sms|textos?|mensajes?|messaggi[o]?|nachricht(?:en)?|bericht(?:en)?|"
    r"appje|meddelanden?|beskeder?|beskjed(?:er)?|melding(?:er)?|viesti|wiadomoś[cć]i?|mensage[mn]s?)"
    r"[ \t]+(?i:from|de|d['’]|von|van|från|fra|da|od|lähettäjä)[ \t]*"
)
CHAT_SPEAKER = re.compile(rf"^[ \t]*(?P<pii>{_LOWER})[ \t]*:[ \t]*\S", re.MULTILINE)
# A chat pasted with its timestamps ("[21:16] Emre: ok ich bring jannik mit", "21:16 - ali: …"):
# the speaker is a name when it opens with a known given name, even one that is an ordinary word
# ("[22:01] Ryan:", "Will:"); in the message, a known given name in lower case of four letters or
# more that is no ordinary word is a name too ("vid", Swedish "at", is a Slovene name).
CHAT_MESSAGE = re.compile(
    r"^[ \t]*\[?[0-2]?\d[:.][0-5]\d(?::[0-5]\d)?\]?[ \t]*[-–]?[ \t]*"
    r"(?P<speaker>[^:\n]{1,40}):[ \t]*(?P<message>[^\n]+)",
    re.MULTILINE,
)
_CHAT_SPEAKER_NAME = re.compile(rf"({_NAME})(?:[ \t]+{_NAME})?")
_LOWER_WORD = re.compile(rf"(?<![\w@#/.-])(?P<pii>{_LOWER})(?![\w@'’-])")
LOWER_CASE_NAME = re.compile(
    rf"(?:(?<![\w]){_SENDER}"
    rf"|(?<![\w]){patterns.CONTACT_WORDS}[ \t]*[:：][ \t]*"
    # the words that can only head a contact need no colon: "kontaktperson hamza ali (bror)"
    r"|(?<![\w])(?i:contact[ \t]+person|kontaktperson(?:en)?|contactpersoon|ansprechpartner(?:in)?|"
    r"personne[ \t]+de[ \t]+contact|persona[ \t]+de[ \t]+contacto|persona[ \t]+di[ \t]+contatto|yhteyshenkilö|"
    r"kontaktní[ \t]+osoba)[ \t]+"
    rf"|(?<![\w])(?i:{_ROLES}|{'|'.join(re.escape(w) for w in patterns.KIN_WORDS)})[ \t]*\([ \t]*)"
    rf"(?P<pii>{_LOWER}(?:[ \t]+(?:(?:{_PARTICLES})[ \t]+)?(?:[{_LOW}]['’])?{_LOWER})?)"
    rf"(?![\w@'’-])",
    re.MULTILINE,
)


# A name written in capitals, as case files and forms do ("AHMED YUSUF HASSAN, född …"): a known
# given name and one to three more words in capitals, none an ordinary word or an organisation's
# ("MARIA AND THE TEAM", "KARIM POLICE" are none).
_CAPS = rf"[{_UP}]{{2,40}}(?:['’-][{_UP}]{{2,40}})?"
CAPS_NAME = re.compile(
    rf"(?<![\w@./#&-])(?P<given>[{_UP}]{{3,40}}(?:-[{_UP}]{{2,40}})?)"
    rf"(?P<rest>(?:[ \t]+(?:(?i:{_PARTICLES})[ \t]+){{0,2}}{_CAPS}){{1,3}})(?![\w@&-])"
)


# A known given name in apposition after a word for a young person, closed by punctuation:
# "Il ragazzo, Luca, aveva 15 anni", "the girl, Hope, stopped coming". The apposition is the
# evidence, so an ordinary word that is a given name counts ("Luca" is common in Italian text);
# a word no list holds as a given name does not ("Der Jugendliche, Mitglied einer Gruppe,").
PERSON_WORDS = (
    "boy girl youth teenager pupil student client participant mentee "
    "garçon jeune adolescent adolescente élève "
    "junge mädchen jugendliche jugendlicher schüler schülerin klient klientin teilnehmer teilnehmerin "
    "jongen meisje jongere leerling cliënt deelnemer "
    "pojken flickan eleven ungdomen klienten drengen pigen gutten jenta ungdommen "
    "ragazzo ragazza giovane studente studentessa chico chica joven alumno alumna muchacho muchacha "
    "chłopak dziewczyna uczeń uczennica rapaz rapariga jovem aluno aluna poika tyttö nuori"
).split()
_PERSON_WORD = "|".join(sorted(PERSON_WORDS, key=len, reverse=True))
APPOSITION_NAME = re.compile(
    rf"(?<![\w-])(?i:(?:young[ \t]+(?:man|woman|person)|jeune[ \t]+(?:homme|femme|fille)|{_PERSON_WORD}))"
    rf"[ \t]*,[ \t]+(?P<pii>{_NAME}(?:[ \t]+{_NAME}){{0,2}})(?=[ \t]*[,;)])"
)


@functools.cache
def given_names() -> frozenset[str]:
    """Folded given names of every locale read and of ``SUPPLEMENT`` (3 letters or more)."""
    locales = [locale for group in LANGUAGE_LOCALES.values() for locale in group] + ORIGIN_LOCALES
    names = SUPPLEMENT.union(DIMINUTIVES, BULGARIAN_NAMES, *map(_locale_names, locales))
    return frozenset(names - NOT_GIVEN_NAMES - patterns.NAME_PARTICLES)


@functools.cache
def names_of(language: str) -> frozenset[str]:
    """Folded given names of the locales of ``language`` (wordfreq's code)."""
    return frozenset().union(*map(_locale_names, LANGUAGE_LOCALES.get(language, ())))


@functools.cache
def _locale_names(locale: str) -> frozenset[str]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    names: set[str] = set()
    for attribute in ("first_names", "first_names_male", "first_names_female"):
        values = vars(provider).get(attribute)
        if values is None:
            values = getattr(provider, attribute, ())
        if not isinstance(values, property):  # es_CL's first_names is one
            names.update(name.casefold() for name in values if _NAME_SHAPE.fullmatch(name))
    return frozenset(names)


_NAME_SHAPE = re.compile(r"[^\W\d_]{3,}(?:-[^\W\d_]{2,})?")


@functools.lru_cache(maxsize=20_000)
def ordinary_word(word: str, language: str, *, local: bool = True) -> bool:
    """Whether the folded ``word`` is an ordinary word of ``language`` or of English; without
    ``local``, only by its frequency (a surname of the language is as local as its words)."""
    from wordfreq import zipf_frequency

    code = _WORDFREQ_CODE.get(language, language)
    if code == "el":  # Greek's own list, loaded on the first Greek paragraph; no spike against Latin scripts'
        greek = zipf_frequency(word, "el", wordlist=WORDLIST)
        return max(greek, zipf_frequency(word, "en", wordlist=WORDLIST)) >= ORDINARY_ZIPF
    if code == "bg" or _cyrillic(word):
        if word in BULGARIAN_NAMES:
            return False
        bulgarian = zipf_frequency(word, "bg", wordlist=WORDLIST)
        return max(bulgarian, zipf_frequency(word, "en", wordlist=WORDLIST)) >= BULGARIAN_ORDINARY_ZIPF
    if code not in WORDFREQ_LANGUAGES:
        if local and word in _own_names_without_a_word_list(code):
            return False  # "Peter chodí do piatej triedy": a Slovak name, whatever English makes of it
        code = "en"
    here = zipf_frequency(word, code, wordlist=WORDLIST)
    if max(here, zipf_frequency(word, "en", wordlist=WORDLIST)) >= ORDINARY_ZIPF:
        return True
    if not local or here < SPIKE_FROM or word in names_of(code):
        return False
    # The small lists stop at zipf 3 (SPIKE_FROM): a rarer word reads 0, so it counts as 3.
    others = [zipf_frequency(word, other, wordlist=WORDLIST) for other in WORDFREQ_LANGUAGES if other != code]
    return here - statistics.median(max(SPIKE_FROM, zipf) for zipf in others) >= ORDINARY_SPIKE


# Languages without a word list of their own (wordfreq's small lists are loaded for 12): their
# words are guarded by English's, which holds many of their given names ("peter" 4.9, "jan", "max",
# "victoria"). A given name of the paragraph's own language is no ordinary word there (round 13).
_OWN_NAMES_LOCALES = {
    "cs": "cs_CZ",
    "sk": "sk_SK",
    "sl": "sl_SI",
    "hr": "hr_HR",
    "ro": "ro_RO",
    "hu": "hu_HU",
    "lt": "lt_LT",
    "lv": "lv_LV",
    "et": "et_EE",
}


@functools.cache
def _own_names_without_a_word_list(language: str) -> frozenset[str]:
    locale = _OWN_NAMES_LOCALES.get(language)
    return _locale_names(locale) if locale else frozenset()


def _cyrillic(word: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in word)


def _known_name(word: str) -> bool:
    folded = word.casefold()
    names = given_names()
    if folded.isascii() and folded not in names:
        names = _names_typed_without_diacritics()
    return folded in names or ("-" in folded and all(part in names for part in folded.split("-")))


@functools.cache
def _names_typed_without_diacritics() -> frozenset[str]:
    """The given names with diacritics as typed on a keyboard without them ("zsofia" for "zsófia",
    "stefan" for "ștefan"), and the rest; a name's own spelling without them is often a name too."""
    return given_names() | frozenset(map(without_diacritics, given_names()))


def without_diacritics(word: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFKD", word) if not unicodedata.combining(char))


# Case endings of given names in the languages that decline them, each with what the nominative
# ends in instead (""): Hungarian "Petinek" (Peti), "Eszterrel" (Eszter, -vel assimilated);
# Polish "Tomkiem" (Tomek), "Kasią" (Kasia); Czech and Slovak "Pavla" (Pavel), "Matúšom";
# Romanian "Ioanei" (Ioana); Croatian "Ivanom"; Lithuanian "Manto" (Mantas); Greek "Νίκου" (Νίκος),
# "Δημήτρη" (Δημήτρης). The nominative must be a known given name; an author cited in a case
# ending with a year ("navazuje na práci Bjørga (2009)") is none.
_HUNGARIAN_ENDINGS = "nak nek val vel nál nél hoz hez höz tól től ról ről ként ban ben ba be ra re ot et öt t é"
CASE_ENDINGS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "hu": tuple((ending, ("",)) for ending in _HUNGARIAN_ENDINGS.split()),
    "pl": (
        ("owi", ("",)),
        ("iem", ("", "a")),
        ("em", ("",)),
        ("ą", ("a",)),
        ("ę", ("a",)),
        ("ie", ("a", "")),
        ("a", ("",)),
        ("y", ("a",)),
        ("i", ("a",)),
        ("u", ("",)),
    ),
    "cs": (
        ("ovi", ("",)),
        ("em", ("",)),
        ("ou", ("a",)),
        ("u", ("", "a")),
        ("y", ("a",)),
        ("ě", ("a",)),
        ("e", ("a", "")),
        ("a", ("",)),
        ("i", ("a",)),
    ),
    "sk": (
        ("ovi", ("",)),
        ("om", ("",)),
        ("ou", ("a",)),
        ("u", ("", "a")),
        ("y", ("a",)),
        ("e", ("a", "")),
        ("a", ("",)),
        ("i", ("a",)),
    ),
    "ro": (("ului", ("",)), ("ei", ("a",)), ("ii", ("ia",))),
    "hr": (("om", ("",)), ("em", ("",)), ("u", ("", "a")), ("e", ("a",)), ("i", ("a",)), ("a", ("",))),
    "lt": (
        ("ui", ("as", "us", "is")),
        ("o", ("as",)),
        ("ą", ("ą", "as", "a")),
        ("os", ("a",)),
        ("ės", ("ė",)),
        ("ai", ("a",)),
        ("ei", ("ė",)),
        ("io", ("ius", "is")),
        ("aus", ("us",)),
    ),
    "el": (("ου", ("ος", "ης", "ας")), ("η", ("ης",)), ("α", ("ας",)), ("ο", ("ος",))),
    # round 11: Finnish genitive, the local cases, the partitive, essive and translative ("Mattin",
    # "Annalle", "Jukalta"), with the weak grade of a double consonant (Antti, "Antin"; Jukka, "Jukan")
    "fi": tuple((ending, ("",)) for ending in "lle lla llä lta ltä sta stä ssa ssä na nä ksi ta tä n a ä".split()),
}
# Languages whose given names are often ordinary words too (Finnish "Matti", "Toivo", hope; "Tuuli",
# wind): a name in a case ending whose nominative is one is a name only with a person's evidence.
_NAMES_ARE_WORDS = frozenset({"fi"})
# A person's evidence after a given name: an age in apposition ("Matti, 15,", "Hope (16)"), or a
# relative of theirs ("Mattin äiti", "Hope's mother").
_AGE_AFTER = re.compile(r"[ \t]*(?:,[ \t]*|\([ \t]*)\d{1,2}[ \t]*[,)]")
_KIN_AFTER = re.compile(
    rf"(?:['’]s)?[ \t]+(?i:{'|'.join(re.escape(word) for word in sorted(patterns.KIN_WORDS, key=len, reverse=True))})"
    r"(?![\w-])"
)


def _a_words_case_ending(folded: str, language: str) -> bool:
    """Whether a declined given name reads as an ordinary word's form: an ordinary word itself
    ("toivon", I hope; "tuulen", the wind's), or a form seen in the language's word list of a
    nominative that is one ("sadun", the fairy tale's; not "annalle", "mattin")."""
    from wordfreq import zipf_frequency

    if ordinary_word(folded, language):
        return True
    seen = zipf_frequency(folded, _WORDFREQ_CODE.get(language, language), wordlist=WORDLIST) >= SPIKE_FROM
    return seen and all(ordinary_word(base, language) for base in _declined_bases(folded, language))


def _a_persons_evidence(text: str, end: int, *, declined: bool = False) -> bool:
    """An age after the name, or a relative after its possessive: English's "'s", or the case
    ending of a declined name ("Mattin äiti"); not a bare word ("Hans onkel" is "his uncle")."""
    kin = _KIN_AFTER.match(text, end)
    return bool(_AGE_AFTER.match(text, end) or (kin and (declined or kin.group().startswith(("'", "’")))))


def _declined_name(folded: str, language: str) -> bool:
    """Whether ``folded`` is a known given name in a case ending of ``language``."""
    return bool(_declined_bases(folded, language))


@functools.lru_cache(maxsize=20_000)
def _declined_bases(folded: str, language: str) -> tuple[str, ...]:
    """The known given names ``folded`` is a case ending of, in ``language``."""
    names = given_names()
    found: list[str] = []
    for ending, nominatives in CASE_ENDINGS.get(language, ()):
        if not folded.endswith(ending) or len(folded) - len(ending) < 3:
            continue
        stem = folded[: -len(ending)]
        stems = {stem}
        if language == "hu":  # "Annának" (Anna), "Eszterrel" (Eszter + -vel)
            stems |= {stem[:-1] + {"á": "a", "é": "e"}.get(stem[-1], stem[-1])}
        if language in ("pl", "cs", "sk", "hr") and len(stem) > 2 and stem[-2] not in "aeiouyáéíóúýąęěů":
            stems.add(stem[:-1] + "e" + stem[-1])  # a fleeting e: "Tomk-" for Tomek, "Pavl-" for Pavel
        if language == "fi" and len(stem) > 2 and stem[-2] in "kpt" and stem[-1] in "aeiouyäö":
            stems.add(stem[:-1] + stem[-2] + stem[-1])  # the weak grade: "Anti-" for Antti, "Juka-" for Jukka
        found += [base + nominative for base in stems for nominative in nominatives if base + nominative in names]
    hungarian_val = language == "hu" and len(folded) > 5 and folded[-3] == folded[-4] and folded[-2:] in ("al", "el")
    if hungarian_val and folded[:-3] in names:  # -val/-vel joined to a final consonant: "Eszterrel", "Péterrel"
        found.append(folded[:-3])
    return tuple(found)


def _never_a_name(folded: str, own_names: set[str]) -> bool:
    return (
        folded in own_names
        or folded in patterns.MONTHS
        or folded in patterns.NOT_PLACES
        or folded in patterns.ORGANISATION_WORDS
        or folded in NOT_GIVEN_NAMES
        or folded in _ROLE_WORDS
        or _is_country(folded)
    )


def warm_up() -> None:
    """Load the names and every language's word list, so the first check is as fast as the rest."""
    given_names()
    for language in WORDFREQ_LANGUAGES:
        ordinary_word("ahmed", language)


@functools.lru_cache(maxsize=4096)
def _is_country(folded: str) -> bool:
    code, name = find_country(folded.title())
    return code is not None and len(name) == len(folded)


def given_name_candidates(text: str, languages: list[tuple[int, int, str]], own_names: set[str]) -> list[Candidate]:
    """PERSON candidates for the known given names in ``text`` (see the module's docstring);
    ``languages`` holds each paragraph's (start, end, language)."""
    from .languages import language_at

    found = []
    taken = 0
    addresses = _addresses(text)
    for match in _CAPITALISED.finditer(text):
        if match.start() < taken:  # the surname of the name before ("Pierre Lambert")
            continue
        if any(start <= match.start() < end for start, end in addresses):
            continue
        language = language_at(languages, match.start(), "en")
        span = _capitalised_name(text, match, language, own_names)
        if span and language == "hu":
            span = (_hungarian_surname_before(text, span[0]), span[1])
        if span:
            found.append(Candidate(PERSON, *span, GIVEN_NAME_SCORE, precise=True))
            taken = span[1]
    for match in APPOSITION_NAME.finditer(text):
        first = match.group("pii").split()[0]
        if _known_name(first) and not _never_a_name(first.casefold(), own_names):
            found.append(Candidate(PERSON, *match.span("pii"), GIVEN_NAME_SCORE, precise=True))
    for match in CAPS_NAME.finditer(text):
        language = language_at(languages, match.start(), "en")
        span = _name_in_capitals(match, language, own_names)
        if span:
            found.append(Candidate(PERSON, *span, GIVEN_NAME_SCORE, precise=True))
    for line in CHAT_MESSAGE.finditer(text):
        speaker = _CHAT_SPEAKER_NAME.fullmatch(line.group("speaker").strip())
        if speaker and _known_name(speaker.group(1)) and not _never_a_name(speaker.group(1).casefold(), own_names):
            offset = line.start("speaker") + line.group("speaker").index(speaker.group())
            found.append(Candidate(PERSON, offset, offset + len(speaker.group()), GIVEN_NAME_SCORE, precise=True))
        language = language_at(languages, line.start("message"), "en")
        for match in _LOWER_WORD.finditer(text, line.start("message"), line.end("message")):
            if len(match.group("pii")) >= 4 and _lower_case_name(match.group("pii"), language):
                found.append(Candidate(PERSON, *match.span("pii"), GIVEN_NAME_SCORE, precise=True))
    for start, end in _written_in_lower_case(text):
        language = language_at(languages, start, "en")
        for match in _LOWER_WORD.finditer(text, start, end):
            word = match.group("pii")
            if (
                len(word) >= 4
                and word not in _ROLE_WORDS  # "the mentor (two sessions a week)": Mentor is a name too
                and not _never_a_name(word, own_names)
                and _lower_case_name(word, language)
            ):
                found.append(Candidate(PERSON, *match.span("pii"), GIVEN_NAME_SCORE, precise=True))
    for match in [*LOWER_CASE_NAME.finditer(text), *CHAT_SPEAKER.finditer(text)]:
        language = language_at(languages, match.start("pii"), "en")
        if _lower_case_name(match.group("pii"), language):
            found.append(Candidate(PERSON, *match.span("pii"), GIVEN_NAME_SCORE, precise=True))
    return found


# Round 14: Hungarian writes the surname first ("Kovács Réka", "Nagy Bence"): a word of Faker's
# Hungarian surnames right before a given name found in a Hungarian paragraph is part of the name.
_WORD_BEFORE = re.compile(rf"(?<![\w-])(?P<word>{_NAME})[ \t]+$")


@functools.cache
def _hungarian_surnames() -> frozenset[str]:
    provider = importlib.import_module("faker.providers.person.hu_HU").Provider
    return frozenset(name.casefold() for name in getattr(provider, "last_names", ()) if isinstance(name, str))


def _hungarian_surname_before(text: str, start: int) -> int:
    before = _WORD_BEFORE.search(text, max(0, start - 42), start)
    if before and before.group("word").casefold() in _hungarian_surnames():
        return before.start("word")
    return start


def _capitalised_name(text: str, match: re.Match, language: str, own_names: set[str]) -> tuple[int, int] | None:
    word = match.group("name")
    folded = word.casefold()
    if _known_name(word):
        pass
    elif not _declined_name(folded, language) or patterns.CITATION_AFTER.match(text, match.end("name")):
        return None  # an author cited in a case ending: "navazuje na práci Bjørga (2009)"
    elif (
        language in _NAMES_ARE_WORDS
        and _a_words_case_ending(folded, language)
        and not _a_persons_evidence(text, match.end("name"), declined=True)
    ):
        return None  # "Toivon, että…" (I hope that): Toivo's genitive only with a person's evidence
    if _never_a_name(folded, own_names):
        return None
    if _SAINT_BEFORE.search(text, max(0, match.start() - 12), match.start()):
        return None  # "St Brendan's College", "San Lorenzo", "Sankt Georg": a saint's, a place's
    before = _PREVIOUS_WORD.search(text, max(0, match.start() - 40), match.start())
    if (
        before
        and (before.group(1).casefold() in _NOT_BEFORE_A_NAME or _organisation_word(before.group(1)))
        and not _SPOKEN_TO_BEFORE.search(text, max(0, match.start() - 40), match.start())
    ):
        return None
    listed = _PLACE_LIST_BEFORE.search(text, max(0, match.start() - 120), match.start())
    if listed and (not listed.group().rstrip().endswith(",") or _LIST_GOES_ON.match(text, match.end("name"))):
        # "in Victoria and Florence", "in Leeds, Bradford, Luton"; after a comma alone the list must
        # go on: "the mosque in Nordby, Rashid, first raised the alarm" is an apposition
        return None
    if _beside_an_organisation(text, match.start(), match.end()):
        return None
    if in_a_list_of_towns(text, match.start("name"), match.end("name")):
        return None  # "went on to Victoria, Florence and Adelaide" (round 13)
    if patterns.EMPLOYER_BEFORE.search(text, max(0, match.start() - 80), match.start()):
        return None  # "werkt bij Albert Heijn": an employer (a workplace, when it is a client's)
    end = match.end("name")
    surname = False
    given = [word]
    for _ in range(2):
        following = _NEXT_WORD.match(text, end)
        if not following:
            break
        next_word = following.group("word")
        if _organisation_word(next_word):
            return None  # "Omar Mosque", "Maria Hospital"
        if _never_a_name(next_word.casefold(), own_names):
            break  # a month, a country: the name ends here
        if (
            not _after_a_particle(following)
            and ordinary_word(next_word.casefold(), language, local=False)
            and not (len(given) >= 2 and all(map(_known_name, given)))
            and not (_known_name(next_word) and _NEXT_WORD.match(text, following.end("word")))
        ):
            # A German noun after the name ends it; after "de la" it is a surname ("Alba de la
            # Fuente"), and after two given names too ("Per Olav Strand", "Anne Marie Berg"): a
            # second given name that is an ordinary word is one when a third word follows.
            break
        end, surname = following.end("word"), True
        given.append(next_word)
    if not surname and ordinary_word(folded, language) and not _a_persons_evidence(text, end):
        return None  # "Will", "Hope", "Pierre" alone: left to the NER ("Hope, 15," is someone)
    from .recognizers.ner import cited_by_a_work

    if surname and cited_by_a_work(text, match.start("name"), end):
        return None  # "draws on Kate Ferguson's work": an author cited (round 12)
    return match.start("name"), end


def _name_in_capitals(match: re.Match, language: str, own_names: set[str]) -> tuple[int, int] | None:
    """ "AHMED YUSUF HASSAN": the given name known and no ordinary word, then the surnames up to
    the first word that is an ordinary word, an organisation's or a place's."""
    given = match.group("given")
    folded = given.casefold()
    if not _known_name(given) or _never_a_name(folded, own_names) or ordinary_word(folded, language):
        return None
    end = match.end("given")
    for word in re.finditer(r"\S+", match.group("rest")):
        surname = word.group().casefold()
        if surname in patterns.NAME_PARTICLES:
            continue
        if _never_a_name(surname, own_names) or ordinary_word(surname, language, local=False):
            break
        end = match.start("rest") + word.end()
    return (match.start("given"), end) if end > match.end("given") else None


def _after_a_particle(following: re.Match) -> bool:
    """Whether the next word follows name particles ("de la Fuente", "van der Wiel"); German's
    articles alone are none ("Emir der Schule")."""
    particles = following.string[following.start() : following.start("word")].split()
    return bool(particles) and particles[0].casefold() not in ("der", "den", "dem", "des")


def _beside_an_organisation(text: str, start: int, end: int) -> bool:
    before = _ITEM_BEFORE.search(text, max(0, start - 60), start)
    after = _ITEM_AFTER.match(text, end)
    items = [before.group("item")] if before else []
    items += (after.group("item") or after.group("listed")).split() if after else []
    return any(_acronym(item) or _organisation_word(item.strip(".,")) for item in items)


def _acronym(word: str) -> bool:
    letters = [char for char in word if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


_PLACES_REPORTED_WHOLE = (
    patterns.STREET_ADDRESS,
    patterns.POSTCODE_ADDRESS,
    patterns.SCHOOL_OF_A_PUPIL,
    patterns.INSTITUTION_OF_A_PERSON,
    patterns.SCHOOL_OF_AN_ATTENDER,  # "e elev la Liceul Teoretic Mihai Eminescu"
)


def _addresses(text: str) -> list[tuple[int, int]]:
    """Street addresses ("45 Victoria Road, Manchester") and the schools and mosques a person
    attends ("in der 8. Klasse der Erich-Kästner-Schule"): reported whole, no name inside."""
    return [_reported(m) for pattern in _PLACES_REPORTED_WHOLE for m in pattern.finditer(text)]


def _reported(match: re.Match) -> tuple[int, int]:
    """The span of the match's first named group that matched: the part reported."""
    return next((match.span(name) for name in match.re.groupindex if match.group(name) is not None), match.span())


def _organisation_word(word: str) -> bool:
    folded = word.casefold()
    if folded in patterns.ORGANISATION_WORDS:
        return True
    # a German compound ending in one (round 12: "im Jugendzentrum Karl Marx", "die Beratungsstelle")
    return word[:1].isupper() and len(word) >= 8 and folded.endswith(_COMPOUND_ENDINGS)


_COMPOUND_ENDINGS = tuple(word for word in patterns.ORGANISATION_WORDS if len(word) >= 5 and word.isalpha())


# A post written fast, all in lower case ("met ahmed and his mum at the station"): a paragraph of
# six words or more without a capital letter is read like a chat's messages (round 12).
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_MIN_LOWER_CASE_WORDS = 6


def _written_in_lower_case(text: str) -> list[tuple[int, int]]:
    return [
        match.span()
        for match in _PARAGRAPH.finditer(text)
        if not any(char.isupper() for char in match.group())
        and len(_LOWER_WORD.findall(match.group())) >= _MIN_LOWER_CASE_WORDS
    ]


def _lower_case_name(name: str, language: str) -> bool:
    words = name.split()
    first = words[0].casefold()
    if first not in given_names() or ordinary_word(first, language):
        return False
    surnames = [re.split(r"['’]", word)[-1].casefold() for word in words[1:]]
    return not any(ordinary_word(surname, language, local=False) for surname in surnames)
