"""The RAN Collection template's own words: its labels and its instructions.

An importer drops these and keeps everything else. The French texts are those
of the French template (see ``practices/fixtures/templates/000_*.txt``); the
English ones are those of the English template. Instructions are kept one
sentence at a time, so that a sentence left alone in an answer is still found.
"""

# Titles of the template document itself.
PREAMBLES: dict[str, tuple[str, ...]] = {
    "en": ("RAN Collection Practice Template", "Template for the RAN Collection of Inspiring Practices"),
    "fr": ("Modèle de pratique de la Collection RAN", "Modèle pour la Collection RAN des pratiques inspirantes"),
}

INSTRUCTIONS: dict[str, tuple[str, ...]] = {
    "en": (
        # Name of the practice
        "By 'practice' we mean an activity/method/tool that is being or has been used by practitioners "
        "and/or community members.",
        # Description
        "Short description of the aim of the practice and of the working method used.",
        "Please note that in the description it must be clear that the practice is explicitly linked to "
        "preventing and/or countering radicalisation and/or violent extremism.",
        "This means that the objectives and/or activities/methods of the practice should be linked to "
        "preventing and countering radicalisation and/or violent extremism.",
        "Practices in which this link is not evident cannot be included in the RAN Collection.",
        # Key themes, target audience
        "Please select the two key themes that best fit the practice.",
        "Please select at least one target audience that best fits the practice.",
        # Geographical scope
        "Please indicate where the practice has been/is being implemented (countries, regions, cities).",
        # Start of the practice
        "Please indicate when (year) the practice was developed and implemented, to indicate its maturity.",
        "If the practice is no longer active, please indicate when it ended.",
        # Deliverables
        "Please indicate whether the practice has resulted in concrete deliverables, such as (links to) "
        "manuals, training modules, videos.",
        # Evidence and evaluation
        "Short description of the performance measures of the practice, including",
        "qualitative feedback and quantitative data (statistics), e.g. measuring the success of your "
        "project or intervention.",
        "evaluation and feedback, including surveys and/or empirical evidence.",
        "For example, did you conduct an internal or external evaluation?",
        "Did you encourage your target group to give feedback?",
        "peer review: what were the impressions of the RAN working group (possibly following a study "
        "visit) regarding the practice.",
        "Please specify the results of your monitoring and evaluation activities.",
        # Sustainability and transferability
        "Short description of the sustainability and transferability of the practice, including "
        "information on its costs.",
        "Please specify which elements are transferable and how.",
        # Presented and discussed in RAN meeting
        "Please note that to be included in the Collection, the practice should preferably have been "
        "presented in a RAN meeting.",
        "Indicate the name of the RAN working group/event, the date, the location and the subject of the meeting.",
        # Linked to other EU initiatives or EU funding
        "Please indicate how your project has been funded, whether your practice is linked to other EU "
        "initiatives or projects AND clearly state whether it is (co-)funded by the EU and, if so, by "
        "which funds.",
        "Examples: Erasmus+, Internal Security Fund (ISF), European Social Fund (ESF), Horizon 2020, etc.",
        # Organisation
        "(Insert a description of max. 100 words and select the type of organisation)",
        "Briefly describe the organisation behind this practice, including its legal status, e.g. NGO, "
        "state body, limited company, charity, etc.",
        # Country of origin, contact details
        "Country where the practice is being used.",
        "Please provide the contact details of the person to contact in the organisation, including "
        "their name and e-mail address.",
    ),
    "fr": (
        # Nom de la pratique
        "Par « pratique » nous entendons une activité/méthode/outil utilisé actuellement ou par le passé "
        "par des professionnels et/ou membres de la communauté.",
        # Description
        "Courte description de l'objectif de la pratique et de la méthode de travail utilisée.",
        "Notez que dans cette description, il doit être clair que la pratique est liée de manière "
        "explicite à la prévention et/ou lutte contre la radicalisation et/ou l'extrémisme violent.",
        "Cela signifie que les objectifs et/ou les activités/méthodes de la pratique doivent être liés à "
        "la prévention et la lutte contre la radicalisation et/ou l'extrémisme violent.",
        "Les pratiques dans lesquelles ce lien n'est pas évident ne peuvent figurer dans la Collection RAN",
        # Principaux thèmes, public cible
        "Veuillez sélectionner les deux thèmes clés qui correspondent le mieux à la pratique.",
        "Veuillez choisir au moins un public cible correspondant le mieux à la pratique.",
        # Couverture géographique
        "Veuillez indiquer où la pratique a été/est mise en œuvre (pays, régions, villes).",
        # Début de la pratique
        "Veuillez indiquer quand (année) la pratique a été développée et mise en œuvre afin d'indiquer sa maturité.",
        "Si la pratique n'est plus active, veuillez indiquer quand elle a pris fin.",
        # Produits livrables
        "Veillez indiquer si la pratique a débouché sur des réalisations concrètes, telles que (des liens "
        "vers) des manuels, modules de formation, vidéos.",
        # Faits et évaluation
        "Courte description des mesures de performance de la pratique, comprenant",
        "des avis qualitatifs et des données quantitatives (statistiques), par exemple la mesure de la "
        "réussite de votre projet ou intervention.",
        "une évaluation et des avis, y compris des enquêtes et/ou preuves empiriques.",
        "Par exemple, avez-vous procédé à une évaluation interne ou externe ?",
        "Avez-vous encouragé votre groupe cible à vous donner son avis ?",
        "un examen par des pairs : quelles ont été les impressions du groupe de travail du RAN "
        "(éventuellement suite à une visite d'étude) concernant la pratique.",
        "Veillez préciser les résultats de vos activités de surveillance et d'évaluation.",
        # Durabilité et transférabilité
        "Courte description de la pérennité et de la transférabilité de la pratique, notamment des "
        "informations sur ses coûts.",
        "Veillez préciser quels éléments sont transférables et comment.",
        # Présentation et discussion lors d'une réunion du RAN
        "Notez que pour figurer dans la Collection, la pratique doit de préférence être désignée lors "
        "d'une réunion du RAN.",
        "Indiquez le nom du groupe de travail/événement du RAN, la date, le lieu et l'objet de la réunion.",
        # Liens avec d'autres initiatives ou financements de l'UE
        "Indiquez comment votre projet a été financé, si votre pratique est liée à d'autres initiatives "
        "ou projets de l'UE ET indiquez clairement s'il est (co)financé par l'UE et, si c'est le cas, "
        "par quels fonds.",
        "Exemples : Erasmus +, Fonds pour la sécurité intérieure (FSI), Fonds social européen (FSE), "
        "Horizon 2020, etc.",
        # Organisation
        "(Insérez une description de 100 mots maximum et sélectionnez le type d'organisation)",
        "Décrivez brièvement l'organisation à l'origine de cette pratique, notamment son statut légal, "
        "p.ex. ONG, organisme de l'État, société limitée, organisation caritative, etc.",
        # Pays d'origine, contacts
        "Pays dans lequel la pratique est utilisée.",
        "Veuillez préciser les coordonnées de la personne à contacter dans l'organisation, notamment son "
        "nom et son adresse e-mail.",
    ),
}

# Every way the template (or a writer copying it) names a field, by language;
# "" marks a label that reads the same in English and French. The field's own
# ``label_en`` and ``label_fr`` from ``template_fields`` are added to these.
# "organisation_type" is not a field: its answer joins the organisation's text
# as a "Type of organisation: ..." line, read with the organisation.
LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "title": {
        "en": ("Name of practice", "Title of the practice", "Practice name", "Title"),
        "fr": ("Titre de la pratique", "Titre"),
    },
    "description": {"": ("Description",)},
    "peer_reviewed": {"en": ("Peer-reviewed", "Peer review"), "fr": ("Examen par les pairs", "Évalué par les pairs")},
    "key_themes": {"en": ("Key theme", "Main themes"), "fr": ("Thèmes principaux", "Thèmes clés")},
    "target_audiences": {
        "en": ("Target audiences", "Target groups", "Target group"),
        "fr": ("Publics cibles", "Groupe cible"),
    },
    "geographical_scope": {"en": ("Geographic scope",), "fr": ("Portée géographique",)},
    "start": {"en": ("Start date",), "fr": ()},
    "deliverables": {"en": (), "fr": ("Livrables",)},
    "evidence_evaluation": {"en": ("Evidence & evaluation",), "fr": ("Preuves et évaluation",)},
    "sustainability_transferability": {
        "en": ("Sustainability & transferability",),
        "fr": ("Pérennité et transférabilité",),
    },
    "ran_meetings": {
        "en": ("Presented and discussed in a RAN meeting", "Presented and discussed in RAN meetings"),
        "fr": ("Présentée et discutée lors d'une réunion du RAN",),
    },
    "eu_links_funding": {
        "en": (
            "Links to other EU initiatives or EU funding",
            "Linked to other EU initiatives or funding",
            # the editions up to 2019
            "Relation to other EC initiatives",
            "Relation to other EU initiatives",
        ),
        "fr": ("Liens avec d'autres initiatives ou financement de l'UE",),
    },
    "organisation": {"": ("Organisation",), "en": ("Organization",), "fr": ("Organisme",)},
    "organisation_type": {
        "en": ("Type of organisation", "Type of organization", "Organisation type", "Organization type"),
        "fr": ("Type d'organisation", "Type d'organisme"),
    },
    "country": {"en": ("Country",), "fr": ("Pays",)},
    "contact": {"": ("Contact", "Contacts"), "en": (), "fr": ("Coordonnées", "Personne de contact")},
    "last_update": {"en": ("Last updated", "Date of last update"), "fr": ("Mise à jour",)},
}


# The template's labels as writers translate it into the other practice languages (German, Dutch,
# Swedish, Danish, Norwegian, Finnish, Spanish, Italian) and into the languages of other member states
# whose practitioners send practices (Polish, Portuguese, Czech, Greek, Slovenian, Hungarian, Estonian,
# Romanian, Croatian, Slovak, Bulgarian, Latvian, Lithuanian: their texts are not stemmed, but their labels
# name the fields all the same): a template filled in with
# translated labels maps to its fields instead of landing whole in the description. Only labels that name
# their field unmistakably: never a word as common at the start of a line as "Land" or "Stand".
TRANSLATED_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "title": {
        "de": ("Name der Praxis", "Titel der Praxis", "Bezeichnung der Praxis"),
        "nl": ("Naam van de praktijk", "Titel van de praktijk"),
        "sv": ("Praktikens namn", "Namn på praktiken"),
        "da": ("Praksissens navn", "Navn på praksis", "Navn på praksissen"),
        "no": ("Navn på praksisen", "Praksisens navn", "Navn på praksis"),
        "es": ("Nombre de la práctica", "Título de la práctica"),
        "it": ("Nome della pratica", "Titolo della pratica"),
        "fi": ("Käytännön nimi", "Toimintamallin nimi"),
        "pl": ("Nazwa praktyki", "Tytuł praktyki"),
        "pt": ("Nome da prática", "Título da prática"),
        "cs": ("Název praxe", "Název praktiky"),
        "el": ("Όνομα της πρακτικής", "Όνομα πρακτικής", "Τίτλος της πρακτικής"),
        "sl": ("Ime prakse", "Naziv prakse"),
        "hu": ("A gyakorlat neve", "A gyakorlat megnevezése"),
        "et": ("Praktika nimi", "Praktika nimetus"),
        "ro": ("Denumirea practicii", "Numele practicii", "Titlul practicii", "Denumire practică"),
        "hr": ("Naziv prakse", "Ime prakse"),
        "sk": ("Názov praxe", "Názov postupu", "Názov osvedčeného postupu"),
        "bg": ("Наименование на практиката", "Име на практиката", "Название на практиката"),
        "lv": ("Prakses nosaukums",),
        "lt": ("Praktikos pavadinimas",),
    },
    "description": {
        "de": ("Beschreibung",),
        "nl": ("Beschrijving", "Omschrijving"),
        "sv": ("Beskrivning",),
        "da": ("Beskrivelse",),
        "no": ("Beskrivelse",),
        "es": ("Descripción",),
        "it": ("Descrizione",),
        "fi": ("Kuvaus",),
        "pl": ("Opis",),
        "pt": ("Descrição",),
        "cs": ("Popis",),
        "el": ("Περιγραφή",),
        "sl": ("Opis",),
        "hu": ("Leírás",),
        "et": ("Kirjeldus",),
        "ro": ("Descriere", "Descrierea practicii"),
        "hr": ("Opis", "Opis prakse"),
        "sk": ("Popis", "Opis"),
        "bg": ("Описание",),
        "lv": ("Apraksts",),
        "lt": ("Aprašymas", "Aprašas"),
    },
    "peer_reviewed": {
        "de": ("Peer-Review", "Von Fachkollegen begutachtet"),
        "nl": ("Collegiaal getoetst", "Collegiale toetsing", "Intercollegiale toetsing", "Peer-reviewed"),
        "sv": ("Kollegialt granskad", "Kollegial granskning"),
        "da": ("Fagfællebedømt", "Fagfællebedømmelse"),
        "no": ("Fagfellevurdert", "Fagfellevurdering"),
        "es": ("Revisado por pares", "Revisión por pares"),
        "it": ("Revisione tra pari", "Valutato da pari", "Revisione paritaria"),
        "fi": ("Vertaisarvioitu", "Vertaisarviointi"),
        "pl": ("Wzajemna ocena", "Ocena partnerska"),
        "pt": ("Revisão por pares", "Avaliado por pares"),
        "cs": ("Vzájemné hodnocení", "Recenzováno", "Recenzní řízení"),
        "el": ("Αξιολόγηση από ομότιμους",),
        "sl": ("Strokovni pregled", "Medsebojni pregled"),
        "hu": ("Szakértői értékelés", "Szakmai értékelés"),
        "et": ("Vastastikune hindamine", "Eksperthinnang"),
        "ro": ("Evaluare inter pares", "Evaluat de colegi", "Evaluare colegială", "Evaluare de către experți"),
        "hr": ("Stručna recenzija", "Recenzirano", "Recenzija", "Stručno recenzirano"),
        "sk": ("Vzájomné hodnotenie", "Partnerské hodnotenie", "Odborné posúdenie"),
        "bg": ("Партньорска оценка", "Партньорска проверка", "Експертна оценка", "Рецензирана"),
        "lv": ("Salīdzinošā izvērtēšana", "Ekspertu izvērtējums", "Salīdzinošā pārskatīšana"),
        "lt": ("Tarpusavio vertinimas", "Ekspertinis vertinimas", "Kolegų vertinimas"),
    },
    "key_themes": {
        "de": ("Hauptthemen", "Schlüsselthemen", "Kernthemen"),
        "nl": ("Kernthema's", "Hoofdthema's", "Belangrijkste thema's"),
        "sv": ("Huvudteman", "Nyckelteman"),
        "da": ("Hovedtemaer", "Nøgletemaer"),
        "no": ("Hovedtemaer", "Nøkkeltemaer"),
        "es": ("Temas clave", "Temas principales"),
        "it": ("Temi chiave", "Temi principali"),
        "fi": ("Pääteemat", "Keskeiset teemat", "Avainteemat"),
        "pl": ("Kluczowe tematy", "Główne tematy"),
        "pt": ("Temas principais", "Temas-chave", "Temas chave"),
        "cs": ("Klíčová témata", "Hlavní témata"),
        "el": ("Βασικά θέματα", "Κύρια θέματα"),
        "sl": ("Ključne teme", "Glavne teme"),
        "hu": ("Fő témák", "Kulcstémák"),
        "et": ("Põhiteemad", "Võtmeteemad"),
        "ro": ("Teme principale", "Teme cheie", "Temele principale"),
        "hr": ("Ključne teme", "Glavne teme"),
        "sk": ("Kľúčové témy", "Hlavné témy"),
        "bg": ("Ключови теми", "Основни теми"),
        "lv": ("Galvenās tēmas", "Pamattēmas"),
        "lt": ("Pagrindinės temos",),
    },
    "target_audiences": {
        "de": ("Zielgruppe", "Zielgruppen"),
        "nl": ("Doelgroep", "Doelgroepen"),
        "sv": ("Målgrupp", "Målgrupper"),
        "da": ("Målgruppe", "Målgrupper"),
        "no": ("Målgruppe", "Målgrupper"),
        "es": ("Público objetivo", "Destinatarios", "Grupo destinatario", "Público destinatario"),
        "it": ("Destinatari", "Gruppo target", "Pubblico di riferimento", "Pubblico destinatario"),
        "fi": ("Kohderyhmä", "Kohderyhmät"),
        "pl": ("Grupa docelowa", "Grupy docelowe"),
        "pt": ("Público-alvo", "Público alvo"),
        "cs": ("Cílová skupina", "Cílové skupiny"),
        "el": ("Κοινό-στόχος", "Κοινό στόχος", "Ομάδα-στόχος", "Ομάδα στόχος"),
        "sl": ("Ciljna skupina", "Ciljne skupine"),
        "hu": ("Célcsoport", "Célcsoportok"),
        "et": ("Sihtrühm", "Sihtrühmad"),
        "ro": ("Public țintă", "Publicul țintă", "Grup țintă", "Grupul țintă"),
        "hr": ("Ciljana skupina", "Ciljna skupina", "Ciljane skupine", "Ciljana publika"),
        "sk": ("Cieľová skupina", "Cieľové skupiny"),
        "bg": ("Целева група", "Целеви групи", "Целева аудитория"),
        "lv": ("Mērķauditorija", "Mērķgrupa", "Mērķgrupas"),
        "lt": ("Tikslinė grupė", "Tikslinės grupės", "Tikslinė auditorija"),
    },
    "geographical_scope": {
        "de": ("Geografischer Geltungsbereich", "Geographischer Geltungsbereich", "Geografische Reichweite"),
        "nl": ("Geografisch bereik", "Geografische reikwijdte"),
        "sv": ("Geografisk omfattning", "Geografisk räckvidd"),
        "da": ("Geografisk omfang", "Geografisk rækkevidde"),
        "no": ("Geografisk omfang", "Geografisk rekkevidde"),
        "es": ("Ámbito geográfico", "Alcance geográfico"),
        "it": ("Ambito geografico", "Copertura geografica"),
        "fi": ("Maantieteellinen kattavuus", "Maantieteellinen laajuus"),
        "pl": ("Zasięg geograficzny",),
        "pt": ("Âmbito geográfico", "Alcance geográfico"),
        "cs": ("Geografický rozsah", "Územní působnost"),
        "el": ("Γεωγραφική εμβέλεια", "Γεωγραφικό πεδίο"),
        "sl": ("Geografski obseg",),
        "hu": ("Földrajzi hatókör",),
        "et": ("Geograafiline ulatus",),
        "ro": ("Acoperire geografică", "Aria geografică", "Acoperirea geografică"),
        "hr": ("Geografski obuhvat", "Geografski opseg"),
        "sk": ("Geografický rozsah", "Geografická pôsobnosť"),
        "bg": ("Географски обхват",),
        "lv": ("Ģeogrāfiskais tvērums", "Ģeogrāfiskais aptvērums"),
        "lt": ("Geografinė aprėptis", "Geografinis mastas"),
    },
    "start": {
        "de": ("Beginn der Praxis", "Start der Praxis"),
        "nl": ("Start van de praktijk", "Begin van de praktijk"),
        "sv": ("Praktikens start", "Start av praktiken"),
        "da": ("Start af praksis", "Praksissens start"),
        "no": ("Oppstart av praksisen", "Start på praksisen"),
        "es": ("Inicio de la práctica",),
        "it": ("Inizio della pratica", "Avvio della pratica"),
        "fi": ("Käytännön aloitus", "Käytännön alkamisvuosi", "Aloitusvuosi"),
        "pl": ("Rozpoczęcie praktyki", "Początek praktyki"),
        "pt": ("Início da prática",),
        "cs": ("Začátek praxe", "Zahájení praxe"),
        "el": ("Έναρξη της πρακτικής", "Έναρξη πρακτικής"),
        "sl": ("Začetek prakse",),
        "hu": ("A gyakorlat kezdete",),
        "et": ("Praktika algus",),
        "ro": ("Începutul practicii", "Data începerii", "Anul începerii"),
        "hr": ("Početak prakse", "Početak provedbe"),
        "sk": ("Začiatok praxe", "Začiatok postupu"),
        "bg": ("Начало на практиката", "Начало на прилагане"),
        "lv": ("Prakses sākums", "Prakses uzsākšana"),
        "lt": ("Praktikos pradžia", "Praktikos pradžios metai"),
    },
    "deliverables": {
        "de": ("Ergebnisse und Produkte", "Arbeitsergebnisse"),
        "nl": ("Opgeleverde producten", "Resultaten en producten"),
        "sv": ("Leveranser",),
        "da": ("Leverancer",),
        "no": ("Leveranser",),
        "es": ("Productos entregables", "Entregables"),
        "it": ("Prodotti realizzati", "Risultati concreti"),
        "fi": ("Tuotokset",),
        "pl": ("Produkty końcowe",),
        "pt": ("Produtos", "Entregáveis"),
        "cs": ("Výstupy",),
        "el": ("Παραδοτέα",),
        "sl": ("Izdelki",),
        "hu": ("Termékek",),
        "et": ("Väljundid",),
        "ro": ("Livrabile", "Produse livrabile", "Rezultate concrete"),
        "hr": ("Konkretni rezultati", "Isporučevine"),
        "sk": ("Výstupy", "Konkrétne výstupy"),
        "bg": ("Крайни продукти", "Конкретни резултати"),
        "lv": ("Nodevumi", "Konkrēti rezultāti"),
        "lt": ("Galutiniai rezultatai", "Konkretūs rezultatai"),
    },
    "evidence_evaluation": {
        "de": (
            "Nachweise und Evaluation",
            "Evidenz und Evaluation",
            "Belege und Evaluation",
            "Nachweise und Evaluierung",
        ),
        "nl": ("Bewijs en evaluatie", "Onderbouwing en evaluatie"),
        "sv": ("Evidens och utvärdering", "Belägg och utvärdering"),
        "da": ("Evidens og evaluering", "Dokumentation og evaluering"),
        "no": ("Evidens og evaluering", "Dokumentasjon og evaluering"),
        "es": ("Evidencia y evaluación", "Pruebas y evaluación"),
        "it": ("Evidenze e valutazione", "Prove e valutazione"),
        "fi": ("Näyttö ja arviointi", "Vaikuttavuus ja arviointi"),
        "pl": ("Dowody i ewaluacja", "Dowody i ocena"),
        "pt": ("Evidências e avaliação",),
        "cs": ("Důkazy a hodnocení",),
        "el": ("Τεκμηρίωση και αξιολόγηση",),
        "sl": ("Dokazi in vrednotenje",),
        "hu": ("Bizonyítékok és értékelés",),
        "et": ("Tõendid ja hindamine",),
        "ro": ("Dovezi și evaluare",),
        "hr": ("Dokazi i evaluacija", "Dokazi i vrednovanje"),
        "sk": ("Dôkazy a hodnotenie",),
        "bg": ("Доказателства и оценка",),
        "lv": ("Pierādījumi un izvērtēšana", "Pierādījumi un novērtējums"),
        "lt": ("Įrodymai ir vertinimas",),
    },
    "sustainability_transferability": {
        "de": ("Nachhaltigkeit und Übertragbarkeit",),
        "nl": ("Duurzaamheid en overdraagbaarheid",),
        "sv": ("Hållbarhet och överförbarhet",),
        "da": ("Bæredygtighed og overførbarhed",),
        "no": ("Bærekraft og overførbarhet",),
        "es": ("Sostenibilidad y transferibilidad",),
        "it": ("Sostenibilità e trasferibilità",),
        "fi": ("Kestävyys ja siirrettävyys",),
        "pl": ("Trwałość i możliwość przeniesienia",),
        "pt": ("Sustentabilidade e transferibilidade",),
        "cs": ("Udržitelnost a přenositelnost",),
        "el": ("Βιωσιμότητα και δυνατότητα μεταφοράς",),
        "sl": ("Trajnost in prenosljivost",),
        "hu": ("Fenntarthatóság és átadhatóság",),
        "et": ("Jätkusuutlikkus ja ülekantavus",),
        "ro": ("Sustenabilitate și transferabilitate", "Durabilitate și transferabilitate"),
        "hr": ("Održivost i prenosivost",),
        "sk": ("Udržateľnosť a prenosnosť", "Udržateľnosť a prenositeľnosť"),
        "bg": ("Устойчивост и преносимост", "Устойчивост и приложимост"),
        "lv": ("Ilgtspēja un pārnesamība", "Ilgtspēja un pārnesība"),
        "lt": ("Tvarumas ir perkeliamumas",),
    },
    "ran_meetings": {
        "de": ("Vorgestellt und diskutiert in einem RAN-Treffen", "Vorgestellt und diskutiert bei einem RAN-Treffen"),
        "nl": (
            "Gepresenteerd en besproken tijdens een RAN-bijeenkomst",
            "Gepresenteerd en besproken in een RAN-bijeenkomst",
        ),
        "sv": ("Presenterad och diskuterad vid ett RAN-möte",),
        "da": ("Præsenteret og drøftet på et RAN-møde",),
        "no": ("Presentert og diskutert på et RAN-møte",),
        "es": ("Presentada y debatida en una reunión de la RAN", "Presentada y debatida en una reunión de RAN"),
        "it": ("Presentata e discussa in una riunione della RAN", "Presentata e discussa in una riunione RAN"),
        "fi": ("Esitelty ja käsitelty RAN-kokouksessa",),
        "pl": ("Przedstawiona i omówiona na spotkaniu RAN",),
        "pt": ("Apresentada e discutida numa reunião da RAN",),
        "cs": ("Prezentováno a projednáno na setkání RAN",),
        "el": ("Παρουσιάστηκε και συζητήθηκε σε συνάντηση του RAN",),
        "sl": ("Predstavljeno in obravnavano na srečanju RAN",),
        "hu": ("Bemutatva és megvitatva RAN-találkozón",),
        "et": ("Esitletud ja arutatud RAN-i kohtumisel",),
        "ro": ("Prezentată și discutată în cadrul unei reuniuni RAN", "Prezentată și discutată la o reuniune RAN"),
        "hr": ("Predstavljeno i raspravljeno na sastanku RAN-a", "Predstavljeno i raspravljeno na sastanku RAN"),
        "sk": ("Prezentované a diskutované na stretnutí RAN",),
        "bg": ("Представена и обсъдена на среща на RAN",),
        "lv": ("Prezentēts un apspriests RAN sanāksmē",),
        "lt": ("Pristatyta ir aptarta RAN susitikime",),
    },
    "eu_links_funding": {
        "de": (
            "Verbindung zu anderen EU-Initiativen oder EU-Förderung",
            "Bezug zu anderen EU-Initiativen oder EU-Finanzierung",
        ),
        "nl": (
            "Verband met andere EU-initiatieven of EU-financiering",
            "Gekoppeld aan andere EU-initiatieven of EU-financiering",
        ),
        "sv": ("Koppling till andra EU-initiativ eller EU-finansiering",),
        "da": ("Forbindelse til andre EU-initiativer eller EU-finansiering",),
        "no": ("Tilknytning til andre EU-initiativer eller EU-finansiering",),
        "es": ("Vínculos con otras iniciativas de la UE o financiación de la UE",),
        "it": ("Collegamenti con altre iniziative dell'UE o finanziamenti dell'UE",),
        "fi": ("Yhteydet muihin EU-aloitteisiin tai EU-rahoitukseen",),
        "pl": ("Powiązania z innymi inicjatywami UE lub finansowaniem UE",),
        "pt": ("Ligação a outras iniciativas da UE ou financiamento da UE",),
        "cs": ("Propojení s jinými iniciativami EU nebo financováním EU",),
        "el": ("Σύνδεση με άλλες πρωτοβουλίες της ΕΕ ή χρηματοδότηση της ΕΕ",),
        "sl": ("Povezave z drugimi pobudami EU ali financiranjem EU",),
        "hu": ("Kapcsolódás más uniós kezdeményezésekhez vagy uniós finanszírozáshoz",),
        "et": ("Seos teiste ELi algatuste või ELi rahastusega",),
        "ro": (
            "Legături cu alte inițiative UE sau finanțare UE",
            "Legături cu alte inițiative ale UE sau finanțare din partea UE",
        ),
        "hr": (
            "Povezanost s drugim inicijativama EU-a ili financiranjem EU-a",
            "Poveznice s drugim inicijativama EU-a ili financiranjem EU-a",
        ),
        "sk": ("Prepojenie s inými iniciatívami EÚ alebo financovaním EÚ",),
        "bg": ("Връзки с други инициативи на ЕС или финансиране от ЕС",),
        "lv": ("Saistība ar citām ES iniciatīvām vai ES finansējumu",),
        "lt": (
            "Sąsajos su kitomis ES iniciatyvomis ar ES finansavimu",
            "Sąsajos su kitomis ES iniciatyvomis arba ES finansavimu",
        ),
    },
    "organisation": {
        "de": ("Träger",),
        "nl": ("Organisatie",),
        "no": ("Organisasjon",),
        "es": ("Organización",),
        "it": ("Organizzazione",),
        "fi": ("Organisaatio",),
        "pl": ("Organizacja",),
        "pt": ("Organização",),
        "cs": ("Organizace",),
        "el": ("Οργανισμός", "Φορέας"),
        "sl": ("Organizacija",),
        "hu": ("Szervezet",),
        "et": ("Organisatsioon",),
        "ro": ("Organizația", "Organizație", "Organizaţia"),
        "hr": ("Organizacija",),
        "sk": ("Organizácia",),
        "bg": ("Организация", "Организацията"),
        "lv": ("Organizācija",),
        "lt": ("Organizacija",),
    },
    "country": {
        "de": ("Herkunftsland",),
        "nl": ("Land van herkomst",),
        "sv": ("Ursprungsland",),
        "da": ("Oprindelsesland",),
        "no": ("Opprinnelsesland",),
        "es": ("País de origen",),
        "it": ("Paese di origine",),
        "fi": ("Alkuperämaa",),
        "pl": ("Kraj pochodzenia",),
        "pt": ("País de origem",),
        "cs": ("Země původu",),
        "el": ("Χώρα προέλευσης",),
        "sl": ("Država izvora",),
        "hu": ("Származási ország",),
        "et": ("Päritoluriik",),
        "ro": ("Țara de origine", "Ţara de origine"),
        "hr": ("Zemlja podrijetla", "Država podrijetla"),
        "sk": ("Krajina pôvodu",),
        "bg": ("Държава на произход", "Страна на произход"),
        "lv": ("Izcelsmes valsts",),
        "lt": ("Kilmės šalis",),
    },
    "contact": {
        "de": ("Kontaktdaten", "Ansprechpartner", "Ansprechperson"),
        "nl": ("Contactgegevens", "Contactpersoon"),
        "sv": ("Kontaktuppgifter", "Kontaktperson"),
        "da": ("Kontaktoplysninger", "Kontaktperson"),
        "no": ("Kontaktinformasjon", "Kontaktperson"),
        "es": ("Datos de contacto", "Persona de contacto", "Contacto", "Contactos"),
        "it": ("Recapiti", "Persona di contatto", "Contatti", "Contatto"),
        "fi": ("Yhteystiedot",),
        "pl": ("Dane kontaktowe", "Osoba kontaktowa"),
        "pt": ("Contactos", "Contatos", "Pessoa de contacto"),
        "cs": ("Kontaktní údaje", "Kontaktní osoba"),
        "el": ("Στοιχεία επικοινωνίας",),
        "sl": ("Kontaktni podatki", "Kontaktna oseba"),
        "hu": ("Elérhetőségek", "Kapcsolattartó"),
        "et": ("Kontaktandmed", "Kontaktisik"),
        "ro": ("Date de contact", "Persoană de contact", "Persoana de contact"),
        "hr": ("Kontakt podaci", "Kontaktni podaci", "Kontakt osoba", "Osoba za kontakt"),
        "sk": ("Kontaktné údaje", "Kontaktná osoba"),
        "bg": ("Данни за контакт", "Координати за връзка", "Лице за контакт"),
        "lv": ("Kontaktinformācija", "Kontaktpersona"),
        "lt": ("Kontaktiniai duomenys", "Kontaktinis asmuo"),
    },
    "last_update": {
        "de": ("Letzte Aktualisierung", "Zuletzt aktualisiert"),
        "nl": ("Laatste update", "Laatst bijgewerkt"),
        "sv": ("Senast uppdaterad", "Senaste uppdatering"),
        "da": ("Senest opdateret", "Seneste opdatering"),
        "no": ("Sist oppdatert", "Siste oppdatering"),
        "es": ("Última actualización",),
        "it": ("Ultimo aggiornamento",),
        "fi": ("Viimeisin päivitys", "Päivitetty viimeksi"),
        "pl": ("Ostatnia aktualizacja",),
        "pt": ("Última atualização", "Última actualização"),
        "cs": ("Poslední aktualizace",),
        "el": ("Τελευταία ενημέρωση",),
        "sl": ("Zadnja posodobitev",),
        "hu": ("Utolsó frissítés",),
        "et": ("Viimane uuendus", "Viimati uuendatud"),
        "ro": ("Ultima actualizare", "Data ultimei actualizări"),
        "hr": ("Posljednje ažuriranje", "Zadnje ažuriranje"),
        "sk": ("Posledná aktualizácia",),
        "bg": ("Последна актуализация",),
        "lv": ("Pēdējā atjaunināšana", "Pēdējoreiz atjaunināts", "Pēdējā aktualizācija"),
        "lt": ("Paskutinis atnaujinimas", "Paskutinį kartą atnaujinta"),
    },
}

# Labels read only where a document marks them as labels (a table's label cell), never at the
# start of a line of running text, where the word opens a sentence as often as a section
# ("Approach: we meet the families weekly."). The collection's editions up to 2019 filed each
# practice under approaches, the key themes' forerunners ("Exit strategies", "Family support"...).
# Writers who rename the template's fields shorten them the same way ("Themes", "Audience", "Target group",
# "Year started"): read in a label cell or a heading that holds nothing else, never at the start of a line.
# A line holding only such a label and a colon ("Thema's:") is one too, as a label alone on its line.
CELL_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "key_themes": {
        "en": ("Approach", "Approaches", "Themes", "Main themes"),
        "fr": ("Approche", "Approches", "Thèmes"),
        "de": ("Themen",),
        "nl": ("Thema's", "Thema’s", "Themas"),
        "sv": ("Teman",),
        "da": ("Temaer",),
        "pl": ("Tematy",),
        "es": ("Temas",),
        "it": ("Temi",),
        "el": ("Θέματα",),
    },
    "target_audiences": {
        "en": ("Audience", "Audiences", "Target group", "Target groups"),
        "fr": ("Public", "Publics", "Groupe cible", "Groupes cibles"),
    },
    "start": {
        "en": ("Year started", "Start year", "Starting year", "Start", "Duration", "Period", "Timeframe"),
        "fr": ("Année de début", "Année de lancement", "Début", "Durée", "Période"),
        "de": ("Beginn", "Laufzeit", "Zeitraum"),
        "nl": ("Looptijd", "Periode"),
        "sv": ("Tidsperiod", "Period"),
        "pl": ("Okres realizacji", "Czas trwania"),
    },
}


def all_instructions() -> list[tuple[str, str]]:
    """Every instruction and preamble text with its language, longest first."""
    pairs = [(text, lang) for lang, texts in INSTRUCTIONS.items() for text in texts]
    pairs += [(text, lang) for lang, texts in PREAMBLES.items() for text in texts]
    return sorted(pairs, key=lambda pair: -len(pair[0]))
