"""Regular expressions and word lists for the pattern recognisers.

Each pattern that reports only part of what it matches names that part
``pii``. Patterns are written for English, French, and the Nordic, German,
Dutch, Spanish, Italian, Portuguese and Polish spellings that practitioners
paste into contact details and case notes.
"""

import re

# Latin letters of every EU language: Latin-1 and Latin Extended-A ("Łukasz", "Dvořák", "Ősz").
_EXTENDED_A = [chr(code) for code in range(0x100, 0x180)]
# And Greek's (round 8: "Γιώργος Παπαδόπουλος"), with its accented letters and final sigma.
_GREEK_UPPER = "Α-ΡΣ-ΩΆΈΉΊΌΎΏΪΫ"
_GREEK_LOWER = "α-ωάέήίόύώϊϋΐΰ"
# And Cyrillic's (round 9: Bulgarian, "Георги Иванов", "Казанлък").
_CYRILLIC_UPPER = "А-ЯЀ-Џ"
_CYRILLIC_LOWER = "а-яѐ-џ"
# Romanian's comma-below letters are Latin Extended-B (round 9: "Ploiești", "Ștefan", "Țicleni").
UPPER = "A-ZÀ-ÖØ-Þ" + "".join(ch for ch in _EXTENDED_A if ch.isupper()) + "ȘȚ" + _GREEK_UPPER + _CYRILLIC_UPPER
LOWER = "a-zß-öø-ÿ" + "".join(ch for ch in _EXTENDED_A if ch.islower()) + "șț" + _GREEK_LOWER + _CYRILLIC_LOWER
# Bounded repetitions keep every pattern linear: "Dupont-Dupont-…" repeated
# 5,000 times took 40 s with unbounded ones.
# "O'Connor", "D'Souza", "N'Diaye": a one-letter prefix and an apostrophe.
# "O'Sullivan", "Ole-Martin"; round 11: the Gaelic and Norman prefixes joined to a capital
# ("MacAuley", "McDonald", "FitzGerald").
NAME_WORD = rf"(?:[{UPPER}]['’]|Ma?c|Fitz)?[{UPPER}][{LOWER}]{{1,40}}(?:['’-][{UPPER}]?[{LOWER}]{{1,40}}){{0,3}}"
CAPS_WORD = rf"[{UPPER}]{{2,}}(?:-[{UPPER}]{{2,}})?"
INITIALS = rf"[{UPPER}]\.(?:\s?-?[{UPPER}]\.)*"

# --- names ---------------------------------------------------------------

TITLES = (
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "M",
    "Mme",
    "Mlle",
    "Me",
    "Pr",
    "Herr",
    "Herrn",
    "Frau",
    "Hr",
    "Fru",
    "Dhr",
    "Mevr",
    "Mevrouw",
    "Monsieur",
    "Madame",
    "Mademoiselle",
    "Sr",
    "Sra",
    "Srta",
    "Señor",
    "Señora",
    "Sig",
    "Sig.ra",
    "Sig.na",
    "Signor",
    "Signora",
    "Dott",
    "Dott.ssa",
    "Pan",
    "Pani",
    "Mgr",
    "Ing",
    "Don",
    "Doña",
    "Dña",
)
# Titles written in lower case inside a sentence ("dhr. Jan van der Berg", "fru Ingrid
# Lindqvist", "il dott. Marco Rossi", "pan Łukasz Wójcik"); "M", "Me", "Pr" and "Hr" only
# capitalised, as "m", "me", "pr" and "hr" are words and units.
_CASE_SENSITIVE_TITLES = frozenset({"M", "Me", "Pr", "Hr"})
_TITLE = "|".join(
    re.escape(title) if title in _CASE_SENSITIVE_TITLES else f"(?i:{re.escape(title)})"
    for title in sorted(TITLES, key=len, reverse=True)
)
# One title or two ("Herr Dr. Jürgen Schäfer", "Frau Prof. Weber").
TITLE_RUN = rf"(?:(?:{_TITLE})\.?[ \t]+){{1,2}}"
_SURNAME = rf"(?:{NAME_WORD}|{CAPS_WORD})"
# Lower-case words inside a name: "Jan van der Berg", "Lucía de la Fuente", "Ali bin Hamad".
# A saint's title before a name: a church's, a school's, a street's or a programme's name, not a person
# ("St Brendan's College", "Szent László utca", "strada Sfântul Nicolae", "«Άγιος Ανδρέας»").
SAINT_TITLES = frozenset(
    "St Ste Sto Sta Saint Sainte Sankt San Santo Santa São Sint Sveti Sveta Svetog Svete Svetoga Svetom Sv "
    "Svatý Svatého Svaté Svätý Svätého Św Sw Święty Świętego Świętej Szent Sfântul Sfânta Sfântului Sfintei "
    "Sf Sfantul Sfanta Šv Šventojo Šventosios Άγιος Αγίου Αγία Αγίας Άγιο Αγίων Свети Света Св".split()
)
NAME_PARTICLES = frozenset("de du des van von der den ter ten la le el al bin ben da di del della dos das".split())
_PARTICLE = rf"(?:(?:(?:{'|'.join(sorted(NAME_PARTICLES, key=len, reverse=True))})\s+){{1,2}})"

# Articles that open a sentence, never a name (particles such as "De", "La", "El" or "Den" can).
ARTICLES = frozenset(
    "der die dem ein eine einen einem einer eines il lo gli un una uno los las het een os um uma det ett "
    # German possessives: "Seine Mutter ist alleinerziehend" holds no name
    "sein seine seinem seinen seiner ihr ihre ihrem ihren ihrer".split()
)

# "Mr K. Hansen", "Mme Fatima El Amrani", "M. DUPONT", "Dr. van Dijk"
TITLED_NAME = re.compile(
    rf"(?<![\w.])(?P<pii>{TITLE_RUN}(?:{INITIALS}\s?)?{_PARTICLE}?{_SURNAME}"
    rf"(?:[ \t]+{_PARTICLE}?{_SURNAME}){{0,2}})"
)
# "J. Dupont", "J.-P. Martin", "K. Hansen"
INITIAL_NAME = re.compile(rf"(?<![\w.])(?P<pii>{INITIALS}\s?{_PARTICLE}?{_SURNAME})(?![\w@])")

# Words of prisons' names, in the portal's languages and the batch's ("HMP Humber", "PI Vught",
# "Vestre Fængsel", "Kumlaanstalten", "Casa Circondariale", "Centro Penitenciario").
PRISON_WORDS = frozenset(
    "prison prisons hmp hmyoi yoi jva justizvollzugsanstalt gefängnis pi gevangenis penitentiaire "
    "fängelse fängelset anstalt anstalten häkte häktet fængsel fængslet fengsel fengselet vankila "
    "carcere circondariale penitenziario penitenciario prisão prisional estabelecimento věznice vazební "
    "börtön büntetés-végrehajtási".split()
)
# Words in organisations' names: an ORG holding one is not a person's name.
_ORGANISATIONS = frozenset(
    "team group centre center institute institut ministry ministère municipality municipalité commune "
    "kommune council conseil association network réseau foundation fondation service services police "
    "university université school école college collège office bureau agency agence department "
    "direction directorate unit unité programme program project projet committee comité union church "
    "église mosque mosquée club society société company trust board cross croix red rouge exit radar "
    "ran ngo ong house maison hall court tribunal prison hospital hôpital clinic clinique "
    # round 13: "Raoul Wallenberg Academy", "Akademie Franz Hitze"
    "academy akademie akademi akademin akademien akademiet akademia académie accademia academia academie "
    "universität universitet universitetet university hochschule högskola høgskole høgskolen instituttet institutet "
    "stiftung verein gesellschaft ggmbh gmbh ev e.v. kommune kommun kommunen stad staden politi politiet polizei "
    "polis polisen fonden zentrum centrum senter senteret center centret forening foreningen förening föreningen "
    "steunpunt gemeente stichting ministerie direktoratet styrelsen styrelse verket myndighet etat "
    "exit foundation fondazione ministerium bundesamt amt landkreis kreis region regionen fylke "
    "fylkeskommune län landsting programme programm prosjekt projekt prosjektet model modell modellen mairie "
    "stadt gemeinde rathaus hôtel cellule dispositif service "
    "fachstelle beratungsstelle stelle jugendamt ayuntamiento ajuntament comune municipio município câmara "
    "gmina urząd miasto policía polizia policja polícia fundación fundacja fondazione asociación associazione "
    "associação stowarzyszenie ministerio ministero ministerstwo centro servicio servizio servizi proyecto "
    "progetto projekt programa programma cooperativa regione región provincia province provincie província "
    "fondo fonds fund fundo fundusz authority authorities "
    # Movements, parties, armed groups and laws the field names: "Atomwaffen Division", "Brigate
    # Rosse", "Estado Islámico", "La Ley Orgánica 8/2021" are no one's name.
    "division brigade brigades brigata brigate brigada brigadas brygada state staat stato estado état staten "
    "movement mouvement bewegung beweging rörelse rörelsen bevegelse bevegelsen bevægelse movimiento movimento "
    "front fronte frente partei party parti partij partido partito partia army armée armee ejército esercito "
    "exército armia ley loi legge gesetz wet laki ustawa act "
    # Round 7: "Patriotic Alternative", "Generation Identity", "Veiligheidshuis Rotterdam", "Miejski
    # Ośrodek Pomocy Społecznej", "Zespół Szkół nr 3".
    "alternative alternativ identity identitaire identitäre veiligheidshuis jongerencentrum buurthuis "
    "ośrodek ośrodka ośrodku zespół zespołu zespole szkół poradnia poradni "
    # Round 14: Polish declined forms ("z Urzędem Miasta Lublin", "Fundacji im. …")
    "urzędem urzędu urzędzie miasta mieście fundacji fundację stowarzyszenia szkoła szkołę podstawowa "
    # Round 11: schools in the southern languages' names ("Escola Estadual Dom Pedro II").
    "escola escuela scuola istituto liceo liceu colegio instituto estadual statale".split()
)
# Czech, Slovak, Croatian, Lithuanian and Bulgarian (round 12: "Knihovnou Václava Havla", the
# library named after him), with the declined forms a name follows in.
_SLAVIC_BALTIC_ORGANISATIONS = (
    "knihovna knihovny knihovně knihovnu knihovnou nadace nadací nadaci univerzita univerzity univerzitě "
    "univerzitou univerzite spolek spolku spolkem sdružení centrum centra centru knižnica knižnice knižnicou "
    "nadácia nadácie nadáciou združenie združenia udruga udruge udrugom udruzi zaklada zaklade zakladom "
    "knjižnica knjižnice knjižnicom sveučilište sveučilišta centar centra centrom biblioteka bibliotekos "
    # round 14: Czech and Slovak offices ("na Magistrátu města Brna")
    "magistrát magistrátu magistrátem úrad úřad úřadu úřadem úradu úrade úradom města mesta radnice radnici "
    "fondas fondo asociacija asociacijos centras centro фондация фондацията библиотека библиотеката "
    "сдружение сдружението университет университета център центъра"
).split()
# Greek's (round 8: "Δήμο Θεσσαλονίκης", the municipality), in both spellings of a final sigma: the
# checks fold case with lower() (ς) or casefold() (σ).
_GREEK_ORGANISATIONS = (
    "δήμος δήμου δήμο δήμοι περιφέρεια περιφέρειας υπουργείο υπουργείου αστυνομία αστυνομίας κέντρο κέντρου "
    "οργάνωση οργάνωσης ίδρυμα ιδρύματος σχολείο σχολείου πρόγραμμα προγράμματος υπηρεσία υπηρεσίας "
    "σύλλογος συλλόγου δίκτυο δικτύου πανεπιστήμιο πανεπιστημίου φυλακή φυλακές φυλακών"
).split()
# Romanian's, with both forms of ș and ț ("Direcția de Asistență Socială" read as a name by the NER).
_ROMANIAN_ORGANISATIONS = (
    "direcția direcţia direcției asociația asociaţia fundația fundaţia primăria primăriei poliția poliţia "
    "poliției consiliul centrul centrului școala şcoala liceul ministerul ministerului serviciul serviciului "
    "asistență asistenţă protecția protecţia penitenciarul penitenciarului "
    # round 14: the genitive-dative ("cu sprijinul Fundației Friedrich Ebert")
    "fundației fundaţiei asociației asociaţiei centrului"
).split()
# Round 8: "Vestre Fængsel", "Kumlaanstalten", "JVA Tegel" are places, never names.
ORGANISATION_WORDS = (
    _ORGANISATIONS
    | PRISON_WORDS
    | frozenset(_GREEK_ORGANISATIONS)
    | {w.casefold() for w in _GREEK_ORGANISATIONS}
    | frozenset(_ROMANIAN_ORGANISATIONS)
    | frozenset(_SLAVIC_BALTIC_ORGANISATIONS)
)

# People the field cites as history, ideology or attacks ("why Hitler and Bin Laden still inspire
# some online groups", "leggono Primo Levi"): public figures, no one's identity to protect. Full
# names, and the surnames that are no common surname too ("Hitler", "Breivik"; not "Franco",
# "Moro", "Frank"). Others named in a practice remain a moderator's click.
PUBLIC_FIGURES = frozenset(
    name.strip().casefold()
    for name in (
        "Adolf Hitler, Hitler, Benito Mussolini, Mussolini, Joseph Stalin, Josef Stalin, Stalin, Lenin, "
        "Francisco Franco, Augusto Pinochet, Pinochet, Joseph Goebbels, Goebbels, Heinrich Himmler, Himmler, "
        "Rudolf Hess, Reinhard Heydrich, Heydrich, Pol Pot, Mao Zedong, Osama bin Laden, Usama bin Laden, "
        "Oussama ben Laden, Bin Laden, Ben Laden, Ayman al-Zawahiri, al-Zawahiri, Zawahiri, "
        "Abu Bakr al-Baghdadi, al-Baghdadi, Baghdadi, Abu Musab al-Zarqawi, al-Zarqawi, Zarqawi, "
        "Anwar al-Awlaki, al-Awlaki, Awlaki, Sayyid Qutb, Qutb, Abdullah Azzam, Hassan al-Banna, al-Banna, "
        "Ruhollah Khomeini, Khomeini, Saddam Hussein, Muammar Gaddafi, Gaddafi, Anders Breivik, "
        "Anders Behring Breivik, Breivik, Brenton Tarrant, Timothy McVeigh, McVeigh, Ted Kaczynski, "
        "Kaczynski, Dylann Roof, Stephan Balliet, Balliet, Tobias Rathjen, Philip Manshaus, Manshaus, "
        "Mohamed Merah, Merah, Salah Abdeslam, Abdeslam, Abdelhamid Abaaoud, Abaaoud, Amedy Coulibaly, "
        "Chérif Kouachi, Saïd Kouachi, Kouachi, Anis Amri, Rakhmat Akilov, Mohammed Bouyeri, Bouyeri, "
        "Andreas Baader, Ulrike Meinhof, Meinhof, Gudrun Ensslin, Ensslin, Beate Zschäpe, Zschäpe, "
        "Uwe Mundlos, Mundlos, Uwe Böhnhardt, Böhnhardt, Theo van Gogh, Pim Fortuyn, Fortuyn, "
        "Volkert van der Graaf, Walter Lübcke, Lübcke, Jo Cox, Samuel Paty, Paty, Olof Palme, Palme, "
        "Yitzhak Rabin, Rabin, Aldo Moro, Giacomo Matteotti, Matteotti, Primo Levi, Anne Frank, "
        "Hannah Arendt, Arendt, Malcolm X, Martin Luther King, Mahatma Gandhi, Gandhi, Nelson Mandela, "
        "Mandela, Oswald Mosley, Mosley, Jean-Marie Le Pen, Marine Le Pen, Le Pen, Geert Wilders, Wilders, "
        "Renaud Camus, Tommy Robinson, Andrew Tate, Alex Jones, Steve Bannon, Vladimir Putin, Putin, "
        "Donald Trump, Trump, Greta Thunberg, Thunberg, "
        # round 11: the dictators and fascist leaders of Southern, Central and Northern Europe whom
        # workshops on the far right's history cite
        "José Antonio Primo de Rivera, Miguel Primo de Rivera, Primo de Rivera, António de Oliveira Salazar, "
        "Oliveira Salazar, Corneliu Zelea Codreanu, Corneliu Codreanu, Codreanu, Ion Antonescu, Antonescu, "
        "Miklós Horthy, Horthy, Ferenc Szálasi, Szálasi, Vidkun Quisling, Quisling, Philippe Pétain, Pétain, "
        "Nicolae Ceaușescu, Nicolae Ceauşescu, Ceaușescu, Ceauşescu, Ceausescu, Ante Pavelić, Pavelić, "
        "Josip Broz Tito, Ioannis Metaxas, Metaxas, Léon Degrelle, Degrelle, Anton Mussert, Mussert, "
        "Charles Maurras, Maurras, Engelbert Dollfuß, Dollfuss, Georgios Papadopoulos, "
        # and the heads of government the field's workshops analyse, in their own languages' order too
        # ("Márciusban Orbán Viktor beszédeit elemeztük"): full names only, their surnames are others'
        "Viktor Orbán, Orbán Viktor, Recep Tayyip Erdoğan, Recep Tayyip Erdogan, Erdoğan, Emmanuel Macron, "
        "Angela Merkel, Giorgia Meloni, Jarosław Kaczyński, Alexander Lukashenko, Aleksandr Lukashenko, "
        "Lukashenko, Ramzan Kadyrov"
    ).split(",")
)

# A dictator's surname that is a common surname too ("Franco", "Salazar", "Tito"): his only after a
# word for his rule, his speeches or his followers ("los discursos de Franco", "the Franco regime",
# "la dictadura de Franco", "unter Franco"), round 11.
_RULERS_BY_SURNAME = r"Franco|Salazar|Tito|Mussolini|Hitler|Stalin"
_RULE_WORDS = (
    r"(?:regime|régime|régimen|regimul|dictatorship|dictature|dictadura|dittatura|ditadura|diktatur|dictatura|"
    r"speech(?:es)?|discours|discursos?|discorsi|discorso|Reden?|toespraken|tal|taler|puheet|przemówienia|"
    r"beszédeit|beszédei|era|época|epoca|época|Zeit|tijd|followers|partisans|seguidores|seguaci|Anhänger|"
    r"propaganda|ideology|idéologie|ideología|ideologia|Ideologie|ideologie|legacy|héritage|legado|eredità|"
    r"Erbe|nalatenschap|death|mort|muerte|morte|Tod|dood)"
)
RULER_BY_SURNAME = re.compile(
    rf"(?<![\w-]){_RULE_WORDS}[ \t]+(?:(?:of|de|del|di|da|do|von|van|af|av|under|sous|bajo|sotto|unter|onder)[ \t]+)?"
    rf"(?:(?:the|le|la|el|il|der|die)[ \t]+)?(?P<ruler>{_RULERS_BY_SURNAME})(?![\w-])"
    rf"|(?<![\w-])(?i:under|sous|bajo|sotto|unter|onder)[ \t]+(?P<ruler2>{_RULERS_BY_SURNAME})(?![\w-])"
    rf"|(?<![\w-])(?P<ruler3>{_RULERS_BY_SURNAME})(?:['’]s)?[ \t]+(?i:regime|dictatorship|speeches|era|Spain|Portugal|"
    r"Yugoslavia|followers|propaganda)(?![\w-])"
)

# The prophets and figures of scripture, by the names their believers and practitioners use
# ("the imam spoke of Ibrahim's sacrifice and of Musa before Pharaoh"), round 11: given names of
# many people too, so they are the scripture's only in a sentence about a sermon, a scripture or a
# prophet, alone (no surname), and not with an age, a relative or a young person's word near them
# (checks).
SCRIPTURE_FIGURES = frozenset(
    (
        "ibrahim ibraheem musa moussa isa issa nuh yusuf yousuf youssef yaqub yakub ismail ismael ishaq "
        "dawud daoud sulayman suleiman yunus ayyub harun idris ilyas yahya zakariya zakaria lut hud saleh "
        "shuayb maryam mariam muhammad mohammed mohamed muhammed adam hawa abraham moses moise moïse mose "
        "mozes mosè moisés moisés jesus jésus jesús gesù jezus jeesus noah noé noè noach jonah jonas jona "
        "job hiob isaac isaak ishmael jacob jakob joseph josef david solomon salomon salomo aaron mary marie "
        "maria mirjam miriam elijah elias élie eve ève eva cain abel peter pierre petrus paul paulus"
    ).split()
)
_SCRIPTURE_WORDS = (
    r"sermon|sermons|khutba|khutbah|khotba|Friday[ \t]+prayer|prêche|prêches|prédication|Predigt|Freitagspredigt|"
    r"preek|vrijdagpreek|predikan|prædiken|prekenen|preken|saarna|sermone|predica|sermón|prédica|sermão|kazanie|"
    r"prophets?|prophète|prophètes|Prophet|Propheten|profeet|profeten|profet|profeta|profetas|profeti|prorok|"
    r"Quran|Qur['’]an|Koran|Coran|Corano|Corán|Alcorão|Koranen|Koraani|Bible|Bibel|Bijbel|Bibeln|Bibelen|Biblia|"
    r"Bibbia|Raamattu|Torah|Tora|Gospel|Évangile|Evangelium|evangelie|Vangelo|Evangelio|surah?|sourate|Sure|"
    r"soera|hadith|hadiths|hadîth|scripture|Schrift|verse|verset|Vers|vers|versetto|versículo|ayah|ayat"
)
SCRIPTURE_CONTEXT = re.compile(rf"(?<![\w])(?i:{_SCRIPTURE_WORDS})(?![\w])")

# A monarch or a pope with a regnal number, and a title before it or not ("Escola Estadual Dom Pedro
# II", "Corso Vittorio Emanuele II", "King Charles III", "Carl XVI Gustaf", "Benedetto XVI"), round
# 11: no one's identity. "I" alone is English's pronoun: it needs a title ("King Juan Carlos I").
_REGNAL = r"(?:II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI|XVII|XVIII|XIX|XX|XXI|XXII|XXIII)"
_MONARCHS_TITLE = (
    r"(?:Dom|Dona|Don|Doña|King|Queen|Kaiser|Kaiserin|König|Königin|Koning|Koningin|Kong|Dronning|Drottning|Kung|"
    r"Roi|Reine|Rei|Rainha|Rey|Reina|Re|Regina|Pope|Pape|Papst|Paus|Papa|Emperor|Empereur|Imperador|Emperador|"
    r"Imperatore|Tsar|Czar|Zar|Car|Król|Królowa|Király|Regele)"
)
MONARCH_TITLE = re.compile(_MONARCHS_TITLE)
MONARCH = re.compile(
    rf"(?<![\w-])(?:{_MONARCHS_TITLE}[ \t]+{NAME_WORD}(?:[ \t]+{NAME_WORD})?[ \t]+(?:I|{_REGNAL})"
    rf"|{NAME_WORD}(?:[ \t]+{NAME_WORD})?[ \t]+{_REGNAL})(?:[ \t]+{NAME_WORD})?"
    # the town of a school or a street named after one: "liceo Vittorio Emanuele II di Napoli"
    rf"(?:[ \t]+(?:di|de|da|do|of|von|van|du)[ \t]+{NAME_WORD})?(?![\w-])"
)

# A reference: a surname, "et al." or a co-author, and the year in brackets ("Bouzar (2014)",
# "Doosje et al. (2016)", "(Bjørgo, 2009)", "Bjørgo & Horgan, 2009)").
CITATION_AFTER = re.compile(
    r"(?:[ \t]+(?:et[ \t]+al\.?|(?:&|and|et|und|en|og|och|y|e)[ \t]+[^\W\d_][\w'’-]*))?"
    r"(?:[ \t]*\([ \t]*|,[ \t]*)(?:19|20)\d\d[a-z]?(?:[ \t]*[,:;][ \t]*(?:p\.|pp\.|s\.)?[ \t]*[\d–-]+)?[ \t]*\)"
)

# An author cited with the year after a word that cites, given name and all ("es folgt Daniel
# Koehler (2017)", "a pedagogia de Paulo Freire (1970)", "based on Jane Smith (2019)"): checks keeps
# a given name alone with a year ("Karim (2005)"), a surname that is a given name too, and a full
# name without such a word (a year of birth in brackets) as names.
_CITING_BEFORE_A_YEAR = (
    r"follows?|following|folgt|nach|based[ \t]+on|builds?[ \t]+on|draws?[ \t]+on|bygger[ \t]+på|"
    r"baserer[ \t]+sig[ \t]+på|basert[ \t]+på|baseret[ \t]+på|perustuu|gebaseerd[ \t]+op|baseado[ \t]+em|"
    r"basado[ \t]+en|basé[ \t]+sur|s['’]inspire[ \t]+de|si[ \t]+basa[ \t]+su|segue|sigue|suit|volgt|följer|"
    r"(?:pedagog(?:y|ia|ie|ía|ik)|methods?|méthode|método|metodo|methode|metod|metode|model|modèle|modelo|"
    r"modello|modell|approach|approche|ansatz|theory|théorie|teoria|teoría|theorie|teori|work|travaux|arbeit|"
    r"trabajo|lavoro|trabalho|research|recherches?|forschung|onderzoek|forskning)[ \t]+"
    r"(?:of|de|du|des|von|van|di|del|da|do|af|av)|by|von|par|av|af|door|por|przez|"
    r"(?:see|voir|siehe|zie|vedi|véase)(?:[ \t]+also|[ \t]+aussi|[ \t]+auch|[ \t]+ook)?"
)
CITED_WITH_A_YEAR = re.compile(
    rf"(?<![\w])(?i:{_CITING_BEFORE_A_YEAR})[ \t]+(?P<author>{NAME_WORD}"
    rf"(?:[ \t]+(?:(?:de|da|do|dos|von|van|der|di|del|le|la)[ \t]+)?{NAME_WORD}){{1,3}})(?={CITATION_AFTER.pattern})"
)

# A state's office before its holder's name: a public figure, whoever it is ("O Presidente Marcelo
# Rebelo de Sousa", "Bundeskanzler Olaf Scholz", "Prime Minister Mette Frederiksen"). Capitalised
# and right before the name: "the president of the youth club, Ahmed" holds neither.
_STATE_OFFICE = (
    r"(?:President|Presidente|Président|Präsident|Presidenten|Prezydent|Prezident|Președintele|Presedintele|"
    r"Πρόεδρος|Πρόεδρο|Президент|Prime[ \t]+Minister|Primeiro-Ministro|Primeiro[ \t]+Ministro|Premier|"
    r"Premierminister(?:in)?|Primo[ \t]+Ministro|Premier[ \t]+ministre|Bundeskanzler(?:in)?|Kanzler(?:in)?|"
    r"Statsminister|Statsministeren|Pääministeri|Premiér|Premijer|Prim-ministrul|Miniszterelnök|"
    r"Πρωθυπουργός|Премиер|Minister|Ministerin|Ministre|Ministro|Ministra|Minister-President|"
    # not kings' words, which are surnames too ("König", "Koning", "Rey", "King")
    r"Pope|Pape|Papst)"
)
STATE_OFFICE_HOLDER = re.compile(
    rf"(?<![\w-]){_STATE_OFFICE}[ \t]+(?P<holder>{NAME_WORD}(?:[ \t]+(?:(?:de|da|do|dos|das|von|van|der|di|del|la|le)"
    rf"[ \t]+)?{NAME_WORD}){{0,3}})"
)

# A public office, in either case, with its holder's full name after it or in apposition: a public
# figure in a public role ("le préfet Georges-François Leclerc", "der Bürgermeister Burkhard Jung",
# "the mayor, Marvin Rees,", "the mayor of Bristol, Marvin Rees", "il sindaco Giuseppe Sala",
# "burgemeester Femke Halsema"). Lower case is how these languages write the title before a name;
# the holder is at least two capitalised words (a given name alone is anyone's: "the mayor, Karim,"),
# and not after a possessive ("the mayor's son, Karim Benali": the title must be followed by a space,
# a comma or its place). Not English "minister", which is a church's title too.
_PUBLIC_OFFICE = (
    r"(?:(?:lord|deputy|former|vice)[ \t-]+)?mayor|(?:ex-)?maire|(?:sous-)?préf[eè]te?|"
    r"préfet(?:e)?[ \t]+de[ \t]+police|"
    r"(?:ober)?bürgermeister(?:in)?|landrat|landrätin|ministerpräsident(?:in)?|bundeskanzler(?:in)?|"
    r"bundespräsident(?:in)?|innenminister(?:in)?|"
    r"burgemeester|wethouder|borgmester(?:en)?|borgmästare(?:n)?|ordfører(?:en)?|ordförande(?:n)?|"
    r"kommunalråd(?:et)?|pormestari|kaupunginjohtaja|alcalde(?:sa)?|sindac[oa]|prefett[oa]|prefecto|"
    r"president(?:e|a)?[ \t]+d[ae][ \t]+(?:câmara|regione|generalitat|junta)|prefeit[oa]|primar(?:ul)?|"
    r"polgármester(?:e)?|burmistrz|prezydent[ \t]+miasta|primátor|starosta|gradonačelni(?:k|ca)|meras|"
    r"δήμαρχος|δήμαρχο|кмет(?:ът)?|prime[ \t]+minister|home[ \t]+secretary|premier[ \t]+ministre|"
    r"ministre|ministro|ministra|président[ \t]+de[ \t]+la[ \t]+république|statsminister(?:en)?|pääministeri|"
    # round 11: the offices of the churches and of official Islam, public roles ("il cardinale Matteo
    # Zuppi", "Bischof Georg Bätzing", "the Grand Mufti of Bosnia, Husein Kavazović")
    r"cardinale|cardinal|kardinal|kardinaal|kardynał|bíboros|cardeal|"
    r"(?:arch)?bishop|(?:ar)?chevêque|évêque|(?:erz)?bischof|(?:aarts)?bisschop|(?:ärke|erke)?biskop(?:en)?|"
    r"(?:arci)?vescovo|(?:arz)?obispo|(?:arce)?bispo|(?:arkki)?piispa|(?:arcy)?biskup|(?:érsek|püspök)|"
    r"(?:arhi)?episcopul|patriarch|patriarche|patriarca|patriarh(?:ul)?|grand[ \t]+mufti|mufti|großmufti|"
    r"grand[ \t]+rabbin|chief[ \t]+rabbi|oberrabbiner|opperrabbijn|rabbino[ \t]+capo"
)
_OFFICE_PLACE = (
    rf"(?:[ \t]+(?:of|for|de|du|des|d['’]|von|van|della|del|di|da|do|i|af)[ \t]*"
    rf"(?:(?:la|le|l['’]|the|der)[ \t]+)?{NAME_WORD}(?:[ \t-]+{NAME_WORD}){{0,2}})"
)
_HOLDER = rf"{NAME_WORD}(?:[ \t]+(?:(?:de|da|do|dos|das|von|van|der|di|del|la|le)[ \t]+){{0,2}}{NAME_WORD}){{1,3}}"
PUBLIC_OFFICE_HOLDER = re.compile(
    rf"(?<![\w-])(?i:{_PUBLIC_OFFICE})(?:{_OFFICE_PLACE}?[ \t]*,[ \t]*|[ \t]+)(?P<holder>{_HOLDER})(?![\w'’-])"
)

# A programme's, project's or workshop's name in quotes right after the word for it: the given names
# in it are the programme's ("das Projekt „Lena und Ali“", "programmet ”Linnea och Amir”",
# "Atelierul „Floare de Colț”"), no one's. A quote after anything else may be a message and keeps
# its names.
_PROGRAMME_WORD = (
    r"programme|programmes|program|programmet|programm|programa|programma|programul|programu|programie|"
    r"програмата|програма|project|projet|projekt|projektet|projekti|proyecto|progetto|projeto|projecto|"
    r"prosjekt|prosjektet|proiectul|proiect|projektu|проекта|проект|hanke|hankkeen|ohjelma|ohjelman|"
    r"workshop|workshops|atelier|ateliers|atelierul|werkstatt|laboratorio|taller|oficina|warsztaty|"
    r"initiative|initiatief|initiativet|iniciativa|iniziativa|campaign|campagne|kampagne|kampanj|kampanjen|"
    r"campaña|campagna|method|methode|metoden|metode|método|metodo|méthode|model|modellen|modelo|modello|"
    r"course|cours|kurs|kurset|kursen|curso|corso|training|formation|club|klubben|groupe|gruppe|gruppen|"
    r"group|groep|grupo|gruppo|grupa"
)
PROGRAMME_TITLE = re.compile(
    rf"(?<![\w-])(?i:{_PROGRAMME_WORD})[ \t]*[:,]?[ \t]*[«\"„“”‘’'‹»][ \t]?"
    rf"(?P<title>[^«»\"„“”‘’'‹›\n]{{1,80}}?)[ \t]?[»\"“”’'›«]"
)

# "Ville de Laval", "City of Vestby": a town's administration, not a person
# ("Ville" alone is also a Finnish first name).
TOWN_ADMINISTRATION = re.compile(r"^(?:Ville|City|Town|Commune|Municipality|Borough)\s+(?:de|d['’]|du|of)(?!\w)")

# Words of lettered headings ("A. Background", "B. Méthode"), not surnames.
HEADING_WORDS = frozenset(
    "background introduction context method methods methodology approach results outcomes evaluation "
    "objectives aims goals summary conclusion conclusions activities lessons funding partners target "
    "overview description appendix annex references sources "
    "contexte méthode méthodes méthodologie approche résultats évaluation objectifs buts résumé "
    "synthèse activités enseignements financement partenaires public annexe références "
    "bakgrunn metode resultater hintergrund methode ergebnisse achtergrond resultaten".split()
)

# Words that head a contact line but are not part of the name before an email.
CONTACT_LABELS = frozenset(
    "contact contacts kontakt email e-mail mail courriel adresse address tel tél téléphone phone mobile "
    "portable mobil telefon fax standard name nom navn naam attn att site web contacto contatto referente "
    "contactpersoon teléfono telefono telefoon móvil cellulare móvel telemóvel tel. telefonu".split()
)
# "Kari Lund kl@ravnstad.kommune.no", "Jan de Vries <jan@example.org>"
NAME_BEFORE_EMAIL = re.compile(
    rf"(?P<pii>{NAME_WORD}(?:[ \t]+(?:{_PARTICLE}?{NAME_WORD}|{INITIALS}|{CAPS_WORD})){{1,3}})"
    rf"[ \t]*[,:;(<–-]?[ \t]*<?[\w.+-]+@\w"
)

# A name after a contact label, in any of the portal's languages:
# "Kontaktperson: Anders Møller Holm", "Ansprechpartner: Thomas Krüger",
# "Contact person: Dr. Katrin Vogt", "Personne de contact : Claire Moreau".
CONTACT_WORDS = (
    r"(?:[Cc]ontact(?:\s+person|\s+details)?|[Cc]ontacts|[Kk]ontakt(?:person)?|[Aa]nsprechpartner(?:in)?|"
    r"[Pp]ersonne\s+de\s+contact|[Cc]oordonnées|[Kk]ontaktperson(?:en)?|[Yy]hteyshenkilö|[Nn]ame|[Nn]om|[Nn]avn|[Nn]amn|"
    r"[Pp]ersona\s+de\s+contacto|[Cc]ontacto|[Pp]ersona\s+di\s+contatto|[Cc]ontatto|[Rr]eferente|[Rr]esponsabile|"
    r"[Cc]ontactpersoon|[Oo]soba\s+kontaktowa|[Kk]ontaktní\s+osoba|[Pp]essoa\s+de\s+contacto|[Nn]ombre|[Nn]ome)"
)
NAME_AFTER_CONTACT_LABEL = re.compile(
    rf"(?<![\w]){CONTACT_WORDS}[ \t]*[:：][ \t]*(?P<pii>(?:(?:{_TITLE}|Mag|Dipl\.-\w+)\.?[ \t]+)?"
    rf"{NAME_WORD}(?:[ \t]+(?:{_PARTICLE}?{NAME_WORD}|{INITIALS})){{1,3}})"
)
# A line of a contact field that is only a name, perhaps with a title and a
# role after a comma: "Mette Kjærgaard, coordinator", "Mag. Daniel Huber, …".
CONTACT_NAME_LINE = re.compile(
    rf"^[ \t>*_-]*(?P<pii>(?:(?:{_TITLE}|Mag|Dipl\.-\w+)\.?[ \t]+)?"
    rf"{NAME_WORD}(?:[ \t]+(?:{_PARTICLE}?{NAME_WORD}|{INITIALS}|{CAPS_WORD})){{1,3}})[ \t*_]*(?:[,–—(][^\n]*)?$",
    re.M,
)

# A line of a contact field "Label: Name" ("Project lead: Hannah Schmidt", "Coordinatrice :
# Nadia Benali – 04 …"): any short label but those of fields that name no person.
CONTACT_LABELLED_LINE = re.compile(
    rf"^[ \t>*_-]*(?P<label>[{UPPER}{LOWER}][{UPPER}{LOWER} ./-]{{1,40}}?)[ \t]*:[ \t]*"
    rf"(?P<pii>(?:(?:{_TITLE})\.?[ \t]+)?{NAME_WORD}"
    rf"(?:[ \t]+(?:{_PARTICLE}?{NAME_WORD}|{INITIALS}|{CAPS_WORD})){{1,3}})"
    r"[ \t*_]*(?:[,–—(|;][^\n]*)?$",
    re.M,
)
NOT_PERSON_LABELS = frozenset(
    "organisation organization org organisme organisation's address adresse adres adresse indirizzo dirección "
    "endereço adres city ville town stadt stad by ort kommune municipality country pays land paese país region "
    "région website web site homepage url type role rôle rolle rolle function fonction funktion funktion position "
    "title titre titel language langue sprache department unit unité abteilung service services programme program "
    "project projet projekt prosjekt practice pratique partner partners partenaires funding financement "
    "office bureau büro kontor sede".split()
)
# Words of a label that names a person's role ("Project lead", "Responsable du projet").
ROLE_LABEL_WORDS = frozenset(
    "lead leader manager coordinator coordinatrice coordinateur chef head director directeur directrice officer "
    "worker contact person personne leiter leiterin leder ledare leider projectleider prosjektleder projektleder "
    "projektledare responsable responsabile referente koordinator koordinatorin samordnare".split()
)
_LABEL_WORD = re.compile(r"[^\W\d_]+")


def labels_a_person(label: str) -> bool:
    """Whether a contact line's label may stand before a person's name: not the label of a
    field naming something else ("Organisation", "Programme name", "Type of organisation"),
    unless a word of it is a role's ("Project lead")."""
    words = {word.casefold() for word in _LABEL_WORD.findall(label)}
    return not words & NOT_PERSON_LABELS or bool(words & ROLE_LABEL_WORDS)


# A name right after a word for a relative or a friend, with or without a comma: "his older
# sister, Leila,", "Sa mère, Samira, a…", "zijn broer Youssef". Words that are also common
# words of another language ("son" in French, "far" in English, "primo" in Italian) are left out
# or need an article ("his son").
KIN_WORDS = (
    "mother father sister brother daughter wife husband uncle aunt cousin friend girlfriend boyfriend "
    "fiancée fiancé grandmother grandfather stepfather stepmother nephew niece stepson stepdaughter "
    "mère père sœur soeur frère fils fille épouse mari oncle tante cousine amie copain copine compagne "
    "compagnon grand-mère grand-père beau-père belle-mère neveu nièce "
    "mutter vater schwester bruder sohn tochter ehefrau ehemann onkel cousine freund freundin großmutter "
    "großvater stiefvater stiefmutter neffe nichte "
    "moeder vader zus zuster broer zoon dochter oom vriend vriendin "
    "mamma pappa syster søster bror dotter datter morbror farbror moster faster kusin kusine fætter venn "
    "venninne vän väninna veninde "
    "madre padre hermana hermano hijo hija esposa esposo marido tío tía amigo amiga novio novia abuela abuelo "
    "sorella fratello figlio figlia moglie marito zio zia cugino cugina amico amica fidanzato fidanzata nonna "
    "nonno mãe pai irmã irmão filho filha tio tia "
    "matka ojciec siostra brat córka żona mąż wujek ciocia kuzyn kuzynka przyjaciel przyjaciółka kolega koleżanka "
    # round 9: Portuguese (Brazil), Romanian, Hungarian (possessed: "anyja", his or her mother), Greek,
    # Czech, Slovak, Croatian, Bulgarian, Lithuanian ("sin", "prima", "primo", "teta" are other
    # languages' words too)
    "padrasto madrasta avó avô namorado namorada "
    "mama tata tatăl mamei tatălui fratele sora bunica bunicul unchiul mătușa vărul verișoara fiul fiica "
    "prietenul prietena iubitul iubita "
    "anyja apja anyjával apjával bátyja öccse nővére húga nagymamája nagyapja barátja barátnője fia lánya "
    "μητέρα πατέρας αδελφός αδερφός αδελφή αδερφή γιαγιά παππούς θείος θεία ξάδερφος ξαδέρφη γιος κόρη "
    "φίλος φίλη "
    "otec bratr sestra syn dcera babička dědeček strýc kamarád kamarádka babka dedko kamoš "
    "majka otac kći baka djed ujak "
    "майка баща брат сестра син дъщеря баба дядо чичо леля приятел приятелка "
    "motina tėvas brolis sesuo sūnus dukra močiutė senelis dėdė "
    # round 11: Finnish ("Mattin äiti", Matti's mother)
    "äiti isä veli sisko sisar isoäiti isoisä mummo mummi vaari serkku tytär setä täti eno ystävä "
    "tyttöystävä poikaystävä"
).split()
_KIN = "|".join(re.escape(word) for word in sorted(KIN_WORDS, key=len, reverse=True))
# After a comma the name is an apposition, closed by punctuation ("la mère, Pôle emploi" is not).
_KIN_WORD = rf"(?<![\w-])(?:(?i:{_KIN})|(?i:his|her|their|our|the|a)[ \t]+(?i:son))(?![\w-])"
_KIN_PERSON = rf"{NAME_WORD}(?:[ \t]+{_PARTICLE}?{NAME_WORD}){{0,2}}"
KIN_NAME = re.compile(
    rf"{_KIN_WORD}(?:[ \t]*,[ \t]+(?P<apposition>{_KIN_PERSON})(?=[ \t]*(?:[,;.)]|$))"
    rf"|[ \t]+(?P<pii>{_KIN_PERSON})(?![\w'’-]))",
    re.M,
)

# Social-media handles and profile links: "@lone_wolf_1997", "facebook.com/karim.benali.75",
# "instagram.com/amira.k.2004", "t.me/…", "tiktok.com/@…".
SOCIAL_HANDLE = re.compile(
    r"(?<![\w@./+-])(?P<pii>(?:https?://)?(?:www\.|m\.)?"
    r"(?:facebook|fb|instagram|twitter|x|tiktok|youtube|linkedin|vk|snapchat|threads|telegram|t)\.(?:com|me|net)/"
    r"(?:profile\.php\?id=\d{5,20}|(?:in/|@)?[\w.-]{2,60}[\w])"  # a numeric profile: "profile.php?id=1000…"
    r"|@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}[A-Za-z0-9_])(?![\w@]|\.\w)"
)

# Round 14: a Signal username (a nickname, a dot and two digits or more: "dacul_liber.09") after the
# messenger's name and up to three words ("pe Signal e dacul_liber.09", "on Signal he is wolf.88"); the dot
# and digits make it a username, not a word.
MESSENGER_USERNAME = re.compile(
    r"(?<![\w])(?i:signal)(?:[ \t]+[^\s.,;:!?]{1,20}){0,3}[ \t]*:?[ \t]+"
    r"(?P<pii>[A-Za-z][A-Za-z0-9_]{2,31}\.\d{2,9})(?![\w@]|\.\w)"
)

# Words tying a place to a person: a place is personal data after these.
# "vecino/a de" is Spanish for "living in". German's are apart: its nouns are capitalised too
# ("lebt in Angst"), so a capitalised word after them is no place without the NER's reading.
_GERMAN_CUES = r"wohnt|wohnhaft|aufgewachsen|lebt"
# Living somewhere is said of people; being born or moving is said of projects and ideas too
# ("Il programma è nato a Torino", "the idea was born in Oslo").
_RESIDENCE_CUES = (
    r"lives?|living|lived|grew\s+up|resident|resides|residing|domicile|domicilié(?:e|s|es)?|"
    r"habit(?:e|ait|ent|ant)|originaire|demeurant|vit|vivait|bor|bodde|bosatt|vokste|uppvuxen|boede|opvokset|"
    r"woont|vive|vivía|reside|residente|vecin[oa]s?|abita|abitava|viveva|mora|morava|mieszka|mieszkał[a]?|"
    r"bydlí|bydlel[a]?|žije|žil[a]?|μένει|έμενε|ζει|ζούσε|κατοικεί|διαμένει|"
    # Polish plural, Slovak, Romanian (with and without diacritics)
    r"mieszkają|mieszkali|mieszkały|býva|bývala?|bývajú|locuiește|locuieste|locuiesc|locuia|trăiește|traieste|"
    r"живее|живеят|живееше|живял[ао]?|"  # Bulgarian
    r"živi|žive|živio|živjela|živjeli|stanuje|"  # Croatian (round 12)
    # round 13: staying or sleeping at someone's ("slaapt sinds vrijdag bij zijn oom in Zaandam",
    # "is staying with his aunt in Luton", "loge chez sa tante à Creil", "übernachtet bei…")
    r"slaapt|sliep|sliepen|verblijft|verbleef|logeert|logeerde|loge|logeait|logent|hébergée?s?|übernachtet|"
    r"sover|sov|övernattar|"
    # round 14: Italian, Portuguese and Romanian sleeping or staying at someone's, Portuguese's infinitive
    # after "está a", "tá a" ("dorme dalla nonna a", "tá a viver c/ o tio em", "stă la bunica în")
    r"dorme|dormiva|dormono|alloggia|alloggiava|a\s+viver|vivendo|a\s+morar|morando|stă|stătea|doarme|dormea"
)
# Staying or sleeping in English and German: only at someone's ("is staying with his nan in Barnsley",
# "schläft bei seinem Onkel in"): "The group stays at Hotel Astoria" is no one's home (round 13).
_STAYING_CUES = r"stays|staying|stayed|sleeps|sleeping|slept|schläft|schlief"
_OTHER_CUES = r"born|moved|né(?:e|s|es)?|geboren|født|föddes|född|nacid[oa]|(?-i:nat[oa])|nascid[oa]|urodzon[ya]"
# Up to two words between the cue and the preposition, or whom the person lives with ("lives with
# his grandmother in", "woont samen met zijn moeder en zus in", "bor hos sin farmor i"); not three
# other words, which nouns take: "the lives of young people in Molenbeek", "living conditions of…".
_WITH_GAP = (
    # round 13: up to two words before whom ("bor nå hos faren på", "slaapt sinds vrijdag bij zijn
    # oom in"); not "of" ("the lives of people with disabilities in…")
    r"(?:\s+(?!(?i:of|des|van|di|de)(?!\w))\w+){0,2}\s+"
    r"(?i:with|together|met|samen|bij|med|hos|sammen|tillsammans|mit|bei|avec|chez|con|com|junto|insieme|s|se|z|ze|"
    r"με|μαζί|so|cu|împreună|impreuna|с|със|при|kod|sa|"
    # round 14: at someone's in Czech, Slovak and Polish ("bydlí teď u babičky v", "mieszka teraz u ojca w"),
    # Slovenian; "with" as notes shorten it ("c/ o tio", "m/ mor")
    r"u|pri|c/|m/|la)"
    r"(?:,?\s+\w+){0,6}"  # with an apposition: "bor med sin pappa, byns enda veterinär, i"
)
_CUE_GAP = rf"(?:(?:\s+\w+){{0,2}}|{_WITH_GAP}),?\s+"
# A word for living somewhere and the words up to the preposition; or staying, at someone's.
_RESIDENCE_CUE = rf"(?:(?:{_RESIDENCE_CUES}){_CUE_GAP}|(?:{_STAYING_CUES}){_WITH_GAP},?\s+)"
_PLACE_PREPOSITION = (
    r"(?:in|at|à|a|au|aux|en|de|du|d['’]|i|på|pa|im|bei|te|em|no|na|w|we|przy|v|ve|vo|u|în|στη|στην|στο|στον|σε|в|във)"
)
# "born", "né", "moved"...: said of projects and ideas too (patterns.a_thing_is_born).
BIRTH_OR_MOVE_CUE = re.compile(rf"(?:{_OTHER_CUES})(?![\w])", re.IGNORECASE)
PERSON_PLACE_CUES = re.compile(
    rf"(?:(?:{_RESIDENCE_CUES}|{_OTHER_CUES}|{_GERMAN_CUES}){_CUE_GAP}|(?:{_STAYING_CUES}){_WITH_GAP},?\s+)"
    rf"(?:to|of|{_PLACE_PREPOSITION})\s*$",
    re.IGNORECASE,
)

# A capitalised name after a preposition of place ("from Ravnstad", "à Belmont"),
# or after a word for a locality ("la commune de Belmont", "le comté d'Østfold",
# "the municipality of Vestby").
PLACE_AFTER_PREPOSITION = re.compile(
    rf"(?:(?<![\w])(?:[Ii]n|[Ff]rom|[Nn]ear|[Oo]utside|à|[Pp]rès\s+de|[Ff]ra|på|[Aa]us|[Uu]it|[Bb]ij)\s+"
    rf"|(?:commune|ville|village|municipalité|quartier|région|département|comté|province|canton|île|"
    rf"arrondissement|county|municipality|city|town|village|island|borough|district|region)\s+(?:de\s+|d['’]|of\s+))"
    rf"(?P<pii>{NAME_WORD}(?:[- ]{NAME_WORD}){{0,2}})"
)

# Round 14: a name inside a street's name, or an organisation's after the word for "named after":
# no one's identity ("na Praça General Humberto Delgado", "pe Bulevardul Mihai Bravu", "a Kossuth Lajos
# utcában", "Fundacja im. Stefana Batorego"). The way's word before the name (southern and Slavic
# order) or after it (Hungarian, Czech, Slovak, Slovenian, Croatian and Latvian order); a comma ends it.
_WAY_BEFORE = (
    r"(?:[Rr]ua|[Aa]venida|[Pp]raça|[Ll]argo|[Tt]ravessa|[Aa]lameda|[Ee]strada|[Vv]ia|[Vv]iale|[Pp]iazza|"
    r"[Pp]iazzale|[Cc]orso|[Vv]icolo|[Cc]alle|[Pp]laza|[Pp]aseo|[Ss]trada|[Ss]tr\.|[Bb]ulevardul|[Bb]d\.|[Cc]alea|"
    r"[Aa]leea|[Pp]ia[țţt]a|[Ss]plaiul|[Uu]lica|[Uu]lic[yę]|[Uu]l\.|[Aa]leja|[Aa]lei|[Aa]l\.|[Pp]lac|[Pp]lacu|"
    r"[Oo]siedl[eu]|[Bb]ulevar|[Tt]rg|[Tt]rgu|улица|ул\.|булевард|бул\.|площад|[Οο]δός|[Οο]δό|[Λλ]εωφόρος|"
    r"[Ππ]λατεία)"
)
_WAY_AFTER = (
    r"(?:utca|utcában|utcán|utcai|utcából|út|úton|útján|tér|téren|terén|körút|körúton|sugárút|fasor|sétány|"
    r"iela|ielā|ielas|ulice|ulici|ulica|ulicy|třída|třídě|náměstí|nábřeží|námestie|nábrežie|cesta|cesti|trg|trgu)"
)
NAMED_AFTER = re.compile(
    # a preposition opening the sentence with it: the NER takes "Na Rua Augusta" whole
    r"(?<![\w])(?:(?:Na|No|Em|Da|Do|In|Nella|Nel|Sulla|Alla|Pe|Din|W|We|Przy|Na|V|Ve|U|Po|На|В)[ \t]+)?"
    rf"(?:{_WAY_BEFORE}|(?i:im\.|imienia|named[ \t]+after))[ \t]+{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,4}}"
    rf"|(?<![\w-]){NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}}[ \t]+{_WAY_AFTER}(?![\w])"
)

# --- email addresses -----------------------------------------------------

# Everything email-shaped, whatever the domain: a reserved (.example), internal
# (.local, .intern) or misspelt domain is still a person's address. The domain
# needs one dot ("user@localhost" is a login, not an address).
EMAIL = re.compile(
    r"(?<![\w.+-])(?P<pii>[\w+-]{1,64}(?:\.[\w+-]{1,64}){0,8}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8})(?![\w@-]|\.\w)"
)

# Written so that harvesters miss them: "pieter [at] stad-gent [dot] be", "h.mueller(at)polizei.de",
# "c.fontaine at mairie dot fr" (a spelt "at" only with a spelt "dot": "at" is an English word).
# The other languages' words for "@" are no ordinary words next to an address's parts: spelt
# out, with a dot or a spelt dot after them ("nadia.haddad arobase laposte point net",
# "joana.reis arroba sapo.pt").
_AT_WORD = r"(?i:arobase|arrobas?|chiocciola|małpa|malpa|snabel-a|krøllalfa|apenstaartje|klammeraffe|ät)"
_BRACKETED_AT = rf"[ \t]?[\[({{<][ \t]?(?:(?i:at|@)|{_AT_WORD})[ \t]?[\])}}>][ \t]?"
_DOT_WORD = r"(?i:dot|punkt|punktum|point|punt|punto|ponto|kropka|prik|piste)"
_SPELT_DOT = rf"(?:[ \t]?[\[({{<][ \t]?{_DOT_WORD}[ \t]?[\])}}>][ \t]?|[ \t]+{_DOT_WORD}[ \t]+)"
_LABEL = r"[\w-]{1,63}"
OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+-])(?P<pii>[\w+-]{{1,64}}(?:\.[\w+-]{{1,64}}){{0,8}}"
    rf"(?:(?:{_BRACKETED_AT}|[ \t]+{_AT_WORD}[ \t]+){_LABEL}(?:(?:\.|{_SPELT_DOT}){_LABEL}){{1,8}}"
    rf"|[ \t]+(?i:at)[ \t]+{_LABEL}(?:(?:\.|{_SPELT_DOT}){_LABEL}){{0,7}}{_SPELT_DOT}[^\W\d_]{{2,24}}))(?![\w@-]|\.\w)"
)

# --- addresses -----------------------------------------------------------

# A house number; never a year, so that "Spring 2019" or "2019 Youth Court" is no address.
# "10/12" (house and flat, Poland), "7 B", "12 bis".
# A letter after a space is a capital ("7 B"): "8/3 w Radomiu", "15 e 17" hold words.
_NUMBER = r"(?!(?:19|20)\d\d(?!\d))\d{1,4}(?:/\d{1,4})?(?:(?:[A-Za-z]|\s[A-Z])(?![\w']))?(?:\s?(?:bis|ter))?"
_FR_WAY = (
    r"(?i:rue|avenue|av\.|boulevard|bd|place|chemin|allée|impasse|quai|route|cours|square|"
    r"passage|rond-point|voie|résidence|cité|lotissement|hameau)"
)
_EN_WAY = (
    r"(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Close|Drive|Dr\.?|Way|Place|Pl\.?|Square|"
    r"Gardens|Crescent|Terrace|Court|Ct\.?|Grove|Mews|Row|Walk|Hill|Parade|Boulevard)"
)
# Nordic, German and Dutch street names are one compound word.
_COMPOUND_WAY = (
    r"(?:gata|gate|gaten|gatan|gade|gaden|veien|vegen|vei|veg|vägen|väg|vejen|vej|vænget|allé|torget|"
    r"torvet|torv|plass|plassen|plads|pladsen|stræde|straße|strasse|str\.|weg|allee|platz|gasse|damm|ufer|"
    r"straat|laan|plein|gracht|kade|singel|dijk|steeg|markt|katu|polku|tie|raitio|kuja|väylä|plassen|torg|"
    r"backe|gränd|stig|leden|vænge|have|højen|bakken|dammen|ring|gasse|chaussee|steig|allén)"
)
_TOWN = rf"{NAME_WORD}(?:[ -]{NAME_WORD}){{0,2}}"
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}"
# Polish "00-590" and Portuguese "1100-148" postcodes have a hyphen.
_POSTCODE_WITH_HYPHEN = r"\d{2}-\d{3}|\d{4}-\d{3}"
_POSTCODE = (
    rf"(?:(?:[A-Z]{{1,2}}-)?\d{{4,5}}|\d{{3}}\s\d{{2}}|\d{{4}}\s?[A-Z]{{2}}|{_POSTCODE_WITH_HYPHEN}|{_UK_POSTCODE})"
)
# Copenhagen's and Aarhus's postal districts follow the town: "1620 København V", "8000 Aarhus C".
_DISTRICT = r"(?:[ \t]+(?:NV|SV|NØ|SØ|K|V|Ø|N|S|C)(?![\w]))"
_POSTCODE_TOWN = rf"{_POSTCODE}\s+{_TOWN}{_DISTRICT}?"

_FR_ARTICLE = r"(?:(?:de\s+la|de\s+l['’]|des|du|de|d['’]|la|le|les)\s*)"
FR_STREET = rf"{_NUMBER},?[ \t]+{_FR_WAY}[ \t]+{_FR_ARTICLE}?{_TOWN}"
# Belgian and Swiss order: "Rue de la Loi 16", "Avenue Louise 54", "Chaussée de Gand 12".
FR_STREET_NUMBER_LAST = (
    rf"(?:[Rr]ue|[Aa]venue|[Bb]oulevard|[Pp]lace|[Cc]haussée|[Cc]hemin|[Qq]uai|[Aa]llée|[Ii]mpasse|[Ss]quare|"
    rf"[Rr]oute|[Aa]v\.|[Bb]d)[ \t]+{_FR_ARTICLE}?{_TOWN}"
    rf"[ \t]+{_NUMBER}(?![\d])"
)
# Spanish, Italian, Portuguese and Polish order: the word for the way, its name, the number
# ("Calle Mayor 12", "Via Garibaldi 7", "Rua Augusta 24", "ul. Marszałkowska 10/12").
_SOUTH_EAST_WAY = (
    r"(?:Calle|C/|Avenida|Avda\.|Plaza|Pza\.|Paseo|Camino|Carrer|Travesía|Ronda|Via|Viale|Piazza|Piazzale|Corso|"
    r"Largo|Vicolo|Contrada|Rua|Travessa|Praça|Estrada|Alameda|[Uu]l\.|[Uu]lica|[Aa]l\.|[Aa]leja|[Pp]l\.|[Pp]lac|"
    r"[Oo]s\.|[Oo]siedle|"
    # Romanian (with and without its diacritics) and Greek ("στην οδό Αγίου Δημητρίου 45")
    r"Strada|[Ss]tr\.|Bulevardul|Bd\.|Calea|Aleea|[ȘŞS]oseaua|Pia[țţt]a|Splaiul|Intrarea|"
    r"[Οο]δός|[Οο]δό|[Οο]δού|Λεωφόρος|Λεωφόρο|Λεωφ\.|[Ππ]λατεία"
    # In lower case after a preposition or an article, as Italian, Spanish and Portuguese write
    # them in prose ("risiede in via Roma 15", "vive en la calle Mayor 3", "mora na rua Augusta
    # 24"); not alone, where English "via" takes names too ("via Telegram 24 times").
    r"|(?:(?<=\b[Ii]n )|(?<=\b[Ee]n )|(?<=\b[Nn]a )|(?<=\b[Nn]o )|(?<=\b[Ee]m )|(?<=\bla )|(?<=\bel )|(?<=\ba )"
    r"|(?<=\bda )|(?<=\bdi )|(?<=\balla )|(?<=\bnella )|(?<=\bsulla )|(?<=\bdella ))"
    r"(?:via|viale|piazza|piazzale|corso|largo|vicolo|calle|avenida|plaza|paseo|camino|carrer|rua|travessa|"
    r"praça|estrada|alameda))"
)
_SOUTH_EAST_ARTICLE = r"(?:(?:de\s+la|de\s+los|de\s+las|del|dei|degli|delle|della|dello|de|di|do|da|dos|das)\s+)"
# A king's or pope's number may follow the name: "Corso Vittorio Emanuele II 45".
# The number may follow a comma or a word for it ("Rua do Almada, 142", "Strada Florilor nr. 14"),
# and Romanian's block, staircase, floor and flat may follow it (", bl. B2, sc. A, ap. 7").
_NUMBER_WORD = r"(?:,?[ \t]+(?:nr|no|n°|n\.º|nº|br|č)\.?)"
_BLOCK = r"(?:,?[ \t]+(?:bl|sc|et|ap)\.[ \t]*[A-Za-z0-9]{1,4}(?![\w]))"
SOUTH_EAST_STREET = (
    rf"{_SOUTH_EAST_WAY}[ \t]*{_SOUTH_EAST_ARTICLE}?{_TOWN}(?:[ \t]+[IVX]{{1,4}})?(?:{_NUMBER_WORD}|,)?[ \t]+"
    rf"{_NUMBER}(?![\d]){_BLOCK}{{0,4}}"
)
EN_STREET = rf"{_NUMBER}[ \t]+(?:{NAME_WORD}[ \t]+){{1,3}}{_EN_WAY}(?![\w])"
COMPOUND_STREET = rf"[{UPPER}][{LOWER}]{{2,}}{_COMPOUND_WAY}[ \t]+{_NUMBER}(?![\d])"  # "Storgata 5"
SPACED_STREET = (
    rf"(?:{NAME_WORD}[ \t]+)?{NAME_WORD}[ \t]+(?i:gate|vei|veg|gata|gatan|gade|vej|allé|väg|vägen|straße|strasse|weg|"
    # Hungarian, Czech and Slovak: "Széchenyi utca 12.", "Hlavní třída 583/12", "Hlavná ulica 5"
    rf"platz|straat|laan|tie|katu|utca|u\.|út|útja|tér|tere|körút|sugárút|krt\.|köz|sor|sétány|fasor|rakpart|"
    rf"třída|ulice|náměstí|"
    rf"nábřeží|ulica|námestie|nábrežie)[ \t]+{_NUMBER}(?![\d])(?:(?<=\d)\.(?=[ \t,;]|$))?"
)  # "Karl Johans gate 22"
# A Danish or Norwegian floor and side after the house number: "112, 3. tv.", "7, st. th.", "4, 2. sal".
_FLOOR = r"(?:,?[ \t]+(?:\d{1,2}\.?|st\.|kl\.)[ \t]*(?:tv|th|mf|sal)\.?(?![\w]))"
# A flat after the house number in the other languages (round 11): Spanish floor and door ("14, 3º B",
# "3.º izda."), Polish "m. 12" and "lok. 4", Italian "int. 7", Swedish "lgh 1102", Belgian "bus 3",
# "apt 4", "piso 2".
_FLAT = (
    r"(?:,?[ \t]+(?:\d{1,2}\.?[ºª°](?:[ \t]*(?:[A-H]|izda|izq|dcha|der|dta|esq|dto|pta)\.?)?"
    r"|(?:m|lok|int|lgh|apt|app|bus|piso|interno|porta|leil)\.?[ \t]*\d{1,4}[A-Za-z]?)(?![\w]))"
)
# The town after the street, in the language's words: "ul. Lipowej 8/3 w Radomiu", "Storgata 5 i Moss",
# "12 rue des Lilas à Roubaix" (accepted when no month, weekday or country: recognizers).
_IN_TOWN = rf"(?P<in_town>,?[ \t]+(?:w|we|in|à|en|i|a|em|na|te)[ \t]+{_TOWN})"
PO_BOX = r"(?:Postboks|Boks|Box|P\.?\s?O\.?\s?Box|Postbus|Postfach|Case[ \t]+postale|B\.P\.|BP)[ \t]+\d{1,6}"

# Hungarian order: the postcode and the town before the street ("3530 Miskolc, Széchenyi utca 12.").
_TOWN_FIRST = rf"(?:\d{{4}}[ \t]+{NAME_WORD}(?:-{NAME_WORD})?,[ \t]*)"
_STREET = (
    rf"(?:{_TOWN_FIRST}?{SPACED_STREET}|{FR_STREET}|{FR_STREET_NUMBER_LAST}|{SOUTH_EAST_STREET}|{EN_STREET}|{COMPOUND_STREET}|{SPACED_STREET}"
    rf"|{PO_BOX})"
)
# Any street name, house number and postcode line, in the order of most of
# Europe ("Grote Markt 9, 1800 Vilvoorde", "Alt-Reinickendorf 25\n13407 Berlin",
# "Rådhusplassen 1, 0037 Oslo"): the postcode and town make it an address.
NUMBER_LAST_WITH_POSTCODE = (
    rf"(?<![\w-])(?P<pii>{NAME_WORD}(?:[ -](?:{NAME_WORD}|[{LOWER}'’]{{1,12}})){{0,3}}"
    rf"[ \t]{_NUMBER},?[ \t]*\\?\n?[ \t]*(?:[A-Z]{{1,2}}-)?"
    rf"(?:\d{{4,5}}|\d{{3}}\s\d{{2}}|\d{{4}}\s?[A-Z]{{2}}|{_POSTCODE_WITH_HYPHEN})\s+{_TOWN}"
    rf"(?:\s+[A-Z](?![\w]))?)"
)
_DWELLING = r"(?:(?:Flat|Apartment|Apt\.?|Unit|Appartement|Appt\.?|Bâtiment|Bât\.?)\s+\w{1,4},?\s+)"
# A street or box (after a flat number), with the postcode and town, or the
# town and a British postcode, that often follow it.
STREET_ADDRESS = re.compile(
    rf"(?<![\w])(?P<pii>{_DWELLING}?{_STREET}(?:{_FLOOR}|{_FLAT})?"
    rf"(?:,?[ \t]*\\?\s+{_POSTCODE_TOWN}|,[ \t]*{_TOWN}(?:[ \t]+{_UK_POSTCODE})?|{_IN_TOWN})?)"
)
POSTCODE_ADDRESS = re.compile(NUMBER_LAST_WITH_POSTCODE)
# Round 13: a street written without its word, after a word for living somewhere and "on" ("žive na
# Vukovarskoj 112 u Zagrebu", "woont op Dorpsweg 12", "bor på Solbakken 4 i Moss"): the house number
# makes it an address; the town after it goes with it. A year is no house number ("on Monday 2019").
# A number that counts ("Hotel Astoria 2 nights a month", "na Facebooku 3 godine") is no house's.
_NO_UNIT = (
    r"(?![ \t]+(?i:nights?|days?|weeks?|months?|years?|hours?|times|nuits?|jours?|semaines?|mois|ans|fois|"
    r"Nächte|Nacht|Tage|Tagen?|Wochen?|Monate?n?|Jahre?n?|Mal|nachten|nacht|dagen|dag|weken|week|maanden|jaar|keer|"
    r"netter|natt|nätter|dager|dage|dagar|uker|uger|veckor|måneder|månader|år|gange|ganger|gånger|"
    r"noći|noc[iy]?|dana|dni|dní|tjedana|tygodni|týždne|týdny|mjeseci|miesięcy|mesiacov|godine|godina|lat|let|rokov|"
    r"yötä|päivää|viikkoa|kuukautta|vuotta|ööd|päeva|nädalat|kuud|aastat|naktis|dienas|metus|mėnesius)(?![\w]))"
)
STREET_AFTER_CUE = re.compile(
    rf"(?<![\w])(?i:{_RESIDENCE_CUE}(?:na|på|pa|op|on|at|auf|an[ \t]+der|in[ \t]+der|am|ul\.))"
    rf"[ \t]+(?P<pii>{NAME_WORD}(?:[ \t-]+{NAME_WORD}){{0,2}}[ \t]+{_NUMBER}(?![\w.,:/-]\d|%){_NO_UNIT}"
    rf"(?:,?[ \t]+(?:u|v|vo|ve|w|in|i|à|en|a|te)[ \t]+{_TOWN})?)"
)
# A postcode and town alone in the paragraph after a street address.
POSTCODE_PARAGRAPH = re.compile(rf"[ \t]*\\?\n[ \t]*\n[ \t]*{_POSTCODE_TOWN}(?=[ \t]*(?:\n|$))")
# A postcode and town on their own: only with a country prefix ("N-1702
# Sarpsborg", "F-75011 Paris"), so that "in 2019 Ravnstad" is not an address.
PREFIXED_POSTCODE = re.compile(rf"(?<![\w-])(?P<pii>(?:[A-Z]{{1,2}}-\d{{4,5}})\s+{_TOWN})")

# Capitalised words that follow "in" or "from" without being places.
NOT_PLACES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi "
    "dimanche english french german dutch norwegian swedish danish finnish arabic somali turkish spanish "
    "italian polish urdu farsi dari pashto russian anglais français allemand néerlandais norvégien arabe "
    "addition particular general total short brief practice fact summary conclusion "
    "spring summer autumn winter printemps été automne hiver".split()
)

# --- dates of birth ------------------------------------------------------

MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre "
    "januar februar mars april mai juni juli august september oktober november desember "
    "december maj marts okt märz oktober dezember "
    "januari februari maart mei juni juli augustus oktober "
    "augusti "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre "
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "
    "janeiro fevereiro março abril maio junho julho setembro outubro novembro dezembro "
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia "
    "január február március április május június július augusztus szeptember október "
    # round 14: Romanian ("născut la 3 martie 2008")
    "ianuarie februarie martie aprilie iunie iulie septembrie octombrie noiembrie decembrie"
).split()
# Lithuanian months in the genitive its dates write ("2008 m. kovo 3 d."); not in MONTHS, whose
# words are no names ("kovo", "liepos" are no one's either way).
_LT_MONTHS = "sausio vasario kovo balandžio gegužės birželio liepos rugpjūčio rugsėjo spalio lapkričio gruodžio"
_MONTH = "|".join(sorted(set(MONTHS), key=len, reverse=True))
# The day in words, as a date of birth is sometimes written out ("the twelfth of March 2008", "el
# doce de marzo de 2008", "am dritten Juli 2006", "den tjugonde april 2007"): 1 to 31 in the core
# practice languages, ordinals where the language writes them, cardinals where it does.
_TEENS_AND_TENS = {
    "en": "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth thirty-first",
    "fr": "premier un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
    "dix-sept dix-huit dix-neuf vingt trente vingt-et-un trente-et-un",
    "es": "primero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
    "dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro "
    "veinticinco veintiséis veintisiete veintiocho veintinueve treinta",
    "it": "primo uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici quattordici "
    "quindici sedici diciassette diciotto diciannove venti ventuno ventidue ventitré ventitre ventiquattro "
    "venticinque ventisei ventisette ventotto ventinove trenta trentuno",
    "pt": "primeiro um dois três quatro cinco seis sete oito nove dez onze doze treze catorze quatorze quinze "
    "dezasseis dezesseis dezassete dezessete dezoito dezanove dezenove vinte trinta",
    "de": "ersten zweiten dritten vierten fünften sechsten siebten siebenten achten neunten zehnten elften "
    "zwölften dreizehnten vierzehnten fünfzehnten sechzehnten siebzehnten achtzehnten neunzehnten "
    "zwanzigsten dreißigsten",
    "nl": "eerste tweede derde vierde vijfde zesde zevende achtste negende tiende elfde twaalfde dertiende "
    "veertiende vijftiende zestiende zeventiende achttiende negentiende twintigste dertigste",
    "sv": "första andra tredje fjärde femte sjätte sjunde åttonde nionde tionde elfte tolfte trettonde "
    "fjortonde femtonde sextonde sjuttonde artonde nittonde tjugonde trettionde",
    "da/no": "første anden andre tredje fjerde femte sjette syvende sjuende ottende åttende niende tiende "
    "ellevte tolvte trettende fjortende femtende sekstende syttende attende nittende tyvende tjuende "
    "trettiende tredivte",
}
_DAY_WORDS = {word for words in _TEENS_AND_TENS.values() for word in words.split()}
_DAY_WORDS |= {f"twenty-{w}" for w in "first second third fourth fifth sixth seventh eighth ninth".split()}
_DAY_WORDS |= {f"vingt-{w}" for w in "deux trois quatre cinq six sept huit neuf".split()}
_DAY_WORDS |= {"vingt et un", "trente et un", "treinta y uno", "vinte e um", "trinta e um"}
_DAY_WORDS |= {f"vinte e {w}" for w in "dois três quatro cinco seis sete oito nove".split()}
_GERMAN_UNITS = "ein zwei drei vier fünf sechs sieben acht neun".split()
_DUTCH_UNITS = "een twee drie vier vijf zes zeven acht negen".split()
_DAY_WORDS |= {f"{u}und{t}sten" for t in ("zwanzig", "dreißig") for u in _GERMAN_UNITS}
_DAY_WORDS |= {f"{u}en{t}ste" for t in ("twintig", "dertig") for u in _DUTCH_UNITS}
_DAY_WORDS |= {f"{u}ën{t}ste" for t in ("twintig",) for u in ("twee", "drie")}
_DAY_WORDS |= {f"tjugo{w}" for w in "första andra tredje fjärde femte sjätte sjunde åttonde nionde".split()}
_DAY_WORDS |= {"trettioförsta"}
_DAY_WORD = "|".join(sorted((re.escape(w).replace("\\ ", "[ \t]+") for w in _DAY_WORDS), key=len, reverse=True))
_DAY = rf"(?:[0-3]?\d(?:er|st|nd|rd|th|\.|°|º)?|(?:{_DAY_WORD})(?![\w-]))"  # "1er mars", "1° maggio", "1º de mayo"
DATE = (
    rf"(?:[0-3]?\d[./-][01]?\d[./-](?:19|20)?\d\d"
    # Czech and German with spaces, "12. 8. 2006"; Hungarian, year first, "2006. május 12.", "2006. 05. 12."
    rf"|[0-3]?\d\.[ \t][01]?\d\.[ \t]?(?:19|20)\d\d"
    rf"|(?:19|20)\d\d\.[ \t]?(?:(?:{_MONTH})|[01]?\d\.)[ \t]?[0-3]?\d\.?"
    rf"|(?:19|20)\d\d-[01]\d-[0-3]\d"
    rf"|{_DAY}\s+(?:of\s+|de\s+)?(?:{_MONTH})\.?\s+(?:de\s+|del\s+)?(?:19|20)\d\d"
    rf"|(?:{_MONTH})\.?\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    rf"|(?:{_MONTH})\s+(?:19|20)\d\d"
    rf"|(?:19|20)\d\d[ \t]?m\.[ \t]+(?:{_LT_MONTHS.replace(' ', '|')})[ \t]+[0-3]?\d[ \t]?d\.)"  # Lithuanian
)
BIRTH_WORDS = (
    r"(?:born|date\s+of\s+birth|birth\s*date|d\.?o\.?b\.?|né(?:e|\(e\))?|"
    r"date\s+de\s+naissance|f[øo]dt|f[øo]dselsdato|född|geboren|geb\.|geboortedatum|syntynyt|"
    r"nacid[oa]|fecha\s+de\s+nacimiento|f\.\s?nac\.|(?-i:nat[oa])|data\s+di\s+nascita|nascid[oa]|"
    r"data\s+de\s+nascimento|urodzon[ya]|ur\.|data\s+urodzenia|födelsedatum|fødselsdag|syntymäaika|"
    r"szül\.|született|születési\s+idő|nar\.|narozen[aáý]?|datum\s+narození|"
    # round 10: the past tense ("nació el…", "nacque il…", "nasceu a…", "föddes den…", "syntyi…",
    # "urodził się…", "narodil se…"), Lithuanian and Bulgarian ("gimė", "роден на")
    r"naci[óo]|nacque|nasceu|föddes|syntyi|urodził(?:a)?\s+się|narodil(?:a)?\s+se|gim[eė]|gimęs|gimusi|"
    r"gimimo\s+data|роден[аи]?|рождена\s+дата|дата\s+на\s+раждане|"
    # round 12: Slovak, Croatian and Greek ("narodený 12. 5. 2009", "rođena 3. 4. 2008.", "γεννήθηκε")
    r"narodený|narodená|narodil(?:a)?\s+sa|dátum\s+narodenia|rođen[aoi]?|datum\s+rođenja|"
    r"γεννήθηκε|γεννημέν(?:ος|η)|ημερομηνία\s+γέννησης|"
    # round 14: Romanian, Latvian and Slovenian ("născut pe 12.02.2009", "dzimis 2009. gada…", "rojen 3. 4. 2009")
    r"născut[ăa]?|nascut[ăa]?|data\s+nașterii|data\s+naşterii|dzimis|dzimusi|dzimšanas\s+datums|rojen[a]?|"
    r"datum\s+rojstva)"
)
DATE_OF_BIRTH = re.compile(
    rf"(?<![\w]){BIRTH_WORDS}(?![\w])[^.!?\n\d]{{0,30}}?(?P<pii>{DATE})(?![\w])"
    # German and Dutch put the verb last: "Er ist am 14.02.2002 geboren", "die op 3 mei 2001 geboren is".
    rf"|(?<![\w\d.])(?P<verb_last>{DATE})[ \t]+(?:in[ \t]+{NAME_WORD}[ \t]+)?geboren(?![\w])"
    # round 14: Hungarian too, the day's case ending before it ("2008. szeptember 14-én született")
    rf"|(?<![\w\d.])(?P<hu_verb_last>{DATE})(?:-(?:án|én|jén|ján|ei|i))?[ \t]+(?:{NAME_WORD}[ \t]+)?született(?![\w])",
    re.IGNORECASE,
)

# --- phone numbers ----------------------------------------------------------

# A number after a phone label, in the shape of a phone number (a country code or a
# leading 0): reported even when phonenumbers holds it invalid, as an invented or
# mistyped number still reaches a person ("Tel.: +32 (0)2 123 45 67", "puh. 050 1234 567",
# "T +31 20 123 4567 | M 06 1234 5678"). The letters "T", "M" and "P" only capitalised and
# standing alone at the start of a line or after a separator.
_PHONE_LABEL = (
    r"(?:(?i:tel|tél|tlf|tfn|telefon|telefoon|telefono|teléfono|telefone|telephone|téléphone|phone|"
    r"mobile|mobil|mobiel|móvil|cellulare|telemóvel|telemovel|portable|handy|gsm|cell|mob|puh|puhelin|"
    r"matkapuhelin|direct|direkte|direkt|celular|telefonas|mobilní|τηλ|τηλέφωνο|κινητό|тел|телефон|мобилен)"
    r"(?:[.:]|\b)"
    r"|(?:^|(?<=[|,;•·–—/]))[ \t]*[TMP](?=[.:]?[ \t]))"
)
LABELLED_PHONE = re.compile(
    rf"(?<![\w]){_PHONE_LABEL}[ \t]*(?:[.:]|nr\.?|no\.?|n°)?[ \t]*(?:\([^)\n]{{0,12}}\)[ \t]*)?[:.]?[ \t]*"
    r"(?P<pii>(?:\(?(?:\+|00)\d{1,3}\)?|\(?0)[\d \t().\-/]{5,22}\d)(?![\d\w])",
    re.MULTILINE,
)

# --- phone numbers: digit runs that are something else ---------------------

NOT_A_PHONE_BEFORE = re.compile(
    r"(?:case|ref|reference|file|dossier|affaire|réf|sak|saksnr|saksnummer|aktenzeichen|zaak|zaaknummer|"
    r"isbn|issn|doi|page|pages|p\.|pp\.|art\.|article|§|#|číslo[ \t]+jednací|č\.[ \t]?j\.|spisová[ \t]+značka|"
    r"ügyszám|"
    # round 13: an organisation's registry number ("registrikood on 80012345", "org.nr. 802012-3456",
    # "CVR-nr. 12345678", "KvK-nummer 12345678", "SIRET", "Y-tunnus", "NIP", "REGON", "KRS")
    r"registrikood|registreerimisnumber|kmkr|org\.?[ \t]?nr|organisasjonsnummer|organisationsnummer|"
    r"cvr(?:-nr)?|kvk(?:-nummer)?|siret|siren|handelsregister|hrb|y-tunnus|regon|krs|nip|ičo)"
    r"(?:\s*(?:no|nr|n°|number|numéro|nummer)\.?)?(?:\s+(?:on|is|er|är|ist|est|je|jest))?"
    r"\s*[:.#]?\s*$",
    re.IGNORECASE,
)
YEAR_RANGE = re.compile(r"^(?:19|20)\d\d\s*[-–/]\s*(?:(?:19|20)?\d\d|\d{3,4})$")
DATE_LIKE = re.compile(r"^[0-3]?\d([./-])[01]?\d\1(?:19|20)?\d\d$")

# A vehicle's number plate, only after a word naming one: the formats of Europe's plates
# ("B-KL 4821", "AB-123-CD", "12-ABC-3", "ABC 123", "AB 12345", "AB 123 CD", "1234 BCD",
# "AB12 CDE") are short runs of letters and digits that references, postcodes and law
# numbers share too. Up to four groups of capitals or digits; recognizers.identifiers.plate_span
# checks the letters, digits and length.
PLATE_WORDS = (
    r"(?:number[ \t]+plate|licen[cs]e[ \t]+plate|registration(?:[ \t]+(?:number|plate|mark))|"
    r"reg\.?[ \t]*(?:no\.?|nr\.?)?|"
    r"plaque(?:[ \t]+d['’]immatriculation)?|immatricul(?:ation|ée?s?)|"
    r"(?:auto|amtliche[sn]?[ \t]+)?kennzeichen|nummernschild|kenteken(?:plaat)?|nummerplaat|nummerbord|"
    r"registreringsnummer(?:et)?|registreringsskylt(?:en)?|reg\.?[ \t]*nr\.?|nummerplade(?:n)?|kjennemerke(?:t)?|"
    r"skilt(?:et)?|rekisterinumero(?:lla)?|rekisterikilpi|targa(?:t[oa])?|matr[íi]cula|matriculad[oa]|"
    r"numer(?:ze)?[ \t]+rejestracyjny(?:m)?|tablic[aey][ \t]+rejestracyjn[aey]j?|nr\.?[ \t]*rej\.?)"
)
_PLATE_CHAR = rf"[{UPPER}0-9]"
VEHICLE_PLATE = re.compile(
    rf"(?<![\w])(?i:{PLATE_WORDS})(?![\w])[ \t:.,(]*(?:[{LOWER}]{{1,12}}[ \t]+){{0,6}}[ \t:(\"'«„“]*"
    rf"(?P<pii>{_PLATE_CHAR}{{1,5}}(?:[- \t]{_PLATE_CHAR}{{1,5}}){{0,3}})(?![\w-])"
)

# A service's, a police force's or a court's file number after the word naming it ("dossier n°
# 2021/334-B", "Aktenzeichen 41 F 233/22", "journalnr. 2023-118734", "PV n° 2019/004512", "Case
# 2019/0412"): the key to a person's file for whoever reads the register. Only after such a word, and
# only in a reference's shape (digits with a separator, or five digits or more): "Case 3", "dossier
# 2019-2021", "Law 12/2019" hold none. Not "référence", "protocollo", "pratica", "causa", whose
# numbers are bibliographies', agreements' and practices'.
_CASE_WORDS = (
    r"case(?:[ \t]+file)?(?:[ \t]+(?:number|no\.?|nr\.?|ref(?:erence)?\.?(?:[ \t]+number)?))?|"
    r"file[ \t]+(?:number|no\.?|ref(?:erence)?\.?)|(?:crime|police|incident)[ \t]+(?:reference|ref\.?|number)"
    r"(?:[ \t]+number)?|our[ \t]+ref(?:erence)?\.?|"
    r"dossier|num[ée]ro[ \t]+de[ \t]+dossier|n°[ \t]+de[ \t]+dossier|procès-verbal|pv|affaire|parquet|"
    r"num[ée]ro[ \t]+de[ \t]+parquet|main[ \t]+courante|"
    r"aktenzeichen|az\.?|geschäftszeichen|gz\.|vorgangsnummer|vorgangs-nr\.?|fallnummer|aktennummer|"
    r"tagebuchnummer|tgb\.?[ \t-]?nr\.?|"
    r"dossiernummer|zaaknummer|parketnummer|registratienummer|ons[ \t]+kenmerk|kenmerk|bvh-nummer|"
    r"proces-verbaal(?:nummer)?|pv-nummer|"
    r"ärendenummer|ärendenr\.?|ärende|diarienummer|dnr\.?|målnummer|mål[ \t]+nr\.?|anmälningsnummer|"
    r"journalnummer|journalnr\.?|j\.[ \t]?nr\.?|sagsnummer|sagsnr\.?|sag[ \t]+nr\.?|anmeldelsesnummer|"
    r"saksnummer|saksnr\.?|sak[ \t]+nr\.?|straffesaksnummer|vår[ \t]+ref\.?|"
    r"diaarinumero|dnro|asianumero|rikosilmoitusnumero|ilmoitusnumero|"
    r"expediente|n\.?º[ \t]+de[ \t]+expediente|número[ \t]+de[ \t]+expediente|atestado|diligencias[ \t]+previas|"
    r"fascicolo|numero[ \t]+di[ \t]+fascicolo|procedimento[ \t]+penale|r\.g\.(?:n\.r\.)?|rgnr|"
    r"processo|proc\.|nuipc|inquérito|"
    r"sygn\.[ \t]*akt|sygnatura(?:[ \t]+akt)?|nr[ \t]+sprawy|numer[ \t]+sprawy|znak[ \t]+sprawy|"
    r"č\.[ \t]?j\.|čj\.|spisová[ \t]+značka|sp\.[ \t]?zn\.|číslo[ \t]+jednací|"
    r"ügyszám|iktatószám|dosar(?:ul)?|număr(?:ul)?[ \t]+de[ \t]+dosar|broj[ \t]+predmeta|poslovni[ \t]+broj|"
    r"дело|преписка|bylos[ \t]+(?:nr\.|numeris)"
)
_CASE_NUMBER_WORD = r"(?:[ \t]*(?:n°|nº|n\.º|no\.?|nr\.?|núm\.?|n\.|number|numéro|nummer|numero|número|#|№))?"
_REFERENCE = (
    r"\d{1,4}[ \t]+[A-Z][A-Za-z]{0,3}[ \t]+\d{1,6}/\d{2,4}"  # German: "41 F 233/22", "2 Js 1234/19"
    r"|(?:[A-Z]{1,5}[ \t-]?)?\d{1,8}(?:[/.:-][A-Z0-9]{1,10}){1,4}"  # "2021/334-B", "IFO 2022-4471"
    r"|[A-Z]{0,4}\d{5,12}"  # "118734", "K123456"
)
CASE_NUMBER = re.compile(
    rf"(?<![\w])(?i:{_CASE_WORDS})(?![\w]){_CASE_NUMBER_WORD}[ \t]*[:.]?[ \t]*(?P<pii>{_REFERENCE})(?![\w/-])"
)

# A capitalised place right after a word for living somewhere, in any language: "vecina de
# Alcalá del Júcar", "abita a Borgo Val di Taro", "vit à Roubaix". The NER of the
# languages without a model of their own misses these or calls them names ("de Alcalá").
# Not after "to" or "of", which take ideas too ("moved to Salafism", "attended to Islamophobia").
_PLACE_LINK = r"(?:del|de\s+la|de|di|da|do|dos|das|am|an\s+der|im|upon|sur|en|lès|les|le|la)"
PLACE_AFTER_CUE = re.compile(
    rf"(?<![\w])(?i:{_RESIDENCE_CUE}{_PLACE_PREPOSITION})[ \t]+"
    rf"(?P<pii>{NAME_WORD}(?:(?:[ \t]+{_PLACE_LINK})?[ \t-]+{NAME_WORD}){{0,3}})(?![\w@])"
)

# A school, a place of worship, a club or a workplace tied to a person: small enough to point
# to one pupil, worshipper or employee ("in Year 10 at St Brendan's College", "gick i nian på
# Kvarnbyskolan", "fréquentait la mosquée Al-Nour de Maubeuge", "travaille comme caissière au
# Carrefour de Villeneuve-d'Ascq"). A school's name after the pupil's class; an institution's
# after a word for attending and the word for it (a training or a conference has none:
# "attended a training in Vienna"); a workplace after a word for working and a preposition.
_INSTITUTION_NAME = (
    rf"(?:(?:St|Ste|Saint|Sankt|San|Santa|Sint)\.?[ \t]+)?{NAME_WORD}(?:['’]s)?"
    rf"(?:[ \t-]+(?:(?:of|de|du|des|van|von|der|di|del|della|la|le|the|d['’])[ \t]*)?{NAME_WORD}(?:['’]s)?){{0,4}}"
)
_CLASS = (
    r"(?:(?i:year|grade|form|groep|klas|leerjaar|årskurs|klasse|klass|trinn|classe|ano)[ \t]+\d{1,2}[a-fA-F]?"
    r"|\d{1,2}(?:st|nd|rd|th|e|de|ème|è|ª|º|°|\.)?[ \t]*(?i:grade|year|form|klas|klasse|klass|trinn|leerjaar|"
    r"klasy|klasa|ano|media|superiore|luokka|luokalla|Klasse|ESO|Bachillerato|Primaria)"
    r"|(?i:ettan|tvåan|trean|fyran|femman|sexan|sjuan|åttan|nian|sixième|cinquième|quatrième|troisième|seconde|"
    r"terminale|brugklas)|\d{1,2}(?:e|ème)(?![\w])"
    # an ordinal and the word for the class: "åttonde klass", "terza media", "oitavo ano", "ósmej klasy"
    r"|(?i:första|andra|tredje|fjärde|femte|sjätte|sjunde|åttonde|nionde|første|anden|andre|fjerde|sjette|"
    r"syvende|sjuende|ottende|åttende|niende|tiende|prima|seconda|terza|quarta|quinta|primeiro|segundo|terceiro|"
    r"quarto|quinto|sexto|sétimo|oitavo|nono|décimo|pierwszej|drugiej|trzeciej|czwartej|piątej|szóstej|siódmej|"
    r"ósmej)[ \t]+(?i:klass|klasse|klassen|trinn|klasy|klasie|ano|media|superiore|elementare)(?![\w])"
    # round 12: Czech, Slovak and Croatian ("do páté třídy", "do 5. triedy", "u petom razredu")
    r"|(?:\d{1,2}\.|(?i:první|druhé|třetí|čtvrté|páté|šesté|sedmé|osmé|deváté|prvej|druhej|tretej|štvrtej|"
    r"piatej|šiestej|siedmej|ôsmej|deviatej|prvom|drugom|trećem|četvrtom|petom|šestom|sedmom|osmom))"
    r"[ \t]+(?i:třídy|třídu|třídě|triedy|triedu|triede|razredu|razreda|razred)(?![\w])"
    # round 14: Italian's year alone after "in" ("è in seconda alla scuola media…")
    r"|(?<=\bin[ \t])(?:prima|seconda|terza|quarta|quinta)(?![\w]))"
)
_SCHOOL_WORD = (
    r"(?i:school|college|academy|collège|lycée|école|Schule|Gymnasium|Gesamtschule|Realschule|Hauptschule|"
    r"skolan|skola|skole|skolen|koulu|scuola|istituto|liceo|escuela|instituto|colegio|IES|escola|szkoła|szkole|"
    r"szkoły|gimnazjum|liceum|basisschool|middelbare[ \t]+school|"
    # Greek, Romanian (its article joined: "Liceul", "Școala"), Hungarian, Czech, Slovak, Croatian,
    # Bulgarian, Lithuanian
    r"γυμνάσιο|λύκειο|δημοτικό|ΕΠΑΛ|liceul|colegiul|colegiu|școala|şcoala|scoala|gimnaziul|"
    r"gimnázium|gimnazium|iskola|gymnázium|gymnazium|škola|skola|ZŠ|SŠ|SOŠ|OŠ|gimnazija|училище|гимназия|mokykla|"
    r"progimnazija)"
)
_CLASS_PREPOSITION = (
    r"(?i:at|in|på|i|ved|van|op|bij|der|an[ \t]+der|am|auf[ \t]+der|au|aux|à[ \t]+l['’]|à|du|de[ \t]+la|de|del|"
    r"della|dell['’]|all['’]|alla|al|presso|en[ \t]+el|en[ \t]+la|en|na|no|da|do|w|we)"
)
SCHOOL_WORD = re.compile(_SCHOOL_WORD)
# A class written as its year and letter alone ("geht in die 9b der Lindenschule", "går i 8c på
# Tallbackaskolan"), round 11: only after the words for being in a class, and only before a school's
# name that says it is one ("§ 2a der Satzung" holds none).
_BARE_CLASS = r"(?<=[ \t])(?:in[ \t]+(?:die|der)|i|in|zit[ \t]+in)[ \t]+\d{1,2}\.?[a-fA-F](?![\w])"
_A_SCHOOLS_NAME = (
    rf"(?:{_INSTITUTION_NAME}[ \t]+{_SCHOOL_WORD}(?![\w])"
    rf"|[{UPPER}][{LOWER}]{{1,40}}(?:-[{UPPER}]?[{LOWER}]{{1,40}})*?-?(?i:schule|skolan|skolen|skole|skola|school|koulu)"
    rf"(?:[ \t]+{NAME_WORD})?)"
)
KIND_OF_SCHOOL = (
    r"(?i:media|elementare|primaria|secondaria|superiore|statale|comprensivo|básica|secundária|primară|"
    r"gimnazială|gimnaziala|podstawowa|podstawowej|średnia|średniej|základní|střední|általános|osnovna)"
)
SCHOOL_OF_A_PUPIL = re.compile(
    rf"(?<![\w]){_CLASS}[ \t]*,?[ \t]+{_CLASS_PREPOSITION}(?:[ \t]+|(?<=['’]))"
    # an abbreviation of the school's kind is part of its name: "na ZŠ Komenského" (round 12)
    rf"(?:(?P<abbreviated>(?-i:ZŠ|SŠ|SOŠ|OŠ|IES|ΕΠΑΛ)[ \t]+{_INSTITUTION_NAME})"
    # round 14: the school's word and its kind in lower case before its name: "alla scuola media Giovanni
    # Pascoli", "na escola básica Dr. …", "do szkoły podstawowej …"
    rf"|(?P<kind_named>{_SCHOOL_WORD}[ \t]+{KIND_OF_SCHOOL}[ \t]+{_INSTITUTION_NAME})|(?:{_SCHOOL_WORD}[ \t]+)?"
    rf"(?P<pii>{_INSTITUTION_NAME}))"
)
SCHOOL_OF_A_PUPIL_IN_A_BARE_CLASS = re.compile(
    rf"{_BARE_CLASS}[ \t]*,?[ \t]+{_CLASS_PREPOSITION}[ \t]+(?P<pii>{_A_SCHOOLS_NAME})(?![\w])"
)
_ATTENDING = (
    r"attend(?:s|ed|ing)?|went[ \t]+to|goes[ \t]+to|frequent(?:s|ed)|fréquent(?:e|es|ait|aient|ent|é|ée)|"
    r"besuch(?:t|te|ten)|bezoek(?:t|en)|bezocht(?:en)?|gick[ \t]+(?:till|på|i)|går[ \t]+(?:till|på|i)|"
    r"gikk[ \t]+(?:på|til|i)|gik[ \t]+(?:på|til|i)|frequenta(?:va|vano|no)?|frecuenta(?:ba|ban|n)?|"
    r"chodzi(?:ł|ła|li)?[ \t]+do|uczęszcza(?:ł|ła|li)?[ \t]+do|frequentava|ia[ \t]+(?:à|ao)|"
    # praying somewhere, being a member: "prayed at the Al-Noor Mosque", "Mitglied im Boxverein …"
    r"pray(?:s|ed|ing)?[ \t]+(?:at|in)|pri(?:e|ait|aient)[ \t]+(?:à|dans)|bet(?:et|ete|eten)[ \t]+in|"
    r"b(?:idt|ad)[ \t]+in|b(?:er|ad)[ \t]+i|pregava[ \t]+(?:in|a|nella)|rezaba[ \t]+en|rezava[ \t]+na|"
    r"member[ \t]+of|membre[ \t]+(?:de|du|d['’])|Mitglied[ \t]+(?:im|in|des|der)|lid[ \t]+van|medlem[ \t]+(?:i|av|af)|"
    r"membro[ \t]+(?:di|del|della|do|da)|miembro[ \t]+(?:de|del)|jäsen"
)
_INSTITUTION = (
    r"(?i:[\w-]{0,20}(?:verein|moschee|klubb|klub|club|skolan)|mosque|masjid|church|club|gym|madrasa|madrassa|mosquée|église|salle|Moschee|Kirche|Verein|"
    r"Moscheegemeinde|moskee|kerk|moské|moskén|kyrka|kyrkan|klubb|klubben|moske|moskeen|kirke|kirken|klub|"
    r"klubben|moschea|chiesa|circolo|palestra|mezquita|iglesia|gimnasio|meczet|meczetu|kościół|kościoła|klubu|"
    r"mesquita|igreja|clube|ginásio)"
)
_ARTICLE_BEFORE_INSTITUTION = (
    r"(?i:the|la|le|l['’]|die|der|das|den|de|het|el|il|lo|a|o|à|al|alla|alla|zur|zum|in[ \t]+die|ao|à)"
)
_TOWN_OF_INSTITUTION = (
    rf"(?:[ \t]+(?:de|d['’]|du|of|in|à|di|da|do|del|della|van|von|en|i|w|em|na|no)[ \t]*{NAME_WORD})?"
)
INSTITUTION_OF_A_PERSON = re.compile(
    rf"(?<![\w])(?i:{_ATTENDING})[ \t]+(?:{_ARTICLE_BEFORE_INSTITUTION}[ \t]*)?"
    rf"(?:{_INSTITUTION}[ \t]+(?:(?i:de|d['’]|du|of|di|del|van|von)[ \t]*)?"
    rf"(?P<pii>{_INSTITUTION_NAME}{_TOWN_OF_INSTITUTION})"
    rf"|(?P<named>{_INSTITUTION_NAME}[ \t-]+{_INSTITUTION}){_TOWN_OF_INSTITUTION})"
)
_WORKING = (
    r"works?|working|worked|employed|travaille|travaillait|arbeitet|arbeitete|werkt|werkte|arbetar|arbetade|jobbar|"
    r"jobbade|arbeider|arbeidet|jobber|jobbet|arbejder|arbejdede|lavora|lavorava|trabaja|trabajaba|trabalha|"
    r"trabalhava|pracuje|pracował|pracowała|työskentelee|työskenteli|"
    r"lucrează|lucreaza|lucra|lucrase|δουλεύει|δούλευε|εργάζεται|εργαζόταν"
)
_AS_A_ROLE = (
    r"(?:[ \t]+(?i:as|comme|als|som|come|como|jako|ca|ως)(?:[ \t]+(?i:a|an|un|une|ein|eine|een|en|et|uno|una|um|uma))?"
    # German's roles are capitalised ("als Lagerist"); a role may hold a preposition ("comme aide à domicile")
    rf"(?:[ \t]+(?:[{UPPER}]?[{LOWER}-]{{2,30}}|(?i:à|de|d['’]|di|da|of))){{1,3}})?"
)
_WORK_PREPOSITION = r"(?i:at|for|chez|au|aux|à|bei|beim|im|bij|på|hos|presso|al|alla|en|na|no|w|dla|la|στο|στη|στην)"
WORKPLACE_OF_A_PERSON = re.compile(
    rf"(?<![\w])(?i:{_WORKING}){_AS_A_ROLE}[ \t]+{_WORK_PREPOSITION}[ \t]+"
    rf"(?P<pii>{_INSTITUTION_NAME}{_TOWN_OF_INSTITUTION})"
)

# The words before an employer's name: "werkt bij Albert Heijn", "works at Marks Spencer",
# "arbeitet als Kassiererin bei Hans Müller GmbH". A name there is a workplace, not a person (not
# after "for", "chez", "hos", which take people too: "works for Mr Smith", "chez Karim").
EMPLOYER_BEFORE = re.compile(
    rf"(?<![\w])(?i:{_WORKING}){_AS_A_ROLE}[ \t]+(?i:at|bij|bei|beim|im|på|presso|w|au|aux|la|στο|στη|στην)[ \t]+$"
)

# A prison a person is held in, after a word for being held ("on remand at HMP Humber", "zit vast
# in PI Vught", "sad i Vestre Fængsel", "è detenuto a Pagliarelli", "incarcéré à Fleury-Mérogis",
# "sitzt in der JVA Tegel"): it points to one inmate as an address does. A prison the practice works
# in ("the programme runs in HMP Humber") follows no such word.
# Verbs that places, offices and meetings take too ("Die Beratungsstelle sitzt in Bonn", "Teamet
# sitter i Göteborg", "The training was held in Vienna"): after them the name must be a prison's
# (recognizers.places._a_prison).
_SITTING = r"held|sitzt|saß|einsitzt|sitter|satt|sidder|sad"
SITTING_BEFORE = re.compile(rf"(?<![\w])(?i:{_SITTING})[ \t]+\S+[ \t]+(?:\S+[ \t]+)?$")
_HELD = (
    rf"on[ \t]+remand|remanded(?:[ \t]+in[ \t]+custody)?|detained|imprisoned|incarcerated|jailed|locked[ \t]+up|"
    r"in[ \t]+custody|serving(?:[ \t]+[\w-]+){0,3}[ \t]+(?:sentence|term)|"
    r"incarcérée?s?|détenue?s?|écrouée?s?|emprisonnée?s?|"
    rf"inhaftiert|in[ \t]+(?:U-)?Haft|{_SITTING}|"
    r"zit(?:te)?[ \t]+(?:vast|gevangen|gedetineerd)|gedetineerd|vastgezet|opgesloten|"
    r"häktad|fängslad|avtjänar(?:[ \t]+\w+){0,3}|afsoner|afsonede|fængslet|"
    r"varetægtsfængslet|soner|sonet|fengslet|varetektsfengslet|"
    r"detenut[oa]|reclus[oa]|incarcerat[oa]|in[ \t]+carcere|pres[oa]|recluid[oa]|encarcelad[oa]|detid[oa]|"
    r"ve[ \t]+vězení|ve[ \t]+výkonu[ \t]+trestu"
)
_HELD_PREPOSITION = r"(?:at|in|to|on|à|au|dans|in[ \t]+der|im|te|på|i|a|al|nel|nella|presso|en|em|no|na|ve|v)"
_PRISON_PREFIX = r"(?:(?:HMP|HMYOI|HMP[ \t]*/[ \t]*YOI|JVA|PI|KMS|FPC)[ \t]+)"
PRISON_OF_A_PERSON = re.compile(
    rf"(?<![\w])(?i:{_HELD})[ \t]+(?i:{_HELD_PREPOSITION})[ \t]+"
    r"(?:(?i:the|la|le|l['’]|die|der|de|het|il|el|o|a)[ \t]+)?"
    rf"(?P<pii>{_PRISON_PREFIX}?{_INSTITUTION_NAME}{_TOWN_OF_INSTITUTION}|{_PRISON_PREFIX}[{UPPER}][\w-]+)"
)

# A nickname, an alias or a kunya after the words that give one: "called himself Abu Hamza
# al-Hollandi", "se faisait appeler « Le Lion »", 'known as "Abu Layla"'. After the words that
# also name methods and groups ("an approach known as Motivational Interviewing", "genannt
# Junge Löwen") the name must open with a kunya or a known given name (recognizers).
_ALIAS_WORDS = (
    r"a\.?k\.?a\.?|alias|nicknamed|call(?:ed|s)[ \t]+(?:him|her)self|went[ \t]+by|goes[ \t]+by|surnommée?|"
    r"se[ \t]+faisait[ \t]+appeler|nannte[ \t]+sich|nennt[ \t]+sich|noemde[ \t]+zich(?:zelf)?|noemt[ \t]+zich(?:zelf)?|"
    r"kallade[ \t]+sig|kallar[ \t]+sig|kalte[ \t]+seg|kaldte[ \t]+sig|soprannominat[oa]|apodad[oa]|"
    r"se[ \t]+hacía[ \t]+llamar|pseudonim(?:em)?"
)
_KNOWN_AS_WORDS = (
    r"(?:also[ \t]+)?known[ \t]+as|genannt|bekend[ \t]+als|conocid[oa][ \t]+como|"
    r"connue?[ \t]+(?:sous[ \t]+le[ \t]+nom[ \t]+d['’]|comme)|"
    r"kjent[ \t]+som|känd[ \t]+som|kendt[ \t]+som|conosciut[oa][ \t]+come|zwan[ya]"
)
_KUNYA_LINK = r"(?:(?:al|el|ibn|bin|bint|abu|abou|umm|oum)[-’' \t])"
KUNYA = frozenset("abu abou umm oum ibn bint".split())
_ALIAS = rf"(?P<pii>{NAME_WORD}(?:[ \t]+{_KUNYA_LINK}?{NAME_WORD}|[ \t]+{_KUNYA_LINK}{NAME_WORD}){{0,3}})(?![\w@])"
ALIAS_NAME = re.compile(rf"(?<![\w])(?i:{_ALIAS_WORDS})[ \t]*[:\"'«„“‘]?[ \t]*{_ALIAS}")
KNOWN_AS_NAME = re.compile(rf"(?<![\w])(?i:{_KNOWN_AS_WORDS})[ \t]*[:\"'«„“‘]?[ \t]*{_ALIAS}")

# --- round 7: years and places of birth, quoted nicknames, case endings, initials with a town ----

# Words for what is born or comes from somewhere besides people: "Le projet, né en 2015 à Lille".
NOT_BORN = frozenset(
    "idea idée idee ideia pomysł initiative initiativ iniziativa iniciativa approach approche ansatz "
    "aanpak metodo método method méthode methode metode network réseau netzwerk".split()
)


def a_thing_is_born(before: str) -> bool:
    """Whether the last 50 characters of a clause before a word for being born name a project,
    an organisation or an idea ("Le projet, né en 2015", "The idea was born in Oslo")."""
    clause = re.split(r"[.!?;:\n]", before[-80:])[-1][-50:]
    words = {word.casefold() for word in re.findall(r"[^\W\d_]+", clause)}
    return bool(words & ORGANISATION_WORDS or words & NOT_BORN)


# A year of birth and a place of birth after a word for being born: "born 2003 in Grimsby",
# "geboren in 2004 in Tilburg", "né en 2005 à Maubeuge", "nato a Pioltello", "Il ragazzo, classe
# 2005,". Projects are born too ("Le projet est né en 2015 à Lille"): recognizers.places checks
# that no organisation's or project's word comes first in the clause.
# One person's birth: the plural forms ("nés", "nacidos") and "were born" are a group's ("Most of
# the boys were born in 2005 or 2006"). "Karim, born in 2005 or 2006," is still one person's.
_BORN = (
    r"(?<!were )(?<!are )(?<!sind )(?<!zijn )(?<!waren )"
    r"(?i:born|née?(?!s)|geboren|født|föddes|född|nacid[oa](?!s)|nascid[oa](?!s)|urodzon[ya]|urodził(?:a)?[ \t]+się|"
    r"syntyi|syntynyt|sündis|sündinud|született|geb\.|nar\.|narozen[aáý]?|szül\.|naci[óo]|nacque|nasceu|"
    r"gim[eė]|gimęs|gimusi|роден[аи]?|narodený|narodená|rođen[aoi]?|γεννήθηκε|"
    r"născut[ăa]?|nascut[ăa]?|dzimis|dzimusi|rojen[a]?)|(?-i:nat[oa])"
)
_YEAR_LINK = r"(?i:in|en|nel|im|i|w|em|no|år|vuonna|ano|anno|in[ \t]+the[ \t]+year|im[ \t]+Jahr|en[ \t]+el[ \t]+año)"
_BIRTH_YEAR = r"(?:19|20)\d\d(?![\w/.–-]\d)"  # not a range: "born 2004–2007" is a group's
BIRTH_YEAR = re.compile(
    rf"(?<![\w])(?:{_BORN})[ \t]+(?:{_YEAR_LINK}[ \t]+)?(?P<pii>{_BIRTH_YEAR})(?![\w])"
    # Italian's "classe 2005" (born in 2005), in apposition: "Il ragazzo, classe 2005,"
    rf"|,[ \t]*(?-i:classe)[ \t]+(?P<classe>{_BIRTH_YEAR})(?![\w])"
)
# round 14: Portuguese's "nascida a 07/03/2009", Romanian's "născut pe", Bulgarian's "роден на"
_DATE_LINK = r"(?i:il|le|am|den|op|el|em|o|on|the|a|pe|la|на|dne)"
BIRTH_PLACE = re.compile(
    rf"(?<![\w])(?:{_BORN})[ \t]+(?:(?:{_YEAR_LINK}[ \t]+)?{_BIRTH_YEAR}(?:[ \t]*r\.)?[ \t,]+"
    # after the whole date: "nato il 7/4/2006 a Castelvetrano", "geb. 03.07.2006 in Gera"
    rf"|(?:{_DATE_LINK}[ \t]+)?{DATE}[ \t,]+)?"
    rf"(?i:in|à|a|en|i|w|we|em|na|te|ad|at)[ \t]+"
    rf"(?P<pii>{NAME_WORD}(?:(?:[ \t]+{_PLACE_LINK})?[ \t-]+{NAME_WORD}){{0,3}})(?![\w@])"
)

# A place in a case ending after a word for living somewhere or coming from, in Finnish,
# Estonian and Hungarian, which have no prepositions: "asuu äitinsä kanssa Hervannassa", "on
# kotoisin Porista", "elab Tartus", "él Miskolcon"; or before the word: "Hervannassa asuva",
# "Debrecenben lakik".
_CASE_PLACE = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}]?[{LOWER}]+)?"
_FI_ENDING = r"(?:ssa|ssä|sta|stä|lla|llä|lta|ltä)"  # not -n: "asuu Matin kanssa" (with Matti)
_ET_ENDING = r"(?:s|st|l|lt)"
_HU_ENDING = r"(?:ban|ben|ból|ből|on|en|ön|ról|ről|n)"
_LT_ENDING = r"(?:oje|ėje|yje|uje|iuose|uose|ose|e)"
_LV_ENDING = r"(?:ā|ē|ī|ū|os|ās|ēs|īs)"
_LIVING_WITH_ENDING = (
    rf"(?:(?i:asuu|asui|asuvat|asuivat|asunut|asuneet|(?:on|oli|ovat|olivat)[ \t]+kotoisin|kotoisin)"
    # up to four words between (round 13: "asuu tällä hetkellä mummonsa luona Lahdessa")
    rf"(?:[ \t]+[{LOWER}]+){{0,4}}[ \t]+(?P<fi>{_CASE_PLACE}{_FI_ENDING})"
    rf"|(?i:elab|elas|elavad|elasid|(?:on|oli)[ \t]+pärit|pärit)"
    rf"(?:[ \t]+[{LOWER}]+){{0,4}}[ \t]+(?P<et>{_CASE_PLACE}{_ET_ENDING})"
    rf"|(?i:lakik|lakott|laknak|laktak|élnek|éltek|származik)"
    rf"(?:[ \t]+[{LOWER}]+){{0,2}}[ \t]+(?P<hu>{_CASE_PLACE}{_HU_ENDING})"
    # Hungarian's "él" (lives) is Spanish's "él" (he): only right before the place ("él Miskolcon")
    rf"|(?i:él|élt)[ \t]+(?P<hu_el>{_CASE_PLACE}(?:ban|ben|on|en|ön))"
    # Lithuanian's locative: "gyvena su močiute Jonavoje", "gyveno Kaune"
    rf"|(?i:gyvena|gyveno|gyvens)(?:[ \t]+[{LOWER}]+){{0,4}}[ \t]+(?P<lt>{_CASE_PLACE}{_LT_ENDING})"
    # round 14: Latvian's locative ("dzīvo pie tantes Ogrē", "dzīvoja Rīgā"); Hungarian's being born
    # somewhere ("született Ózdon")
    rf"|(?i:dzīvo|dzīvoja|dzīvos|dzīvojis|dzīvojusi)(?:[ \t]+[{LOWER}]+){{0,4}}[ \t]+(?P<lv>{_CASE_PLACE}{_LV_ENDING})"
    rf"|(?i:született|születtek)[ \t]+(?P<hu_born>{_CASE_PLACE}(?:ban|ben|on|en|ön)))(?![\w])"
    # (the ending checked behind the word, so that no capitalised word is tried ending by ending)
    rf"|(?<![\w])(?P<before>{_CASE_PLACE})(?:(?<=ssa|ssä|lla|llä|ban|ben)|(?<=on|en|ön|án|én))[ \t]+"
    r"(?i:asuva|asuvan|asuvaa|asuu|asui|lakik|lakott|lakó|él|élt)(?![\w])"
)
PLACE_IN_A_CASE_ENDING = re.compile(_LIVING_WITH_ENDING)

# A school named in a case ending (Finnish, Estonian): "käy 9. luokkaa Kallion koulussa", "käy
# Myllypuron yläastetta", "käib Kalamaja Põhikoolis". The name before the school's word is a
# genitive, capitalised.
_FI_SCHOOL = (
    r"(?i:koulu|koulun|koulussa|koulua|koulusta|yläkoulu\w*|alakoulu\w*|yläaste\w*|ala-aste\w*|lukio\w*|"
    r"ammattiopisto\w*|ammattikoulu\w*|peruskoulu\w*|kool|koolis|kooli|põhikool\w*|gümnaasium\w*)"
)
SCHOOL_IN_A_CASE_ENDING = re.compile(
    r"(?<![\w])(?i:käy|kävi|käyvät|opiskelee|opiskeli|käib|käis|õpib|õppis)"
    rf"(?:[ \t]+(?:\d{{1,2}}\.|[{LOWER}]+)[ \t]+(?i:luokkaa|luokalla|luokalle|klassis|klassi)|[ \t]+[{LOWER}]+)?[ \t]+"
    rf"(?P<pii>(?:{NAME_WORD}[ \t]+){{1,3}}{_FI_SCHOOL}|{NAME_WORD}(?i:koulu\w*|kool\w*))(?![\w])"
)

# A nickname in quotes: 'was known in the gaming chat as "Reaper"', 'in der Szene nur „Germane"
# genannt'. The quotes make it a name: an approach "known as Motivational Interviewing" has none
# (recognizers.people checks no method's or programme's word comes first).
_OPEN_QUOTE = r"[\"“«„‘'‹][ \t]?"
_CLOSE_QUOTE = r"[ \t]?[\"”»“’'›]"
_NICKNAME = rf"(?P<pii>{NAME_WORD}(?:[ \t]+{_KUNYA_LINK}?{NAME_WORD}|[ \t]+{_KUNYA_LINK}{NAME_WORD}){{0,3}})"
# With its article inside the quotes, as Spanish, Italian and French nicknames have ("el Moro").
_ARTICLE_NICKNAME = _NICKNAME.replace("(?P<pii>", r"(?P<pii>(?:(?i:il|lo|la|el|le|der|die|de|het|the|o|a)[ \t]+)?", 1)
QUOTED_NICKNAME = re.compile(
    r"(?<![\w])(?i:known|called|nicknamed|conocid[oa]|llamad[oa]|conosciut[oa]|chiamat[oa]|connue?|appelée?|"
    r"bekend|genoemd|känd|kallad|kjent|kalt|kendt|kaldt|tunnettu|znan[ya]|"
    # round 11: "everyone knows him as": "lo conocen como", "le connaissent comme", "kennen ihn als"
    r"conoc(?:e|en|ía|ían)|conosc(?:e|ono|eva|evano)|conhec(?:e|em|ia|iam)|conna(?:ît|issent|issait|issaient)|"
    r"kenn(?:t|en)|kannten?|kent|kennen|kende|kenden|känner|kände|kjenner|kjente|kender|kendte|znają|znali)"
    rf"(?:[ \t]+[{LOWER}][\w-]*){{0,5}}[ \t]+(?i:as|como|come|comme|als|som|jako|nimellä)[ \t]+{_OPEN_QUOTE}"
    rf"{_ARTICLE_NICKNAME}{_CLOSE_QUOTE}"
    # "lo chiamavano "il Biondo"", "they called him "Tiny"": a quoted name after them
    r"|(?<![\w])(?i:call(?:ed|s)?[ \t]+(?:him|her)|nann(?:te|ten)[ \t]+(?:ihn|sie)|nenn(?:t|en)[ \t]+(?:ihn|sie)|"
    r"noem(?:de|den)[ \t]+(?:hem|haar)|kallade[ \t]+(?:honom|henne)|kald(?:te|er)[ \t]+(?:ham|hende)|"
    r"kal(?:te|ler)[ \t]+(?:ham|henne)|(?:lo|la)[ \t]+chiama(?:vano|no)|(?:le|lo|la)[ \t]+llama(?:ban|n)|"
    r"on[ \t]+l['’]appel(?:ait|le)|chamavam-(?:lhe|no|na)|nazywa(?:li|ją)[ \t]+(?:go|ją)|"
    # round 14: Czech, Slovak, Slovenian, Croatian, Romanian, Hungarian, Portuguese, Polish and Bulgarian
    # ("mu všichni říkají „Rambo“", "îi spun „Lupul”", "chamam-lhe "Magrão"", "mówią na niego „Szczur”")
    r"(?:mu|jí|ho|jej|ji)[ \t]+(?:\w+[ \t]+){0,2}(?:říkají|říkali|říkal[ai]?|přezdívají|hovoria|hovorili|"
    r"prezývajú|pravijo|rečejo|kličejo)|(?:říkají|říkali|hovoria|pravijo|zovu|zvali)[ \t]+(?:mu|jí|ho|ga|je)|"
    r"îi[ \t]+(?:\w+[ \t]+)?(?:spun|zic|spuneau|ziceau)|(?:hívják|hívták|nevezik|nevezték)|"
    r"chama(?:m|vam)-(?:lhe|no|na)|"
    r"mówi(?:ą|li)[ \t]+na[ \t]+(?:niego|nią)|му[ \t]+викат|го[ \t]+наричат)[ \t]+"
    rf"{_OPEN_QUOTE}(?P<called>(?:(?i:il|lo|la|el|le|der|die|de|het|the|o|a)[ \t]+)?{NAME_WORD}"
    rf"(?:[ \t]+{NAME_WORD}){{0,2}}){_CLOSE_QUOTE}"
    rf"|{_OPEN_QUOTE}(?P<before>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}}){_CLOSE_QUOTE}[ \t]+"
    r"(?i:genannt|gerufen|genoemd|kallad|kaldet|kalt|chiamato|chiamata|detto|detta|llamado|llamada|surnommée?|"
    r"appelée?|zwany|zwana)(?![\w])"
)
# Italian's, Portuguese's and Polish's words for calling oneself (ALIAS_NAME's).
MORE_ALIAS_WORDS = re.compile(
    r"(?<![\w])(?i:si[ \t]+fa(?:ceva|cevano|)[ \t]+chiamare|se[ \t]+fazia[ \t]+chamar|fazia-se[ \t]+chamar|"
    r"kazał[ \t]+(?:się[ \t]+)?nazywać|przedstawiał[ \t]+się[ \t]+jako|kutsui[ \t]+itseään)"
    rf"[ \t]*[:\"'«„“‘]?[ \t]*{_NICKNAME}(?![\w@])"
)

# Initials, or a given name and a surname's initial, with a town: "A.K. from Hartlepool", "Kamil
# S. z Wadowic", "J.V. uit Almere". The town of an anonymised person points to them.
_FROM = r"(?:from|of|aus|uit|van|z|ze|fra|från|de|d['’]|da|di|del|von)"
_AFTER_INITIALS = rf"[ \t]*,?[ \t]*(?:\(\d{{1,2}}\)[ \t]*)?{_FROM}[ \t]*"
INITIALS_WITH_TOWN = re.compile(
    rf"(?<![\w.]){INITIALS}{_AFTER_INITIALS}(?P<pii>{NAME_WORD}(?:[ \t-]+{NAME_WORD}){{0,2}})(?![\w@])"
)
# The same after a given name and a surname's initial ("Kamil S. z Wadowic"): the name is
# checked by recognizers.places (GIVEN_INITIAL_BEFORE, at the end of the text before the town).
GIVEN_INITIAL_WITH_TOWN = re.compile(
    rf"(?<![\w.]){NAME_WORD}[ \t]+[{UPPER}]\.{_AFTER_INITIALS}"
    rf"(?P<pii>{NAME_WORD}(?:[ \t-]+{NAME_WORD}){{0,2}})(?![\w@])"
)
GIVEN_INITIAL_BEFORE = re.compile(rf"(?P<given>{NAME_WORD})[ \t]+[{UPPER}]\.{_AFTER_INITIALS}$")
# A given name and a surname's initial: "Kamil S.", "Sara L." (recognizers.people checks the name).
GIVEN_NAME_AND_INITIAL = re.compile(rf"(?<![\w.])(?P<pii>{NAME_WORD}[ \t]+[{UPPER}]\.)(?![\w])")

# A school after a word for attending it, without the pupil's class: "Aisha attends Hollybrook
# Academy", "Er besucht die Erich-Kästner-Schule", "va au lycée Voltaire". Staff attend schools too
# ("the team went to St Mary's School"): recognizers.places reports it only when the one who
# attends is a relative, a young person or someone named.
_GOING_TO_SCHOOL = (
    r"attend(?:s|ed|ing)?|go(?:es)?[ \t]+to|went[ \t]+to|va[ \t]+(?:à|au)|allait[ \t]+(?:à|au)|"
    r"est[ \t]+scolarisée?[ \t]+(?:à|au)|"
    r"besuch(?:t|te)|geht[ \t]+(?:auf|in)|ging[ \t]+(?:auf|in)|zit[ \t]+op|zat[ \t]+op|gaat[ \t]+naar|"
    r"går[ \t]+på|gick[ \t]+på|gikk[ \t]+på|gik[ \t]+på|frequenta(?:va)?|va[ \t]+a|asiste[ \t]+a|"
    r"estudia[ \t]+en|estuda[ \t]+na|estuda[ \t]+no|frequenta[ \t]+a|chodzi[ \t]+do|uczy[ \t]+się[ \t]+w|"
    # Greek, Romanian (with and without diacritics), Czech, Slovak, Croatian, Bulgarian, Lithuanian
    r"πηγαίνει[ \t]+(?:στο|στην|σε)|πήγαινε[ \t]+(?:στο|στην|σε)|φοιτά[ \t]+(?:στο|στην|σε)|"
    r"(?:e|este|era)[ \t]+elev[ăa]?[ \t]+la|merge[ \t]+la|mergea[ \t]+la|înva[țţ][ăa][ \t]+la|invata[ \t]+la|"
    r"chodí[ \t]+do|chodil[a]?[ \t]+do|navštěvuje|navštevuje|pohađa|ide[ \t]+u|учи[ \t]+в|учи[ \t]+във|"
    r"mokosi"
)
# A school's number before its word: "2ο Γυμνάσιο Αιγάλεω", "1. gimnazija", "3rd Lyceum"
_SCHOOL_NUMBER = r"(?:\d{1,3}(?:ο|η|ª|º|st|nd|rd|th|\.)?[ \t]+)"
SCHOOL_NUMBER = re.compile(_SCHOOL_NUMBER)
_SCHOOL_ARTICLE = r"(?:(?i:the|la|le|l['’]|die|den|de|het|el|il|lo|a|o|al|alla)[ \t]*)?"
SCHOOL_OF_AN_ATTENDER = re.compile(
    rf"(?<![\w])(?i:{_GOING_TO_SCHOOL})[ \t]+{_SCHOOL_ARTICLE}"
    rf"(?P<pii>{_INSTITUTION_NAME}[ \t-]+{_SCHOOL_WORD}(?![\w])"
    rf"|{_SCHOOL_NUMBER}?{_SCHOOL_WORD}[ \t]+{_INSTITUTION_NAME}"
    rf"|{NAME_WORD}-(?i:Schule|Gymnasium|skolan|skolen|skole|koulu))"
    # Hungarian puts the pupil after the school, and its article before it (the anchor that keeps
    # the pattern linear): "a Fazekas Mihály Gimnázium tanulója", "a Petőfi Sándor Általános Iskolába jár"
    rf"|(?<![\w])(?i:a|az)[ \t]+(?P<hu>{_INSTITUTION_NAME}[ \t]+"
    r"(?i:gimnázium|gimnazium|iskol[aá]|technikum|szakközépiskol[aá])"
    r"(?i:ba|be|ban|ben|nak|nek|ának)?)[ \t]+(?i:tanulója|tanuloja|diákja|diakja|tanulói|diákjai|jár|jar|járt|"
    r"jart|tanul)(?![\w])"
)
