"""Robustness sweep: practice snippets the check had never seen, in the portal's languages.

Each snippet marks its personal data with ``[[TYPE:text]]`` (the corpus's marks); the
check must report every mark whole, as its type, and nothing else. The snippets were
written before the check was changed for them, one class of problem at a time: phone
numbers of each EU country, plain and obfuscated email addresses, IBANs, identity
numbers, dates of birth in words, names with particles, diacritics and titles in
several languages, contact blocks, street addresses, and ordinary practice text
(laws, statistics, programmes, the place of the practice, names already anonymised)
that holds none. Each snippet is checked in the practice's own language, as the
portal does (docs/ANONYMISATION.md: the English model reads the languages without
a model of their own).
"""

import pytest

from practices.anonymisation import check_fields, warm_up
from practices.anonymisation.given_names import given_name_candidates
from tests.practices.anonymisation_corpus import MARK, Mark, _marks


@pytest.fixture(scope="module", autouse=True)
def models():
    warm_up()


# (class, practice language, field, marked text)
CASES: list[tuple[str, str, str, str]] = [
    # --- phone numbers ---------------------------------------------------------------------------------
    ("phone", "nl", "description", "De moeder belde ons op [[PHONE_NUMBER:+32 478 12 34 56]] na het gesprek."),
    ("phone", "nl", "description", "Bereikbaar via [[PHONE_NUMBER:0032 478 12 34 56]] (alleen overdag)."),
    ("phone", "nl", "contact", "Jeugdwerker, mobiel [[PHONE_NUMBER:+31 (0)6-12345678]]"),
    ("phone", "fr", "description", "Le père a laissé son numéro, le [[PHONE_NUMBER:07 81 23 45 67]], à l'accueil."),
    ("phone", "de", "description", "Die Mutter ist unter [[PHONE_NUMBER:030/1234567]] erreichbar."),
    ("phone", "de", "description", "Rückfragen an die Fallkoordinatorin: [[PHONE_NUMBER:+49 (0)30 1234567]]."),
    ("phone", "sv", "description", "Mentorn kan nås på [[PHONE_NUMBER:+46 70-123 45 67]] dagtid."),
    (
        "phone",
        "pl",
        "description",
        "Kontakt z rodziną: [[PHONE_NUMBER:+48 512 345 678]] lub [[PHONE_NUMBER:512 345 678]].",
    ),
    (
        "phone",
        "en",
        "description",
        "He called the probation office on [[PHONE_NUMBER:+44 20 7946 0958]] ext. 12 twice.",
    ),
    ("phone", "es", "description", "La educadora facilitó su móvil, [[PHONE_NUMBER:612 34 56 78]], a la familia."),
    ("phone", "it", "description", "Il padre ha chiamato il [[PHONE_NUMBER:+39 333 123 4567]] più volte."),
    ("phone", "da", "description", "Mentoren har nummeret [[PHONE_NUMBER:20 12 34 56]] og svarer om aftenen."),
    ("phone", "de", "description", "Der Bewährungshelfer in Graz: [[PHONE_NUMBER:+43 316 123456]]."),
    ("phone", "en", "description", "The Dublin mentor gave his mobile, [[PHONE_NUMBER:087 123 4567]], to the boy."),
    ("phone", "pt", "description", "O pai ligou para o [[PHONE_NUMBER:+351 912 345 678]] depois da sessão."),
    ("phone", "en", "description", "The mentor in Zurich ([[PHONE_NUMBER:+41 44 123 45 67]]) joined later."),
    ("phone", "fi", "description", "Nuoren äiti soitti numerosta [[PHONE_NUMBER:040 123 4567]] poliisille."),
    # --- email addresses -------------------------------------------------------------------------------
    ("email", "nl", "contact", "Mail: [[EMAIL_ADDRESS:j.devries@utrecht.nl]]"),
    ("email", "nl", "description", "Meer informatie via [[EMAIL_ADDRESS:info@gemeente-voorbeeld.nl]]."),
    ("email", "pl", "contact", "e-mail: [[EMAIL_ADDRESS:K.NOWAK@POLICJA.GOV.PL]]"),
    ("email", "en", "description", "Forms went to [[EMAIL_ADDRESS:anna+pve@example.org]] until May."),
    ("email", "it", "contact", "Referente del progetto <[[EMAIL_ADDRESS:m.rossi@comune.example.it]]>"),
    ("email", "es", "description", "Escríbanos [aquí](mailto:[[EMAIL_ADDRESS:l.garcia@ayto-example.es]])."),
    ("email", "sv", "contact", '<a href="mailto:[[EMAIL_ADDRESS:sara.lind@malmo.se]]">Skriv till oss</a>'),
    ("email", "nl", "description", "Vragen aan [[EMAIL_ADDRESS:pieter [at] stad-gent [dot] be]] sturen."),
    ("email", "de", "contact", "E-Mail: [[EMAIL_ADDRESS:h.mueller(at)polizei.example.de]]"),
    ("email", "en", "description", "Write to [[EMAIL_ADDRESS:m.obrien {at} probation [dot] ie]] for the toolkit."),
    ("email", "fr", "description", "Écrire à [[EMAIL_ADDRESS:c.fontaine at mairie-exemple dot fr]] pour le guide."),
    # --- IBANs -----------------------------------------------------------------------------------------
    ("iban", "es", "description", "Las ayudas se pagaron en la cuenta [[IBAN_CODE:ES91 2100 0418 4502 0005 1332]]."),
    ("iban", "it", "description", "Rimborso sul conto [[IBAN_CODE:IT60X0542811101000000123456]] della madre."),
    ("iban", "pl", "description", "Numer konta ojca: [[IBAN_CODE:PL61 1090 1014 0000 0712 1981 2874]]."),
    ("iban", "da", "description", "Familien fik pengene på [[IBAN_CODE:DK50 0040 0440 1162 43]]."),
    ("iban", "fr", "description", "Remboursement sur [[IBAN_CODE:FR7630006000011234567890189]] le 3 mai."),
    ("iban", "nl", "description", "Rekening van de moeder: [[IBAN_CODE:BE74 3101 6453 3207]]."),
    ("iban", "pt", "description", "Conta da família: [[IBAN_CODE:PT50 0002 0123 1234 5678 9015 4]]."),
    ("iban", "en", "description", "Paid into [[IBAN_CODE:IE29 AIBK 9311 5212 3456 78]], the father's account."),
    # --- national identity numbers ---------------------------------------------------------------------
    ("national_id", "nl", "description", "Rijksregisternummer van de jongen: [[NATIONAL_ID:92.07.21-143.44]]."),
    ("national_id", "nl", "description", "Zijn BSN [[NATIONAL_ID:246801359]] stond op het formulier."),
    ("national_id", "fr", "description", "Numéro de sécurité sociale : [[NATIONAL_ID:1 89 03 75 120 042 58]]."),
    ("national_id", "sv", "description", "Personnummer [[NATIONAL_ID:891103-3283]] fanns i akten."),
    ("national_id", "da", "description", "CPR-nummer [[NATIONAL_ID:250385-0004]] stod i sagen."),
    ("national_id", "es", "description", "El DNI del joven, [[NATIONAL_ID:48291736Q]], aparecía en el informe."),
    ("national_id", "es", "description", "Su madre, con NIE [[NATIONAL_ID:X1234567L]], acudió a la cita."),
    ("national_id", "it", "description", "Codice fiscale del ragazzo: [[NATIONAL_ID:RSSMRA88C12H501M]]."),
    ("national_id", "pl", "description", "W aktach był numer PESEL [[NATIONAL_ID:89030312349]] chłopaka."),
    # --- dates of birth --------------------------------------------------------------------------------
    ("date_of_birth", "en", "description", "The young man, born on [[DATE_OF_BIRTH:3 March 1989]], left in 2014."),
    ("date_of_birth", "fr", "description", "Le jeune, né le [[DATE_OF_BIRTH:12/04/1990]], a été suivi deux ans."),
    ("date_of_birth", "de", "description", "Der Teilnehmer wurde geboren am [[DATE_OF_BIRTH:1. Mai 1985]]."),
    ("date_of_birth", "de", "contact", "Teilnehmer, geb. [[DATE_OF_BIRTH:01.05.1985]], Akte 17"),
    (
        "date_of_birth",
        "es",
        "description",
        "El chico, nacido el [[DATE_OF_BIRTH:3 de marzo de 1990]], vivía con su tía.",
    ),
    (
        "date_of_birth",
        "it",
        "description",
        "La ragazza, nata il [[DATE_OF_BIRTH:12 marzo 1998]], frequentava il liceo.",
    ),
    ("date_of_birth", "sv", "description", "Pojken, född den [[DATE_OF_BIRTH:3 mars 2001]], gick i nian."),
    ("date_of_birth", "pl", "description", "Chłopak urodzony [[DATE_OF_BIRTH:3 marca 2001]] r. mieszkał z matką."),
    ("date_of_birth", "nl", "description", "De jongen, geboren op [[DATE_OF_BIRTH:14 februari 2002]], zat op het mbo."),
    ("date_of_birth", "es", "contact", "Fecha de nacimiento: [[DATE_OF_BIRTH:03/03/1990]]"),
    ("date_of_birth", "it", "contact", "Data di nascita: [[DATE_OF_BIRTH:12/03/1998]]"),
    ("date_of_birth", "da", "description", "Drengen er født den [[DATE_OF_BIRTH:3. marts 2003]] i en lille by."),
    # --- names with titles, particles and diacritics ----------------------------------------------------
    ("titled_name", "nl", "description", "Het gesprek werd geleid door [[PERSON:dhr. Jan van der Berg]]."),
    ("titled_name", "nl", "description", "Daarna sprak [[PERSON:mevr. A. Janssens]] met de ouders."),
    ("titled_name", "fr", "description", "[[PERSON:Mme Marie-Claire de La Fontaine]] anime les ateliers."),
    ("titled_name", "de", "description", "Die Gespräche führt [[PERSON:Frau Zoë Ødegård]] aus dem Team."),
    ("titled_name", "de", "description", "Am Fall arbeitet [[PERSON:Herr Dr. Jürgen Schäfer]] mit."),
    ("titled_name", "es", "description", "La sesión la dirigió el [[PERSON:Sr. Alejandro Gómez Ruiz]] con la familia."),
    ("titled_name", "es", "description", "Después habló la [[PERSON:Sra. Lucía Fernández]] con la madre."),
    ("titled_name", "it", "description", "Il percorso è seguito dalla [[PERSON:Sig.ra Giulia Bianchi]] del servizio."),
    ("titled_name", "it", "description", "Il colloquio con il [[PERSON:dott. Marco Rossi]] è durato un'ora."),
    ("titled_name", "pl", "description", "Rozmowę prowadził [[PERSON:pan Łukasz Wójcik]] z zespołu."),
    ("titled_name", "sv", "description", "Samtalet leddes av [[PERSON:fru Ingrid Lindqvist]] från skolan."),
    ("titled_name", "en", "description", "The mentor, [[PERSON:Mr Sean O'Brien]], met him weekly."),
    ("titled_name", "en", "description", "[[PERSON:Dr Omar Al-Hassan]] trained the prison staff."),
    # --- contact blocks --------------------------------------------------------------------------------
    (
        "contact_block",
        "pl",
        "contact",
        "[[PERSON:Łukasz Wójcik]]\nKoordynator projektu\ntel. [[PHONE_NUMBER:+48 512 345 678]]\n"
        "[[EMAIL_ADDRESS:l.wojcik@um.example.pl]]",
    ),
    (
        "contact_block",
        "nl",
        "contact",
        "[[PERSON:Jan van der Berg]] | projectleider | [[PHONE_NUMBER:06 12 34 56 78]] | "
        "[[EMAIL_ADDRESS:j.vandenberg@utrecht.example.nl]]",
    ),
    (
        "contact_block",
        "sv",
        "contact",
        "[[PERSON:Ingrid Lindqvist]], samordnare, [[PHONE_NUMBER:070-123 45 67]], "
        "[[EMAIL_ADDRESS:ingrid.lindqvist@malmo.se]]",
    ),
    ("contact_block", "es", "contact", "Persona de contacto: [[PERSON:Lucía Fernández Ortega]]\nAyuntamiento"),
    ("contact_block", "it", "contact", "Referente: [[PERSON:Giulia Bianchi]], coordinatrice"),
    ("contact_block", "nl", "contact", "Contactpersoon: [[PERSON:Fatima el Idrissi]]\nStad Mechelen"),
    ("contact_block", "pl", "contact", "Osoba kontaktowa: [[PERSON:Agnieszka Kowalska]]"),
    (
        "contact_block",
        "de",
        "contact",
        "Ansprechpartnerin\n[[PERSON:Zoë Ødegård]]\nFachstelle Extremismusprävention\n"
        "Telefon [[PHONE_NUMBER:0221 1234567]]",
    ),
    # --- street addresses ------------------------------------------------------------------------------
    ("address", "es", "description", "La familia vive en [[LOCATION:Calle Mayor 12, 28013 Madrid]] desde 2018."),
    ("address", "it", "description", "Il ragazzo abita in [[LOCATION:Via Garibaldi 7]], vicino alla scuola."),
    ("address", "pl", "description", "Rodzina mieszka przy [[LOCATION:ul. Marszałkowska 10/12, 00-590 Warszawa]]."),
    ("address", "de", "description", "Die Familie wohnt in der [[LOCATION:Lindenstraße 4, 50674 Köln]]."),
    ("address", "sv", "description", "Hon bodde på [[LOCATION:Drottninggatan 25]] i fem år."),
    ("address", "en", "description", "He stayed with his aunt at [[LOCATION:27 Oakfield Road]], Bristol."),
    ("address", "nl", "description", "Het gezin woont aan de [[LOCATION:Kerkstraat 14]] in Mechelen."),
    ("address", "it", "description", "Abita in [[LOCATION:Piazza Cavour 3, 20121 Milano]] con la nonna."),
    # --- text that holds no personal data --------------------------------------------------------------
    ("negative", "en", "description", "The practice rests on Article 8 ECHR and on Law 2016-274 on child protection."),
    ("negative", "en", "description", "From 2015 to 2019, 2,500 participants took part in 14 municipalities."),
    ("negative", "de", "description", "EXIT-Deutschland begleitet seit 2000 Aussteiger aus der rechten Szene."),
    ("negative", "en", "description", "The Aarhus model inspired the Radicalisation Awareness Network's paper."),
    ("negative", "en", "description", "The Ministry of Justice funded 60 % of the work; the rest came from the city."),
    ("negative", "en", "description", "See ISBN 978-92-79-45123-7 and https://doi.org/10.2837/384421 for the study."),
    ("negative", "en", "description", "Families call the tel. 24/7 helpline; it answered 1 250 calls in 2021."),
    ("negative", "en", "description", "[name], Mr X. and A.B. met the young man in 2019; the mother (A.) agreed."),
    ("negative", "fr", "description", "Le dispositif, lancé à Strasbourg en 2016, a suivi 312 jeunes de 12 à 25 ans."),
    ("negative", "de", "description", "Das Projekt in Bielefeld wird nach § 16 SGB VIII gefördert (2019–2022)."),
    ("negative", "nl", "description", "In Mechelen en Vilvoorde liep het project van 2016 tot 2020 met 45 jongeren."),
    ("negative", "sv", "description", "Fryshuset i Stockholm startade Exit 1998; 2019 deltog 120 personer."),
    ("negative", "es", "description", "El programa de Madrid atendió a 1.200 jóvenes entre 2017 y 2021."),
    ("negative", "it", "description", "Il progetto di Milano, finanziato con 350.000 euro, dura dal 2018 al 2022."),
    ("negative", "pl", "description", "Program w Gdańsku objął 85 osób w latach 2017–2020 (Dz.U. 2016 poz. 904)."),
    ("negative", "en", "description", "Directive (EU) 2017/541 and Regulation 2021/784 set the legal frame."),
    (
        "negative",
        "en",
        "description",
        "The office at postcode 1000 serves the city; open 09:00-17:00, Monday to Friday.",
    ),
    (
        "negative",
        "fr",
        "description",
        "Le jeune homme (X.) a été reçu par l'éducateur ; sa mère, Mme Y., était présente.",
    ),
    (
        "negative",
        "de",
        "description",
        "Violence Prevention Network arbeitet in Berlin mit 30 Trainerinnen und Trainern.",
    ),
]

# Written after CASES had been fixed, and run once before any change for them: of 53, 4
# missed (a Polish landline, a German date of birth with the verb last, "1° maggio", a
# street with a king's number), 1 found in part (a titled first name), 1 number no operator
# has (KNOWN_GAPS), no false alarm. Then fixed.
LATER_CASES: list[tuple[str, str, str, str]] = [
    ("phone", "nl", "contact", "T [[PHONE_NUMBER:+31 20 123 4567]] | M [[PHONE_NUMBER:+31 6 1234 5678]]"),
    ("phone", "da", "description", "Forældrene kan ringe på tlf. [[PHONE_NUMBER:23 45 67 89]] hele ugen."),
    ("phone", "fi", "contact", "puh. [[PHONE_NUMBER:050 123 4567]]"),
    ("phone", "de", "description", "Die Mentorin in Wien ist unter [[PHONE_NUMBER:0043 664 1234567]] erreichbar."),
    ("phone", "en", "description", "The Prague partner's mobile, [[PHONE_NUMBER:+420 601 123 456]], was on the flyer."),
    ("phone", "fr", "description", "Joignable au [[PHONE_NUMBER:+33 (0)6 12 34 56 78]] après 18 h."),
    ("phone", "es", "description", "El tutor atiende en el [[PHONE_NUMBER:(+34) 91 123 45 67]] por las tardes."),
    ("phone", "sv", "contact", "Telefon: [[PHONE_NUMBER:+46 (0)8 123 456 78]]"),
    ("phone", "pl", "contact", "Kontakt: [[PERSON:Katarzyna Lewandowska]], tel. [[PHONE_NUMBER:58 123 45 67]]"),
    ("email", "nl", "contact", "E: [[EMAIL_ADDRESS:Jan.Jansen@Politie.example.NL]]"),
    ("email", "pl", "description", "Zgłoszenia na [[EMAIL_ADDRESS:anna.kowalska[at]gdansk.example.pl]] do piątku."),
    ("email", "pl", "description", "Pisz do [[EMAIL_ADDRESS:jkowalski (at) example (dot) pl]] w sprawie szkoleń."),
    ("email", "de", "contact", "Anfragen: [[EMAIL_ADDRESS:info(at)exit-beispiel.de]]"),
    ("iban", "fi", "description", "Tuki maksettiin tilille [[IBAN_CODE:FI21 1234 5600 0007 85]]."),
    ("iban", "fr", "description", "Le virement est parti sur [[IBAN_CODE:LU28 0019 4006 4475 0000]] en mars."),
    ("national_id", "sv", "description", "Hans personnummer [[NATIONAL_ID:19891103-3283]] stod i anmälan."),
    ("national_id", "nl", "description", "Rijksregisternummer [[NATIONAL_ID:92072114344]] bleek te kloppen."),
    ("national_id", "fr", "description", "Le NIR [[NATIONAL_ID:189037512004258]] figurait sur l'attestation."),
    ("national_id", "da", "description", "Hans CPR [[NATIONAL_ID:2503850004]] blev streget ud."),
    ("national_id", "es", "description", "Aportó su DNI [[NATIONAL_ID:48291736-Q]] en la primera cita."),
    ("national_id", "pl", "contact", "nr PESEL: [[NATIONAL_ID:02241512348]]"),
    ("date_of_birth", "en", "description", "Date of birth: [[DATE_OF_BIRTH:March 3, 1989]]; he joined in 2015."),
    ("date_of_birth", "fr", "description", "Sa sœur, née le [[DATE_OF_BIRTH:3 mai 1991]], a témoigné."),
    ("date_of_birth", "de", "description", "Er ist am [[DATE_OF_BIRTH:14.02.2002]] geboren und wuchs in Köln auf."),
    ("date_of_birth", "sv", "description", "Flickan, född [[DATE_OF_BIRTH:2001-03-03]], gick på gymnasiet."),
    ("date_of_birth", "es", "description", "La joven, nacida el [[DATE_OF_BIRTH:5/11/1999]], dejó los estudios."),
    ("date_of_birth", "it", "description", "Il giovane, nato il [[DATE_OF_BIRTH:1° maggio 1990]], lavorava in un bar."),
    # Where she lived is hers ("mieszkała w": docs/ANONYMISATION.md, LOCATION); unmarked until the
    # fifth batch, when a place after a word for living somewhere came to be read in any language.
    (
        "date_of_birth",
        "pl",
        "description",
        "Dziewczyna urodzona [[DATE_OF_BIRTH:03.03.1989]] mieszkała w [[LOCATION:Sopocie]].",
    ),
    (
        "titled_name",
        "de",
        "description",
        "Geleitet wird das Projekt von [[PERSON:Prof. Dr. Anna-Lena Müller-Lüdenscheidt]].",
    ),
    ("titled_name", "nl", "description", "Het advies kwam van mevrouw drs. [[PERSON:Petra de Wit]]."),
    ("titled_name", "de", "description", "Wir danken [[PERSON:Herrn Thomas Becker]] für die Unterstützung."),
    ("titled_name", "es", "description", "La madre habló con [[PERSON:Doña María José Pérez]] en el centro."),
    ("titled_name", "it", "description", "Il caso è seguito dalla dottoressa [[PERSON:Chiara Conti]]."),
    ("titled_name", "pl", "description", "Spotkanie prowadziła [[PERSON:Pani Małgorzata Zielińska]] z MOPS."),
    ("titled_name", "en", "description", "The mentor, [[PERSON:Ms Siobhán Ní Bhriain]], worked with the family."),
    (
        "contact_block",
        "it",
        "contact",
        "Contatto: [[PERSON:dott.ssa Elena Russo]] – [[EMAIL_ADDRESS:e.russo@comune.example.it]] – "
        "[[PHONE_NUMBER:06 1234 5678]]",
    ),
    (
        "contact_block",
        "de",
        "contact",
        "[[PERSON:Mag. Katrin Hofer]]\nSozialarbeiterin\n[[PHONE_NUMBER:+43 1 4000 12345]]\n"
        "[[EMAIL_ADDRESS:katrin.hofer@wien.example.at]]",
    ),
    (
        "address",
        "es",
        "description",
        "Vivía en [[LOCATION:Avenida de la Constitución 21, 41001 Sevilla]] con su abuela.",
    ),
    (
        "address",
        "it",
        "description",
        "La sede è in [[LOCATION:Corso Vittorio Emanuele II 45, 10125 Torino]]; il ragazzo abita lì vicino.",
    ),
    ("address", "pl", "description", "Matka mieszka przy [[LOCATION:al. Jerozolimskie 44, 00-024 Warszawa]]."),
    ("address", "pt", "description", "A família mora na [[LOCATION:Rua Augusta 24, 1100-053 Lisboa]]."),
    ("address", "sv", "description", "Han bodde på [[LOCATION:Sveavägen 44, 111 34 Stockholm]] med sin mamma."),
    (
        "negative",
        "en",
        "description",
        "After the 2019 Christchurch attack, the Hayat programme and the Kofi Annan Foundation met in Vienna.",
    ),
    (
        "negative",
        "en",
        "description",
        "The Prevent duty (Counter-Terrorism and Security Act 2015, section 26) applies to schools.",
    ),
    ("negative", "fr", "description", "La loi n° 2016-731 du 3 juin 2016 renforce la lutte contre le terrorisme."),
    ("negative", "de", "description", "Nach § 89a StGB wurden 2018 in Nordrhein-Westfalen 14 Verfahren eröffnet."),
    (
        "negative",
        "en",
        "description",
        "The conference ran from 3 to 5 June 2019 in Vienna with EUR 250 000 of funding.",
    ),
    ("negative", "it", "description", "Dal 2017 al 2021 il Comune di Torino ha seguito 240 giovani con la Caritas."),
    (
        "negative",
        "es",
        "description",
        "El Ayuntamiento de Málaga y la Policía Local colaboran desde 2016 con 35 centros.",
    ),
    ("negative", "pl", "description", "Fundacja Dialog z Krakowa prowadzi zajęcia w 12 szkołach od 2018 roku."),
    ("negative", "sv", "description", "Göteborgs Stad samarbetar med Polisen och Socialtjänsten sedan 2015."),
    ("negative", "nl", "description", "Het Landelijk Steunpunt Extremisme begeleidde in 2020 ruim 300 casussen."),
]

# Written before the given-name gazetteer (docs/ANONYMISATION.md), and run once before any
# change for them: 28 snippets, 15 with a given name (14 at or near a sentence's start, 2 with
# a surname), 13 without personal data (ordinary words that are also given names, months,
# weekdays, programmes, a mosque's name, places). First run: 14 of 28 passed; 13 names missed
# (every lone first name; the two with a surname were found by the NER), 1 false alarm
# ("Familien von Ausreisenden" called a name: "von" read as a particle; that snippet is now in
# KNOWN_GAPS, and here without it). Then the gazetteer of given names was added; the "Florence"
# after "in Victoria and", "Hayat" in a list of organisations and "Victoria" in a street
# address (the real corpus) led to the list and address guards.
GIVEN_NAME_CASES: list[tuple[str, str, str, str]] = [
    ("first_name", "en", "description", "[[PERSON:Bilal]] stopped coming to the sessions after the summer."),
    ("first_name", "fr", "description", "[[PERSON:Soufiane]] a été orienté vers la cellule par son lycée en 2018."),
    ("first_name", "de", "description", "[[PERSON:Hamza]] brach die Ausbildung ab und zog zu seinem Onkel."),
    ("first_name", "nl", "description", "[[PERSON:Mohammed]] wilde eerst niet praten met de jongerenwerker."),
    ("first_name", "sv", "description", "[[PERSON:Amina]] ville inte prata om resan till Turkiet."),
    ("first_name", "da", "description", "[[PERSON:Abdirahman]] kom til samtalerne hver uge i et halvt år."),
    ("first_name", "no", "description", "[[PERSON:Magomed]] flyttet til Oslo i 2015 og begynte på videregående."),
    ("first_name", "it", "description", "[[PERSON:Edin]] ha lasciato la scuola a sedici anni, poi è partito."),
    ("first_name", "es", "description", "[[PERSON:Khadija]] empezó el programa en 2019 con su hermano pequeño."),
    ("first_name", "pl", "description", "[[PERSON:Kamil]] zaczął oglądać filmy propagandowe w wieku 15 lat."),
    ("first_name", "fi", "description", "[[PERSON:Hodan]] muutti Helsinkiin perheensä kanssa vuonna 2012."),
    ("first_name", "pt", "description", "[[PERSON:Ibrahim]] deixou a escola aos 15 anos e mudou de bairro."),
    ("first_name", "de", "description", "Im Herbst hat [[PERSON:Elif]] den Kontakt zur Gruppe abgebrochen."),
    ("first_name", "en", "description", "At first [[PERSON:Tamerlan Dudayev]] refused to meet the mentor."),
    ("first_name", "fr", "description", "Après deux mois, [[PERSON:Yasmina Haddad]] est revenue au centre."),
    ("negative", "en", "description", "Will the families accept a mentor? Most of them did in 2019."),
    ("negative", "en", "description", "May and June are the busiest months for the helpline's staff."),
    ("negative", "en", "description", "Hope was what the mothers asked for most in the first meetings."),
    ("negative", "en", "description", "Mark the review in the calendar: it takes place every spring."),
    ("negative", "sv", "description", "Exit Sweden har arbetat med avhoppare från vit makt-miljön sedan 1998."),
    ("negative", "de", "description", "Die Beratungsstelle Hayat begleitet seit 2012 die Familien."),
    ("negative", "fr", "description", "Lundi, l'équipe a rencontré les parents au centre social du quartier."),
    ("negative", "fr", "description", "Pierre angulaire du dispositif, la cellule réunit la préfecture et la CAF."),
    ("negative", "en", "description", "The programme ran in Victoria and Florence with the Omar Mosque's youth group."),
    ("negative", "de", "description", "Am Donnerstag sprach die Gruppe über den Ramadan und die Moschee."),
    ("negative", "en", "description", "Grace periods for late reports were granted to two partners in 2020."),
    ("negative", "es", "description", "Sol y deporte: el programa de verano reunió a 40 jóvenes en Málaga."),
    ("negative", "nl", "description", "Daarna volgde in Breda een training voor wijkagenten en leerkrachten."),
]


# The first KNOWN_GAPS, fixed as classes (docs/ANONYMISATION.md): each paragraph is checked
# in the language it is written in when a guess says so surely; a German article is no name
# particle in German; a number after a phone label is reported even when no operator has it.
# Each failed before.
FIXED_GAPS: list[tuple[str, str, str, str]] = [
    ("german_nouns", "de", "description", "Überweisung an [[IBAN_CODE:AT61 1904 3002 3457 3201]] (Konto des Vaters)."),
    ("german_nouns", "de", "description", "Der Antrag ging an das Haus der Jugend und das Büro des Bürgermeisters."),
    ("other_language", "en", "description", "EXIT-Deutschland begleitet seit 2000 Aussteiger aus der rechten Szene."),
    (
        "other_language",
        "en",
        "description",
        "The team works with families in Bremen.\n\n"
        "Die Sozialarbeiterin trifft die Mentoren jede Woche; danach spricht sie mit der Familie über die Szene.",
    ),
    # The other way round: an English paragraph in a German practice keeps the English
    # model's lone first names (German drops them).
    (
        "other_language",
        "de",
        "description",
        "Die Familie wurde zwei Jahre lang begleitet.\n\n"
        "After the first meeting, the mother told us that [[PERSON:Bilal]] had stopped going to school.",
    ),
    ("unallocated_phone", "nl", "contact", "Tel.: [[PHONE_NUMBER:+32 (0)2 123 45 67]]"),
    ("unallocated_phone", "da", "contact", "Mentor, tlf. [[PHONE_NUMBER:+45 0123 4567]]"),
    ("unallocated_phone", "no", "contact", "Mobil: [[PHONE_NUMBER:+47 012 34 567]]"),
    ("unallocated_phone", "en", "contact", "T [[PHONE_NUMBER:0999 123 4567]] | M [[PHONE_NUMBER:+353 0999 123 456]]"),
    ("unallocated_phone", "fi", "description", "Äiti antoi numeronsa (puh. [[PHONE_NUMBER:050 0000 00 0]])."),
    # Labels near numbers that are no phone: statistics, years, dates, references, laws.
    ("negative", "en", "contact", "Phone: 24/7 helpline, 1 250 calls in 2021"),
    ("negative", "de", "description", "Das Telefon klingelte 2019 über 1 200 Mal; Tel.-Beratung seit 2020."),
    ("negative", "fr", "description", "Tél. : permanence du lundi au vendredi, 9 h-17 h (2 000 appels en 2022)."),
    ("negative", "nl", "contact", "T 2019-2022 | M 45 jongeren | Tel. 0,5 fte"),
    ("negative", "en", "description", "Phone contact on 01.03.2019; case file no. 0412/2019/33 was closed."),
    ("negative", "de", "description", "Telefon-Hotline nach § 0012 Abs. 3; Mobil-Einsätze 2018–2021: 0 Vorfälle."),
]

# Written after FIXED_GAPS, before any change for them, and run once: 32 snippets, 22 items of
# personal data. First run: 13 items missed (first names at a sentence's start 5, a first
# name after "Sa mère," 1, lower-case names 2, a name after a role label "Project lead:" 1,
# social-media handles and profile links 3, a car's number plate 1), none found in part,
# 2 false alarms in 1 of the 10 snippets without personal data ("Regione Lombardia", "Fondo
# Sociale Europeo" called names). Then fixed: a name after a word for a relative, handles
# and profile links (not an organisation's), "Label: Name" lines of a contact field, and
# regions and funds as words of organisations' names. The 8 items left are in KNOWN_GAPS.
THIRD_CASES: list[tuple[str, str, str, str]] = [
    ("apposition", "en", "description", "His older sister, [[PERSON:Leila]], contacted the helpline in 2018."),
    ("apposition", "fr", "description", "Sa mère, [[PERSON:Samira]], a accepté de rencontrer l'équipe en 2017."),
    ("apposition", "de", "description", "Der Vater, [[PERSON:Murat Yilmaz]], arbeitet als Busfahrer in der Stadt."),
    ("apposition", "nl", "description", "Zijn broer [[PERSON:Youssef El Amrani]] zat twee jaar vast in Vught."),
    ("apposition", "en", "description", "The imam, [[PERSON:Abdullah Rahimi]], agreed to speak with the young man."),
    (
        "contact_block",
        "en",
        "contact",
        "Project lead: [[PERSON:Hannah Schmidt]]\nMobile: [[PHONE_NUMBER:+49 151 23456789]]\n"
        "[[EMAIL_ADDRESS:h.schmidt@beispiel-verein.de]]",
    ),
    (
        "contact_block",
        "fr",
        "contact",
        "Coordinatrice : [[PERSON:Nadia Benali]] – [[PHONE_NUMBER:04 91 23 45 67]] – "
        "[[EMAIL_ADDRESS:nadia.benali@marseille.example.fr]]",
    ),
    (
        "contact_block",
        "no",
        "contact",
        "Prosjektleder\n[[PERSON:Ingrid Solberg]]\n[[PHONE_NUMBER:+47 912 34 567]]\n"
        "[[EMAIL_ADDRESS:ingrid.solberg@drammen.kommune.no]]",
    ),
    ("email", "en", "description", "Send questions to [[EMAIL_ADDRESS:a.karlsson (at) ravnstad (dot) se]] before May."),
    ("email", "de", "contact", "E-Mail: [[EMAIL_ADDRESS:t.krueger [ät] jugendamt-beispiel [punkt] de]]"),
    ("email", "fr", "contact", "Courriel : [[EMAIL_ADDRESS:m.lefevre[arobase]ville-exemple.fr]]"),
    ("handle", "en", "description", "He posted as [[PERSON:@lone_wolf_1997]] on Telegram before the arrest."),
    ("handle", "en", "description", "The girl's profile, [[PERSON:instagram.com/amira.k.2004]], showed the flag."),
    ("handle", "fr", "description", "Son compte [[PERSON:facebook.com/karim.benali.75]] a été signalé en 2019."),
    ("negative", "en", "description", "Follow the programme on @RAN_EU and at facebook.com/ExitSweden for updates."),
    (
        "negative",
        "en",
        "description",
        "Case 2019/0412 went to the Youth Court in Leeds; the Prevent board met 6 times.",
    ),
    (
        "negative",
        "fr",
        "description",
        "Le Comité interministériel de prévention de la délinquance finance 40 % du projet.",
    ),
    ("negative", "de", "description", "Das Programm Demokratie leben! fördert das Projekt seit 2015 in Sachsen."),
    (
        "negative",
        "nl",
        "description",
        "Het Rijksinstituut voor Volksgezondheid en Milieu evalueerde de aanpak in 2021.",
    ),
    ("negative", "en", "description", "Sessions follow the Good Lives Model and the Signs of Safety approach."),
    (
        "negative",
        "da",
        "description",
        "Projektet blev gennemført i Aarhus Kommune i samarbejde med Østjyllands Politi.",
    ),
    (
        "negative",
        "it",
        "description",
        "Il progetto è stato finanziato dalla Regione Lombardia e dal Fondo Sociale Europeo.",
    ),
    (
        "negative",
        "en",
        "description",
        "Mentors were trained by Life After Hate and the Institute for Strategic Dialogue.",
    ),
    (
        "negative",
        "es",
        "description",
        "El Plan Estratégico Nacional de Prevención de la Radicalización Violenta es de 2015.",
    ),
]

# Written with the fixes for THIRD_CASES (not unseen): what the new rules must leave alone.
THIRD_NEGATIVES: list[tuple[str, str, str, str]] = [
    ("negative", "en", "description", "Her brother, English teacher at the school, joined the sessions in 2019."),
    ("negative", "en", "description", "The mother, Social Services and the school met on 12 March."),
    ("negative", "fr", "description", "Le père, Mardi dernier, est venu seul ; la mère, Pôle emploi l'a reçue."),
    ("negative", "en", "contact", "Organisation: Violence Prevention Network\nProgramme name: Safe Harbour"),
    ("negative", "en", "contact", "Project: Back on Track\nCity: Bad Homburg\nType of organisation: Local Authority"),
    ("negative", "en", "description", "Updates on @EU_Justice, @ExitDeutschland and youtube.com/@RANnetwork."),
    ("negative", "en", "description", "The team posts on x.com/ExitFryshuset and t.me/RANnetwork_news."),
]
# A first name found by a rule is looked for in every field (here after "Sa mère,").
NAME_ACROSS_FIELDS = {
    "description": "Sa mère, [[PERSON:Samira]], a accepté de nous rencontrer.",
    "evaluation": "Plus tard, [[PERSON:Samira]] a témoigné devant les éducateurs.",
}

# KNOWN_GAPS until the gazetteer of given names (docs/ANONYMISATION.md): a first name alone at a
# sentence's start, and names in lower case in a contact's context. Each failed before.
GAZETTEER_GAPS: list[tuple[str, str, str, str]] = [
    ("first_name", "en", "description", "[[PERSON:Ahmed]] left for Syria in 2014 and returned two years later."),
    ("first_name", "en", "description", "We met the family weekly. [[PERSON:Yusuf]] refused to talk at first."),
    (
        "first_name",
        "fr",
        "description",
        "[[PERSON:Karim]] a quitté le lycée à 16 ans, puis il a rejoint un groupe en ligne.",
    ),
    ("first_name", "sv", "description", "[[PERSON:Emir]] började i programmet hösten 2019 och slutade ett år senare."),
    (
        "first_name",
        "es",
        "description",
        "[[PERSON:Omar]] dejó los estudios en 2016 y empezó a frecuentar otra mezquita.",
    ),
    ("lower_case", "en", "contact", "contact: [[PERSON:jonas weber]], youth worker"),
    ("lower_case", "en", "description", "the mentor ([[PERSON:sarah o'neill]]) met him at the library every tuesday."),
]

# Seen in the sweep and not fixed (docs/ANONYMISATION.md, "Known gaps"): each fails today;
# strict, so that a fix is noticed and the case moves up into the cases that pass. The number
# plate and "Familien von Ausreisenden" of the earlier batches are fixed
# (test_anonymisation_unseen.py, FIXED_GAPS_5), and the school after "gick i nian på"
# (test_anonymisation_sixth.py, FIXED_GAPS_6).
KNOWN_GAPS: list[tuple[str, str, str, str]] = [
    # A plate is reported only after a word naming one: a bare "B-KL 4821" reads like the
    # references, postcodes and law numbers that practices are full of.
    ("plate", "en", "description", "He drove a black Golf, [[VEHICLE_PLATE:B-KL 4821]], to every meeting."),
    # A German noun after "lebt in" read as a place (by the place-after-preposition rule and the
    # cue "lebt in"): German capitalises its nouns, and places are frequent words too, so no
    # word list tells "Angst" or "Armut" from "Berlin" (seen while writing the fifth batch).
    ("german_nouns", "de", "description", "Die Familie lebt in Angst vor der Gruppe und meidet die Moschee."),
    # A family named after the word "Familie": the NER's span runs on into lower-case words
    # ("Familie von Thadden aus dem Ort") and is dropped whole; no rule reads the surname.
    (
        "family_name",
        "de",
        "description",
        "Die Beratungsstelle begleitet seit 2012 die Familie [[PERSON:von Thadden]] aus dem Ort.",
    ),
]


def _ids(cases: list[tuple[str, str, str, str]]) -> list[str]:
    return [f"{kind}-{language}-{number}" for number, (kind, language, _, _) in enumerate(cases)]


def _missed_and_wrong(language: str, field: str, marked: str) -> tuple[list, list]:
    """The marks not covered whole by findings of their type, and the findings that
    overlap no mark of their type."""
    text = MARK.sub(lambda m: m.group("text"), marked)
    marks = _marks(field, marked)
    findings, _ = check_fields({field: text}, language)
    assert all(text[f.start : f.end] == f.text for f in findings)
    missed = [(m.kind, m.text) for m in marks if not _covered(m, findings)]
    wrong = [
        (f.type, f.text) for f in findings if not any(m.kind == f.type and m.overlaps(f.start, f.end) for m in marks)
    ]
    return missed, wrong


def _covered(mark: Mark, findings: list) -> bool:
    spans = [(f.start, f.end) for f in findings if f.type == mark.kind]
    return all(
        any(start <= i < end for start, end in spans)
        for i in range(mark.start, mark.end)
        if not mark.text[i - mark.start].isspace()
    )


@pytest.mark.parametrize(
    ("kind", "language", "field", "marked"),
    CASES + LATER_CASES + FIXED_GAPS + THIRD_CASES + THIRD_NEGATIVES + GIVEN_NAME_CASES + GAZETTEER_GAPS,
    ids=_ids(CASES + LATER_CASES + FIXED_GAPS + THIRD_CASES + THIRD_NEGATIVES + GIVEN_NAME_CASES + GAZETTEER_GAPS),
)
def test_personal_data_in_unseen_text_is_found_whole_and_nothing_else(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.xfail(strict=True, reason="known gap, see docs/ANONYMISATION.md")
@pytest.mark.parametrize(("kind", "language", "field", "marked"), KNOWN_GAPS, ids=_ids(KNOWN_GAPS))
def test_known_gaps_still_fail(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        # Given names that are ordinary words of the paragraph's language (or of English):
        # alone they are left to the NER, with a surname the gazetteer reports them.
        ("en", "Will the mentor come? Grace and Hope were the themes; Bill us later.", []),
        ("en", "Mark the date: Rose gardens and May meetings are planned.", []),
        ("fr", "Pierre après pierre, le dispositif s'est construit.", []),
        ("es", "Sol y sombra en la plaza del barrio.", []),
        ("en", "Last year Grace Mbeki joined the team as a mentor.", ["Grace Mbeki"]),
        ("fr", "En 2019, Pierre Lambert a rejoint l'équipe des éducateurs.", ["Pierre Lambert"]),
        # The same words are names where they are no ordinary word: "Pierre" in English.
        ("en", "Pierre stopped coming to the sessions after the summer.", ["Pierre"]),
        # A surname that is an organisation's word is no surname: the mosque is not a person.
        ("en", "The youth group of the Omar Mosque met twice a month.", []),
        # A German noun after the name ends the name.
        ("de", "Danach hat Yusuf Kontakt zu seiner Schwester aufgenommen.", ["Yusuf"]),
    ],
)
def test_given_names_that_are_ordinary_words_need_a_surname(language, sentence, expected):
    """The gazetteer's own findings (the NER may still call "Grace" a name, as before)."""
    found = given_name_candidates(sentence, [(0, len(sentence), language)], set())
    assert [sentence[c.start : c.end] for c in found] == expected


def test_a_given_name_that_is_the_practices_own_name_is_no_person():
    text = "Hayat begleitet seit 2012 Familien, deren Angehörige sich radikalisieren."
    alone, _ = check_fields({"description": text}, "de")
    assert [f.text for f in alone] == ["Hayat"]  # a name to the gazetteer: one click to dismiss
    known, _ = check_fields({"description": text}, "de", context={"organisation": "HAYAT Deutschland"})
    assert known == []


@pytest.mark.parametrize(
    "contact",
    [
        "contact: youth office, weekdays only",
        "contact: via the school",
        "the mentor (two sessions a week) met him at the library.",
        "her brother (older, unemployed) came along.",
    ],
)
def test_lower_case_words_in_a_contact_context_are_no_names_unless_given_names(contact):
    findings, _ = check_fields({"contact": contact}, "en")
    assert findings == []


def test_a_first_name_found_by_a_rule_is_found_again_in_another_field():
    marked = NAME_ACROSS_FIELDS
    fields = {code: MARK.sub(lambda m: m.group("text"), text) for code, text in marked.items()}
    findings, _ = check_fields(fields, "fr")
    found = [(f.field, f.type, f.text) for f in findings]
    assert found == [("description", "PERSON", "Samira"), ("evaluation", "PERSON", "Samira")]


def test_the_sweep_covers_every_class_in_many_languages():
    kinds = {kind for kind, *_ in CASES}
    assert {"phone", "email", "iban", "national_id", "date_of_birth", "titled_name", "contact_block"} <= kinds
    assert {"address", "negative"} <= kinds
    assert len({language for _, language, _, _ in CASES}) >= 10
    assert len(CASES) >= 80


@pytest.mark.parametrize(
    "sentence",
    [
        "The NATO summit on 9 July 2018 discussed returnees.",  # "nato" is a birth word in Italian only
        "Il programma è nato a Torino nel 2015.",  # born, but a programme, and no date
        "We met them at home and at school.",  # a spelt "at" needs a spelt "dot"
        "Il ragazzo e la madre (X.) sono stati seguiti dal 2019.",
    ],
)
def test_new_words_for_births_and_obfuscated_emails_report_nothing_in_ordinary_text(sentence):
    language = "it" if "ragazzo" in sentence or "nato a" in sentence else "en"
    findings, _ = check_fields({"description": sentence}, language)
    assert [(f.type, f.text) for f in findings] == []


@pytest.mark.parametrize(
    "text",
    [
        "a [at] " * 5000,
        "jan at stad dot " * 5000,
        "Via Roma " * 5000,
        "ul. " * 10000,
        "pan Łukasz " * 5000,
        "facebook.com/" * 8000,  # one word of 104,000 characters: 60 s before
        "sister, Leila Leila " * 4000,
        "Project lead: Anna Berg\n" * 4000,
    ],
)
def test_the_new_patterns_stay_fast_on_pathological_text(text):
    """A guard against runaway backtracking (minutes, not seconds): the check's own CPU time, which
    other processes on a loaded machine do not inflate (wall-clock time did: 25 s at load 8)."""
    import time

    started = time.process_time()
    check_fields({"description": text}, "en")
    assert time.process_time() - started < 20


def test_a_text_with_thousands_of_findings_is_checked_in_seconds():
    """Presidio's context enhancer looked each word near each finding up in a list of the
    text's words: 3,000 phone numbers took about 110 s here."""
    import time

    started = time.process_time()  # its own CPU time: a loaded machine does not inflate it
    findings, _ = check_fields({"contact": "Tel.: +47 412 34 567\n" * 3000}, "en")
    assert time.process_time() - started < 40
    assert [f.type for f in findings] == ["PHONE_NUMBER"] * 3000
