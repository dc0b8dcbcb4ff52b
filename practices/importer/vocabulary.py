"""Map the template's closed-list labels (themes, audiences, organisation types) to codes."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from practices import taxonomy
from search.analysis import guess_language

from .meanings import meant
from .text import WORD_RE, PhraseIndex, PhraseMatch, fold, group_spans, tokens
from .translations import KEY_THEME_TRANSLATIONS, TARGET_AUDIENCE_TRANSLATIONS
from .translations_eu import KEY_THEMES_EU, TARGET_AUDIENCES_EU

Entry = tuple[str, str, str]  # (code, label_en, label_fr)

# Words that join labels in a list ("Family support and Exit strategies") and
# mean nothing on their own.
# In the languages of translations_eu.py too ("oraz", "és", "või", "και", "sau").
FILLER_WORDS = frozenset(
    """and et or ou und og och en y e i ja sekä also aussi oraz lub albo nebo ali és vagy või ning και ή sau ili
    alebo или и vai arba""".split()
)
# Articles and prepositions before a term in a list ("für Eltern und Lehrkräfte", "avec des enseignantes",
# "de jongeren", "a family"): part of a run of words (sentences), but never warned about on their own.
FUNCTION_WORDS = frozenset(
    tokens(
        """a an the for with of to des de du la le les l aux au avec pour à für mit die der den dem das von
        het voor met van för med till av til af para con los las el del per il gli di dei delle
        dla z ze w we do na o ich com da do das dos ao aos às pro s se v ve jejich za sa u in a az számára nende
        για με οι τα το η ο των τους της του στους στις στα pentru cu din ale lor la și pre so vo за с на от ar par
        un ir su už"""
    )
)
# Words that stem (Snowball) like a term's word and differ by an ending, but name something else:
# never read by their stem alone ("Lehre", apprenticeship, is not "Lehrer"; "ouderen", the elderly,
# not "ouders"; "extremist propaganda" and "l'enseignement professionnel" name no audience). Inside a
# longer phrase they are ("a former extremist", "professionnel de première ligne").
# Words for the work done with or for someone, that end a compound whose first part names a term
# ("Familienarbeit", "Elternberatung", "Ausstiegshilfe", "gezinsondersteuning", "föräldrastöd"): the term.
ACTIVITY_HEADS: dict[str, frozenset[str]] = {
    language: frozenset(tokens(words))
    for language, words in {
        "de": "arbeit hilfe hilfen beratung unterstützung begleitung betreuung",
        "nl": "werk hulp steun ondersteuning begeleiding",
        "sv": "arbete arbetet stöd stödet hjälp",
        "da": "arbejde arbejdet støtte hjælp",
        "no": "arbeid arbeidet støtte hjelp",
    }.items()
}
# (Those words' comment is above ACTIVITY_HEADS.) Also the words of another language that end like a term of
# translations_eu.py as one of its forms would: "noord", Dutch for north, is no Estonian "noored", young people;
# "policy" no Slovak "polícia"; "skolen", Danish and Norwegian for the school, no Latvian "skolēni", pupils; the
# sciences and the practice whose names end like another form of their practitioners' (with a changed stem:
# ``text.ALTERNATIONS``): "psychologia", "psihologija", "психология" are no psychologists, "pedagogika" no
# teachers, Polish "praktyka" (a practice) no practitioners.
STEM_FALSE_FRIENDS = frozenset(
    tokens(
        """Lehre ouderen oudere extremist extrémiste professional professionnel professionnelle professionnelles
        noord noorden policy policies skolen skolene
        psychologia psychologii psychologią psychologie psychológia psychológie psychológiou psihologija
        psihologije psihologiji psihologijo психология психологията pedagogika pedagogiki pedagogice pedagogiką
        pedagogike pedagogiky pedagogiko педагогика педагогиката praktyka praktyki praktyce praktykę praktyką"""
    )
)

# Everyday names for organisation types, beside the list's own labels: the
# template asks for "legal status, e.g. NGO, state body, limited company, charity".
ORGANISATION_TYPE_ALIASES: dict[str, tuple[str, ...]] = {
    "municipality": ("municipality", "local authority", "city council", "municipalité", "commune", "autorité locale"),
    "police": ("police service", "law enforcement", "forces de l'ordre", "gendarmerie", "An Garda Síochána"),
    "prison-probation": ("prison service", "probation service", "prison", "probation", "service pénitentiaire"),
    "government-agency": ("government", "state body", "public body", "ministry", "organisme de l'État", "ministère"),
    "ngo": (
        "non-governmental organisation",
        "non-governmental organization",
        "organisation non gouvernementale",
        "charity",
        "organisation caritative",
        "association",
        "foundation",
        "fondation",
        # American and British writers' other names for it ("Type of organization: Non-profit organization")
        "non-profit",
        "non-profit organisation",
        "non-profit organization",
        "nonprofit",
        "nonprofit organization",
        "not-for-profit",
        "not-for-profit organisation",
        "not-for-profit organization",
    ),
    "research-education": ("university", "université", "research institute", "school", "école"),
    "health-social": ("health service", "social services", "services sociaux", "santé"),
    "other": ("other", "autre"),
}
# The same in the other practice languages, as a translated template's "Art der Organisation"
# is answered ("Kommune", "gemeinnütziger Verein", "Stichting", "Kriminalvården", "Associazione"), and in
# the other languages whose labels are read ("Fundacja", "Associação", "Občina", "Egyesület", "MTÜ"), and in
# the other languages of translations_eu.py ("Asociație", "Udruga", "Nadácia", "Сдружение", "Biedrība"), exactly.
ORGANISATION_TYPE_TRANSLATIONS: dict[str, tuple[str, ...]] = {
    "municipality": (
        "Kommune",
        "Gemeinde",
        "Stadtverwaltung",
        "Gemeente",
        "Kommun",
        "Ayuntamiento",
        "Municipio",
        "Comune",
        "Kunta",
        "Kaupunki",
        "Gmina",
        "Urząd miasta",
        "Câmara Municipal",
        "Obecní úřad",
        "Obec",
        "Statutární město",
        "Magistrát",
        "Δήμος",
        "Občina",
        "Önkormányzat",
        "Omavalitsus",
        "Linnavalitsus",
        "Primărie",
        "Primăria",
        "Općina",
        "Gradska uprava",
        "Obecný úrad",
        "Mestský úrad",
        "Община",
        "Pašvaldība",
        "Savivaldybė",
    ),
    "police": (
        "Polizei",
        "Politie",
        "Polis",
        "Politi",
        "Policía",
        "Polizia",
        "Poliisi",
        "Policja",
        "Polícia",
        "Policie",
        "Αστυνομία",
        "Policija",
        "Rendőrség",
        "Politsei",
        "Poliția",
        "Policajný zbor",
        "Полиция",
        "Valsts policija",
    ),
    "prison-probation": (
        "Justizvollzug",
        "Bewährungshilfe",
        "Reclassering",
        "Gevangeniswezen",
        "Kriminalvården",
        "Frivården",
        "Kriminalforsorgen",
        "Kriminalomsorgen",
        "Servicio penitenciario",
        "Amministrazione penitenziaria",
        "Rikosseuraamuslaitos",
    ),
    "government-agency": (
        "Ministerium",
        "Behörde",
        "Bundesamt",
        "Ministerie",
        "Overheidsinstantie",
        "Myndighet",
        "Myndighed",
        "Direktorat",
        "Ministerio",
        "Ministero",
        "Ministeriö",
        "Virasto",
    ),
    "ngo": (
        "Verein",
        "gemeinnütziger Verein",
        "Stiftung",
        "Nichtregierungsorganisation",
        "Stichting",
        "Vereniging",
        "Förening",
        "Ideell organisation",
        "Forening",
        "Stiftelse",
        "Frivillig organisasjon",
        "Asociación",
        "Fundación",
        "Associazione",
        "Fondazione",
        "Yhdistys",
        "Rekisteröity yhdistys",
        "Järjestö",
        "Säätiö",
        "Organizacja pozarządowa",
        "Fundacja",
        "Stowarzyszenie",
        "Organização não governamental",
        "Associação",
        "Nevládní organizace",
        "Nezisková organizace",
        "Spolek",
        "Μη κυβερνητική οργάνωση",
        "ΜΚΟ",
        "Nevladna organizacija",
        "Društvo",
        "Civil szervezet",
        "Egyesület",
        "Alapítvány",
        "Mittetulundusühing",
        "MTÜ",
        "Sihtasutus",
        "Asociație",
        "Fundație",
        "Organizație neguvernamentală",
        "Udruga",
        "Zaklada",
        "Občianske združenie",
        "Nadácia",
        "Mimovládna organizácia",
        "Сдружение",
        "Фондация",
        "Неправителствена организация",
        "НПО",
        "Biedrība",
        "Nodibinājums",
        "Nevyriausybinė organizacija",
        "Asociacija",
        "Viešoji įstaiga",
    ),
    "research-education": (
        "Universität",
        "Hochschule",
        "Forschungsinstitut",
        "Universiteit",
        "Hogeschool",
        "Universitet",
        "Högskola",
        "Universidad",
        "Università",
        "Yliopisto",
        "Ammattikorkeakoulu",
    ),
    "health-social": (
        "Jugendamt",
        "Sozialamt",
        "Gesundheitsamt",
        "Jeugdzorg",
        "Socialtjänsten",
        "Socialforvaltning",
        "Barnevernet",
        "Servicios sociales",
        "Servizi sociali",
        "Sosiaalitoimi",
        "Hyvinvointialue",
    ),
}


# Everyday names of the key themes, and the approaches of the collection's editions up to 2019
# ("Multi-agency approach", "Educating young people", "Delivering alternative narratives"), in
# English and French; the list's own labels are matched too, longest first.
KEY_THEME_ALIASES: dict[str, tuple[str, ...]] = {
    "family-support": ("family", "families", "parents", "famille", "familles", "soutien aux familles"),
    "local-strategies-cities": (
        "local strategy",
        "local strategies",
        "cities",
        "municipal strategy",
        "stratégie locale",
    ),
    "multi-agency-cooperation": (
        "multi-agency approach",
        "multi-agency",
        "multiagency",
        "inter-agency cooperation",
        "partenariat",
        "approche multi-agences",
    ),
    "deradicalisation-disengagement": (
        "deradicalisation",
        "deradicalization",
        "disengagement",
        "déradicalisation",
        "désengagement",
    ),
    "exit-strategies": ("exit work", "exit programme", "exit program", "exit", "sortie", "stratégie de sortie"),
    "prison-probation": ("prison", "probation", "prisons", "milieu pénitentiaire"),
    "alternative-counter-narratives": (
        "counter-narratives",
        "counter narratives",
        "alternative narratives",
        "delivering alternative narratives",
        "contre-discours",
        "discours alternatifs",
    ),
    "formers": ("former extremists", "anciens extrémistes"),
    "ftf-families": (
        "foreign fighters",
        "returnees",
        "foreign terrorist fighters",
        "revenants",
        "combattants étrangers",
    ),
    "islamist-extremism": ("islamism", "islamist radicalisation", "jihadism", "islamisme", "djihadisme", "jihadisme"),
    "violent-right-wing-extremism": ("right-wing extremism", "far-right extremism", "far right", "extrême droite"),
    "violent-left-wing-extremism": ("left-wing extremism", "far-left extremism", "far left", "extrême gauche"),
    "early-prevention": ("prevention", "early intervention", "prévention", "prévention précoce"),
    "education": ("educating young people", "education", "schools", "éducation", "école", "écoles"),
    "social-cohesion-polarisation": (
        "polarisation",
        "polarization",
        "social cohesion",
        "polarisation sociale",
        "cohésion sociale",
    ),
    "youth-engagement": ("youth work", "youth engagement", "vulnerable youth", "young people", "jeunesse", "jeunes"),
    "first-line-training": ("training", "training of practitioners", "formation", "formation des professionnels"),
    "community-engagement": (
        "community engagement",
        "community empowerment",
        "communities",
        "engagement communautaire",
    ),
    "victims-of-terrorism": ("victims", "victimes", "remembrance"),
    "online-dimension": ("online", "internet", "social media", "réseaux sociaux", "en ligne"),
    "conspiracy-narratives": (
        "conspiracy theories",
        "conspiracy narratives",
        "ideologies",
        "théories du complot",
        "complotisme",
    ),
    "lone-actors": ("lone wolves", "lone wolf", "lone actor", "loups solitaires"),
}

# Everyday names writers give the audiences in place of the list's labels ("Young people",
# "Teachers", "Parents", "Police"), in English and French; the list's own labels are matched too.
# Only where the answer names an audience: a phrase of the field, never of a narrative text.
TARGET_AUDIENCE_ALIASES: dict[str, tuple[str, ...]] = {
    "violent-extremists": (
        "extremists",
        "radicalised individuals",
        "radicalised people",
        "radicalised youth",
        "terrorist offenders",
        "extrémistes",
        "personnes radicalisées",
        "jeunes radicalisés",
    ),
    "first-responders-practitioners": (
        "first-line practitioners",
        "first line practitioners",
        "frontline practitioners",
        "front-line practitioners",
        "practitioners",
        "professionals",
        "praticiens",
        "professionnels de première ligne",
        "professionnels",
    ),
    "families": ("parents", "family", "relatives", "famille", "proches"),
    "educators-academics": (
        "teachers",
        "educators",
        "academics",
        "researchers",
        "school staff",
        "enseignants",
        "professeurs",
        "éducateurs",
        "universitaires",
        "chercheurs",
    ),
    "general-public": ("public", "citizens", "population", "grand public", "citoyens"),
    "online-community": ("internet users", "social media users", "online users", "internautes"),
    "formers": ("former extremists", "ex-extremists", "exiters", "anciens extrémistes", "repentis"),
    "youth-pupils-students": (
        "youth",
        "young people",
        "youngsters",
        "adolescents",
        "teenagers",
        "pupils",
        "students",
        "children",
        "jeunes",
        "jeunesse",
        "élèves",
        "étudiants",
        "enfants",
    ),
    "local-community-organisations-ngos": (
        "NGOs",
        "civil society",
        "community organisations",
        "community organizations",
        "associations",
        "ONG",
        "société civile",
    ),
    "authorities": (
        "local authorities",
        "public authorities",
        "policymakers",
        "policy makers",
        "municipalities",
        "autorités locales",
        "collectivités",
        "pouvoirs publics",
    ),
    "law-enforcement": (
        "police",
        "police officers",
        "law enforcement",
        "policiers",
        "gendarmes",
        "police nationale",
        # Irish English: the Garda Síochána's members ("community gardaí"), as Irish writers name them in English
        "gardaí",
        "garda",
        "gardai",
    ),
    "health-practitioners": (
        "health professionals",
        "healthcare professionals",
        "psychologists",
        "psychiatrists",
        "mental health professionals",
        "doctors",
        "nurses",
        "professionnels de santé",
        "psychologues",
        "psychiatres",
        "médecins",
    ),
    "social-workers": ("social worker", "youth workers", "travailleur social", "assistants sociaux"),
    "victims-of-terrorism": ("victims", "victimes"),
    "religious-communities": (
        "religious leaders",
        "faith communities",
        "faith leaders",
        "imams",
        "chaplains",
        "aumôniers",
        "responsables religieux",
        "communautés religieuses",
    ),
    "prison-probation": (
        "prison staff",
        "prison officers",
        "probation officers",
        "prisoners",
        "inmates",
        "détenus",
        "personnel pénitentiaire",
        "surveillants pénitentiaires",
    ),
}


# An answer is written as sentences when a run of this many words names no term ("We work mainly
# with young people…"); a list's leftovers are a word or two ("at risk", "staff").
PROSE_RUN_WORDS = 3
# A list's entry read by the words bearing a term's meaning has at most this many words, articles and prepositions
# not counted ("Odchod z extremismu", "Sortie de la radicalisation", "Skrajnie prawicowy ekstremizm z użyciem
# przemocy"); a longer run is a sentence.
MEANING_ENTRY_WORDS = 5
# Names of terms that sentences use as often in their everyday sense ("the public sector", "training
# sessions", "published online", "a way out: exit", "prevention of radicalisation", which every
# practice is about, "victims of bullying"): read in a list ("Exit, Online"), never in sentences, where
# they would be guesses ("victims of terrorism" is still read).
PROSE_AMBIGUOUS = frozenset(
    tuple(tokens(phrase))
    for phrase in (
        "public", "exit", "sortie", "cities", "training", "formation", "communities", "online", "internet",
        "en ligne", "prevention", "prévention", "Prävention", "preventie", "prevención", "prevenzione",
        "victims", "victimes",
        "Pais", "Społeczeństwo", "Veřejnost", "Javnost", "Profilaktyka", "Prewencja", "Prevenção", "Prevence",
        "Πρόληψη", "Preventiva", "Prevencija", "Megelőzés", "Prevenció", "Ennetus", "Prevenire", "Prevenție",
        "Prevencia", "Превенция", "Verejnosť", "Общественост", "Sabiedrība", "Visuomenė",
    )
)  # fmt: skip
# A clause ends at punctuation or at a word opposing what follows ("not the public but teachers").
_CLAUSE_END = re.compile(r"[.,;:!?()\n]|\b(?:but|mais|aber|sondern|maar|men|pero|sino|ma|whereas|tandis)\b")
# Words saying a clause does not hold (folded text), in the template's and the translations' languages;
# "ne" left out ("ne … qu'aux jeunes" means "only"), and "non" where it names something ("non-governmental").
_NEGATION = re.compile(
    r"\b(?:not|never|neither|nor|no|without|except|excluding|pas|ni|jamais|aucun\w*|sans|sauf|hormis|nicht|"
    r"kein\w*|nie|ohne|au(?:ss|ß)er|niet|geen|nooit|zonder|behalve|inte|ej|aldrig|utan|utom|ikke|aldri|uden|uten|"
    r"undtagen|unntatt|nunca|tampoco|sin|excepto|salvo|mai più|senza|tranne|eccetto|nao|nem|δεν|μην|χωρισ|nigdy|"
    r"nikdy|nikoli|nikada|bez|sem|nu|"
    r"non(?![-‐])(?!\s+(?:gouvern|govern|profit|lucrat|statal|violen)))\b"
)
# "Not only … but also": no negation.
_NOT_ONLY = re.compile(
    r"\b(?:not|pas|nicht|niet|inte|ikke|no|non)\s+(?:only|just|merely|seulement|uniquement|nur|alleen|bara|bare|"
    r"kun|solo|solamente|soltanto)\b"
)


@dataclass(frozen=True)
class TermMatch:
    codes: list[str]  # in order of appearance, without repeats
    unmatched: list[str]  # leftover phrases of the original text
    prose: bool = False  # the answer is written as sentences: ``unmatched`` is empty, the text is kept
    named: list[str] = field(default_factory=list)  # in sentences: the phrases the codes were read from
    negated: list[str] = field(default_factory=list)  # in sentences: phrases of a clause saying not, not read
    respelt: list[tuple[str, str]] = field(default_factory=list)  # a list's misspelt words as written, as read


# "and" between two words of a phrase, which writers often write as a slash, after the English labels
# ("Formal/informal education"): "Formell/informell utbildning" for "Formell och informell utbildning".
_AND = re.compile(r"(?<=\w)\s+(?:and|et|und|og|och|en|y|e|ed|ja|i|a|in|és|și|και|un|ir|и)\s+(?=\w)")


def _index(
    entries: Iterable[Entry],
    aliases: dict[str, tuple[str, ...]] | None = None,
    other: dict[str, dict[str, tuple[str, ...]]] | None = None,
) -> PhraseIndex:
    """The lists' labels, their ``aliases``, and the ``other`` languages' names for them by language (read in
    another form by the endings of their language: ``text.OTHER_ENDINGS``)."""
    index = PhraseIndex(unstemmed=STEM_FALSE_FRIENDS, forms=True, heads=ACTIVITY_HEADS)
    entries = list(entries)
    for code, label_en, label_fr in entries:
        index.add_all([(label_en, code), (label_fr, code), (code.replace("-", " "), code)])
    known = {code for code, _, _ in entries}
    for code, phrases in (aliases or {}).items():
        if code in known:
            index.add_all((phrase, code) for phrase in phrases)
    for language, by_code in (other or {}).items():
        for code, phrases in by_code.items():
            if code in known:
                index.add_all(((phrase, code) for phrase in phrases), language)
    for phrase, code, languages in list(index.written_phrases()):
        if _AND.search(phrase) and len(WORD_RE.findall(phrase)) >= 3:
            for language in languages or ("",):
                index.add(_AND.sub(" ", phrase), code, language)  # not over a phrase already known
    return index


def _joined(*aliases: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Each code's phrases from every alias list."""
    joined: dict[str, tuple[str, ...]] = {}
    for listed in aliases:
        for code, phrases in listed.items():
            joined[code] = joined.get(code, ()) + phrases
    return joined


def _match(
    index: PhraseIndex, text: str, language: str = "", spellings: dict[str, frozenset[str]] | None = None
) -> TermMatch:
    """The terms ``text`` names (``_match_written``); in a list, failing that, with its misspelt words read as the
    lists' words of ``spellings`` they differ from by one letter (``respelt``)."""
    found = _match_written(index, text, language)
    if not spellings or (found.prose and not _short_entries(text)) or not (found.unmatched or found.prose):
        return found
    # a list whose misspelt entries run together ("techers, parnets, law enforcment officers") looks like a
    # sentence until its words are read again
    unmatched = text if found.prose else " ".join(found.unmatched)
    respelt = _respelt(unmatched, spellings, guess_language(text) or language)
    if not respelt:
        return found
    corrected = text
    for wrong, right in respelt:
        corrected = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, corrected)
    again = _match_written(index, corrected, language)
    if again.prose or len(again.codes) <= len(found.codes):
        return found
    return TermMatch(codes=again.codes, unmatched=again.unmatched, respelt=respelt)


# A list's entries: separated by commas, semicolons or lines, each of this many words at most.
LIST_ENTRY_WORDS = 4


def _short_entries(text: str) -> bool:
    """Whether ``text`` is a list of two short entries or more, not sentences: "youth, techers, parnets"."""
    entries = [entry for entry in re.split(r"[,;\n|•]", text) if entry.strip()]
    return len(entries) >= 2 and all(len(WORD_RE.findall(entry)) <= LIST_ENTRY_WORDS for entry in entries)


# A misspelt word is read as a list's word when it has this many letters at least and differs from that word, and
# from no other, by one letter added, left out, changed or two swapped ("prevension", "engagment", "wokers").
RESPELT_LETTERS = 6
# A word this frequent (wordfreq's Zipf scale) in English, French or the answer's language is a word, not a slip
# ("policy" is no misspelt "police").
_A_WORD = 2.5


def _respelt(unmatched: str, spellings: dict[str, frozenset[str]], language: str) -> list[tuple[str, str]]:
    """(a word as written, the lists' word it is read as) for the misspelt words of ``unmatched``: words near
    one word of the lists only, or near words of the same terms ("prevension": "prevention", "prevención")."""
    found: list[tuple[str, str]] = []
    for word in dict.fromkeys(WORD_RE.findall(unmatched)):
        folded = fold(word)
        if len(folded) < RESPELT_LETTERS or folded in spellings or _is_word(folded, language):
            continue
        near = sorted(known for known in spellings if known[0] == folded[0] and _one_slip(folded, known))
        if near and all(spellings[known] == spellings[near[0]] for known in near):
            found.append((word, max(near, key=lambda known: _frequency(known, language))))
    return found


def _is_word(word: str, language: str) -> bool:
    return _frequency(word, language) >= _A_WORD


def _frequency(word: str, language: str) -> float:
    """How frequent ``word`` is in English, French or ``language``, the highest (wordfreq's Zipf scale)."""
    from wordfreq import zipf_frequency  # loaded when a list has a misspelt word

    return max(zipf_frequency(word, lang) for lang in dict.fromkeys(("en", "fr", _wordfreq_language(language))))


@lru_cache(maxsize=64)
def _wordfreq_language(language: str) -> str:
    """wordfreq's code for a practice language ("nb" for Norwegian, "sh" for Croatian); English for one it has no
    list of (Estonian, Irish, Maltese), as for an answer whose language is not told."""
    from wordfreq import available_languages

    code = {"no": "nb", "hr": "sh"}.get(language, language)
    return code if code and code in available_languages() else "en"


def _one_slip(word: str, known: str) -> bool:
    """Whether ``word`` is ``known`` with one letter added, left out or changed, or two neighbours swapped."""
    if abs(len(word) - len(known)) > 1 or word == known:
        return False
    start = next((at for at, (a, b) in enumerate(zip(word, known, strict=False)) if a != b), min(len(word), len(known)))
    return (
        word[start + 1 :] == known[start + 1 :]  # changed
        or word[start:] == known[start + 1 :]  # left out
        or word[start + 1 :] == known[start:]  # added
        or (word[start : start + 2] == known[start : start + 2][::-1] and word[start + 2 :] == known[start + 2 :])
    )


def _match_written(index: PhraseIndex, text: str, language: str = "") -> TermMatch:
    """The terms ``text`` names, also in another form of their words: by their stems in the language
    the answer is written in, failing a guess the practice's ``language``; an entry of a list in other words
    than the lists' phrases by the words bearing a term's meaning (``meanings.py``)."""
    matches, leftovers = index.scan(text, guess_language(text) or language)
    meaningful = [span for span in leftovers if not _is_filler(text[span[0] : span[1]])]
    unmatched = group_spans(text, meaningful)
    found = [(match.start, match.key) for match in matches]
    codes, at = set(index.phrases.values()), 0
    for phrase in list(unmatched):
        at = text.find(phrase, at)
        meaning = _meaning(phrase, codes)
        if not meaning:  # "Sortie de la radicalisation": "Sortie" read, the entry's meaning holds it
            start, end = _entry_bounds(text, at, at + len(phrase))
            within = {match.key for match in matches if start <= match.start < end}
            meaning = _meaning(text[start:end], codes) if within else []
            meaning = meaning if within <= set(meaning) else []
        if meaning:
            found += [(at, code) for code in meaning]
            unmatched.remove(phrase)
    long_run = any(len(WORD_RE.findall(phrase)) >= PROSE_RUN_WORDS for phrase in unmatched)
    if long_run or _says_not(fold(" ".join(unmatched))):  # "Neither parents nor teachers": a sentence
        return _match_prose(text, matches)
    unmatched = [phrase for phrase in unmatched if not set(tokens(phrase)) <= FUNCTION_WORDS]
    return TermMatch(
        codes=list(dict.fromkeys(key for _, key in sorted(found, key=lambda item: item[0]))), unmatched=unmatched
    )


def _meaning(entry: str, codes: set[str]) -> list[str]:
    """The terms a list's entry names by its words' meanings (``meanings.meant``), when it is short enough to be
    an entry: ``MEANING_ENTRY_WORDS`` at most, articles and prepositions not counted."""
    words = [word for word in tokens(entry) if word not in FUNCTION_WORDS]
    return meant(entry, codes) if len(words) <= MEANING_ENTRY_WORDS else []


_ENTRY_END = re.compile(r"[,;\n|•]")


def _entry_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the list's entry holding ``text[start:end]`` starts and ends (between commas, semicolons, lines)."""
    before = [found.end() for found in _ENTRY_END.finditer(text, 0, start)]
    after = _ENTRY_END.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def _match_prose(text: str, matches: list[PhraseMatch]) -> TermMatch:
    """The terms sentences name: not a name with an everyday sense, not in a clause saying not."""
    folded = fold(text)
    read: list[PhraseMatch] = []
    negated: list[str] = []
    for match in matches:
        phrase = text[match.start : match.end]
        if match.phrase in PROSE_AMBIGUOUS:  # the known phrase, however written ("Publics", "victim")
            continue
        if _negated(folded, match.start):
            negated.append(phrase)
        else:
            read.append(match)
    return TermMatch(
        codes=list(dict.fromkeys(match.key for match in read)),
        unmatched=[],
        prose=True,
        named=list(dict.fromkeys(text[match.start : match.end] for match in read)),
        negated=list(dict.fromkeys(negated)),
    )


def _negated(folded: str, start: int) -> bool:
    """Whether the clause before ``start`` says not ("not aimed at the general public")."""
    ends = [end.end() for end in _CLAUSE_END.finditer(folded, 0, start)]
    return _says_not(folded[ends[-1] if ends else 0 : start])


def _says_not(folded: str) -> bool:
    return bool(_NEGATION.search(_NOT_ONLY.sub(" ", folded)))


def _is_filler(word: str) -> bool:
    return word.lower() in FILLER_WORDS or word.isdigit() or not WORD_RE.fullmatch(word)


def _spellings(entries: Iterable[Entry], aliases: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """The words of the lists' English and French labels and everyday names (``aliases``) long enough to be read
    when misspelt (``RESPELT_LETTERS``), with the terms they name. Not the other languages': a word of one
    ("Rodinný", Czech for family's, "Skolen", Danish for the school) is often one letter from another's."""
    codes: dict[str, set[str]] = {}
    entries = list(entries)
    known = {code for code, _, _ in entries}
    phrases = [(phrase, code) for code, label_en, label_fr in entries for phrase in (label_en, label_fr)]
    phrases += [(phrase, code) for code, named in aliases.items() if code in known for phrase in named]
    for phrase, code in phrases:
        for word in tokens(phrase):
            if len(word) >= RESPELT_LETTERS:
                codes.setdefault(word, set()).add(code)
    return {word: frozenset(named) for word, named in codes.items()}


class Vocabulary:
    """Labels of key themes, target audiences and organisation types, by code.

    Matching ignores case and accents and finds several labels written one
    after another without separators, preferring the longest label.
    """

    def __init__(
        self,
        *,
        key_themes: Iterable[Entry],
        target_audiences: Iterable[Entry],
        organisation_types: Iterable[Entry],
    ) -> None:
        key_themes, target_audiences = list(key_themes), list(target_audiences)
        self._themes = _index(key_themes, _joined(KEY_THEME_ALIASES, KEY_THEME_TRANSLATIONS), KEY_THEMES_EU)
        self._audiences = _index(
            target_audiences, _joined(TARGET_AUDIENCE_ALIASES, TARGET_AUDIENCE_TRANSLATIONS), TARGET_AUDIENCES_EU
        )
        self._theme_spellings = _spellings(key_themes, KEY_THEME_ALIASES)
        self._audience_spellings = _spellings(target_audiences, TARGET_AUDIENCE_ALIASES)
        self._organisation_types = _index(
            organisation_types, _joined(ORGANISATION_TYPE_ALIASES, ORGANISATION_TYPE_TRANSLATIONS)
        )

    @classmethod
    def from_lists(cls) -> "Vocabulary":
        """The lists as first loaded (``practices/taxonomy.py``)."""
        return cls(
            key_themes=taxonomy.KEY_THEMES,
            target_audiences=taxonomy.TARGET_AUDIENCES,
            organisation_types=taxonomy.ORGANISATION_TYPES,
        )

    @classmethod
    def from_database(cls) -> "Vocabulary":
        """The lists as moderators keep them now, in the taxonomy tables."""
        from portal.models import OrganisationType
        from practices.models import KeyTheme, TargetAudience

        def rows(model) -> list[Entry]:
            return list(model.objects.order_by("pk").values_list("code", "label_en", "label_fr"))

        return cls(
            key_themes=rows(KeyTheme),
            target_audiences=rows(TargetAudience),
            organisation_types=rows(OrganisationType),
        )

    def key_themes(self, text: str, language: str = "") -> TermMatch:
        return _match(self._themes, text, language, self._theme_spellings)

    def target_audiences(self, text: str, language: str = "") -> TermMatch:
        return _match(self._audiences, text, language, self._audience_spellings)

    def organisation_types(self, text: str, language: str = "") -> TermMatch:
        return _match(self._organisation_types, text, language)

    def organisation_type(self, text: str) -> str | None:
        """The first organisation type named in ``text``, if any."""
        codes = self.organisation_types(text).codes
        return codes[0] if codes else None
