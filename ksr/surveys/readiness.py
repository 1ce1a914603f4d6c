"""Readiness to cooperate: one formula, per response, per gmina and per region.

Per survey response (question numbers of the questionnaire, Sektorowe usługi, zeszyt 2, part IV, questionnaire)::

    W = 1 if Q9 = TAK (could join reintegration activities), else 0        weight 0.40
    T = 1 if Q7 = TAK (already carries out tasks against exclusion), else 0 weight 0.25
    P = partnership experience, Q2–Q4: 0 if Q2 = NIE; otherwise
        0.5 + 0.25·[Q3 = TAK, signatory] + 0.25·[Q4 = TAK, lasting]        weight 0.20
    S = 1 if Q5 = TAK (a partnership should operate in the gmina), else 0  weight 0.15

    response score = 100 · (0.40·W + 0.25·T + 0.20·P + 0.15·S)            (0–100)

Per gmina: the survey component is the mean response score of the gmina's latest survey that
has responses; the interview component is the mean interviewer's rating (1–5) of its
interviews, normalised to 0–100 as 100·(rating − 1)/4. With interviews the gmina value is
0.8·survey + 0.2·interviews; without them the survey component alone; with no responses the
value is None (unknown, never 0).

Per region: the mean of the values of its gminas that have a value (each gmina counts once).

Levels: low < 40 ≤ medium < 70 ≤ high.

Too few answers: a survey with fewer responses than ``settings.KSR_SURVEY_MIN_RESPONSES`` (5 by
default) has no value and no level ("too few answers"): one enthusiastic institution must not
make a gmina "high", and a mean of one or two anonymous sheets would tell who answered what.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ksr.surveys.choices import ReadinessLevel
from ksr.surveys.models import Interview, Survey
from ksr.territory.models import TerritorialUnit

WEIGHTS = {"willingness": 0.40, "tasks": 0.25, "partnership": 0.20, "support": 0.15}
SURVEY_WEIGHT = 0.8
INTERVIEW_WEIGHT = 0.2
MEDIUM_FROM = 40.0
HIGH_FROM = 70.0
#: The weights as whole percentages, for the page and the report that explain the formula in words.
WEIGHT_PERCENTS = {name: round(weight * 100) for name, weight in WEIGHTS.items()}
#: The components in words: (name, questions, how it is counted, key of WEIGHTS).
COMPONENTS = [
    (_("Willingness to join reintegration activities"), "9", _("in full when the answer is YES"), "willingness"),
    (_("Tasks against social exclusion already carried out"), "7", _("in full when the answer is YES"), "tasks"),
    (
        _("Partnership experience"),
        "2–4",
        _(
            "none when no partnership operates in the gmina (question 2: NO); otherwise half, a quarter more when "
            "the institution is a signatory (question 3: YES) and another quarter when the partnership has lasted "
            "(question 4: YES)"
        ),
        "partnership",
    ),
    (_("Support for a partnership in the gmina"), "5", _("in full when the answer is YES"), "support"),
]


def formula_in_words() -> tuple[list[str], list[str], list[list[str]]]:
    """The formula for readers: (paragraphs, table header, table rows with the weights)."""
    paragraphs = [
        gettext(
            "Each answer to the questionnaire gets a score from 0 to 100. The score adds up four components; each "
            "component is worth a share of the score (its weight) when the answers show it in full, and nothing "
            "when they do not."
        ),
        gettext(
            "For a gmina: the mean score of its latest survey; where interviews were held, 80%% of that plus 20%% of "
            "the interviewers' mean rating converted from 1–5 to 0–100. For a region: the mean of its gminas. "
            "Levels: low below 40, medium from 40 to below 70, high from 70."
        )
        % {},  # the same text as the page's (whose catalogue entry escapes the per cent sign)
    ]
    header = [gettext("Component"), gettext("Questionnaire questions"), gettext("How the component is counted")]
    header.append(gettext("Weight"))
    rows = [[str(name), questions, str(how), f"{WEIGHT_PERCENTS[key]}%"] for name, questions, how, key in COMPONENTS]
    return paragraphs, header, rows


FORMULA = (
    "score = 100 × (0.40·W[Q9] + 0.25·T[Q7] + 0.20·P[Q2–Q4] + 0.15·S[Q5]); "
    "P = 0 if Q2 = NO else 0.5 + 0.25·[Q3 = YES] + 0.25·[Q4 = YES]; "
    "gmina = 0.8·mean(scores) + 0.2·100·(mean rating − 1)/4 (survey only when no interviews); "
    "region = mean of its gminas; low < 40 ≤ medium < 70 ≤ high"
)


DEFAULT_MIN_RESPONSES = 5


def min_responses() -> int:
    """The fewest responses from which a survey's readiness is computed (setting ``KSR_SURVEY_MIN_RESPONSES``)."""
    return int(getattr(settings, "KSR_SURVEY_MIN_RESPONSES", DEFAULT_MIN_RESPONSES))


@dataclass(frozen=True)
class Readiness:
    value: float | None
    level: str | None
    responses: int
    components: dict[str, Any] = field(default_factory=dict)
    too_few: bool = False


def level_of(value: float | None) -> str | None:
    if value is None:
        return None
    if value < MEDIUM_FROM:
        return ReadinessLevel.LOW.value
    if value < HIGH_FROM:
        return ReadinessLevel.MEDIUM.value
    return ReadinessLevel.HIGH.value


def partnership_component(q2: bool, q3: bool | None, q4: bool | None) -> float:
    if not q2:
        return 0.0
    return 0.5 + 0.25 * bool(q3) + 0.25 * bool(q4)


def response_score(response: Any) -> float:
    """0–100 for one response (any object with the typed q* fields of ``Response``)."""
    parts = {
        "willingness": float(bool(response.q9_willing)),
        "tasks": float(bool(response.q7_tasks)),
        "partnership": partnership_component(response.q2_partnership, response.q3_signatory, response.q4_lasting),
        "support": float(bool(response.q5_should_exist)),
    }
    return round(100 * sum(WEIGHTS[k] * v for k, v in parts.items()), 2)


def rating_to_score(rating: float) -> float:
    return round(100 * (rating - 1) / 4, 2)


def combine(survey_value: float | None, interview_value: float | None) -> float | None:
    if survey_value is None:
        return None
    if interview_value is None:
        return round(survey_value, 2)
    return round(SURVEY_WEIGHT * survey_value + INTERVIEW_WEIGHT * interview_value, 2)


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the known values (rounded to 2 places), None when none is known."""
    items = [v for v in values if v is not None]
    return round(sum(items) / len(items), 2) if items else None


def survey_readiness(survey: Survey) -> Readiness:
    """Survey component only, for one survey."""
    responses = list(survey.responses.all())
    if 0 < len(responses) < min_responses():
        return Readiness(
            None, None, len(responses), {"survey": None, "willingness_share": None, "survey_id": survey.pk}, True
        )
    scores = [response_score(r) for r in responses]
    value = mean(scores)
    willing = mean(100.0 * r.q9_willing for r in responses)
    return Readiness(
        value, level_of(value), len(responses), {"survey": value, "willingness_share": willing, "survey_id": survey.pk}
    )


def gmina_readiness(gmina_unit: TerritorialUnit) -> Readiness:
    """Readiness of one gmina: its latest answered survey plus its interviews (see the module doc)."""
    return readiness_of_gminas([gmina_unit])[gmina_unit.pk]


def readiness_of_gminas(gminas: Iterable[TerritorialUnit]) -> dict[int, Readiness]:
    """``gmina_readiness`` of many gminas in three queries, whatever their number, keyed by unit id."""
    ids = [g.pk for g in gminas]
    latest: dict[int, Survey] = {}
    answered = (
        Survey.objects.filter(gmina_id__in=ids, responses__isnull=False)
        .distinct()
        .order_by("gmina_id", "-starts_on", "-pk")
        .only("pk", "gmina_id", "starts_on")
    )
    for survey in answered:
        latest.setdefault(survey.gmina_id, survey)
    prefetch_related_objects(list(latest.values()), "responses")
    ratings: dict[int, list[int]] = {}
    for gmina_id, rating in Interview.objects.filter(gmina_id__in=list(latest)).values_list("gmina_id", "rating"):
        ratings.setdefault(gmina_id, []).append(rating)
    out = {}
    for pk in ids:
        found = latest.get(pk)
        if found is None:
            out[pk] = Readiness(None, None, 0, {"survey": None, "interviews": None, "interview_count": 0})
            continue
        part = survey_readiness(found)
        if part.too_few:
            components = {**part.components, "interviews": None, "interview_count": 0}
            out[pk] = Readiness(None, None, part.responses, components, too_few=True)
            continue
        mine = ratings.get(pk, [])
        interview_value = rating_to_score(sum(mine) / len(mine)) if mine else None
        value = combine(part.value, interview_value)
        out[pk] = Readiness(
            value,
            level_of(value),
            part.responses,
            {**part.components, "interviews": interview_value, "interview_count": len(mine)},
        )
    return out


def gminas_with_surveys(voivodeship_code: str | None = None) -> list[TerritorialUnit]:
    qs = Survey.objects.all()
    if voivodeship_code:
        qs = qs.filter(gmina__code__startswith=voivodeship_code)
    ids = qs.values_list("gmina_id", flat=True).distinct()
    return list(TerritorialUnit.objects.filter(pk__in=ids).order_by("code"))


def attitude_change(gmina_unit: TerritorialUnit, before_survey: Survey, after_survey: Survey) -> dict[str, Any]:
    """Change between two surveys of the same gmina's institutions (anonymous: compared as groups)."""
    if before_survey.gmina_id != gmina_unit.pk or after_survey.gmina_id != gmina_unit.pk:
        raise ValueError("both surveys must be of this gmina")
    before, after = survey_readiness(before_survey), survey_readiness(after_survey)

    def delta(a: float | None, b: float | None) -> float | None:
        return None if a is None or b is None else round(b - a, 2)

    return {
        "before": {
            "score": before.value,
            "willingness_share": before.components["willingness_share"],
            "responses": before.responses,
        },
        "after": {
            "score": after.value,
            "willingness_share": after.components["willingness_share"],
            "responses": after.responses,
        },
        "score_change": delta(before.value, after.value),
        "willingness_change": delta(before.components["willingness_share"], after.components["willingness_share"]),
        "level_before": before.level,
        "level_after": after.level,
    }
