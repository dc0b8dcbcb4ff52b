"""Words as a writer counts them (practices.template_fields.count_words): runs between whitespace
holding a letter or a digit, in any script."""

import pytest

from practices.template_fields import count_words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("   \n\t ", 0),
        ("- one\n- two\n* three", 3),  # list markers are not words
        ("Mentoring -- after prison , then : support.", 5),
        ("_ __ *_* snake_case", 1),  # an underscore alone is no letter
        ("2019–2021 ½ ٣ Ⅻ", 4),  # digits and numbers of any script
        ("naïve\u00a0café\u3000élan", 3),  # no-break and ideographic spaces separate words
        ("Kurzfassung:Prävention/Ausstieg", 1),
    ],
)
def test_words_are_runs_between_whitespace_with_a_letter_or_digit(text, words):
    assert count_words(text) == words
