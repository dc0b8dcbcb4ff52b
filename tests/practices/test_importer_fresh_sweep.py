"""A sweep of 24 filled-in templates the importer had never met, written as practitioners write them: in
English, French, German, Dutch, Swedish, Italian, Spanish, Danish, Finnish and Norwegian; as text, Markdown,
HTML, Rich Text, Word (a table, bold labels), PDF and OpenDocument; answers on the label's line or under it,
numbered, renamed and translated labels, check boxes (☒, ☑, [x], a lone X, "yes"/"oui" beside each option), a
table with a numbering column, answers left blank or "n/a", the template's guidance left in, bullet lists,
sections the template lacks.

First run: 130 of 152 fields right, 13 of 24 documents whole; after the fixes 150 of 152 (the two left were
strict xfails; since the fourth sweep 151: "Participación y empoderamiento de la comunidad" is read).
Every invented name, address and number here is fictional (example.org, 000 numbers).
"""

import pytest

from practices.importer import import_document
from tests.practices.template_sweep import (
    Case,
    check_fields,
    check_kept,
    docx_paragraphs,
    docx_table,
    odt_from_markdown,
    params,
    pdf_lines,
    text,
)

CASES = [
    # 1. English, answers on the same line as the question, guidance left in after the label
    Case(
        "en-same-line-guidance",
        "bridges.txt",
        text(
            "Name of the practice: Bridges Mentoring",
            "Description (max. 300 words): Short description of the aim of the practice and of the working "
            "method used. Bridges pairs young people drawn to violent extremism with trained volunteer mentors "
            "for twelve months to prevent radicalisation.",
            "Peer reviewed: No",
            "Key themes (select the two that fit best): Vulnerable youth and youth engagement, (Early) prevention",
            "Target audience (at least one): Youth/pupils/students; Families",
            "Geographical scope (countries, regions, cities): Leeds and Bradford, West Yorkshire",
            "Start of the practice (year; end year if no longer active): 2016",
            "Organisation (max. 100 words; select the type of organisation): Bridges Trust. A registered "
            "charity working in West Yorkshire. Type of organisation: NGO",
            "Country of origin: United Kingdom",
            "Contact details: info@example.org",
            "Last update (year): 2023",
        ),
        {
            "title": "Bridges Mentoring",
            "peer_reviewed": False,
            "key_themes": ["youth-engagement", "early-prevention"],
            "target_audiences": ["youth-pupils-students", "families"],
            "country": "GB",
            "start_year": 2016,
            "last_update_year": 2023,
            "organisation.name": "Bridges Trust",
            "organisation.type": "ngo",
        },
        ("twelve months", "Leeds and Bradford", "info@example.org"),
    ),
    # 2. English, answers under the question, numbered headings, check boxes ☒/☐, "n/a" answers
    Case(
        "en-numbered-boxes-na",
        "safe-spaces.md",
        text(
            "# RAN Collection practice template",
            "",
            "## 1. Name of the practice",
            "Safe Spaces Online",
            "",
            "## 2. Description",
            "Youth workers moderate online forums where teenagers discuss extremist content, to counter "
            "online radicalisation.",
            "",
            "## 3. Peer reviewed",
            "n/a",
            "",
            "## 4. Key themes",
            "☒ New technologies and the online dimension",
            "☐ Family support",
            "☒ Alternative and counter narratives",
            "☐ Exit strategies",
            "",
            "## 5. Target audience",
            "☐ Families",
            "☒ Online community",
            "☒ Youth/pupils/students",
            "",
            "## 6. Deliverables",
            "n/a",
            "",
            "## 7. Start of the practice",
            "2019 – 2022 (pilot ended)",
            "",
            "## 8. Country of origin",
            "Ireland",
        ),
        {
            "title": "Safe Spaces Online",
            "peer_reviewed": None,
            "key_themes": ["online-dimension", "alternative-counter-narratives"],
            "target_audiences": ["online-community", "youth-pupils-students"],
            "country": "IE",
            "start_year": 2019,
            "end_year": 2022,
        },
        ("moderate online forums", "pilot ended"),
    ),
    # 3. English, a Word table with the fields, an extra "Budget" row and bullet lists
    Case(
        "en-docx-table-extra-row",
        "circle.docx",
        docx_table(
            [
                ("Name of the practice", "Community Circle"),
                (
                    "Description",
                    "Community Circle brings imams, police and parents together each month to build trust "
                    "and counter polarisation in the district.",
                ),
                ("Peer reviewed", "Yes"),
                ("Key themes", "• Community engagement and empowerment\n• Social cohesion and polarisation"),
                ("Target audience", "• Religious communities\n• Law enforcement\n• Families"),
                ("Budget", "EUR 40,000 a year from the city"),
                ("Start of the practice", "2017"),
                ("Organisation", "City of Malmö\nType of organisation: Municipality"),
                ("Country of origin", "Sweden"),
                ("Last update", "2024"),
            ],
            heading="RAN Collection – practice template",
        ),
        {
            "title": "Community Circle",
            "peer_reviewed": True,
            "key_themes": ["community-engagement", "social-cohesion-polarisation"],
            "target_audiences": ["religious-communities", "law-enforcement", "families"],
            "country": "SE",
            "start_year": 2017,
            "last_update_year": 2024,
            "organisation.name": "City of Malmö",
            "organisation.type": "municipality",
        },
        ("EUR 40,000 a year",),
    ),
    # 4. French, answers on the line after, "Oui" next to the options, guidance left in
    Case(
        "fr-oui-next-to-options",
        "pratique.txt",
        text(
            "Nom de la pratique",
            "Cercle des parents",
            "Description (maximum 300 mots)",
            "Courte description de l'objectif de la pratique et de la méthode de travail utilisée.",
            "Des groupes de parole réunissent des parents inquiets de la radicalisation de leurs enfants, "
            "animés par une psychologue.",
            "Examiné par les pairs",
            "Oui",
            "Principaux thèmes",
            "Soutien de la famille : oui",
            "Stratégies de sortie : non",
            "Prévention (précoce) : oui",
            "Public cible",
            "Familles",
            "Pays d'origine",
            "France",
            "Début de la pratique",
            "Depuis 2015",
        ),
        {
            "title": "Cercle des parents",
            "peer_reviewed": True,
            "key_themes": ["family-support", "early-prevention"],
            "target_audiences": ["families"],
            "country": "FR",
            "start_year": 2015,
        },
        ("groupes de parole",),
    ),
    # 5. French, HTML table copied from the form, inclusive writing, "Non précisé"
    Case(
        "fr-html-table-inclusive",
        "fiche.html",
        text(
            "<table>",
            "<tr><td><b>Nom de la pratique</b></td><td>Parcours citoyen</td></tr>",
            "<tr><td>Description</td><td><p>Un parcours de six mois pour les jeunes signalés pour "
            "radicalisation, avec un·e référent·e éducatif.</p></td></tr>",
            "<tr><td>Principaux thèmes</td><td>Déradicalisation/désengagement ; Éducation formelle/informelle"
            "</td></tr>",
            "<tr><td>Public cible</td><td>jeunes, enseignant·e·s, éducateur·rice·s</td></tr>",
            "<tr><td>Pays d'origine</td><td>Non précisé</td></tr>",
            "<tr><td>Couverture géographique</td><td>Lyon et sa métropole</td></tr>",
            "<tr><td>Organisation</td><td>Association Trait d'Union<br>Type d'organisation : association</td></tr>",
            "<tr><td>Dernière mise à jour (année)</td><td>2022</td></tr>",
            "</table>",
        ),
        {
            "title": "Parcours citoyen",
            "key_themes": ["deradicalisation-disengagement", "education"],
            "target_audiences": ["youth-pupils-students", "educators-academics"],
            "country": None,
            "last_update_year": 2022,
            "organisation.name": "Association Trait d'Union",
            "organisation.type": "ngo",
        },
        ("six mois", "Lyon et sa métropole"),
    ),
    # 6. French, bold labels in a Word document, an extra section "Partenaires"
    Case(
        "fr-docx-bold-extra-section",
        "pratique.docx",
        docx_paragraphs(
            [
                ("Nom de la pratique :", True),
                ("Théâtre-forum contre la haine", False),
                ("Description :", True),
                (
                    "Des comédiens jouent des scènes de harcèlement et de discours de haine en ligne ; les élèves "
                    "rejouent la scène pour prévenir la radicalisation.",
                    False,
                ),
                ("Principaux thèmes :", True),
                ("Discours alternatifs et contre-discours, Éducation formelle/informelle", False),
                ("Public cible :", True),
                ("Élèves des lycées professionnels et leurs enseignantes", False),
                ("Partenaires :", True),
                ("Rectorat, Ligue de l'enseignement", False),
                ("Pays d'origine :", True),
                ("Belgique", False),
                ("Début de la pratique :", True),
                ("2018", False),
            ]
        ),
        {
            "title": "Théâtre-forum contre la haine",
            "key_themes": ["alternative-counter-narratives", "education"],
            "target_audiences": ["youth-pupils-students", "educators-academics"],
            "country": "BE",
            "start_year": 2018,
        },
        ("Rectorat, Ligue de l'enseignement", "lycées"),
        xfail="'lycées professionnels' (vocational schools): an adjective in a list's entry read as the audience "
        "'professionnels' (docs/IMPORTER.md, known limits)",
    ),
    # 7. German, translated labels, same line, compounds and gendered forms in the answers
    Case(
        "de-same-line-gendered",
        "praxis.txt",
        text(
            "Name der Praxis: Kompass – Ausstiegsbegleitung",
            "Beschreibung: Kompass begleitet junge Menschen beim Ausstieg aus der rechtsextremen Szene und "
            "berät ihre Angehörigen, um erneute Radikalisierung zu verhindern.",
            "Hauptthemen: Ausstiegsstrategien, Familienarbeit",
            "Zielgruppe: Aussteiger*innen, Eltern, Sozialarbeiterinnen",
            "Beginn der Praxis: 2012",
            "Organisation: Kompass e.V. – Art der Organisation: gemeinnütziger Verein",
            "Herkunftsland: Deutschland",
            "Letzte Aktualisierung: 2023",
        ),
        {
            "title": "Kompass – Ausstiegsbegleitung",
            "key_themes": ["exit-strategies", "family-support"],
            "target_audiences": ["formers", "families", "social-workers"],
            "country": "DE",
            "start_year": 2012,
            "last_update_year": 2023,
            "organisation.name": "Kompass e.V.",
            "organisation.type": "ngo",
        },
        ("rechtsextremen Szene",),
    ),
    # 8. German, [x] boxes, a table copied as text with a pipe between cells
    Case(
        "de-pipes-brackets",
        "praxis.md",
        text(
            "| Feld | Antwort |",
            "|---|---|",
            "| Name der Praxis | Schule ohne Hass |",
            "| Beschreibung | Workshops an Berufsschulen zu Verschwörungserzählungen, zur Prävention von "
            "Radikalisierung. |",
            "| Hauptthemen | [x] Formelle/informelle Bildung [ ] Ausstiegsstrategien [x] Ideologien und "
            "Verschwörungserzählungen |",
            "| Zielgruppe | [x] Berufsschüler [x] Lehrkräfte [ ] Polizei |",
            "| Herkunftsland | Österreich |",
            "| Beginn der Praxis | seit 2020 |",
        ),
        {
            "title": "Schule ohne Hass",
            "key_themes": ["education", "conspiracy-narratives"],
            "target_audiences": ["youth-pupils-students", "educators-academics"],
            "country": "AT",
            "start_year": 2020,
        },
        ("Berufsschulen",),
    ),
    # 9. Dutch, translated labels under the question, bullet lists, "nvt"
    Case(
        "nl-bullets-nvt",
        "praktijk.md",
        text(
            "**Naam van de praktijk**",
            "",
            "Wijkteam Radicalisering",
            "",
            "**Beschrijving**",
            "",
            "Een multidisciplinair wijkteam bespreekt signalen van radicalisering bij jongeren en maakt een "
            "plan van aanpak met gemeente, politie en jongerenwerk.",
            "",
            "**Kernthema's**",
            "",
            "- Multi-agency samenwerking",
            "- Lokale strategieën",
            "",
            "**Doelgroep**",
            "",
            "- Jongeren",
            "- Ouders",
            "- Jongerenwerkers",
            "",
            "**Collegiaal getoetst**",
            "",
            "nvt",
            "",
            "**Land van herkomst**",
            "",
            "Nederland",
            "",
            "**Start van de praktijk**",
            "",
            "2014 tot 2021",
        ),
        {
            "title": "Wijkteam Radicalisering",
            "peer_reviewed": None,
            "key_themes": ["multi-agency-cooperation", "local-strategies-cities"],
            "target_audiences": ["youth-pupils-students", "families", "social-workers"],
            "country": "NL",
            "start_year": 2014,
            "end_year": 2021,
        },
        ("plan van aanpak",),
    ),
    # 10. Dutch (Flemish), the English template filled in Dutch, an "X" beside the options
    Case(
        "nl-english-labels-x",
        "praktijk.txt",
        text(
            "Name of the practice\tOuders in dialoog",
            "Description\tOudergroepen in Antwerpen praten over polarisatie en radicalisering van hun kinderen, "
            "begeleid door een opvoedingsondersteuner.",
            "Key themes\tX Family support\n  Exit strategies\nX Social cohesion and polarisation",
            "Target audience\tOuders en grootouders",
            "Country of origin\tBelgië",
            "Start of the practice\t2021",
            "Organisation\tStad Antwerpen\nType of organisation: Municipality",
        ),
        {
            "title": "Ouders in dialoog",
            "key_themes": ["family-support", "social-cohesion-polarisation"],
            "target_audiences": ["families"],
            "country": "BE",
            "start_year": 2021,
            "organisation.name": "Stad Antwerpen",
            "organisation.type": "municipality",
        },
        ("opvoedingsondersteuner",),
    ),
    # 11. Swedish, translated labels on the same line, definite forms
    Case(
        "sv-same-line",
        "praktik.txt",
        text(
            "Praktikens namn: Samtal i skolan",
            "Beskrivning: Socialtjänsten och skolan för samtal med elever som visar tecken på våldsbejakande "
            "extremism, för att förebygga radikalisering.",
            "Huvudteman: Tidig prevention; Formell/informell utbildning",
            "Målgrupp: eleverna, lärarna och föräldrarna",
            "Ursprungsland: Sverige",
            "Praktikens start: 2018",
            "Organisation: Göteborgs Stad – Typ av organisation: Kommun",
        ),
        {
            "title": "Samtal i skolan",
            "key_themes": ["early-prevention", "education"],
            "target_audiences": ["youth-pupils-students", "educators-academics", "families"],
            "country": "SE",
            "start_year": 2018,
            "organisation.name": "Göteborgs Stad",
            "organisation.type": "municipality",
        },
        ("tecken på våldsbejakande",),
    ),
    # 12. Swedish, the English template in a Word table, ☑ boxes, answer left blank
    Case(
        "sv-docx-boxes-blank",
        "praktik.docx",
        docx_table(
            [
                ("Name of the practice", "Exit Norr"),
                (
                    "Description",
                    "Exit Norr hjälper personer att lämna våldsbejakande högerextrema miljöer och "
                    "motverka radikalisering.",
                ),
                ("Peer reviewed", ""),
                ("Key themes", "☑ Exit strategies\n☐ Family support\n☑ Violent right-wing extremism"),
                ("Target audience", "☑ Violent extremists\n☐ Families\n☑ Formers"),
                ("Geographical scope", "Umeå, Luleå"),
                ("Start of the practice", "2011"),
                ("Country of origin", "Sverige"),
            ]
        ),
        {
            "title": "Exit Norr",
            "peer_reviewed": None,
            "key_themes": ["exit-strategies", "violent-right-wing-extremism"],
            "target_audiences": ["violent-extremists", "formers"],
            "country": "SE",
            "start_year": 2011,
        },
        ("Umeå, Luleå",),
    ),
    # 13. Italian, translated labels, answers under the labels, feminine forms
    Case(
        "it-under-labels",
        "pratica.txt",
        text(
            "Nome della pratica",
            "Scuole aperte",
            "Descrizione",
            "Laboratori nelle scuole medie di Torino con educatrici e insegnanti per prevenire la "
            "radicalizzazione dei ragazzi.",
            "Temi chiave",
            "Educazione formale/informale, Prevenzione (precoce)",
            "Destinatari",
            "Studenti, educatrici, genitori",
            "Paese di origine",
            "Italia",
            "Inizio della pratica",
            "2019",
        ),
        {
            "title": "Scuole aperte",
            "key_themes": ["education", "early-prevention"],
            "target_audiences": ["youth-pupils-students", "educators-academics", "families"],
            "country": "IT",
            "start_year": 2019,
        },
        ("scuole medie di Torino",),
    ),
    # 14. Italian, the English template, "Sì" and a tab-separated table with a numbering column
    Case(
        "it-numbered-columns",
        "pratica.txt",
        text(
            "1\tName of the practice\tCarcere e comunità",
            "2\tDescription\tPercorsi di disimpegno per detenuti radicalizzati nel carcere di Bollate, con "
            "mediatori culturali, per prevenire l'estremismo violento.",
            "3\tPeer reviewed\tSì",
            "4\tKey themes\tCarcere e libertà vigilata; Deradicalizzazione",
            "5\tTarget audience\tDetenuti",
            "6\tCountry of origin\tItalia",
            "7\tStart of the practice\tdal 2016",
        ),
        {
            "title": "Carcere e comunità",
            "peer_reviewed": True,
            "key_themes": ["prison-probation", "deradicalisation-disengagement"],
            "target_audiences": ["prison-probation"],
            "country": "IT",
            "start_year": 2016,
        },
        ("mediatori culturali",),
    ),
    # 15. Spanish, translated labels on the same line, "joven" and feminine forms
    Case(
        "es-same-line",
        "practica.txt",
        text(
            "Nombre de la práctica: Barrios en diálogo",
            "Descripción: Mediadoras comunitarias acompañan a cada joven en riesgo de radicalización violenta "
            "en los barrios de Barcelona.",
            "Temas clave: Jóvenes vulnerables y participación juvenil; Participación y empoderamiento de la comunidad",
            "Público objetivo: jóvenes, trabajadoras sociales, familias",
            "País de origen: España",
            "Inicio de la práctica: 2017",
            "Organización: Fundación Puentes – Tipo de organización: Fundación",
        ),
        {
            "title": "Barrios en diálogo",
            "key_themes": ["youth-engagement", "community-engagement"],
            "target_audiences": ["youth-pupils-students", "social-workers", "families"],
            "country": "ES",
            "start_year": 2017,
            "organisation.name": "Fundación Puentes",
            "organisation.type": "ngo",
        },
        ("barrios de Barcelona",),
    ),
    # 16. Spanish, the English template as HTML headings, guidance paragraphs left in
    Case(
        "es-html-headings-guidance",
        "practica.html",
        text(
            "<h1>RAN Collection practice template</h1>",
            "<h2>Name of the practice</h2><p>Red de prevención en prisiones</p>",
            "<h2>Description</h2><p>Short description of the aim of the practice and of the working method "
            "used.</p><p>Funcionarios de prisiones detectan señales de radicalización yihadista y derivan a "
            "los internos a un programa de desvinculación.</p>",
            "<h2>Key themes</h2><p>Please select the two key themes that best fit the practice.</p>"
            "<ul><li>Prison and probation</li><li>Islamist extremism</li></ul>",
            "<h2>Target audience</h2><ul><li>Prison / probation</li></ul>",
            "<h2>Country of origin</h2><p>Spain</p>",
            "<h2>Start of the practice</h2><p>2016-2020</p>",
        ),
        {
            "title": "Red de prevención en prisiones",
            "key_themes": ["prison-probation", "islamist-extremism"],
            "target_audiences": ["prison-probation"],
            "country": "ES",
            "start_year": 2016,
            "end_year": 2020,
        },
        ("programa de desvinculación",),
    ),
    # 17. Danish, translated labels under each other, a Danish "Ja"
    Case(
        "da-translated",
        "praksis.txt",
        text(
            "Praksissens navn",
            "Mentorordning Aarhus",
            "Beskrivelse",
            "Mentorer støtter unge, der er i risiko for radikalisering, og deres forældre gennem et års forløb.",
            "Fagfællebedømt",
            "Ja",
            "Hovedtemaer",
            "Familiestøtte, Tværfagligt samarbejde",
            "Målgruppe",
            "Unge og forældre",
            "Oprindelsesland",
            "Danmark",
            "Start af praksis",
            "2010",
        ),
        {
            "title": "Mentorordning Aarhus",
            "peer_reviewed": True,
            "key_themes": ["family-support", "multi-agency-cooperation"],
            "target_audiences": ["youth-pupils-students", "families"],
            "country": "DK",
            "start_year": 2010,
        },
        ("et års forløb",),
    ),
    # 18. Danish, the English template, "Yes" after the chosen options, an answer "-"
    Case(
        "da-yes-beside-options",
        "praksis.md",
        text(
            "Name of the practice: Info-huset",
            "Description: Info-huset rådgiver fagpersoner i kommunen om bekymringer for radikalisering og ekstremisme.",
            "Key themes:",
            "Multi-agency cooperation – yes",
            "Exit strategies – no",
            "Training for first-line practitioners – yes",
            "Target audience: First responders or practitioners",
            "Linked to other EU initiatives or EU funding: -",
            "Country of origin: Denmark",
            "Start of the practice: 2009",
        ),
        {
            "title": "Info-huset",
            "key_themes": ["multi-agency-cooperation", "first-line-training"],
            "target_audiences": ["first-responders-practitioners"],
            "country": "DK",
            "start_year": 2009,
        },
        ("fagpersoner i kommunen",),
    ),
    # 19. Finnish, the English template filled in Finnish
    Case(
        "fi-english-labels",
        "kaytanto.txt",
        text(
            "Name of the practice\tRadinet-ohjaus",
            "Description\tOhjaajat tukevat nuoria, jotka haluavat irtautua väkivaltaisesta ääriliikkeestä, ja "
            "ehkäisevät radikalisoitumista.",
            "Key themes\tExit strategies; Deradicalisation/disengagement",
            "Target audience\tFormers; Youth/pupils/students",
            "Country of origin\tSuomi",
            "Start of the practice\t2015",
            "Organisation\tRadinet ry on valtakunnallinen järjestö.\nType of organisation: NGO",
        ),
        {
            "title": "Radinet-ohjaus",
            "key_themes": ["exit-strategies", "deradicalisation-disengagement"],
            "target_audiences": ["formers", "youth-pupils-students"],
            "country": "FI",
            "start_year": 2015,
            "organisation.name": "Radinet ry",
            "organisation.type": "ngo",
        },
        ("irtautua väkivaltaisesta",),
    ),
    # 20. Finnish, a template whose labels were translated into Finnish
    Case(
        "fi-translated-labels",
        "kaytanto.txt",
        text(
            "Käytännön nimi: Turvallinen koulu",
            "Kuvaus: Koulujen henkilöstö koulutetaan tunnistamaan radikalisoitumisen merkkejä ja ohjaamaan "
            "nuoria tuen piiriin.",
            "Pääteemat: Varhainen ennaltaehkäisy, Muodollinen/epämuodollinen koulutus",
            "Kohderyhmä: Opettajat, nuoret",
            "Alkuperämaa: Suomi",
            "Käytännön aloitus: 2020",
        ),
        {
            "title": "Turvallinen koulu",
            "key_themes": ["early-prevention", "education"],
            "target_audiences": ["educators-academics", "youth-pupils-students"],
            "country": "FI",
            "start_year": 2020,
        },
        ("tunnistamaan radikalisoitumisen",),
    ),
    # 21. English, RTF with the answers after the labels, a "Yes" ticked with [X]
    Case(
        "en-rtf",
        "practice.rtf",
        (
            rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}"
            rb"{\b Name of the practice}\par Voices of Victims\par"
            rb"{\b Description}\par Survivors of terrorist attacks speak in schools to build resilience against "
            rb"violent extremism.\par"
            rb"{\b Peer reviewed}\par [X] Yes  [ ] No\par"
            rb"{\b Key themes}\par Victims of terrorism; Formal/informal education\par"
            rb"{\b Target audience}\par Pupils and teachers\par"
            rb"{\b Country of origin}\par Spain\par"
            rb"{\b Start of the practice}\par 2013\par}"
        ),
        {
            "title": "Voices of Victims",
            "peer_reviewed": True,
            "key_themes": ["victims-of-terrorism", "education"],
            "target_audiences": ["youth-pupils-students", "educators-academics"],
            "country": "ES",
            "start_year": 2013,
        },
        ("Survivors of terrorist attacks",),
    ),
    # 22. Norwegian-speaking writer, the English labels renamed ("Title", "Summary", "Themes", "Audience")
    Case(
        "en-renamed-headings",
        "practice.md",
        text(
            "### Title of the practice",
            "Dialogue Cafés",
            "",
            "### Summary / description",
            "Monthly cafés where residents meet police and social workers to discuss polarisation and prevent "
            "radicalisation in the neighbourhood.",
            "",
            "### Themes",
            "Community engagement and empowerment, Social cohesion and polarisation",
            "",
            "### Audience",
            "General public, Law enforcement",
            "",
            "### Country",
            "Norway",
            "",
            "### Year started",
            "2019",
        ),
        {
            "title": "Dialogue Cafés",
            "key_themes": ["community-engagement", "social-cohesion-polarisation"],
            "target_audiences": ["general-public", "law-enforcement"],
            "country": "NO",
            "start_year": 2019,
        },
        ("Monthly cafés",),
    ),
    # 23. Norwegian, translated labels in bold in a PDF, answers under them
    Case(
        "no-pdf-bold-labels",
        "praksis.pdf",
        pdf_lines(
            [
                ("Navn på praksisen", True),
                ("Foreldrestøtte Bergen", False),
                ("Beskrivelse", True),
                ("Veiledere støtter foreldre som er bekymret for radikalisering hos barna sine.", False),
                ("Hovedtemaer", True),
                ("Familiestøtte; Tidlig forebygging", False),
                ("Målgruppe", True),
                ("Foreldre og lærere", False),
                ("Opprinnelsesland", True),
                ("Norge", False),
                ("Oppstart av praksisen", True),
                ("2016", False),
            ]
        ),
        {
            "title": "Foreldrestøtte Bergen",
            "key_themes": ["family-support", "early-prevention"],
            "target_audiences": ["families", "educators-academics"],
            "country": "NO",
            "start_year": 2016,
        },
        ("bekymret for radikalisering",),
    ),
    # 24. German, a table saved as OpenDocument, inclusive writing, a range of years
    Case(
        "de-odt-table",
        "praxis.odt",
        odt_from_markdown(
            "\n".join(
                [
                    "| Feld | Antwort |",
                    "|---|---|",
                    "| Name der Praxis | Demokratie leben in der Schule |",
                    "| Beschreibung | Peer-Trainer:innen führen Workshops gegen Radikalisierung an Schulen durch. |",
                    "| Hauptthemen | Formale und informelle Bildung; Polarisierung |",
                    "| Zielgruppe | Schüler:innen und Lehrkräfte |",
                    "| Herkunftsland | Schweiz |",
                    "| Beginn der Praxis | 2018 bis 2021 |",
                ]
            )
        ),
        {
            "title": "Demokratie leben in der Schule",
            "key_themes": ["education", "social-cohesion-polarisation"],
            "target_audiences": ["youth-pupils-students", "educators-academics"],
            "country": "CH",
            "start_year": 2018,
            "end_year": 2021,
        },
        ("Workshops gegen Radikalisierung",),
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_an_unseen_template_gives_its_fields(case):
    check_fields(case)


@pytest.mark.parametrize("case", [pytest.param(case, id=case.id) for case in CASES])
def test_an_unseen_template_loses_no_free_text_answer(case):
    check_kept(case)


# --- the rules the sweep's failures led to, with the cases they must leave alone -----------------------

DESCRIPTION = "Description\tMediators talk with young people on the street to prevent radicalisation."


def row_document(label: str, answer: str) -> bytes:
    return f"Name of the practice\tStreet mediation\n{DESCRIPTION}\n{label}\t{answer}".encode()


@pytest.mark.parametrize(
    ("answer", "codes"),
    [
        ("- Family support: yes\n- Exit strategies: no\n- Formers (yes)", ["family-support", "formers"]),
        ("Soutien de la famille – oui\nStratégies de sortie – non", ["family-support"]),
        ("Familiestøtte: ja\nExit strategies: nej", ["family-support"]),
        # not every line answered yes or no: a list as it is
        ("Family support: yes\nExit strategies", ["family-support", "exit-strategies"]),
    ],
)
def test_a_checklist_with_yes_or_no_beside_each_entry_counts_the_yes_entries(answer, codes):
    assert import_document(row_document("Key themes", answer), "x.txt").key_themes == codes


@pytest.mark.parametrize(
    ("answer", "peer_reviewed"),
    [("n/a", None), ("N/A", None), ("n.v.t.", None), ("k. A.", None), ("N", False), ("[ ] Yes [x] No", False)],
)
def test_peer_reviewed_not_applicable_is_no_answer(answer, peer_reviewed):
    parsed = import_document(row_document("Peer reviewed", answer), "x.txt")
    assert (parsed.peer_reviewed, parsed.warning_codes("peer_reviewed")) == (peer_reviewed, [])


@pytest.mark.parametrize(
    ("cell", "name"),
    [
        ("Bridges Trust. A registered charity working in West Yorkshire.", "Bridges Trust"),
        ("St. Mary's Youth Trust", "St. Mary's Youth Trust"),  # an abbreviation's full stop
        ("Bridges Trust. Founded 2001.", "Bridges Trust. Founded 2001."),  # no sentence after it
    ],
)
def test_a_name_before_a_sentence_on_its_line_is_the_organisation_s_name(cell, name):
    parsed = import_document(row_document("Organisation", cell), "x.txt")
    assert parsed.organisation.name == name
    assert cell in parsed.organisation.description or cell == name


def test_a_renamed_heading_is_a_label_but_a_line_starting_with_its_word_is_not():
    document = "## Name of the practice\n\nX\n\n## Description\n\nMediators talk with young people.\n\n"
    document += "Audience: we met forty parents in 2019.\n\n## Audience\n\nFamilies\n\n**Year started**\n\n2019"
    parsed = import_document(document.encode(), "x.md")
    assert (parsed.target_audiences, parsed.start_year) == (["families"], 2019)
    assert "Audience: we met forty parents in 2019." in parsed.fields["description"]


def test_a_word_paragraph_all_in_bold_naming_no_field_is_a_row_of_its_own():
    lines = [("Nom de la pratique :", True), ("Cercle des parents", False), ("Public cible :", True)]
    lines += [("Familles", False), ("Partenaires :", True), ("Rectorat, Ligue de l'enseignement", False)]
    lines += [("Une phrase en gras dans la description, assez longue pour ne pas être un titre de section.", True)]
    parsed = import_document(docx_paragraphs(lines), "pratique.docx")
    assert parsed.target_audiences == ["families"]
    assert parsed.warning_codes("target_audiences") == []
    assert "Partenaires" in parsed.fields["description"] and "Ligue de l'enseignement" in parsed.fields["description"]
    assert "**Une phrase" not in parsed.fields["description"]  # a long bold paragraph is text
