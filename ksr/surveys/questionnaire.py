"""The readiness questionnaire (ankieta), version by version, exactly as the source gives it.

Source: Sektorowe usługi, zeszyt 2, part IV „Ankiety, kwestionariusze, wywiady” (the questionnaire). The Polish text is
the instrument and is
shown as in the source (typos corrected only where the source obviously misspells); the English
rendering is for the English UI. A stored response keeps ``questionnaire_version`` so that a
later edition of the questionnaire never reinterprets old answers.

Answers are stored per response as JSON in the shape ``answers_from_cleaned`` produces::

    {"q1": {"category": "2", "sector": ""},
     "q2": {"answer": "yes"|"no", "goals": [..3]},
     "q3": {"answer": "yes"|"no", "why_not": ""},          # absent when Q2 = no
     "q4": {"answer": "yes"|"no", "items": [..3]},          # absent when Q2 = no
     "q5": {"answer": "yes"|"no", "items": [..3], "argument": ""},
     "q6": {"items": [..3]}, "q7": {"answer": ...}, "q8": {"items": [..3]},
     "q9": {"answer": ..., "areas": [..3], "why_not": ""},
     "q10": {"text": ""}, "q11": {"items": [..3]}}

Skip rule (questionnaire: "Jeśli NIE proszę przejść do pytania 5"): when Q2 = NIE, Q3 and Q4 are not
asked; the browser hides them and the server drops whatever was sent for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language

VERSION = "seed-000-v1"

YES, NO = "yes", "no"
YES_NO = (YES, NO)

INTRO_TITLE = {"pl": "Szanowni Państwo,", "en": "Dear Sir or Madam,"}
INTRO = {
    "pl": (
        "Prosimy o udział w badaniu ankietowym, przy zapewnieniu pełnej anonimowości. "
        "Szczerość i rzetelność udzielanych odpowiedzi pozwoli na dokonanie oceny państwa opinii na temat "
        "partnerskiego współdziałania w obszarze polityki społecznej w gminie. "
        "Wyniki badania zostaną podsumowane oraz posłużą do zaplanowania i wdrożenia działań Lokalnej Sieci "
        "Reintegracji mającej na celu zainicjowanie współpracy różnych instytucji i podmiotów na rzecz "
        "przeciwdziałania wykluczeniu, posłużą wypracowaniu zasad udzielenia solidarnego wsparcia dla "
        "najbardziej potrzebujących. "
        "Zebranie Państwa opinii jest ważne z punktu widzenia wzmacniania indywidualnych „wartości "
        "społecznych” mieszkańców gminy, dlatego też prosimy o odpowiedzi na poniższe pytania."
    ),
    "en": (
        "Please take part in this survey; full anonymity is guaranteed. "
        "Sincere and careful answers will allow us to assess your opinion on partnership cooperation in "
        "social policy in the gmina. "
        "The results will be summarised and used to plan and carry out the work of the Local Reintegration "
        "Network, which aims to start cooperation between institutions and entities against exclusion, and "
        "to work out rules for solidarity support for those most in need. "
        "Your opinion matters for strengthening the individual 'social values' of the gmina's residents, so "
        "please answer the questions below."
    ),
}
SIGNATURE = {"pl": "/ - / Zespół Badawczy LSR", "en": "/ - / LSR Research Team"}

#: Q1: the 12 respondent categories (values of ``registry.choices.RespondentCategory``).
CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("1", "Administracja", "Administration"),
    ("2", "Instytucja pomocy społecznej", "Social assistance institution"),
    ("3", "Instytucja edukacji i oświaty", "Education and schooling institution"),
    ("4", "Instytucja kultury i dziedzictwa narodowego", "Culture and national heritage institution"),
    ("5", "Instytucja ochrony i profilaktyki zdrowotnej", "Health protection and prevention institution"),
    ("6", "Instytucja sportu i rekreacji", "Sport and recreation institution"),
    ("7", "Instytucja / Podmiot gospodarczy", "Institution / business entity"),
    ("8", "Kościelna osoba prawna", "Church legal person"),
    ("9", "Inna (wskaż sektor)", "Other (indicate the sector)"),
    ("10", "Organizacja pozarządowa", "Non-governmental organisation"),
    ("11", "Organ samorządu terytorialnego (rada gminy)", "Local-government body (gmina council)"),
    ("12", "Instytucja spoza Gminy (wskaż jaka)", "Institution from outside the gmina (indicate which)"),
)


@dataclass(frozen=True)
class Part:
    """A sub-field of a question: ``kind`` is choice | yesno | text | textarea | list3."""

    key: str
    kind: str
    pl: str = ""
    en: str = ""
    # For a follow-up: shown for this answer of the question's yes/no ("yes"/"no"), or always.
    when: str = ""


@dataclass(frozen=True)
class Question:
    number: int
    pl: str
    en: str
    parts: tuple[Part, ...] = field(default_factory=tuple)
    note_pl: str = ""
    note_en: str = ""

    @property
    def code(self) -> str:
        return f"q{self.number}"

    def text(self, lang: str | None = None) -> str:
        return self.pl if _lang(lang) == "pl" else self.en


def _lang(lang: str | None) -> str:
    lang = lang or get_language() or "pl"
    return "pl" if lang.startswith("pl") else "en"


Y = Part("answer", "yesno", "TAK / NIE", "YES / NO")

QUESTIONS: tuple[Question, ...] = (
    Question(
        1,
        "Proszę określić reprezentowaną instytucję (wstawić „X” przy rodzaju instytucji)",
        "Please indicate the institution you represent (mark the kind of institution with an 'X')",
        (
            Part("category", "choice"),
            Part("sector", "text", "Wskazanie instytucji/sektora", "Indication of the institution/sector"),
        ),
    ),
    Question(
        2,
        "Czy na terenie działania Pani/Pana instytucji funkcjonuje partnerstwo",
        "Is there a partnership operating in the area where your institution works",
        (
            Y,
            Part(
                "goals",
                "list3",
                "Jeśli TAK proszę wskazać cele jego działania:",
                "If YES, please state its goals:",
                YES,
            ),
        ),
        "Jeśli NIE proszę przejść do pytania 5",
        "If NO, please go to question 5",
    ),
    Question(
        3,
        "Czy Pani / Pana instytucja lub podmiot jest sygnatariuszem partnerstwa?",
        "Is your institution or entity a signatory of the partnership?",
        (Y, Part("why_not", "textarea", "Jeśli NIE proszę wskazać dlaczego?", "If NO, please say why?", NO)),
    ),
    Question(
        4,
        "Czy Pani / Pana zdaniem Lokalne Partnerstwo wpisało się trwale w życie społeczno-gospodarcze Gminy?",
        "In your opinion, has the Local Partnership become a lasting part of the gmina's social and economic life?",
        (
            Y,
            Part(
                "items",
                "list3",
                "Jeśli TAK to proszę wymienić trzy najważniejsze Pani /Pana zdaniem przedsięwzięcia, które "
                "zdecydowały o pozycji Lokalnego Partnerstwa; jeśli NIE to proszę wymienić trzy najważniejsze "
                "Pani /Pana zdaniem przyczyny niepowodzenia:",
                "If YES, please name the three most important undertakings that decided the Local Partnership's "
                "position; if NO, please name the three most important reasons for its failure:",
            ),
        ),
    ),
    Question(
        5,
        "Czy Pani / Pana zdaniem w gminie powinno działać partnerstwo na rzecz przeciwdziałania wykluczeniu "
        "społecznemu?",
        "In your opinion, should a partnership against social exclusion operate in the gmina?",
        (
            Y,
            Part(
                "items",
                "list3",
                "Jeśli TAK to proszę wymienić trzy najważniejsze Pani /Pana zdaniem instytucje /podmioty, które "
                "powinny wejść w jego skład:",
                "If YES, please name the three most important institutions/entities that should join it:",
                YES,
            ),
            Part(
                "argument",
                "textarea",
                "Jeśli NIE to proszę wymienić argument:",
                "If NO, please give your argument:",
                NO,
            ),
        ),
    ),
    Question(
        6,
        "Jakie najważniejsze Pani / Pana zdaniem, działania powinny być realizowane przez partnerstwo przeciw "
        "wykluczeniu – proszę wymienić trzy przykłady?",
        "In your opinion, what are the most important activities a partnership against exclusion should carry "
        "out – please give three examples?",
        (Part("items", "list3"),),
    ),
    Question(
        7,
        "Czy Pani / Pana podmiot realizuje zadania z zakresu przeciwdziałania wykluczeniu?",
        "Does your entity carry out tasks in counteracting exclusion?",
        (Y,),
    ),
    Question(
        8,
        "Jakie działania statutowe realizuje Pani / Pana podmiot/organizacja. Prosimy wymienić trzy przykłady:",
        "What statutory activities does your entity/organisation carry out? Please give three examples:",
        (Part("items", "list3"),),
    ),
    Question(
        9,
        "Czy Pani / Pana podmiot/organizacja mogłaby się włączyć w działania służące reintegracji społecznej i "
        "zawodowej na terenie gminy?",
        "Could your entity/organisation join activities for social and vocational reintegration in the gmina?",
        (
            Y,
            Part(
                "areas",
                "list3",
                "Jeśli TAK proszę określić proponowane obszary działań:",
                "If YES, please state the proposed areas of activity:",
                YES,
            ),
            Part("why_not", "textarea", "Jeśli NIE proszę wskazać dlaczego", "If NO, please say why", NO),
        ),
    ),
    Question(
        10,
        "Jakimi cechami powinno charakteryzować się partnerstwo?",
        "What features should a partnership have?",
        (Part("text", "textarea"),),
    ),
    Question(
        11,
        "Jakimi tematami / problematyką mogłoby zająć się partnerstwo na rzecz przeciwdziałania wykluczeniu? "
        "Wymień wg. Ciebie najważniejsze trzy przykłady",
        "What topics/issues could a partnership against exclusion take up? Name the three most important "
        "examples in your view",
        (Part("items", "list3"),),
    ),
)

BY_CODE = {q.code: q for q in QUESTIONS}
#: Questions skipped when Q2 = NO.
SKIPPED_WHEN_NO_PARTNERSHIP = ("q3", "q4")
#: Yes/no questions (counted in the summary).
YES_NO_QUESTIONS = tuple(q.code for q in QUESTIONS if any(p.kind == "yesno" for p in q.parts))
#: Required answers (the others are optional: respondents may leave lists empty).
REQUIRED = ("q1.category", "q2.answer", "q5.answer", "q7.answer", "q9.answer")
REQUIRED_IF_PARTNERSHIP = ("q3.answer", "q4.answer")


def field_name(question: Question, part: Part, index: int | None = None) -> str:
    base = f"{question.code}_{part.key}"
    return f"{base}_{index}" if index is not None else base


def category_choices(lang: str | None = None) -> list[tuple[str, str]]:
    pl = _lang(lang) == "pl"
    return [(value, label_pl if pl else label_en) for value, label_pl, label_en in CATEGORIES]


def category_label(value: str, lang: str | None = None) -> str:
    return dict(category_choices(lang)).get(value, value)


def answers_from_cleaned(cleaned: dict[str, Any]) -> dict[str, Any]:
    """The JSON answers of a response from flat form data, with the skip rule applied."""
    answers: dict[str, Any] = {}
    no_partnership = cleaned.get("q2_answer") == NO
    for question in QUESTIONS:
        if no_partnership and question.code in SKIPPED_WHEN_NO_PARTNERSHIP:
            continue
        entry: dict[str, Any] = {}
        for part in question.parts:
            if part.kind == "list3":
                items = [str(cleaned.get(field_name(question, part, i)) or "").strip() for i in (1, 2, 3)]
                entry[part.key] = [item for item in items if item]
            else:
                entry[part.key] = str(cleaned.get(field_name(question, part)) or "").strip()
        answers[question.code] = entry
    return answers


def answer_of(answers: dict[str, Any], code: str, key: str = "answer") -> Any:
    return (answers.get(code) or {}).get(key)


def yes_no_to_bool(value: Any) -> bool | None:
    if value == YES:
        return True
    if value == NO:
        return False
    return None
