from django.db import models
from django.utils.translation import gettext_lazy as _


class ResponseChannel(models.TextChoices):
    ONLINE = "online", _("Online (public link)")
    PAPER = "paper", _("Paper (entered by the animator)")


class InterviewKind(models.TextChoices):
    IDI = "idi", _("Individual in-depth interview (IDI)")
    FGI = "fgi", _("Focus group interview (FGI)")


class ReadinessLevel(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


class WindowState(models.TextChoices):
    """Derived from the dates, never stored: a survey's window is upcoming, open or closed."""

    UPCOMING = "upcoming", _("not yet open")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


# The interview scenario (Sektorowe usługi, zeszyt 2, part IV, interview scenario): four timed parts after the
# introduction.
INTERVIEW_PARTS: tuple[tuple[str, str, int], ...] = (
    ("intro", "Wprowadzenie", 10),
    ("part1", "Część Pierwsza: Wiedza o partnerstwie", 10),
    ("part2", "Część Druga. Wiedza o przeciwdziałaniu wykluczeniu i zatrudnieniu socjalnym", 10),
    (
        "part3",
        "Część Trzecia: Ocena możliwości własnego udziału w Lokalnym Partnerstwie – Lokalnej Sieci Reintegracji",
        10,
    ),
    ("part4", "Część czwarta: Ocena perspektyw działalności i rozwoju Lokalnego Partnerstwa", 15),
)
INTERVIEW_PART_LABELS = {
    "intro": _("Introduction"),
    "part1": _("Part one: knowledge of partnership"),
    "part2": _("Part two: knowledge of counteracting exclusion and social employment"),
    "part3": _("Part three: assessing one's own participation in the Local Partnership – Local Reintegration Network"),
    "part4": _("Part four: assessing the prospects of the Local Partnership"),
}
# Ranges from the source: IDI 45–60 minutes with at least 2 persons per stakeholder; FGI 6–12 persons, 1–2 hours.
IDI_MINUTES = (45, 60)
FGI_MINUTES = (60, 120)
FGI_PERSONS = (6, 12)
IDI_MIN_PERSONS_PER_STAKEHOLDER = 2
