"""A fourth sweep of 16 filled-in templates the importer had never met: the template's labels translated into
Romanian, Croatian, Slovak, Bulgarian (Cyrillic), Latvian and Lithuanian, two each, as text, Markdown, HTML,
Rich Text, Word (a table, headings, bold labels), PDF and OpenDocument; and four in practice languages with
layouts the earlier sweeps left out: labels on a line of their own without a colon or ending in "?", American
spellings, Word list bullets ticked ☒ / ☐, labels numbered with the answer after a tab on the same line and
headings the writer deleted, two-column tables with merged header rows.

First run (fields read right / expected, counting each answer that must land in its field): 62 of 198, 1 of 16
documents whole, no answer lost; after the fixes 198 of 198, 16 of 16. Every invented name, address and number
here is fictional (example.org, 000 numbers).
"""

import pytest
from docx import Document

from practices.importer import import_document
from practices.importer.vocabulary import Vocabulary
from tests.practices.template_sweep import (
    Case,
    check_fields,
    check_kept,
    docx_blocks,
    docx_table,
    field_answer,
    odt_from_markdown,
    params,
    pdf_lines,
    rtf,
    saved_docx,
    text,
)


def docx_table_with_sections(rows: list[tuple[str, str]]) -> bytes:
    """A Word table of two columns; a row whose answer is None is a section's header, its two cells merged."""
    document = Document()
    table = document.add_table(rows=0, cols=2)
    for label, answer in rows:
        cells = table.add_row().cells
        if answer is None:
            merged = cells[0].merge(cells[1])
            merged.text = label
        else:
            cells[0].text, cells[1].text = label, answer
    return saved_docx(document)


CASES = [
    # 1. Romanian labels in a Word table, the guidance left in a label, "Nu" for no
    Case(
        "ro-docx-table",
        "practica.docx",
        lambda: docx_table(
            [
                ("Denumirea practicii", "Părinți împreună"),
                (
                    "Descriere (maximum 300 de cuvinte)",
                    "Programul oferă consiliere părinților ai căror copii sunt expuși propagandei extremiste online. "
                    "Consilierii organizează întâlniri lunare în școli și vizite la domiciliu.",
                ),
                ("Evaluare inter pares", "Nu"),
                ("Teme principale", "Sprijin pentru familii\nPrevenție timpurie"),
                ("Public țintă", "Părinți, cadre didactice, elevi"),
                ("Acoperire geografică", "Județele Cluj și Bihor"),
                ("Începutul practicii", "2018"),
                ("Livrabile", "Un ghid pentru părinți și un curs online pentru profesori."),
                ("Dovezi și evaluare", "O evaluare externă realizată în 2021 a arătat că 80% dintre părinți..."),
                ("Sustenabilitate și transferabilitate", "Costul anual este de aproximativ 40.000 de euro."),
                ("Prezentată și discutată în cadrul unei reuniuni RAN", "Reuniunea RAN Families, Viena, 2022"),
                (
                    "Legături cu alte inițiative UE sau finanțare UE",
                    "Cofinanțat prin Fondul pentru Securitate Internă.",
                ),
                ("Organizația", "Asociația Punți Civice\nTipul organizației: Asociație"),
                ("Țara de origine", "România"),
                ("Date de contact", "Ioana Marinescu, ioana.marinescu@example.org, +40 000 000 000"),
                ("Ultima actualizare", "2024"),
            ]
        ),
        {
            "title": "Părinți împreună",
            "peer_reviewed": False,
            "key_themes": ["family-support", "early-prevention"],
            "target_audiences": ["families", "educators-academics", "youth-pupils-students"],
            "start_year": 2018,
            "country": "RO",
            "last_update_year": 2024,
            "organisation.name": "Asociația Punți Civice",
            "organisation.type": "ngo",
        },
        placed=(
            ("description", "consiliere părinților"),
            ("geographical_scope", "Cluj și Bihor"),
            ("deliverables", "ghid pentru părinți"),
            ("evidence_evaluation", "evaluare externă"),
            ("sustainability_transferability", "Costul anual"),
            ("ran_meetings", "Viena"),
            ("eu_links_funding", "Securitate Internă"),
            ("contact", "ioana.marinescu@example.org"),
        ),
    ),
    # 2. Romanian labels in bold in Markdown with the answer after the colon, "Da", a range "din … până în"
    Case(
        "ro-md-bold-colon",
        "practica.md",
        text(
            "**Titlul practicii:** Vecini, nu străini",
            "",
            "**Descriere:** Polițiștii de proximitate și asistenții sociali ai municipiului lucrează împreună cu "
            "liderii religioși locali pentru a preveni tensiunile dintre comunități.",
            "",
            "**Evaluat de colegi:** Da",
            "",
            "**Teme cheie:** Cooperare interinstituțională, Coeziune socială",
            "",
            "**Public țintă:** Polițiști, asistenți sociali, comunități religioase",
            "",
            "**Acoperire geografică:** Municipiul Constanța",
            "",
            "**Data începerii:** din 2016 până în 2020",
            "",
            "**Organizație:** Direcția de Asistență Socială Constanța",
            "Tip de organizație: Primărie",
            "",
            "**Țara de origine:** România",
            "",
            "**Persoană de contact:** Andrei Popa, andrei.popa@example.org",
            "",
            "**Ultima actualizare:** 2023",
        ),
        {
            "title": "Vecini, nu străini",
            "peer_reviewed": True,
            "key_themes": ["multi-agency-cooperation", "social-cohesion-polarisation"],
            "target_audiences": ["law-enforcement", "social-workers", "religious-communities"],
            "start_year": 2016,
            "end_year": 2020,
            "country": "RO",
            "last_update_year": 2023,
            "organisation.name": "Direcția de Asistență Socială Constanța",
            "organisation.type": "municipality",
        },
        placed=(
            ("description", "liderii religioși locali"),
            ("geographical_scope", "Constanța"),
            ("contact", "andrei.popa@example.org"),
        ),
    ),
    # 3. Croatian labels with their guidance, exported as tab-separated rows; a feminine plural whose stem
    # changes ("psihologinje": "psiholozi"); years with the full stop Croatian writes after them
    Case(
        "hr-txt-tab",
        "praksa.txt",
        text(
            "Naziv prakse\tMost do zajednice",
            "Opis (najviše 300 riječi)\tProgram povezuje mlade u riziku od radikalizacije s mentorima iz "
            "lokalne zajednice i školskim stručnim suradnicima.",
            "Stručna recenzija\tNe",
            "Ključne teme (odaberite dvije)\tRad s mladima; Rana prevencija",
            "Ciljana skupina (barem jedna)\tUčenici, roditelji i školske psihologinje",
            "Geografski obuhvat\tSplitsko-dalmatinska županija",
            "Početak prakse\t2019.",
            "Konkretni rezultati\tPriručnik za mentore i tri radionice za nastavnike.",
            "Dokazi i evaluacija\tVanjska evaluacija Filozofskog fakulteta u Splitu.",
            "Održivost i prenosivost\tProgram financira Grad Split; model je prenosiv na druge gradove.",
            "Predstavljeno i raspravljeno na sastanku RAN-a\tRAN Youth & Education, Zagreb, 2021.",
            "Povezanost s drugim inicijativama EU-a ili financiranjem EU-a\tErasmus+ KA2",
            "Organizacija\tUdruga Most\tVrsta organizacije: Udruga",
            "Zemlja podrijetla\tHrvatska",
            "Kontakt podaci\tIvana Horvat, ivana.horvat@example.org",
            "Posljednje ažuriranje\t2024.",
        ),
        {
            "title": "Most do zajednice",
            "peer_reviewed": False,
            "key_themes": ["youth-engagement", "early-prevention"],
            "target_audiences": ["youth-pupils-students", "families", "health-practitioners"],
            "start_year": 2019,
            "country": "HR",
            "last_update_year": 2024,
            "organisation.name": "Udruga Most",
            "organisation.type": "ngo",
        },
        placed=(
            ("description", "mentorima iz lokalne zajednice"),
            ("geographical_scope", "Splitsko-dalmatinska"),
            ("deliverables", "Priručnik za mentore"),
            ("evidence_evaluation", "Vanjska evaluacija"),
            ("sustainability_transferability", "prenosiv na druge gradove"),
            ("ran_meetings", "RAN Youth & Education"),
            ("eu_links_funding", "Erasmus+ KA2"),
            ("contact", "ivana.horvat@example.org"),
        ),
    ),
    # 4. Croatian labels as Word headings, the closed lists as list bullets ticked ☒ / ☐, a range "od … do …"
    Case(
        "hr-docx-headings-boxes",
        "praksa.docx",
        lambda: docx_blocks(
            [
                ("h2", "Naziv prakse"),
                ("", "Sigurni na mreži"),
                ("h2", "Opis"),
                ("", "Radionice za mlade o propagandi i teorijama zavjere na društvenim mrežama."),
                ("h2", "Recenzirano"),
                ("", "☐ Da ☒ Ne"),
                ("h2", "Ključne teme"),
                ("bullet", "☒ Nove tehnologije i internetska dimenzija"),
                ("bullet", "☐ Podrška obiteljima"),
                ("bullet", "☒ Ideologije i teorije zavjere"),
                ("h2", "Ciljana publika"),
                ("bullet", "☒ Mladi"),
                ("bullet", "☒ Internetska zajednica"),
                ("bullet", "☐ Policija"),
                ("h2", "Početak prakse"),
                ("", "od 2020. do 2023."),
                ("h2", "Organizacija"),
                ("", "Centar za sigurniji internet"),
                ("", "Vrsta organizacije: Udruga"),
                ("h2", "Država podrijetla"),
                ("", "Hrvatska"),
                ("h2", "Zadnje ažuriranje"),
                ("", "2023."),
            ]
        ),
        {
            "title": "Sigurni na mreži",
            "peer_reviewed": False,
            "key_themes": ["online-dimension", "conspiracy-narratives"],
            "target_audiences": ["youth-pupils-students", "online-community"],
            "start_year": 2020,
            "end_year": 2023,
            "country": "HR",
            "last_update_year": 2023,
            "organisation.name": "Centar za sigurniji internet",
            "organisation.type": "ngo",
        },
        placed=(("description", "Radionice za mlade"),),
    ),
    # 5. Slovak labels in an HTML table; the audience after "pre" in the form whose stem changes ("žiakov": "žiaci")
    Case(
        "sk-html-table",
        "prax.html",
        (
            "<html><body><table>"
            "<tr><td>Názov praxe</td><td>Spolu proti nenávisti</td></tr>"
            "<tr><td>Popis</td><td><p>Školský program, v ktorom sa žiaci učia rozpoznávať nenávistné prejavy "
            "a extrémistickú propagandu.</p></td></tr>"
            "<tr><td>Vzájomné hodnotenie</td><td>Áno</td></tr>"
            "<tr><td>Kľúčové témy</td><td>Včasná prevencia, Formálne a neformálne vzdelávanie</td></tr>"
            "<tr><td>Cieľová skupina</td><td>Pre žiakov, ich rodičov a učiteľov</td></tr>"
            "<tr><td>Geografický rozsah</td><td>Košický a Prešovský kraj</td></tr>"
            "<tr><td>Začiatok praxe</td><td>2017</td></tr>"
            "<tr><td>Výstupy</td><td>Metodická príručka pre učiteľov</td></tr>"
            "<tr><td>Dôkazy a hodnotenie</td><td>Dotazníky pred a po programe.</td></tr>"
            "<tr><td>Udržateľnosť a prenosnosť</td><td>Program je súčasťou školských osnov.</td></tr>"
            "<tr><td>Prezentované a diskutované na stretnutí RAN</td><td>RAN Y&amp;E, Bratislava 2019</td></tr>"
            "<tr><td>Prepojenie s inými iniciatívami EÚ alebo financovaním EÚ</td><td>Fond pre vnútornú "
            "bezpečnosť</td></tr>"
            "<tr><td>Organizácia</td><td>Občianske združenie Spolu<br>Typ organizácie: Občianske združenie</td></tr>"
            "<tr><td>Krajina pôvodu</td><td>Slovensko</td></tr>"
            "<tr><td>Kontaktné údaje</td><td>Peter Novák, peter.novak@example.org</td></tr>"
            "<tr><td>Posledná aktualizácia</td><td>2022</td></tr>"
            "</table></body></html>"
        ).encode(),
        {
            "title": "Spolu proti nenávisti",
            "peer_reviewed": True,
            "key_themes": ["early-prevention", "education"],
            "target_audiences": ["youth-pupils-students", "families", "educators-academics"],
            "start_year": 2017,
            "country": "SK",
            "last_update_year": 2022,
            "organisation.name": "Občianske združenie Spolu",
            "organisation.type": "ngo",
        },
        placed=(
            ("description", "nenávistné prejavy"),
            ("deliverables", "Metodická príručka"),
            ("evidence_evaluation", "Dotazníky"),
            ("sustainability_transferability", "školských osnov"),
            ("ran_meetings", "Bratislava 2019"),
            ("eu_links_funding", "vnútornú bezpečnosť"),
            ("contact", "peter.novak@example.org"),
        ),
    ),
    # 6. Slovak labels numbered and in bold in a PDF, "Nie", a range "od … do …"
    Case(
        "sk-pdf-bold-numbered",
        "prax.pdf",
        lambda: pdf_lines(
            [
                ("1. Názov praxe", True),
                ("Nový štart", False),
                ("2. Popis", True),
                ("Individuálna práca s odsúdenými za trestné činy extrémizmu počas výkonu trestu.", False),
                ("3. Vzájomné hodnotenie", True),
                ("Nie", False),
                ("4. Kľúčové témy", True),
                ("Väzenstvo a probácia; Deradikalizácia", False),
                ("5. Cieľová skupina", True),
                ("Väzni, psychológovia, sociálni pracovníci", False),
                ("6. Začiatok praxe", True),
                ("od 2014 do 2018", False),
                ("7. Organizácia", True),
                ("Zbor väzenskej a justičnej stráže", False),
                ("8. Krajina pôvodu", True),
                ("Slovensko", False),
                ("9. Posledná aktualizácia", True),
                ("2022", False),
            ],
            all_letters=True,
        ),
        {
            "title": "Nový štart",
            "peer_reviewed": False,
            "key_themes": ["prison-probation", "deradicalisation-disengagement"],
            "target_audiences": ["prison-probation", "health-practitioners", "social-workers"],
            "start_year": 2014,
            "end_year": 2018,
            "country": "SK",
            "last_update_year": 2022,
            "organisation.name": "Zbor väzenskej a justičnej stráže",
        },
        placed=(("description", "Individuálna práca s odsúdenými"),),
    ),
    # 7. Bulgarian labels in a Word table, "Да", a year with "г."
    Case(
        "bg-docx-table",
        "praktika.docx",
        lambda: docx_table(
            [
                ("Наименование на практиката", "Мостове между общностите"),
                (
                    "Описание",
                    "Младежки работници и местни имами организират срещи между младежи от различни общности, "
                    "за да се противодейства на поляризацията и радикализацията.",
                ),
                ("Партньорска оценка", "Да"),
                ("Ключови теми", "Социално сближаване и поляризация; Ангажиране на общността"),
                ("Целева група", "Ученици, родители и учители"),
                ("Географски обхват", "Пловдив и Кърджали"),
                ("Начало на практиката", "2017 г."),
                ("Крайни продукти", "Наръчник за младежки работници."),
                ("Доказателства и оценка", "Вътрешна оценка с анкети сред участниците."),
                ("Устойчивост и преносимост", "Общината финансира програмата от 2020 г."),
                ("Организация", "Сдружение „Мостове“\nВид на организацията: Сдружение"),
                ("Държава на произход", "България"),
                ("Данни за контакт", "Мария Иванова, maria.ivanova@example.org"),
                ("Последна актуализация", "2024 г."),
            ]
        ),
        {
            "title": "Мостове между общностите",
            "peer_reviewed": True,
            "key_themes": ["social-cohesion-polarisation", "community-engagement"],
            "target_audiences": ["youth-pupils-students", "families", "educators-academics"],
            "start_year": 2017,
            "country": "BG",
            "last_update_year": 2024,
            "organisation.name": "Сдружение „Мостове“",
            "organisation.type": "ngo",
        },
        placed=(
            ("description", "местни имами"),
            ("geographical_scope", "Пловдив"),
            ("deliverables", "Наръчник"),
            ("evidence_evaluation", "анкети"),
            ("sustainability_transferability", "Общината финансира"),
            ("contact", "maria.ivanova@example.org"),
        ),
    ),
    # 8. Bulgarian "Label: answer" lines in plain text, "Не", a range "от … до … г."
    Case(
        "bg-txt-colon",
        "praktika.txt",
        text(
            "Наименование на практиката: Изход",
            "Описание: Програма за хора, които искат да напуснат насилствени екстремистки групи.",
            "Партньорска проверка: Не",
            "Ключови теми: Затвори и пробация; Дерадикализация",
            "Целева група: Полицаи и служители на пробацията",
            "Начало на практиката: от 2015 до 2019 г.",
            "Организация: Главна дирекция „Изпълнение на наказанията“",
            "Държава на произход: България",
            "Последна актуализация: 2020",
        ),
        {
            "title": "Изход",
            "peer_reviewed": False,
            "key_themes": ["prison-probation", "deradicalisation-disengagement"],
            "target_audiences": ["law-enforcement", "prison-probation"],
            "start_year": 2015,
            "end_year": 2019,
            "country": "BG",
            "last_update_year": 2020,
            "organisation.name": "Главна дирекция „Изпълнение на наказанията“",
        },
        placed=(("description", "насилствени екстремистки групи"),),
    ),
    # 9. Latvian labels as Markdown headings, "Nē", years written "2019. gads"
    Case(
        "lv-md-headings",
        "prakse.md",
        text(
            "## Prakses nosaukums",
            "Drošā skola",
            "",
            "## Apraksts",
            "Skolu psihologi un sociālie pedagogi apmāca skolotājus atpazīt radikalizācijas pazīmes.",
            "",
            "## Salīdzinošā izvērtēšana",
            "Nē",
            "",
            "## Galvenās tēmas",
            "Ģimeņu atbalsts; Agrīnā prevencija",
            "",
            "## Mērķauditorija",
            "Vecākiem un skolotājiem",
            "",
            "## Ģeogrāfiskais tvērums",
            "Rīga un Pierīga",
            "",
            "## Prakses sākums",
            "2019. gads",
            "",
            "## Nodevumi",
            "Rokasgrāmata skolotājiem.",
            "",
            "## Organizācija",
            "Biedrība „Drošā skola”",
            "",
            "Organizācijas veids: Biedrība",
            "",
            "## Izcelsmes valsts",
            "Latvija",
            "",
            "## Kontaktinformācija",
            "Anna Bērziņa, anna.berzina@example.org",
            "",
            "## Pēdējā atjaunināšana",
            "2024. gada marts",
        ),
        {
            "title": "Drošā skola",
            "peer_reviewed": False,
            "key_themes": ["family-support", "early-prevention"],
            "target_audiences": ["families", "educators-academics"],
            "start_year": 2019,
            "country": "LV",
            "last_update_year": 2024,
            "organisation.name": "Biedrība „Drošā skola”",
            "organisation.type": "ngo",
        },
        placed=(
            ("description", "atpazīt radikalizācijas pazīmes"),
            ("geographical_scope", "Pierīga"),
            ("deliverables", "Rokasgrāmata"),
            ("contact", "anna.berzina@example.org"),
        ),
    ),
    # 10. Latvian labels in bold in an OpenDocument file, [x] boxes, "Jā", a range "2016.–2020."
    Case(
        "lv-odt-bold-boxes",
        "prakse.odt",
        odt_from_markdown(
            "\n".join(
                [
                    "**Prakses nosaukums:** Kopā",
                    "",
                    "**Apraksts:** Pašvaldības jaunatnes darbinieki un nevalstiskās organizācijas kopā veido "
                    "dialoga vietas jauniešiem no dažādām kopienām.",
                    "",
                    "**Salīdzinošā izvērtēšana:** Jā",
                    "",
                    "**Galvenās tēmas:**",
                    "",
                    "- [x] Sociālā kohēzija un polarizācija",
                    "- [ ] Ģimeņu atbalsts",
                    "- [x] Kopienu iesaiste",
                    "",
                    "**Mērķauditorija:**",
                    "",
                    "- [x] Jaunieši",
                    "- [x] Pašvaldības",
                    "- [ ] Policija",
                    "",
                    "**Prakses sākums:** 2016.–2020.",
                    "",
                    "**Organizācija:** Daugavpils pilsētas pašvaldība",
                    "",
                    "**Izcelsmes valsts:** Latvija",
                    "",
                    "**Pēdējoreiz atjaunināts:** 2021",
                ]
            )
        ),
        {
            "title": "Kopā",
            "peer_reviewed": True,
            "key_themes": ["social-cohesion-polarisation", "community-engagement"],
            "target_audiences": ["youth-pupils-students", "authorities"],
            "start_year": 2016,
            "end_year": 2020,
            "country": "LV",
            "last_update_year": 2021,
            "organisation.name": "Daugavpils pilsētas pašvaldība",
        },
        placed=(("description", "dialoga vietas"),),
    ),
    # 11. Lithuanian labels in bold in Word paragraphs, "Taip", "m." after the year
    Case(
        "lt-docx-bold",
        "praktika.docx",
        lambda: docx_blocks(
            [
                ("bold", "Praktikos pavadinimas"),
                ("", "Naujas kelias"),
                ("bold", "Aprašymas"),
                ("", "Programa padeda asmenims pasitraukti iš smurtinių dešiniųjų ekstremistų grupuočių."),
                ("bold", "Tarpusavio vertinimas"),
                ("", "Taip"),
                ("bold", "Pagrindinės temos"),
                ("", "Smurtinis dešiniųjų ekstremizmas, Pasitraukimo strategijos"),
                ("bold", "Tikslinė grupė"),
                ("", "Buvę ekstremistai ir jų šeimos"),
                ("bold", "Geografinė aprėptis"),
                ("", "Vilnius ir Kaunas"),
                ("bold", "Praktikos pradžia"),
                ("", "2015 m."),
                ("bold", "Įrodymai ir vertinimas"),
                ("", "Iš 40 dalyvių 31 baigė programą."),
                ("bold", "Organizacija"),
                ("", "VšĮ „Naujas kelias“"),
                ("", "Organizacijos tipas: Nevyriausybinė organizacija"),
                ("bold", "Kilmės šalis"),
                ("", "Lietuva"),
                ("bold", "Kontaktiniai duomenys"),
                ("", "Tomas Kazlauskas, tomas.kazlauskas@example.org"),
                ("bold", "Paskutinis atnaujinimas"),
                ("", "2023 m."),
            ]
        ),
        {
            "title": "Naujas kelias",
            "peer_reviewed": True,
            "key_themes": ["violent-right-wing-extremism", "exit-strategies"],
            "target_audiences": ["formers", "families"],
            "start_year": 2015,
            "country": "LT",
            "last_update_year": 2023,
            "organisation.name": "VšĮ „Naujas kelias“",
            "organisation.type": "ngo",
        },
        placed=(
            ("description", "pasitraukti iš smurtinių"),
            ("geographical_scope", "Kaunas"),
            ("evidence_evaluation", "baigė programą"),
            ("contact", "tomas.kazlauskas@example.org"),
        ),
    ),
    # 12. Lithuanian "Label: answer" paragraphs in Rich Text, "Ne", a range "nuo … iki … m."
    Case(
        "lt-rtf-colon",
        "praktika.rtf",
        rtf(
            ("Praktikos pavadinimas: Saugus internetas", False),
            ("Aprašymas: Mokymai apie internetinę propagandą mokytojoms ir policijos pareigūnams.", False),
            ("Tarpusavio vertinimas: Ne", False),
            ("Pagrindinės temos: Psichikos sveikata; Internetinė dimensija", False),
            ("Tikslinė auditorija: Policininkai, socialiniai darbuotojai, mokytojos", False),
            ("Praktikos pradžia: nuo 2015 iki 2019 m.", False),
            ("Organizacija: Kauno miesto savivaldybė", False),
            ("Organizacijos tipas: Savivaldybė", False),
            ("Kilmės šalis: Lietuva", False),
            ("Paskutinis atnaujinimas: 2020 m.", False),
        ),
        {
            "title": "Saugus internetas",
            "peer_reviewed": False,
            "key_themes": ["mental-health", "online-dimension"],
            "target_audiences": ["law-enforcement", "social-workers", "educators-academics"],
            "start_year": 2015,
            "end_year": 2019,
            "country": "LT",
            "last_update_year": 2020,
            "organisation.name": "Kauno miesto savivaldybė",
            "organisation.type": "municipality",
        },
        placed=(("description", "internetinę propagandą"),),
    ),
    # 13. English with American spellings, labels on a line of their own without a colon, some ending in "?",
    # the closed lists as Word list bullets ticked ☒ / ☐
    Case(
        "en-us-docx-question-labels",
        "practice.docx",
        lambda: docx_blocks(
            [
                ("", "Name of the practice"),
                ("", "Neighbors Not Strangers"),
                ("", "Description"),
                (
                    "",
                    "Neighborhood dialogue circles bring together residents, youth workers and police officers "
                    "to defuse polarization after incidents of hate crime.",
                ),
                ("", "Peer reviewed?"),
                ("", "No"),
                ("", "Key themes"),
                ("bullet", "☒ Social cohesion and polarization"),
                ("bullet", "☐ Family support"),
                ("bullet", "☒ Community engagement and empowerment"),
                ("", "Target audience"),
                ("bullet", "☒ General public"),
                ("bullet", "☒ Local community organizations/NGOs"),
                ("bullet", "☐ Law enforcement officers"),
                ("", "Geographic scope"),
                ("", "Rotterdam and The Hague"),
                ("", "Start of the practice?"),
                ("", "Fall 2017"),
                ("", "Organization"),
                ("", "Neighbors United Foundation"),
                ("", "Type of organization: Non-profit organization"),
                ("", "Country of origin?"),
                ("", "The Netherlands"),
                ("", "Last update?"),
                ("", "2023"),
            ]
        ),
        {
            "title": "Neighbors Not Strangers",
            "peer_reviewed": False,
            "key_themes": ["social-cohesion-polarisation", "community-engagement"],
            "target_audiences": ["general-public", "local-community-organisations-ngos"],
            "start_year": 2017,
            "country": "NL",
            "last_update_year": 2023,
            "organisation.name": "Neighbors United Foundation",
            "organisation.type": "ngo",
        },
        placed=(("description", "dialogue circles"), ("geographical_scope", "Rotterdam")),
    ),
    # 14. German labels numbered, the answer after a tab on the same line; the writer deleted the headings
    # "Beschreibung" and "Nachhaltigkeit und Übertragbarkeit" (their text follows the field before)
    Case(
        "de-txt-numbered-tab-deleted-headings",
        "praxis.txt",
        text(
            "1. Name der Praxis:\tStarke Eltern",
            "Elterngruppen für Mütter und Väter, deren Kinder in extremistische Szenen abzurutschen drohen.",
            "3. Peer-Review:\tNein",
            "4. Hauptthemen:\tFamilienunterstützung, Prävention",
            "5. Zielgruppen:\tEltern, Lehrkräfte, Schulsozialarbeiter:innen",
            "7. Beginn der Praxis:\t2016 (Pilot), seit 2018 landesweit",
            "9. Nachweise und Evaluation:\tWirkungsevaluation durch die Universität Graz.",
            "Die Kosten liegen bei 900 Euro je Familie.",
            "13. Organisation:\tStarke Eltern – Verein für Familienarbeit",
            "Art der Organisation: gemeinnütziger Verein",
            "14. Herkunftsland:\tÖsterreich",
            "16. Letzte Aktualisierung:\t2024",
        ),
        {
            "title": "Starke Eltern",
            "peer_reviewed": False,
            "key_themes": ["family-support", "early-prevention"],
            "target_audiences": ["families", "educators-academics", "social-workers"],
            "start_year": 2016,
            "country": "AT",
            "last_update_year": 2024,
            "organisation.name": "Starke Eltern – Verein für Familienarbeit",
            "organisation.type": "ngo",
        },
        kept=("Elterngruppen für Mütter und Väter", "900 Euro je Familie"),
        placed=(("evidence_evaluation", "Universität Graz"),),
    ),
    # 15. French in an HTML table whose sections are header rows merged over both columns
    Case(
        "fr-html-merged-header-rows",
        "pratique.html",
        (
            "<html><body><table>"
            '<tr><th colspan="2">Partie 1 – Identification de la pratique</th></tr>'
            "<tr><td>Nom de la pratique</td><td>Retour au droit</td></tr>"
            "<tr><td>Description</td><td>Accompagnement individuel de personnes placées sous main de justice "
            "pour des faits liés au terrorisme, à leur sortie de détention.</td></tr>"
            "<tr><td>Examiné par les pairs</td><td>Non</td></tr>"
            '<tr><th colspan="2">Partie 2 – Thèmes et publics</th></tr>'
            "<tr><td>Principaux thèmes</td><td>Déradicalisation/désengagement ; Stratégies de sortie</td></tr>"
            "<tr><td>Public cible</td><td>Anciens extrémistes ; Prison / probation</td></tr>"
            "<tr><td>Couverture géographique</td><td>Île-de-France</td></tr>"
            "<tr><td>Début de la pratique</td><td>Depuis 2019</td></tr>"
            '<tr><th colspan="2">Partie 3 – Organisation</th></tr>'
            "<tr><td>Organisation</td><td>SPIP du Val-d'Oise<br>Type d'organisation : service pénitentiaire</td></tr>"
            "<tr><td>Pays d'origine</td><td>France</td></tr>"
            "<tr><td>Dernière mise à jour (année)</td><td>2024</td></tr>"
            "</table></body></html>"
        ).encode(),
        {
            "title": "Retour au droit",
            "peer_reviewed": False,
            "key_themes": ["deradicalisation-disengagement", "exit-strategies"],
            "target_audiences": ["formers", "prison-probation"],
            "start_year": 2019,
            "country": "FR",
            "last_update_year": 2024,
            "organisation.name": "SPIP du Val-d'Oise",
            "organisation.type": "prison-probation",
        },
        placed=(("description", "sortie de détention"), ("geographical_scope", "Île-de-France")),
    ),
    # 16. Spanish in a Word table with merged header rows, yes/no and the closed lists ticked ☒ / ☐, a theme in
    # the words writers use for it ("Participación y empoderamiento de la comunidad")
    Case(
        "es-docx-merged-header-boxes",
        "practica.docx",
        lambda: docx_table_with_sections(
            [
                ("SECCIÓN A: DATOS DE LA PRÁCTICA", None),
                ("Nombre de la práctica", "Barrios en Diálogo"),
                ("Descripción", "Mediadores vecinales forman a asociaciones de barrio para prevenir la polarización."),
                ("Revisado por pares", "☐ Sí ☒ No"),
                ("SECCIÓN B: TEMAS Y PÚBLICO", None),
                (
                    "Temas clave",
                    "☒ Participación y empoderamiento de la comunidad\n☐ Apoyo familiar\n"
                    "☒ Cohesión social y polarización",
                ),
                ("Público objetivo", "☒ Organizaciones comunitarias locales/ONG\n☒ Autoridades\n☐ Familias"),
                ("Inicio de la práctica", "Desde 2015"),
                ("SECCIÓN C: ORGANIZACIÓN", None),
                ("Organización", "Fundación Convive\nTipo de organización: Fundación"),
                ("País de origen", "España"),
                ("Última actualización", "2023"),
            ]
        ),
        {
            "title": "Barrios en Diálogo",
            "peer_reviewed": False,
            "key_themes": ["community-engagement", "social-cohesion-polarisation"],
            "target_audiences": ["local-community-organisations-ngos", "authorities"],
            "start_year": 2015,
            "country": "ES",
            "last_update_year": 2023,
            "organisation.name": "Fundación Convive",
            "organisation.type": "ngo",
        },
        placed=(("description", "Mediadores vecinales"),),
    ),
]


@pytest.mark.parametrize("case", params(CASES))
def test_an_unseen_template_gives_its_fields(case):
    check_fields(case)


@pytest.mark.parametrize("case", params(CASES))
def test_an_unseen_template_loses_no_free_text_answer(case):
    check_kept(case)


# Every field's label in the six languages, one document each: each answer lands in its own field.
SIX_LANGUAGES_LABELS = {
    "ro": (
        "Denumirea practicii", "Descriere", "Evaluare inter pares", "Teme principale", "Public țintă",
        "Acoperire geografică", "Începutul practicii", "Livrabile", "Dovezi și evaluare",
        "Sustenabilitate și transferabilitate", "Prezentată și discutată în cadrul unei reuniuni RAN",
        "Legături cu alte inițiative UE sau finanțare UE", "Organizația", "Țara de origine", "Date de contact",
        "Ultima actualizare",
    ),
    "hr": (
        "Naziv prakse", "Opis", "Stručna recenzija", "Ključne teme", "Ciljana skupina", "Geografski obuhvat",
        "Početak prakse", "Konkretni rezultati", "Dokazi i evaluacija", "Održivost i prenosivost",
        "Predstavljeno i raspravljeno na sastanku RAN-a",
        "Povezanost s drugim inicijativama EU-a ili financiranjem EU-a", "Organizacija", "Zemlja podrijetla",
        "Kontakt podaci", "Posljednje ažuriranje",
    ),
    "sk": (
        "Názov praxe", "Popis", "Vzájomné hodnotenie", "Kľúčové témy", "Cieľová skupina", "Geografický rozsah",
        "Začiatok praxe", "Výstupy", "Dôkazy a hodnotenie", "Udržateľnosť a prenosnosť",
        "Prezentované a diskutované na stretnutí RAN", "Prepojenie s inými iniciatívami EÚ alebo financovaním EÚ",
        "Organizácia", "Krajina pôvodu", "Kontaktné údaje", "Posledná aktualizácia",
    ),
    "bg": (
        "Наименование на практиката", "Описание", "Партньорска оценка", "Ключови теми", "Целева група",
        "Географски обхват", "Начало на практиката", "Крайни продукти", "Доказателства и оценка",
        "Устойчивост и преносимост", "Представена и обсъдена на среща на RAN",
        "Връзки с други инициативи на ЕС или финансиране от ЕС", "Организация", "Държава на произход",
        "Данни за контакт", "Последна актуализация",
    ),
    "lv": (
        "Prakses nosaukums", "Apraksts", "Salīdzinošā izvērtēšana", "Galvenās tēmas", "Mērķauditorija",
        "Ģeogrāfiskais tvērums", "Prakses sākums", "Nodevumi", "Pierādījumi un izvērtēšana",
        "Ilgtspēja un pārnesamība", "Prezentēts un apspriests RAN sanāksmē",
        "Saistība ar citām ES iniciatīvām vai ES finansējumu", "Organizācija", "Izcelsmes valsts",
        "Kontaktinformācija", "Pēdējā atjaunināšana",
    ),
    "lt": (
        "Praktikos pavadinimas", "Aprašymas", "Tarpusavio vertinimas", "Pagrindinės temos", "Tikslinė grupė",
        "Geografinė aprėptis", "Praktikos pradžia", "Galutiniai rezultatai", "Įrodymai ir vertinimas",
        "Tvarumas ir perkeliamumas", "Pristatyta ir aptarta RAN susitikime",
        "Sąsajos su kitomis ES iniciatyvomis ar ES finansavimu", "Organizacija", "Kilmės šalis",
        "Kontaktiniai duomenys", "Paskutinis atnaujinimas",
    ),
}  # fmt: skip
NARRATIVE = ("description", "geographical_scope", "deliverables", "evidence_evaluation",
             "sustainability_transferability", "ran_meetings", "eu_links_funding", "contact")  # fmt: skip


@pytest.mark.parametrize("language", SIX_LANGUAGES_LABELS)
def test_every_field_s_label_in_romanian_croatian_slovak_bulgarian_latvian_lithuanian_is_read(language):
    answers = ("Most", "odgovor-description", "—", "Family support", "Families", "odgovor-geographical_scope",
               "2019", "odgovor-deliverables", "odgovor-evidence_evaluation",
               "odgovor-sustainability_transferability", "odgovor-ran_meetings", "odgovor-eu_links_funding",
               "Udruga Most", "Austria", "odgovor-contact", "2024")  # fmt: skip
    document = "\n".join(
        f"{label}: {answer}" for label, answer in zip(SIX_LANGUAGES_LABELS[language], answers, strict=False)
    )
    parsed = import_document(document.encode(), "x.txt")
    read = (parsed.title, parsed.key_themes, parsed.target_audiences, parsed.start_year, parsed.organisation.name,
            parsed.country, parsed.last_update_year)  # fmt: skip
    assert read == ("Most", ["family-support"], ["families"], 2019, "Udruga Most", "AT", 2024)
    assert {code: field_answer(parsed, code) for code in NARRATIVE} == {code: f"odgovor-{code}" for code in NARRATIVE}
    assert [w.code for w in parsed.warnings if w.code == "unknown_label"] == []


@pytest.mark.parametrize(
    "document",
    [
        # a word of an answer that names a field in another language: "Rezultāti" (results) is no label of
        # deliverables, "Popis" (a list, in Croatian) before a lower-case word no Slovak description
        "Prakses nosaukums: Kopā\nApraksts: Dialogs.\nPierādījumi un izvērtēšana: Aptauja.\nRezultāti: 80% dalībnieku.",
        "Naziv prakse: Most\nOpis: Mentorstvo.\nDokazi i evaluacija: Anketa.\nPopis radionica: tri u 2023.",
    ],
)
def test_a_line_of_an_answer_starting_like_a_label_stays_in_that_answer(document):
    parsed = import_document(document.encode(), "x.txt")
    last_line = document.split("\n")[-1]
    assert parsed.fields["evidence_evaluation"].endswith(last_line)
    assert parsed.fields["deliverables"] == "" and parsed.fields["description"] in ("Dialogs.", "Mentorstvo.")


@pytest.mark.parametrize(
    ("answer", "peer_reviewed"),
    [("Nu", False), ("Da", True), ("Áno", True), ("Nie", False), ("Да", True), ("Не", False), ("Jā", True),
     ("Nē", False), ("Taip", True), ("Ne", False)],
)  # fmt: skip
def test_peer_reviewed_yes_or_no_in_the_six_languages(answer, peer_reviewed):
    assert import_document(f"Peer reviewed\t{answer}".encode(), "x.txt").peer_reviewed is peer_reviewed


@pytest.mark.parametrize("answer", ["Не се прилага", "Да се уточни", "Nu este cazul", "Nu nog niet"])
def test_a_yes_or_no_of_the_six_languages_before_other_words_is_no_answer(answer):
    # Bulgarian "не"/"да" and Romanian "nu" open sentences ("not applicable", "to be checked"), Dutch "nu" is now
    parsed = import_document(f"Peer reviewed\t{answer}".encode(), "x.txt")
    assert (parsed.peer_reviewed, parsed.warning_codes("peer_reviewed")) == (None, ["unrecognised_value"])


@pytest.mark.parametrize(
    ("start", "years"),
    [
        ("od 2020. do 2023.", (2020, 2023)),
        ("2016.–2020.", (2016, 2020)),
        ("no 2016. gada līdz 2020. gadam", (2016, 2020)),
        ("nuo 2015 iki 2019 m.", (2015, 2019)),
        ("din 2016 până în 2020", (2016, 2020)),
        ("от 2015 до 2019 г.", (2015, 2019)),
        ("2015.–2019., i dalje u tijeku", (2015, None)),  # goes on
        ("2015–2019 pilot, joprojām darbojas", (2015, None)),
        ("2019. godine", (2019, None)),
    ],
)
def test_a_range_of_years_as_the_six_languages_write_it(start, years):
    parsed = import_document(f"Name of the practice\tMost\nStart of the practice\t{start}".encode(), "x.txt")
    assert (parsed.start_year, parsed.end_year) == years


@pytest.mark.parametrize(
    ("answer", "codes"),
    [
        # a stem's last consonant changed before the ending (Slavic palatalisation)
        ("Pre žiakov a učiteľov", ["youth-pupils-students", "educators-academics"]),
        ("Učenike i nastavnike", ["youth-pupils-students", "educators-academics"]),
        ("Ученик и родители", ["youth-pupils-students", "families"]),
        ("Školske psihologinje", ["health-practitioners"]),
        ("Psycholożki szkolne", ["health-practitioners"]),
        # the sciences, whose names end like another form of their practitioners', are none
        ("Psychologia; policjanci", ["law-enforcement"]),
        ("Psihologija, policija", ["law-enforcement"]),
        ("Психология, полицаи", ["law-enforcement"]),
        ("Pedagogika a rodičia", ["families"]),
        ("Praktyka, rodziny", ["families"]),
    ],
)
def test_an_audience_with_its_stem_changed_is_read_and_a_science_is_not(answer, codes):
    assert Vocabulary.from_lists().target_audiences(answer).codes == codes


@pytest.mark.parametrize(
    ("answer", "codes"),
    [
        ("Coeziune socială; Dimensiunea online", ["social-cohesion-polarisation", "online-dimension"]),
        ("Uključivanje mladih, Socijalna kohezija", ["youth-engagement", "social-cohesion-polarisation"]),
        ("Zapojenie komunity", ["community-engagement"]),
        ("Ангажиране на общността", ["community-engagement"]),
        ("Kopienu iesaiste; Jauniešu iesaiste", ["community-engagement", "youth-engagement"]),
        ("Internetinė dimensija", ["online-dimension"]),
        ("Participación comunitaria", ["community-engagement"]),
        ("Coinvolgimento dei giovani", ["youth-engagement"]),
        # neighbours in other words that name none of those: the parents' involvement, the community alone
        ("Coinvolgimento dei genitori", []),
        ("Participación de los padres", []),
        ("Iesaiste", []),
    ],
)
def test_a_key_theme_in_the_words_writers_use_for_it(answer, codes):
    assert Vocabulary.from_lists().key_themes(answer).codes == codes


def test_a_closed_list_answer_not_read_stays_where_the_contributor_sees_it():
    parsed = import_document("Naziv prakse\tMost\nKljučne teme\tSport; Uključivanje očeva".encode(), "x.txt")
    shown = " ".join(w.message for w in parsed.warnings if w.field == "key_themes")
    assert parsed.key_themes == [] and "Sport" in shown and "Uključivanje očeva" in shown


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("Asociația Punți\nTipul organizației: Asociație", "ngo"),
        ("Primăria Cluj\nTip de organizație: Primărie", "municipality"),
        ("Spolu\nTyp organizácie: Občianske združenie", "ngo"),
        ("Мостове\nВид на организацията: Сдружение", "ngo"),
        ("Kopā\nOrganizācijas veids: Biedrība", "ngo"),
        ("Kauno miestas\nOrganizacijos tipas: Savivaldybė", "municipality"),
        ("Bridges\nType of organization: Non-profit organization", "ngo"),
        ("Bridges\nType of organization: Not-for-profit", "ngo"),
        ("Bridges\nType of organization: For-profit consultancy", None),
    ],
)
def test_the_type_of_organisation_labelled_in_the_six_languages_is_read(cell, code):
    parsed = import_document(
        f"Name of the practice\tMost\nOrganisation\t{cell.replace(chr(10), chr(9))}".encode(), "x.txt"
    )
    name, type_line = cell.split("\n")
    assert (parsed.organisation.name, parsed.organisation.type) == (name, code)
    if code is None:  # a type not read stays in the organisation's text
        assert type_line.split(": ")[1] in parsed.organisation.description


def test_an_answer_of_several_cells_in_a_text_export_keeps_each_cell_on_its_line():
    parsed = import_document(b"Name of the practice\tMost\nDescription\tMentoring.\tTwice a week.", "x.txt")
    assert parsed.fields["description"] == "Mentoring.\nTwice a week."  # not run together on one line


def test_a_form_s_check_boxes_count_only_when_ticked():
    html = (
        "<table><tr><td>Name of the practice</td><td>Most</td></tr>"
        '<tr><td>Peer reviewed</td><td><input type="radio" name="p"> Yes '
        '<input type="radio" name="p" checked> No</td></tr>'
        '<tr><td>Key themes</td><td><ul><li><input type="checkbox" checked> Family support</li>'
        '<li><input type="checkbox"> Exit strategies</li><li><input type="checkbox" checked="checked"> Formers</li>'
        "</ul></td></tr></table>"
    )
    parsed = import_document(html.encode(), "x.html")
    assert (parsed.peer_reviewed, parsed.key_themes) == (False, ["family-support", "formers"])


@pytest.mark.parametrize(
    ("document", "title", "description", "moved"),
    [
        # the "Description" heading deleted: the sentences after the name are the description's
        (
            "Name of the practice: Bridges\nYouth workers meet young people at risk in three districts every week.\n"
            "Country of origin: Austria",
            "Bridges",
            "Youth workers meet young people at risk in three districts every week.",
            True,
        ),
        # ... put before the description's own text when it has one
        (
            "Name of the practice: Bridges\nYouth workers meet young people at risk in three districts every week.\n"
            "Description: Since 2019.",
            "Bridges",
            "Youth workers meet young people at risk in three districts every week.\n\nSince 2019.",
            True,
        ),
        # a name written over two lines stays whole
        (
            "Name of the practice: Bridges\nfor young people at risk\nDescription: Mentoring.",
            "Bridges for young people at risk",
            "Mentoring.",
            False,
        ),
    ],
)
def test_sentences_after_the_practice_s_name_go_to_the_description(document, title, description, moved):
    parsed = import_document(document.encode(), "x.txt")
    assert (parsed.title, parsed.fields["description"]) == (title, description)
    assert ("unplaced_text" in parsed.warning_codes("description")) is moved


def test_a_key_theme_in_words_no_list_holds_is_read():
    # leaving + extremism: the exit strategies by the words bearing their meaning (meanings.py)
    assert Vocabulary.from_lists().key_themes("Deradikalizácia a odchod z extrémizmu").codes == [
        "deradicalisation-disengagement",
        "exit-strategies",
    ]


def test_an_audience_whose_stem_vowel_changes_is_read():
    # Romanian "tânăr" / "tineri": the stem's vowels change (text.VOWEL_ALTERNATIONS)
    assert Vocabulary.from_lists().target_audiences("Tânăr, părinți").codes == ["youth-pupils-students", "families"]
