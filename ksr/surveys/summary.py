"""Results of a survey: counts per answer, per respondent category, lists of three aggregated,
free-text answers grouped by theme.

Keyword grouping (simple and documented): every free-text answer (and every item of a list of
three) is lower-cased and matched against the stems of ``THEMES``, in order; the first theme
whose stem occurs in the text takes it, otherwise it goes to "other". Lists of three are also
aggregated verbatim (trimmed, case-folded), most frequent first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from django.utils.translation import gettext_lazy as _

from ksr.registry.choices import RespondentCategory
from ksr.surveys import questionnaire as Q
from ksr.surveys.choices import ResponseChannel

THEMES: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    ("work", _("Work and employment"), ("prac", "zatrudn", "bezrobo", "zawodow", "job", "employ")),
    ("education", _("Education and training"), ("eduk", "szkol", "kurs", "nauk", "oświat", "educat", "train")),
    ("culture", _("Culture"), ("kultur", "bibliot", "cultur", "librar")),
    ("health", _("Health and addictions"), ("zdrow", "uzależ", "alkohol", "terapi", "health", "addict")),
    ("sport", _("Sport and recreation"), ("sport", "rekrea", "recreat")),
    ("seniors", _("Seniors and disability"), ("senior", "starsz", "niepełnospr", "elderly", "disab")),
    ("youth", _("Children, youth and families"), ("dziec", "młodzie", "rodzin", "youth", "child", "famil")),
    (
        "cooperation",
        _("Cooperation and information"),
        ("współprac", "informac", "komunikac", "zaufan", "cooperat", "trust", "inform"),
    ),
    ("housing", _("Housing and homelessness"), ("bezdom", "mieszka", "homeless", "housing")),
)
OTHER_THEME = ("other", _("Other"))

# (question code, part key) of the free-text and list answers, in questionnaire order.
TEXT_PARTS = tuple((q.code, p.key) for q in Q.QUESTIONS for p in q.parts if p.kind in {"list3", "textarea", "text"})


def theme_of(text: str) -> str:
    low = text.lower()
    for key, _label, stems in THEMES:
        if any(stem in low for stem in stems):
            return key
    return OTHER_THEME[0]


def theme_labels() -> dict[str, Any]:
    return {key: label for key, label, _stems in THEMES} | {OTHER_THEME[0]: OTHER_THEME[1]}


def summarise(responses: list[Any]) -> dict[str, Any]:
    total = len(responses)
    yes_no: dict[str, dict[str, int]] = {}
    for code in Q.YES_NO_QUESTIONS:
        counts = Counter(Q.answer_of(r.answers, code) or "skipped" for r in responses)
        yes_no[code] = {"yes": counts.get(Q.YES, 0), "no": counts.get(Q.NO, 0), "skipped": counts.get("skipped", 0)}
    categories = Counter(r.category for r in responses)
    per_category = [
        {"value": value, "label": label, "count": categories.get(value, 0)}
        for value, label in RespondentCategory.choices
    ]
    lists: dict[str, list[tuple[str, int]]] = {}
    grouped: dict[str, dict[str, list[str]]] = {}
    labels = theme_labels()
    for code, key in TEXT_PARTS:
        counter: Counter[str] = Counter()
        groups: dict[str, list[str]] = defaultdict(list)
        for r in responses:
            value = (r.answers.get(code) or {}).get(key)
            items = value if isinstance(value, list) else ([value] if value else [])
            for item in items:
                text = str(item).strip()
                if not text:
                    continue
                counter[text.lower()] += 1
                groups[theme_of(text)].append(text)
        field = f"{code}.{key}"
        if counter:
            lists[field] = counter.most_common()
        if groups:
            grouped[field] = {str(labels[k]): sorted(v) for k, v in sorted(groups.items())}
    return {
        "total": total,
        "paper": sum(1 for r in responses if r.channel == ResponseChannel.PAPER),
        "yes_no": yes_no,
        "categories": per_category,
        "lists": lists,
        "themes": grouped,
    }
