"""A template in an e-mail: the people the mail was sent or copied to reach no field of the practice.

The mail's own text goes to the contact details (which members of verified organisations read), as the
sender may be the practice's contact: its sentences, its "From:" line and its signature. Its greeting
and the forwarded header's recipients (To, Cc, in the languages mail programs write them), date and
subject are left out (practices/importer/formats.sender_text)."""

from email.message import EmailMessage

import pytest

from practices.importer import import_document

TEMPLATE = (
    "Name of the practice: Harbour talks\n"
    "Description: Weekly talks between released prisoners and mentors.\n"
    "Key themes: Prison and probation\n"
    "Country of origin: Netherlands\n"
    "Contact details: harbour@example.org\n"
)
RECIPIENTS = ("Ines Addressee", "ines.addressee@example.org", "Otto Copied", "otto.copied@example.org")

# (marker line, from, to, cc, date, subject) as mail programs write a forwarded message's header
HEADERS = {
    "en": ("---------- Forwarded message ---------", "From", "To", "Cc", "Date", "Subject"),
    "fr": ("-------- Message transféré --------", "De", "À", "Cc", "Date", "Objet"),
    "de": ("-----Ursprüngliche Nachricht-----", "Von", "An", "Cc", "Gesendet", "Betreff"),
    "nl": ("-----Oorspronkelijk bericht-----", "Van", "Aan", "CC", "Verzonden", "Onderwerp"),
    "sv": ("-----Ursprungligt meddelande-----", "Från", "Till", "Kopia", "Skickat", "Ämne"),
    "es": ("---------- Mensaje reenviado ---------", "De", "Para", "CC", "Fecha", "Asunto"),
    "it": ("---------- Messaggio inoltrato ---------", "Da", "A", "Cc", "Data", "Oggetto"),
    "da": ("---------- Videresendt meddelelse ----------", "Fra", "Til", "Cc", "Dato", "Emne"),
    "no": ("-----Opprinnelig melding-----", "Fra", "Til", "Kopi", "Sendt", "Emne"),
    "pt": ("---------- Mensagem encaminhada ---------", "De", "Para", "Cc", "Data", "Assunto"),
    "pl": ("---------- Wiadomość przekazana dalej ---------", "Od", "Do", "DW", "Data", "Temat"),
    "fi": ("---------- Välitetty viesti ---------", "Lähettäjä", "Vastaanottaja", "Kopio", "Päivämäärä", "Aihe"),
}


# Mail programs that mark a forward without dashes: Apple Mail's sentence ending in a colon, and Outlook's
# rule of underscores (no words: the header block itself, opening with its sender, says what it is).
OUTLOOK_RULE = "________________________________"
OTHER_PROGRAMS = {
    "apple-en": ("Begin forwarded message:", "From", "To", "Cc", "Date", "Subject"),
    "apple-fr": ("Début du message réexpédié :", "De", "À", "Cc", "Date", "Objet"),
    "apple-de": ("Anfang der weitergeleiteten Nachricht:", "Von", "An", "Kopie", "Datum", "Betreff"),
    "apple-nl": ("Begin doorgestuurd bericht:", "Van", "Aan", "Cc", "Datum", "Onderwerp"),
    "apple-sv": ("Vidarebefordrat brev:", "Från", "Till", "Kopia", "Datum", "Ämne"),
    "apple-es": ("Inicio del mensaje reenviado:", "De", "Para", "Cc", "Fecha", "Asunto"),
    "apple-it": ("Inizio messaggio inoltrato:", "Da", "A", "Cc", "Data", "Oggetto"),
    "outlook-en": (OUTLOOK_RULE, "From", "To", "Cc", "Sent", "Subject"),
    "outlook-de": (OUTLOOK_RULE, "Von", "An", "Cc", "Gesendet", "Betreff"),
    "outlook-nl": (OUTLOOK_RULE, "Van", "Aan", "CC", "Verzonden", "Onderwerp"),
    "no-rule-fr": ("", "De", "À", "Cc", "Envoyé", "Objet"),
}


def _forwarded(language: str) -> str:
    marker, sender, to, cc, date, subject = {**HEADERS, **OTHER_PROGRAMS}[language]
    return (
        "Dear Ines Addressee,\n\nthe practice below, for the collection.\n\nSam Sender\n\n"
        f"{marker}\n{sender}: Sam Sender <sam.sender@example.org>\n{date}: 13.05.2024 09:15\n"
        f"{subject}: RAN\n{to}: Ines Addressee <ines.addressee@example.org>\n"
        f"{cc}: Otto Copied <otto.copied@example.org>\n\n" + TEMPLATE
    )


def _fields(parsed) -> str:
    return "\n".join([parsed.title, parsed.contact, *parsed.fields.values(), *(w.message for w in parsed.warnings)])


@pytest.mark.parametrize("language", [*sorted(HEADERS), *OTHER_PROGRAMS])
@pytest.mark.parametrize("filename", ["mail.txt", "mail.md"])
def test_a_forwarded_template_keeps_its_sender_and_leaves_its_recipients_out(language, filename):
    parsed = import_document(_forwarded(language).encode(), filename)
    assert parsed.title == "Harbour talks"
    assert [name for name in RECIPIENTS if name in _fields(parsed)] == []
    assert "Sam Sender" in parsed.contact and "sam.sender@example.org" in parsed.contact
    assert "harbour@example.org" in parsed.contact and "mail_text" in parsed.warning_codes("contact")
    assert "13.05.2024" not in parsed.contact and "RAN" not in parsed.contact.split()


@pytest.mark.parametrize("language", [*sorted(HEADERS), *OTHER_PROGRAMS])
def test_a_saved_e_mail_forwarding_a_template_leaves_its_recipients_out(language):
    message = EmailMessage()
    message["From"] = "Sam Sender <sam.sender@example.org>"
    message["To"] = "Ines Addressee <ines.addressee@example.org>"
    message["Cc"] = "Otto Copied <otto.copied@example.org>"
    message["Subject"] = "Fwd: RAN"
    message.set_content(_forwarded(language), cte="quoted-printable")
    parsed = import_document(bytes(message), "Fwd RAN.eml")
    assert parsed.title == "Harbour talks"
    assert [name for name in RECIPIENTS if name in _fields(parsed)] == []
    assert "Sam Sender" in parsed.contact


def test_a_saved_e_mail_with_an_attached_template_keeps_its_sentences_and_signature_not_its_greeting():
    message = EmailMessage()
    message["From"] = "Sam Sender <sam.sender@example.org>"
    message["To"] = "Ines Addressee <ines.addressee@example.org>"
    message["Subject"] = "RAN template"
    message.set_content("Hello Ines,\n\nattached our practice.\n\nBest wishes\nSam Sender, +31 20 000 0000\n")
    message.add_attachment(TEMPLATE.encode(), maintype="text", subtype="plain", filename="practice.txt")
    parsed = import_document(bytes(message), "RAN template.eml")
    assert parsed.title == "Harbour talks"
    assert "attached our practice." in parsed.contact and "Sam Sender, +31 20 000 0000" in parsed.contact
    assert "Ines" not in _fields(parsed)


def test_a_long_first_line_is_the_mail_s_text_not_a_greeting():
    parsed = import_document(
        ("Here is our practice, sent as you asked on Monday, thanks!\n\n" + _forwarded("en")).encode(), "m.txt"
    )
    assert "Here is our practice" in parsed.contact
