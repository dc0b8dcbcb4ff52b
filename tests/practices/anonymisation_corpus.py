"""Planted personal data for measuring the anonymisation check.

Each sample is a practice (English or French) whose fields are written with
marks: ``[[TYPE:text]]`` plants an item the check must report as TYPE;
``[[DECOY:text]]`` is text nothing may be reported on (years, case numbers,
statistics, organisations); ``[[NOT_ID:text]]`` is an identity number with a
broken check digit, which must not be reported as NATIONAL_ID.

The annotation is complete: every name is marked, and every place that is a
person's (a street address, where someone lives); places the practice works
in are decoys (issue 13: a place is personal data only when tied to a
person), so any finding that matches no mark counts against precision.
Countries are not personal data and are not marked.

Identity numbers were made with python-stdnum's own check-digit functions
(``fodselsnummer.calc_check_digit1/2``, ``cpr.checksum``, ``luhn``,
``nir.calc_check_digits``, the HETU and Belgian modulus rules, the BSN
eleven-test); each NOT_ID is the same digits with the last one changed, to
a value that is no valid number of another country either (040506-3840, a
broken Finnish code, happens to be a valid Danish CPR number: it would be
reported, and rightly so).
IBANs are the registry's published examples. ``test_anonymisation_quality``
checks all of that, so the data cannot drift.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MARK = re.compile(r"\[\[(?P<kind>[A-Z_]+):(?P<text>.*?)\]\]", re.S)
STRICT_TYPES = ("EMAIL_ADDRESS", "PHONE_NUMBER", "NATIONAL_ID", "IBAN_CODE")


@dataclass(frozen=True)
class Mark:
    field: str
    kind: str  # a finding type, DECOY or NOT_ID
    text: str
    start: int
    end: int

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True)
class Sample:
    name: str
    language: str
    marked: dict[str, str]

    @property
    def fields(self) -> dict[str, str]:
        return {code: MARK.sub(lambda m: m.group("text"), text) for code, text in self.marked.items()}

    @property
    def marks(self) -> list[Mark]:
        return [mark for code, text in self.marked.items() for mark in _marks(code, text)]


def _marks(code: str, marked: str) -> list[Mark]:
    marks, removed = [], 0
    for match in MARK.finditer(marked):
        start = match.start() - removed
        text = match.group("text")
        marks.append(Mark(code, match.group("kind"), text, start, start + len(text)))
        removed += len(match.group()) - len(text)
    return marks


EN_DESCRIPTION = """\
The Family Support Team in [[DECOY:Ravnstad]] works with families of young people at risk of \
radicalisation. The practice was first presented at the [[DECOY:RAN YF&C]] working group meeting in \
[[DECOY:Manchester]] in [[DECOY:2017]]. Since then [[DECOY:42]] families have taken part, and \
[[DECOY:78 per cent]] of them completed the programme.

In one case, [[PERSON:Mr K. Hansen]] contacted the team after his son dropped out of school. The social \
worker, [[PERSON:J. Dupont]], met the family at their home in [[LOCATION:Storgata 5]], [[LOCATION:Ravnstad]]. \
Case [[DECOY:2019/0412]] was closed after eighteen months. [[PERSON:Hansen]] later said that the mentoring \
helped his son return to school.

The method draws on the ecological model of [[PERSON:Urie Bronfenbrenner]] and on motivational interviewing \
as described by [[PERSON:William R. Miller]]. Support is offered in Norway and, since [[DECOY:2020]], in \
Sweden."""

EN_EVIDENCE = """\
An earlier draft quoted a case file by mistake: "[[PERSON:Ahmed Yilmaz]], born [[DATE_OF_BIRTH:3 May 2004]], \
personal number [[NATIONAL_ID:15030740014]], lives at [[LOCATION:221B Baker Street]], [[LOCATION:London]]." \
The Swedish partner quoted the personnummer [[NATIONAL_ID:051209-4103]] and a Danish colleague the CPR \
number [[NATIONAL_ID:120389-1004]]. A Finnish file gave the identity code [[NATIONAL_ID:040506-384J]]. The \
mistyped numbers [[NOT_ID:15030740010]], [[NOT_ID:051209-4100]], [[NOT_ID:120389-1000]] and \
[[NOT_ID:040506-3841]] appear in the old register as well.

Mentoring costs were paid to [[IBAN_CODE:NO93 8601 1117 947]] and to the Dutch partner's account \
[[IBAN_CODE:NL91 ABNA 0417 1643 00]]; the account [[DECOY:NO94 8601 1117 947]] on the old form is invalid. \
Date of birth of the second participant: [[DATE_OF_BIRTH:12/03/2006]]. DOB of the third: \
[[DATE_OF_BIRTH:2005-11-23]].

The evaluation by the [[DECOY:Norwegian Institute for Urban and Regional Research]] covered \
[[DECOY:2014-2015]] and found that [[DECOY:1,200]] pupils in [[DECOY:55]] schools took part."""

EN_PARTNERS = """\
Partners abroad: in [[DECOY:Copenhagen]] the team works with [[PERSON:Mette Sørensen]] \
([[PHONE_NUMBER:+45 32 12 34 56]]); in [[DECOY:Antwerp]] with [[PERSON:Ms A. Okafor]] \
([[PHONE_NUMBER:+32 470 12 34 56]], [[EMAIL_ADDRESS:a.okafor@antwerpen.be]]); in [[DECOY:Amsterdam]] \
with [[PERSON:Pieter de Vries]] ([[PHONE_NUMBER:06-12345678]]), whose office is at \
[[LOCATION:Kerkstraat 14, 1017 GC Amsterdam]]; in [[DECOY:Stockholm]] the helpline \
[[PHONE_NUMBER:08-123 456 78]]; in [[DECOY:London]] the charity's line [[PHONE_NUMBER:+44 20 7946 0958]].

A Norwegian participant, born on [[DATE_OF_BIRTH:7 July 2003]] ("født [[DATE_OF_BIRTH:07.07.2003]]" on the \
consent form), met the mentor at [[LOCATION:Karl Johans gate 22, 0159 Oslo]].

The [[DECOY:Ministry of Justice]] funded [[DECOY:60 %]] of the work through grant [[DECOY:2019-117]]; the rest \
came from the [[DECOY:Directorate for Civil Protection]]. The programme reported [[DECOY:35]] exits between \
[[DECOY:2015]] and [[DECOY:2019]]."""

EN_CONTACT = """\
[[DECOY:Ravnstad]] Municipality, Family Support Team
[[PERSON:Sarah Whitfield]] [[EMAIL_ADDRESS:s.whitfield@ravnstad.kommune.no]]
Phone: [[PHONE_NUMBER:+47 412 34 567]]
Mobile: [[PHONE_NUMBER:0047 41 23 45 67]]
[[LOCATION:Boks 237, N-1702 Sarpsborg]]"""

FR_DESCRIPTION = """\
Le dispositif de [[DECOY:Belmont]] accompagne les familles dont un proche s'est radicalisé. En \
[[DECOY:2018]], [[DECOY:23]] familles ont été suivies par l'équipe, en lien avec la [[DECOY:Croix-Rouge]] et \
le groupe de travail [[DECOY:RAN YF&C]].

[[PERSON:Mme Fatima El Amrani]], mère d'un jeune parti en Syrie, a rejoint le groupe de parole animé par \
[[PERSON:J.-P. Martin]]. Elle habite [[LOCATION:12 rue des Lilas, 69003 Lyon]]. [[PERSON:M. Karim Benali]], \
éducateur, assure le suivi chaque semaine.

La méthode s'inspire de la thérapie brève orientée solution d'[[PERSON:Insoo Kim Berg]] et des \
entretiens motivationnels."""

FR_EVIDENCE = """\
Une version antérieure du dossier citait [[PERSON:Yasmine Haddad]], née le [[DATE_OF_BIRTH:14 février 2005]], \
numéro de sécurité sociale [[NATIONAL_ID:2 99 05 75 056 123 31]]. Son frère, né le \
[[DATE_OF_BIRTH:02/09/2007]], portait le numéro [[NOT_ID:1 84 03 76 451 089 90]] sur un formulaire mal \
rempli. La famille a vécu en Belgique (numéro national [[NATIONAL_ID:90.03.15-123.77]], l'ancien \
[[NOT_ID:90.03.15-123.70]] étant erroné) puis aux Pays-Bas (BSN [[NATIONAL_ID:111222333]] ; \
[[NOT_ID:111222330]] est invalide). Un autre jeune, de nationalité norvégienne, avait le \
fødselsnummer [[NATIONAL_ID:23018840073]].

Les frais ont été remboursés sur le compte [[IBAN_CODE:FR14 2004 1010 0505 0001 3M02 606]]. L'évaluation \
de [[DECOY:2016]] porte sur [[DECOY:118]] jeunes, dont [[DECOY:64 %]] ont repris une formation."""

FR_SCOPE = """\
La pratique couvre la commune de [[DECOY:Belmont]] ([[DECOY:12 000]] habitants) et trois villages \
voisins. Elle a été présentée lors de la réunion du [[DECOY:RAN YF&C]] à [[DECOY:Bruxelles]] le \
[[DECOY:9 novembre 2016]], puis à [[DECOY:Nice]] en [[DECOY:février 2017]]. Dossier n° \
[[DECOY:2018-04-117]].

Partenaire en Allemagne : [[PERSON:Herr Jonas Weber]], [[LOCATION:Hauptstraße 12, 10115 Berlin]], \
[[PHONE_NUMBER:+49 30 12345678]], compte [[IBAN_CODE:DE89 3704 0044 0532 0130 00]]. Un second numéro \
danois, [[NATIONAL_ID:040795-1018]], figurait dans l'annexe, ainsi que le personnummer suédois \
[[NATIONAL_ID:880315-0104]] et le code finlandais [[NATIONAL_ID:211104A123D]]."""

FR_CONTACT = """\
Mairie de [[DECOY:Belmont]], service de prévention
[[PERSON:Claire Moreau]] [[EMAIL_ADDRESS:claire.moreau@belmont.fr]]
Tél. : [[PHONE_NUMBER:06 12 34 56 78]] ou [[PHONE_NUMBER:+33 6 98 76 54 32]]
[[LOCATION:4 place de la Mairie, 38000 Grenoble]]
Standard : [[PHONE_NUMBER:030 1234567]] (bureau de [[DECOY:Berlin]])"""

SAMPLES: tuple[Sample, ...] = (
    Sample(
        "en_practice",
        "en",
        {
            "description": EN_DESCRIPTION,
            "evidence_evaluation": EN_EVIDENCE,
            "sustainability_transferability": EN_PARTNERS,
            "contact": EN_CONTACT,
        },
    ),
    Sample(
        "fr_pratique",
        "fr",
        {
            "description": FR_DESCRIPTION,
            "evidence_evaluation": FR_EVIDENCE,
            "geographical_scope": FR_SCOPE,
            "contact": FR_CONTACT,
        },
    ),
)


# Held out: written after the recognisers were tuned on SAMPLES, and not
# tuned on since. Its figures are the honest estimate of quality on new text.

EN_HELD_OUT_DESCRIPTION = """\
The Aarhus-inspired exit programme in [[DECOY:Vestby]] started after a [[DECOY:2015]] review by the \
[[DECOY:Police Security Service]]. Mentors meet each young person weekly. [[PERSON:Mrs Aisha Rahman]], \
a youth worker, and [[PERSON:Dr. Lars Nilsen]], a psychologist from the local health centre, lead the \
sessions. When [[PERSON:Omar]] joined in [[DECOY:March 2018]] he was living with his uncle at \
[[LOCATION:Hovedgaden 12, 2800 Lyngby]].

The team follows Article [[DECOY:8]] of the European Convention on Human Rights and UN Security Council \
Resolution [[DECOY:2178]]. Its handbook (ISBN [[DECOY:978-3-16-148410-0]]) was funded under \
[[DECOY:Horizon 2020]]. In an emergency, families call [[DECOY:112]].

A participant's file listed: born [[DATE_OF_BIRTH:14/02/2006]], Swedish personal identity number \
[[NATIONAL_ID:19880315-0104]] (the old card read [[NOT_ID:19880315-0105]]), Norwegian birth number \
[[NATIONAL_ID:28020550033]], Danish CPR [[NATIONAL_ID:300192-2008]]; a Finnish cousin's code \
[[NATIONAL_ID:311280-899A]] and a mistyped copy [[NOT_ID:311280-8991]]. D.O.B. of his sister: \
[[DATE_OF_BIRTH:5 Jan 2004]]. Grants were paid to [[IBAN_CODE:GB29 NWBK 6016 1331 9268 19]] and \
[[IBAN_CODE:SE45 5000 0000 0583 9825 7466]]."""

EN_HELD_OUT_CONTACT = """\
[[PERSON:Kristin Berg]], project lead
[[LOCATION:Flat 3, 14 Church Road, Leeds LS1 4AB]]
[[EMAIL_ADDRESS:kristin.berg@vestby.kommune.no]] / [[PHONE_NUMBER:22 33 44 55]] / [[PHONE_NUMBER:+358 40 1234567]]"""

FR_HELD_OUT_DESCRIPTION = """\
À [[DECOY:Molenbeek]], la cellule de prévention suit depuis [[DECOY:2016]] une trentaine de jeunes. \
[[PERSON:Mlle Inès Garnier]], assistante sociale, et [[PERSON:P. Lefèvre]], médiateur, rencontrent les \
parents une fois par mois. [[PERSON:Sophie Lambert]], psychologue, intervient à la demande. Le centre se \
trouve [[LOCATION:Rue de la Loi 16, 1000 Bruxelles]].

Un signalement de [[DECOY:2019]] mentionnait un jeune né le [[DATE_OF_BIRTH:1er mars 2004]], numéro \
national [[NATIONAL_ID:85.07.04-046.19]] (une copie portait [[NOT_ID:85.07.04-046.10]]), et sa mère, \
date de naissance : [[DATE_OF_BIRTH:23.11.1977]], numéro de sécurité sociale \
[[NATIONAL_ID:1 77 05 99 350 608 33]] ([[NOT_ID:1 77 05 99 350 608 30]] dans un autre formulaire). Le \
BSN néerlandais [[NATIONAL_ID:123456782]] de son père figurait aussi au dossier.

Le projet a reçu [[DECOY:45 000]] euros du Fonds pour la sécurité intérieure ; les paiements vont sur le \
compte [[IBAN_CODE:BE71 0961 2345 6769]]. Voir le rapport [[DECOY:RAN C&N]] de [[DECOY:2020]], page \
[[DECOY:12]]."""

FR_HELD_OUT_CONTACT = """\
Cellule de prévention de [[DECOY:Molenbeek]]
Contact : [[PERSON:Youssef Amrani]] — [[EMAIL_ADDRESS:y.amrani@molenbeek.irisnet.be]]
Tél. [[PHONE_NUMBER:0470 12 34 56]], fixe [[PHONE_NUMBER:01 42 68 53 00]], Pays-Bas [[PHONE_NUMBER:+31 20 123 4567]]"""

HELD_OUT: tuple[Sample, ...] = (
    Sample("en_held_out", "en", {"description": EN_HELD_OUT_DESCRIPTION, "contact": EN_HELD_OUT_CONTACT}),
    Sample("fr_held_out", "fr", {"description": FR_HELD_OUT_DESCRIPTION, "contact": FR_HELD_OUT_CONTACT}),
)


# Real practices: the fixture templates, written by others for the importer.
# Their personal data is listed here (every occurrence counts), so that the
# many words they hold that are NOT personal data test precision on real
# prose. Countries, organisations and programme names are not listed.
TEMPLATES = Path(__file__).resolve().parents[2] / "practices" / "fixtures" / "templates"
REAL_GOLD: dict[str, tuple[tuple[str, str], ...]] = {
    "000_c92d1ef0c5228cd4.txt": (
        ("PERSON", "Insoo Kim Berg"),
        ("PERSON", "Bronfenbrenner"),
        ("PERSON", "William R. Miller"),
        ("PERSON", "Tom Bath"),
        ("PERSON", "Tone Faale"),
        ("LOCATION", "Boks 237, N-1702 Sarpsborg"),
        ("EMAIL_ADDRESS", "tsfa@sarpsborg.com"),
        ("PHONE_NUMBER", "0047 98217686"),
    ),
    "en_practice.txt": (("EMAIL_ADDRESS", "safeharbour@example.org"),),
    "fr_pratique.txt": (("EMAIL_ADDRESS", "cafes@fil-commun.example.org"),),
}


def real_samples() -> tuple[Sample, ...]:
    """The fixture templates, parsed by the importer, their gold items marked
    wherever they occur (needs Django: call it from a test or a benchmark)."""
    from practices.importer import import_document
    from practices.template_fields import NARRATIVE_FIELD_CODES

    samples = []
    for name, gold in REAL_GOLD.items():
        parsed = import_document((TEMPLATES / name).read_bytes(), name)
        # the title too, as the moderation check reads it (practices.pii.practice_field_texts)
        fields = {"title": parsed.title} | {code: parsed.fields.get(code, "") for code in NARRATIVE_FIELD_CODES}
        marked = {code: _mark_occurrences(text, gold) for code, text in fields.items() if text.strip()}
        samples.append(Sample(name, parsed.language, marked))
    return tuple(samples)


def _mark_occurrences(text: str, gold: tuple[tuple[str, str], ...]) -> str:
    """``text`` with each gold string marked, longest first, never inside an
    email address or a link ("sarpsborg.com")."""
    by_length = sorted(gold, key=lambda item: len(item[1]), reverse=True)
    pattern = re.compile(r"(?<![\w@./-])(" + "|".join(re.escape(t) for _, t in by_length) + r")(?![\w@-]|\.\w)")
    kinds = {t: kind for kind, t in gold}
    return pattern.sub(lambda m: f"[[{kinds[m.group(1)]}:{m.group(1)}]]", text)


# --- scoring -----------------------------------------------------------------


@dataclass
class TypeScore:
    planted: int = 0
    recalled: int = 0
    reported: int = 0
    correct: int = 0
    planted_chars: int = 0
    covered_chars: int = 0  # characters of planted items inside a finding of their type

    @property
    def recall(self) -> float:
        return self.recalled / self.planted if self.planted else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.reported if self.reported else 1.0

    @property
    def coverage(self) -> float:
        """How much of the planted text redaction would hide."""
        return self.covered_chars / self.planted_chars if self.planted_chars else 1.0


@dataclass
class Evaluation:
    scores: dict[str, TypeScore] = field(default_factory=dict)
    missed: list[Mark] = field(default_factory=list)
    false_positives: list[tuple[str, object]] = field(default_factory=list)  # (sample name, finding)
    decoys_hit: list[tuple[Mark, object]] = field(default_factory=list)
    not_ids_reported: list[tuple[Mark, object]] = field(default_factory=list)

    def score(self, kind: str) -> TypeScore:
        return self.scores.setdefault(kind, TypeScore())

    @property
    def total(self) -> TypeScore:
        return TypeScore(
            *(
                sum(getattr(s, name) for s in self.scores.values())
                for name in ("planted", "recalled", "reported", "correct", "planted_chars", "covered_chars")
            )
        )


Check = Callable[[dict[str, str], str], tuple[list, list]]


def evaluate(check: Check, samples: tuple[Sample, ...] = SAMPLES) -> Evaluation:
    """Recall per planted item and precision per finding, by type.

    A planted item is recalled when a finding of its type overlaps it. A
    finding is correct when it overlaps a planted item of its type; a finding
    of another type over a NOT_ID number is neither right nor wrong.
    """
    result = Evaluation()
    for sample in samples:
        findings, _ = check(sample.fields, sample.language)
        marks = sample.marks
        _score_items(result, marks, findings)
        _score_findings(result, sample.name, marks, findings)
    return result


def _score_items(result: Evaluation, marks: list[Mark], findings: list) -> None:
    for mark in marks:
        if mark.kind in ("DECOY", "NOT_ID"):
            continue
        score = result.score(mark.kind)
        score.planted += 1
        same = [f for f in findings if f.field == mark.field and f.type == mark.kind and mark.overlaps(f.start, f.end)]
        score.planted_chars += len(mark.text.replace(" ", ""))
        score.covered_chars += sum(
            1
            for i in range(mark.start, mark.end)
            if mark.text[i - mark.start] != " " and any(f.start <= i < f.end for f in same)
        )
        if same:
            score.recalled += 1
        else:
            result.missed.append(mark)


def _score_findings(result: Evaluation, name: str, marks: list[Mark], findings: list) -> None:
    for finding in findings:
        touched = [m for m in marks if m.field == finding.field and m.overlaps(finding.start, finding.end)]
        not_id = [m for m in touched if m.kind == "NOT_ID"]
        if not_id and finding.type != "NATIONAL_ID":
            continue
        score = result.score(finding.type)
        score.reported += 1
        if any(m.kind == finding.type for m in touched):
            score.correct += 1
            continue
        result.false_positives.append((name, finding))
        result.decoys_hit += [(m, finding) for m in touched if m.kind == "DECOY"]
        result.not_ids_reported += [(m, finding) for m in not_id]
