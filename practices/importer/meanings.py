"""The terms of the closed lists written in other words than the lists' own: by the words that bear their meaning.

A list's entry that names no term by its phrases ("Odchod z extremismu", leaving extremism; "Συνεργασία πολλών
φορέων", cooperation of many bodies; "Uued tehnoloogiad ja veebikeskkond", new technologies and the web) still
names a term when it holds a word of each of the term's meanings (``MEANINGS``): a word for leaving and a word
for extremism give the exit strategies, in any of the practice languages and the languages whose labels are read.
A meaning is a set of folded word beginnings ("odchod" reads "odchodu", "odchodem"); one ending in "$" is a whole
word ("web" is no "webinar"). One meaning alone never names a term that needs two ("Odchod z práce", leaving a
job, names none; "Cooperation with parents" no multi-agency cooperation). Only an entry the lists' phrases leave
unread is read so, and never in sentences, where such words are everyday words.
"""

from .text import fold, tokens


def _beginnings(words: str) -> frozenset[str]:
    return frozenset(fold(word).replace("ς", "σ") for word in words.split())


# Leaving a group, a movement: exit, sortie, Ausstieg, uittreding, avhopp, salida, uscita, odchod, wyjście,
# kilépés, väljumine, έξοδος, ieșire…
LEAVING = _beginnings(
    """exit leav quit sortie sortir quitt ausstieg aussteig verlass uitstap uittred uittreding verlat avhopp lamna
    lamn forlad forlat forlaa poistu irtaut salida abandon uscita abbandon saida odchod odejit odejs opust wyjsc
    wyjsci odejsc porzuc vystup izstop izstopa izlaz izhod kilep elhagy valjum lahkum εξοδ αποχωρ εγκαταλ iesir
    parasi изход напускан iziesan aiziesan isejim pasitrauk"""
)
# Extremism and the groups it names: extrem…, radical…, terror…, jihad…, neo-Nazi, szélsőség, äärmus…
EXTREMISM = _beginnings(
    """extrem ekstrem radical radikal radykal terror jihad djihad dzihad dschihad dzhihad neonazi nazi εξτρεμ
    ριζοσπαστ τρομοκρ szelsoseg aarmus екстрем радикал терор"""
)
# Working together: cooperation, collaboration, Zusammenarbeit, samenwerking, samarbete, samverkan, yhteistyö,
# συνεργασία…
COOPERATION = _beginnings(
    """cooperat collaborat partnership cooperation zusammenarbeit kooperation samenwerk samarbe samverk yhteisty
    cooperac colaborac cooperaz collaboraz spoluprac wspolprac sodelovanj suradnj spoluprac egyuttmukod koostoo
    colaborar cooperar συνεργασ сътрудничеств sadarb bendradarb"""
)
# Many bodies, agencies, institutions or actors: multi-agency, plusieurs acteurs, behördenübergreifend, πολλών
# φορέων, flera aktörer…
AGENCIES = _beginnings(
    """multi pluri interagenc organism behord behörd instanz institution institut aktor aktør akteur acteur actor
    attor toimij
    instituc instytuc ustanov resort resortu medresor medinstitucion interinstitu wielo interinstytuc πολλ φορε
    φορεων tobb szerv mitme asutus asutust ameti vairak iestad daug instituc"""
)
# Narratives, accounts, discourses: récit, discours, Erzählung, narratief, berättelse, pripoved, αφήγημα…
NARRATIVES = _beginnings(
    """narrativ narratief narratie naratív narativ naratyw narracj narrazion narracion recit discours discurs
    diskurs erzahl berattels fortelling fortaell kertomu pripoved protipripoved αφηγ αφηγημ αντιαφηγ naratív
    narratiiv vastunarratiiv наратив"""
)
# The other side of a story: alternative, counter-, contre-, Gegen-, tegen-, mot-, proti-, αντι-, ellen-…
ALTERNATIVE = _beginnings(
    """alternat counter contre contra gegen tegen mot modfort vasta ellen kontra proti protipripoved αντι εναλλακ
    przeciw kontr contro alternativ алтернатив контра"""
)
# Technologies and the online world: online, internet, digital, cyber, web, veeb, διαδίκτυο, spletni…
ONLINE = _beginnings(
    """online internet digital digit cyber web$ webb$ veeb veebi technolog tecnolog teknolog tehnolog tehnoloog
    technológ τεχνολογ διαδικτ ψηφιακ splet spletn internetow internetov интернет онлайн цифров tiessaist
    tiesaist skaitmen virtual virtuaal"""
)

# The right and the left of politics: right-wing, rechts, droite, derecha, destra, höger, høyre, oikeisto,
# direita, prawicowy, pravicový, desničarski, jobboldali, parempoolne, dreapta, десен…
RIGHT_WING = _beginnings(
    """right$ rightwing rechts droite derech destra hoger høyre højre oikeisto direita prawic prawica pravicov
    pravicar desnicar desnic jobboldal parempool dreapt δεξι десн labej"""
)
LEFT_WING = _beginnings(
    """left$ leftwing links gauche izquierd sinistr vanster venstre vasemmisto esquerd lewic levicov levicar
    ljevicar ljevic baloldal vasakpool stang αριστερ ляв kreis"""
)

# A term's meanings, every one of which an entry's words must hold.
MEANINGS: dict[str, tuple[frozenset[str], ...]] = {
    "exit-strategies": (LEAVING, EXTREMISM),
    "violent-right-wing-extremism": (RIGHT_WING, EXTREMISM),
    "violent-left-wing-extremism": (LEFT_WING, EXTREMISM),
    "multi-agency-cooperation": (COOPERATION, AGENCIES),
    "alternative-counter-narratives": (ALTERNATIVE, NARRATIVES),
    "online-dimension": (ONLINE,),
}


def _has(words: list[str], beginnings: frozenset[str]) -> bool:
    return any(
        (word == beginning[:-1]) if beginning.endswith("$") else word.startswith(beginning)
        for word in words
        for beginning in beginnings
    )


# A compound's parts: a part after the first starts this many letters into the word at least ("hoger|extrema").
COMPOUND_PART_AT = 3


def _held(words: list[str], meanings: tuple[frozenset[str], ...]) -> set[int]:
    """The meanings a word of ``words`` holds: at its start, or, in a compound that starts with one of the
    meanings, at the start of a later part ("Högerextrema", right-wing + extreme; "Rechtsextremismusprävention").
    A whole word's beginning ("web$") is never a part."""
    held: set[int] = set()
    for word in words:
        at_start = {number for number, meaning in enumerate(meanings) if _has([word], meaning)}
        held |= at_start
        if not at_start or len(meanings) < 2:
            continue
        for number, meaning in enumerate(meanings):
            if number not in at_start and any(
                word.startswith(beginning, at)
                for beginning in meaning
                if not beginning.endswith("$")
                for at in range(COMPOUND_PART_AT, len(word) - len(beginning) + 1)
            ):
                held.add(number)
    return held


def meant(entry: str, codes: frozenset[str] | set[str]) -> list[str]:
    """The terms among ``codes`` whose every meaning a word of ``entry`` holds (a list's entry, in any
    language; a compound's parts count, "Högerextrema"), in ``MEANINGS``'s order."""
    words = [word.replace("ς", "σ") for word in tokens(entry)]
    return [
        code for code, meanings in MEANINGS.items() if code in codes and len(_held(words, meanings)) == len(meanings)
    ]
