from ksr.registry.choices import RespondentCategory
from ksr.surveys import questionnaire as Q


def test_the_questionnaire_has_the_seeds_eleven_questions_and_twelve_categories():
    assert [q.number for q in Q.QUESTIONS] == list(range(1, 12))
    assert [c[0] for c in Q.CATEGORIES] == list(RespondentCategory.values)
    assert Q.BY_CODE["q9"].pl.startswith("Czy Pani / Pana podmiot/organizacja mogłaby się włączyć")
    assert Q.BY_CODE["q2"].note_pl == "Jeśli NIE proszę przejść do pytania 5"
    assert Q.SKIPPED_WHEN_NO_PARTNERSHIP == ("q3", "q4")


def test_lists_of_three_keep_only_filled_items():
    data = Q.answers_from_cleaned({"q1_category": "3", "q2_answer": "yes", "q6_items_1": "a", "q6_items_3": "c"})
    assert data["q6"] == {"items": ["a", "c"]}


def test_the_skip_rule_drops_q3_and_q4_when_no_partnership():
    data = Q.answers_from_cleaned({"q1_category": "3", "q2_answer": "no", "q3_answer": "yes", "q4_answer": "yes"})
    assert "q3" not in data and "q4" not in data
    assert data["q5"]["answer"] == ""
