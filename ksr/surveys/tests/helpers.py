from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ksr.core.types import AnyUser
from ksr.surveys.models import Survey
from ksr.surveys.services import do_create_survey, do_submit_response
from ksr.testing import unit


def answers(
    q2: str = "yes", q3: str = "yes", q4: str = "yes", q5: str = "yes", q7: str = "yes", q9: str = "yes", **extra: Any
) -> dict[str, Any]:
    data = {
        "q1_category": "2",
        "q2_answer": q2,
        "q2_goals_1": "aktywizacja zawodowa bezrobotnych",
        "q3_answer": q3,
        "q4_answer": q4,
        "q4_items_1": "klub seniora",
        "q5_answer": q5,
        "q6_items_1": "Kursy zawodowe",
        "q7_answer": q7,
        "q9_answer": q9,
        "q10_text": "zaufanie i współpraca",
        "q11_items_1": "bezrobocie",
    }
    data.update(extra)
    return data


def open_survey(actor: AnyUser, code: str = "1465011", **kwargs: Any) -> Survey:
    today = timezone.localdate()
    params = {
        "title": "Badanie gotowości",
        "starts_on": today - dt.timedelta(days=1),
        "ends_on": today + dt.timedelta(days=6),
    }
    params.update(kwargs)
    return do_create_survey(gmina=unit(code), actor=actor, **params)


def answered(survey: Survey, *sheets: dict[str, Any]) -> Survey:
    for sheet in sheets:
        do_submit_response(survey, sheet)
    return survey
