"""Demo data: the seed practice and a collection of hand-written practices, both
through the importer, plus generated practices.

The collection (``fixtures/demo/``: fictional practices written in the template,
in English, French, German, Norwegian, Danish, Swedish and Dutch) is the corpus of the search relevance
tests (``tests/search/relevance/``); each file's name is its stable identifier
there. Its organisations and practices, like the generated ones, are flagged
``is_demo`` and shown with one "Demo" badge (their names carry no marker of their own). Loading is deterministic, so every
fresh machine shows the same portal.
"""

import random
from pathlib import Path

from django.db import transaction

from portal.models import Organisation, OrganisationType
from practices.importer import ParsedPractice, Vocabulary, import_document
from practices.models import KeyTheme, Practice, TargetAudience
from practices.services import practice_import, practice_publish_trusted

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_DOCUMENT = FIXTURES / "templates" / "000_c92d1ef0c5228cd4.txt"
# Hand-written demo practices, named ``<language>-<slug>.txt``: the name gives the language of
# the text (the importer reads it from the text as well, docs/IMPORTER.md).
COLLECTION_DIR = FIXTURES / "demo"

PLACES = [
    ("NO", "Ravnstad"),
    ("SE", "Älvby"),
    ("DK", "Søholm"),
    ("FI", "Koivula"),
    ("DE", "Lindenau"),
    ("NL", "Westerveld"),
    ("BE", "Houtem"),
    ("FR", "Belmont-sur-Loire"),
    ("ES", "Villaclara"),
    ("IT", "Montefiore"),
    ("AT", "Seewald"),
    ("PL", "Brzozów Wielki"),
]

ORGANISATION_NAMES = {
    "en": {
        "municipality": "Municipality of {place}",
        "police": "{place} Police District",
        "prison-probation": "{place} Probation Service",
        "ngo": "{place} Exit Network",
        "health-social": "{place} Youth and Family Services",
        "research-education": "{place} Institute for Social Research",
    },
    "fr": {
        "municipality": "Ville de {place}",
        "police": "Police de {place}",
        "prison-probation": "Service pénitentiaire d'insertion et de probation de {place}",
        "ngo": "Réseau Sortie {place}",
        "health-social": "Services jeunesse et famille de {place}",
        "research-education": "Institut de recherche sociale de {place}",
    },
}

METHODS = {
    "en": [
        (
            "Mentoring for young people leaving extremist groups",
            "A trained mentor meets each young person weekly for a year, working on trust, education and a life outside the group.",
        ),
        (
            "Family counselling hotline",
            "Parents worried about a child's radicalisation call a counselling line; counsellors assess the situation and coordinate local support.",
        ),
        (
            "Multi-agency safeguarding panel",
            "Schools, police, social services and health services meet monthly to assess referrals of people at risk of violent extremism.",
        ),
        (
            "Prison exit programme",
            "Inmates convicted of terrorist offences take part in structured dialogue sessions and prepare their release with probation officers.",
        ),
        (
            "Online counter-narrative workshops",
            "Young people produce videos that answer extremist propaganda, guided by youth workers and media trainers.",
        ),
        (
            "Training for first-line practitioners",
            "Teachers and social workers learn to recognise signs of radicalisation and to respond proportionately.",
        ),
        (
            "Community dialogue circles",
            "Religious leaders, residents and municipal staff meet to discuss polarisation and build trust after local incidents.",
        ),
        (
            "Support for returning families",
            "Children and mothers returning from conflict zones receive coordinated health, school and psychosocial support.",
        ),
    ],
    "fr": [
        (
            "Mentorat pour les jeunes qui quittent des groupes extrémistes",
            "Un mentor formé rencontre chaque jeune chaque semaine pendant un an pour travailler la confiance, la formation et une vie hors du groupe.",
        ),
        (
            "Ligne d'écoute pour les familles",
            "Les parents inquiets de la radicalisation d'un enfant appellent une ligne d'écoute; des conseillers évaluent la situation et coordonnent l'aide locale.",
        ),
        (
            "Cellule multi-agences de prévention",
            "Écoles, police, services sociaux et de santé se réunissent chaque mois pour évaluer les signalements de personnes exposées à l'extrémisme violent.",
        ),
        (
            "Programme de sortie en milieu carcéral",
            "Des détenus condamnés pour terrorisme participent à des séances de dialogue structurées et préparent leur libération avec les conseillers de probation.",
        ),
        (
            "Ateliers de contre-discours en ligne",
            "Des jeunes réalisent des vidéos qui répondent à la propagande extrémiste, accompagnés par des animateurs et des formateurs aux médias.",
        ),
        (
            "Formation des praticiens de première ligne",
            "Enseignants et travailleurs sociaux apprennent à reconnaître les signes de radicalisation et à réagir de manière proportionnée.",
        ),
        (
            "Cercles de dialogue communautaire",
            "Responsables religieux, habitants et agents municipaux se réunissent pour parler de polarisation et rétablir la confiance après des incidents locaux.",
        ),
        (
            "Accompagnement des familles de retour",
            "Les enfants et les mères revenant de zones de conflit bénéficient d'un soutien coordonné en santé, scolarité et accompagnement psychosocial.",
        ),
    ],
}

DEMO_PRACTICE_COUNT = 48


def _demo_organisations(rng: random.Random) -> list[tuple[Organisation, str]]:
    """Demo organisations with the place each one works in."""
    organisations = []
    types = list(OrganisationType.objects.exclude(code__in=["other", "government-agency"]))
    for index, (country, place) in enumerate(PLACES):
        language = "fr" if country in ("FR", "BE") else "en"
        for org_type in (types[index % len(types)], types[(index + 3) % len(types)]):
            name = ORGANISATION_NAMES[language][org_type.code].format(place=place)
            organisation, _created = Organisation.objects.get_or_create(
                name=name, defaults={"type": org_type, "country": country, "verified": True, "is_demo": True}
            )
            organisations.append((organisation, place))
    return organisations


WRITE_UP = {
    "en": {
        "description": (
            "{summary}\n\nThe {organisation} started the practice in {start} after local professionals "
            "saw that existing services did not reach the people concerned. Referrals come from schools, "
            "social services, police and families; a coordinator meets each person within two weeks, agrees "
            "on goals with them and reviews progress every three months. Staff receive supervision and "
            "follow the organisation's data protection rules; no case file leaves the service."
        ),
        "deliverables": "A short method handbook for staff and partners; a referral form; an annual activity report.",
        "evidence": (
            "Each year the team records how many people took part, how many completed the programme and "
            "what partners reported. An external review in {review} found that most participants kept in "
            "contact with support services after leaving the programme."
        ),
        "sustainability": (
            "Funded from the organisation's regular budget. The method needs trained staff and a partner "
            "network more than money, and has been presented to neighbouring towns."
        ),
    },
    "fr": {
        "description": (
            "{summary}\n\nL'organisme {organisation} a lancé la pratique en {start}, quand les professionnels "
            "locaux ont constaté que les services existants n'atteignaient pas les personnes concernées. Les "
            "orientations viennent des écoles, des services sociaux, de la police et des familles ; un "
            "coordinateur rencontre chaque personne dans les deux semaines, fixe des objectifs avec elle et fait "
            "le point tous les trois mois. L'équipe bénéficie d'une supervision et applique les règles de "
            "protection des données de l'organisme ; aucun dossier ne quitte le service."
        ),
        "deliverables": "Un guide de méthode pour l'équipe et les partenaires ; une fiche d'orientation ; un rapport d'activité annuel.",
        "evidence": (
            "Chaque année, l'équipe relève le nombre de participants, le nombre de parcours menés à terme et "
            "l'avis des partenaires. Une évaluation externe en {review} a montré que la plupart des "
            "participants restaient en contact avec les services d'aide après la fin du programme."
        ),
        "sustainability": (
            "Financée sur le budget ordinaire de l'organisme. La méthode demande surtout une équipe formée et "
            "un réseau de partenaires, et a été présentée aux communes voisines."
        ),
    },
}


def _demo_method(number: int, place: str, used: set[tuple[str, str]]) -> tuple[str, str, str]:
    """(language, title, summary) of generated practice ``number``: the first method, from
    its turn in the list, not yet used in ``place``, so no title repeats."""
    language = "fr" if number % 3 == 0 else "en"
    methods = METHODS[language]
    for shift in range(len(methods)):
        title, summary = methods[(number + shift) % len(methods)]
        if (title, place) not in used:
            used.add((title, place))
            return language, title, summary
    raise ValueError(f"more generated practices than methods for {place}")


def _demo_practice(
    rng: random.Random, number: int, where: tuple[Organisation, str], used, themes, audiences
) -> Practice:
    organisation, place = where
    language, title, summary = _demo_method(number, place, used)
    start_year = rng.randint(2008, 2023)
    text = WRITE_UP[language]
    practice = Practice.objects.create(
        title=f"{title} ({place})",
        description=text["description"].format(summary=summary, organisation=organisation.name, start=start_year)
        + "\n\n"
        + _explicit_link(language),
        deliverables=text["deliverables"],
        evidence_evaluation=text["evidence"].format(review=min(2026, start_year + 3)),
        sustainability_transferability=text["sustainability"],
        peer_reviewed=rng.choice(["yes", "no", "unknown"]),
        geographical_scope=place,
        start=str(start_year),
        start_year=start_year,
        end_year=start_year + rng.randint(2, 6) if number % 7 == 0 else None,
        organisation=organisation,
        organisation_description=organisation.name,
        country=organisation.country,
        contact="Demo contact: practices@example.org",
        last_update_year=min(2026, start_year + rng.randint(1, 4)),
        language=language,
        is_demo=True,
    )
    practice.key_themes.set(rng.sample(themes, 2))
    practice.target_audiences.set(rng.sample(audiences, rng.randint(1, 3)))
    return practice


def _explicit_link(language: str) -> str:
    if language == "fr":
        return "La pratique vise explicitement à prévenir la radicalisation et l'extrémisme violent."
    return "The practice explicitly aims to prevent radicalisation and violent extremism."


def load_seed_practice() -> Practice | None:
    """Import and publish the seed template through the importer, once."""
    parsed = import_document(SEED_DOCUMENT.read_bytes(), SEED_DOCUMENT.name, vocabulary=Vocabulary.from_database())
    if Practice.objects.filter(title=parsed.title).exists():
        return None
    return practice_import(parsed=parsed, publish=True)


def collection_documents() -> list[Path]:
    """The hand-written demo practices, in a fixed order."""
    return sorted(COLLECTION_DIR.glob("*.txt"))


def collection_language(path: Path) -> str:
    return path.name.split("-", 1)[0]


def import_collection_document(path: Path, vocabulary: Vocabulary) -> ParsedPractice:
    parsed = import_document(path.read_bytes(), path.name, vocabulary=vocabulary)
    parsed.language = collection_language(path)
    return parsed


def _collection_organisation(parsed: ParsedPractice) -> Organisation:
    type_code = parsed.organisation.type or "other"
    organisation, _created = Organisation.objects.get_or_create(
        name=parsed.organisation.name,
        defaults={
            "type": OrganisationType.objects.get(code=type_code),
            "country": parsed.country or "",
            "verified": True,
            "is_demo": True,
        },
    )
    return organisation


def load_demo_collection() -> dict[str, Practice]:
    """Import and publish each hand-written demo practice whose title is not there yet;
    the new practices by file stem."""
    vocabulary = Vocabulary.from_database()
    created = {}
    for path in collection_documents():
        parsed = import_collection_document(path, vocabulary)
        if Practice.objects.filter(title=parsed.title).exists():
            continue
        organisation = _collection_organisation(parsed)
        practice = practice_import(parsed=parsed, organisation_name=organisation.name, publish=True)
        Practice.objects.filter(pk=practice.pk).update(is_demo=True)
        created[path.stem] = practice
    return created


def _load_generated(count: int) -> int:
    if Practice.objects.filter(is_demo=True).exists():
        return 0
    rng = random.Random(20161109)
    organisations = _demo_organisations(rng)
    themes, audiences = list(KeyTheme.objects.all()), list(TargetAudience.objects.all())
    used: set[tuple[str, str]] = set()
    for number in range(count):
        where = organisations[number % len(organisations)]
        practice = _demo_practice(rng, number, where, used, themes, audiences)
        practice_publish_trusted(practice=practice)
    return count


@transaction.atomic
def load_demo_data(*, count: int = DEMO_PRACTICE_COUNT, collection: bool = True) -> dict[str, int]:
    """Load the seed, the generated practices (``count``) and the hand-written collection;
    a second run adds nothing."""
    seed = load_seed_practice()
    generated = _load_generated(count)
    written = len(load_demo_collection()) if collection else 0
    return {"seed": 1 if seed else 0, "demo": generated, "collection": written}
