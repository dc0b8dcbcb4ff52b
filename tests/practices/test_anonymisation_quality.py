"""Quality floors of the personal-data check on the planted corpus.

The figures in docs/ANONYMISATION.md come from benchmarks/anonymisation_quality.py
on the same corpus; the floors below sit a small margin under them, so a change
that loses recall or precision fails here instead of going unnoticed.
"""

import pytest
from stdnum import iban
from stdnum.be import nn
from stdnum.dk import cpr
from stdnum.fi import hetu
from stdnum.fr import nir
from stdnum.nl import bsn
from stdnum.no import fodselsnummer
from stdnum.se import personnummer

from practices.anonymisation import check_fields, warm_up
from tests.practices.anonymisation_corpus import HELD_OUT, SAMPLES, STRICT_TYPES, Evaluation, evaluate, real_samples

# (recall, precision) floors per type: measured value minus a margin of about one item.
FLOORS: dict[str, tuple[float, float]] = {
    "PERSON": (0.90, 0.90),
    "LOCATION": (0.90, 0.85),
    "DATE_OF_BIRTH": (0.85, 0.95),
    "EMAIL_ADDRESS": (1.0, 1.0),
    "PHONE_NUMBER": (1.0, 0.95),
    "NATIONAL_ID": (1.0, 1.0),
    "IBAN_CODE": (1.0, 1.0),
}
HELD_OUT_FLOORS = {"recall": 0.93, "precision": 0.93}
# The fixture templates: real prose, where the NER's mistakes show (measured
# 1.00 recall, 0.91 precision overall, 0.83 for PERSON: 5 of 6; places the practice works in are
# not personal data since issue 13, so they no longer count as items).
REAL_FLOORS = {"recall": 0.93, "precision": 0.88, "person_precision": 0.8}
LOCATION_COVERAGE_FLOOR = 0.95  # share of an address's characters that redaction would hide


def _checksum_valid(number: str) -> bool:
    validators = (
        fodselsnummer.is_valid,
        personnummer.is_valid,
        hetu.is_valid,
        nn.is_valid,
        nir.is_valid,
        bsn.is_valid,
        lambda n: cpr.is_valid(n) and cpr.checksum(cpr.compact(n)) == 0,
    )
    return any(valid(number) for valid in validators)


@pytest.fixture(scope="module")
def development() -> Evaluation:
    warm_up()
    return evaluate(check_fields, SAMPLES)


@pytest.fixture(scope="module")
def held_out() -> Evaluation:
    warm_up()
    return evaluate(check_fields, HELD_OUT)


@pytest.fixture(scope="module")
def real() -> Evaluation:
    warm_up()
    return evaluate(check_fields, real_samples())


def test_the_corpus_plants_at_least_forty_items_in_both_languages():
    items = [m for s in SAMPLES + HELD_OUT for m in s.marks if m.kind not in ("DECOY", "NOT_ID")]
    assert len(items) >= 40
    assert {s.language for s in SAMPLES} == {"en", "fr"} == {s.language for s in HELD_OUT}
    assert sum(m.kind == "DECOY" for s in SAMPLES for m in s.marks) >= 20


def test_the_corpus_identity_numbers_and_ibans_are_what_they_claim():
    marks = [m for s in SAMPLES + HELD_OUT for m in s.marks]
    assert all(_checksum_valid(m.text) for m in marks if m.kind == "NATIONAL_ID")
    assert not any(_checksum_valid(m.text) for m in marks if m.kind == "NOT_ID")
    assert all(iban.is_valid(m.text) for m in marks if m.kind == "IBAN_CODE")


@pytest.mark.parametrize("samples", [SAMPLES, HELD_OUT], ids=["development", "held_out"])
def test_every_planted_email_phone_identity_number_and_iban_is_found(samples):
    result = evaluate(check_fields, samples)
    missed = [(m.field, m.kind, m.text) for m in result.missed if m.kind in STRICT_TYPES]
    assert missed == []


@pytest.mark.parametrize("samples", [SAMPLES, HELD_OUT], ids=["development", "held_out"])
def test_no_wrong_checksum_number_is_reported_as_an_identity_number(samples):
    result = evaluate(check_fields, samples)
    assert [(m.text, f.type) for m, f in result.not_ids_reported] == []


def test_no_decoy_is_reported(development, held_out):
    hits = [(m.text, f.type, f.text) for m, f in development.decoys_hit + held_out.decoys_hit]
    assert hits == []


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_recall_and_precision_stay_above_their_floors(development, kind):
    recall_floor, precision_floor = FLOORS[kind]
    score = development.score(kind)
    assert score.planted > 0
    assert score.recall >= recall_floor, [m.text for m in development.missed if m.kind == kind]
    assert score.precision >= precision_floor, [f.text for _, f in development.false_positives if f.type == kind]


def test_held_out_quality_stays_above_its_floor(held_out):
    total = held_out.total
    assert total.recall >= HELD_OUT_FLOORS["recall"], [(m.kind, m.text) for m in held_out.missed]
    assert total.precision >= HELD_OUT_FLOORS["precision"], [(f.type, f.text) for _, f in held_out.false_positives]


def test_addresses_are_covered_whole_so_redaction_leaves_no_street_behind(development, held_out):
    for result in (development, held_out):
        assert result.score("LOCATION").coverage >= LOCATION_COVERAGE_FLOOR


def test_real_practices_keep_their_recall_and_precision(real):
    total = real.total
    assert total.recall >= REAL_FLOORS["recall"], [(m.kind, m.text) for m in real.missed]
    assert total.precision >= REAL_FLOORS["precision"], [(f.type, f.text) for _, f in real.false_positives]
    assert real.score("PERSON").precision >= REAL_FLOORS["person_precision"]
