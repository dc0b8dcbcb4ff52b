"""The embedding module (search/embedding/) with the real model, loaded once for the module."""

from pathlib import Path

import numpy as np
import pytest

from search import embedding

DEMO = Path(__file__).resolve().parents[2] / "practices" / "fixtures" / "demo"


@pytest.fixture(scope="module")
def model():
    return embedding.load()


@pytest.fixture(scope="module")
def descriptions(model) -> list[str]:
    """The description paragraph of every hand-written demo practice (seven languages)."""
    texts = []
    for path in sorted(DEMO.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("Description")) + 1
        texts.append(" ".join(lines[start : start + 3]))
    return texts


def test_a_french_and_an_english_sentence_of_the_same_meaning_score_higher_than_unrelated_ones(model):
    english = embedding.embed_query("Mentoring for young people after their release from prison")
    french = embedding.embed_document(["Accompagnement des jeunes à leur sortie de prison par un mentor"])
    unrelated = [
        embedding.embed_document([text])
        for text in (
            "Les enseignants apprennent à repérer les théories du complot au collège.",
            "The city council renovated the football stadium.",
            "Une ligne d'écoute conseille les parents inquiets.",
        )
    ]
    same_meaning = float(french @ english)
    assert all(same_meaning > float(vector @ english) + 0.02 for vector in unrelated)


def test_the_same_query_text_is_embedded_once(model):
    text = "soutien aux familles de jeunes radicalisés"
    first = embedding.embed_query(text)
    hits = embedding.embed_query.cache_info().hits
    second = embedding.embed_query(text)
    assert second is first
    assert embedding.embed_query.cache_info().hits == hits + 1
    assert not first.flags.writeable  # a caller cannot change the cached vector


def test_loading_again_keeps_the_loaded_model(model):
    before = embedding._model()[1]
    assert embedding.load() == model
    assert embedding._model()[1] is before
    assert model.version == embedding.MODEL_VERSION and model.package in model.version


def test_a_long_document_is_cut_into_chunks_of_whole_sentences_and_pooled(model):
    sentence = "The mentor meets the young person every week and helps with school, work and housing. "
    fields = {"title": "Mentoring after release", "description": sentence * 40}
    pieces = embedding.document_chunks(fields)
    assert len(pieces) > 2 and pieces[0] == "Mentoring after release"
    assert all(len(piece.split()) <= model.chunk_words for piece in pieces)
    assert all(piece.endswith("housing.") for piece in pieces[1:])
    for pooling in embedding.POOLING:
        vector = embedding.embed_document(fields, pooling=pooling)
        assert vector.shape == (model.dimensions,) and abs(float(np.linalg.norm(vector)) - 1) < 1e-5


def test_an_empty_document_gets_a_zero_vector_and_an_unknown_pooling_is_refused(model):
    assert not embedding.embed_document({"title": "", "description": "  "}).any()
    with pytest.raises(ValueError, match="pooling"):
        embedding.embed_document(["text"], pooling="median")


def test_float16_and_int8_vectors_agree_with_float32_on_the_top_ten(model, descriptions):
    """The same ten rows, in the same order, but for rows whose float32 cosines are closer
    than the quantisation error (a near-tie may swap)."""
    matrix = np.stack([embedding.embed_document([text]) for text in descriptions])
    half, codes = embedding.to_float16(matrix), embedding.quantise_int8(matrix)
    assert half.nbytes == matrix.nbytes // 2 and codes.nbytes < matrix.nbytes // 3
    for text in (
        "family support",
        "konspirationsteorier i skolan",
        "Ausstieg aus der rechtsextremen Szene",
        "police de proximité",
        "kinderen die terugkeren uit Syrië",
    ):
        query = embedding.embed_query(text)
        exact, _scores = embedding.cosine_search(matrix, query, k=10)
        exact_scores = embedding.similarities(matrix, query)
        for quantised, error in ((half, 0.002), (codes, 0.01)):
            rows, _scores = embedding.cosine_search(quantised, query, k=10)
            assert np.abs(exact_scores[rows] - exact_scores[exact]).max() <= error, text
            assert len(set(rows) & set(exact)) >= 9, text


def test_cosine_search_ranks_only_the_allowed_rows(model, descriptions):
    matrix = np.stack([embedding.embed_document([text]) for text in descriptions[:12]])
    allowed = np.zeros(len(matrix), dtype=bool)
    allowed[[1, 4, 7]] = True
    rows, scores = embedding.cosine_search(matrix, embedding.embed_query("exit work"), k=10, allowed=allowed)
    assert sorted(rows) == [1, 4, 7] and list(scores) == sorted(scores, reverse=True)
    nothing, _scores = embedding.cosine_search(matrix, embedding.embed_query("exit work"), allowed=allowed & False)
    assert len(nothing) == 0
