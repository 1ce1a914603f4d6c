"""Choices of the procedures app (procedure cards, tasks, need requests, LSR variant)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ksr.core.states import StateMachine


class CardGroup(models.TextChoices):
    """Who a procedure card is for (Sektorowe usługi, zeszyt 2, part IV, procedure card)."""

    MAIN_NODE = "main_node", _("Animator / KIS as the main node of the LSR (type A)")
    TYPE_B = "type_b", _("OPS / NGO: institutions whose statutory goal is reintegration (type B)")
    TYPE_C = "type_c", _("Partner institutions (type C)")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# The task lifecycle: open → done / cancelled; done and cancelled are final.
TASK_MACHINE = StateMachine(
    TaskStatus,
    {TaskStatus.OPEN: {TaskStatus.DONE, TaskStatus.CANCELLED}, TaskStatus.DONE: set(), TaskStatus.CANCELLED: set()},
)


class RunStatus(models.TextChoices):
    """Derived from the tasks: completed when no task is open and at least one is done."""

    IN_PROGRESS = "in_progress", pgettext_lazy("procedure run status", "In progress")
    COMPLETED = "completed", pgettext_lazy("procedure run status", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("procedure run status", "Cancelled")


class ProductKind(models.TextChoices):
    """What a done step produced (typed, so it can be checked and counted)."""

    ANALYSIS = "analysis", _("Analysis or diagnosis")
    CONTACTS = "contacts", _("Contacts established")
    MEETING = "meeting", _("Meeting held")
    LETTER_OF_INTENT = "letter_of_intent", _("Letter of intent sent")
    WORKING_GROUP = "working_group", _("Working group formed")
    COORDINATOR = "coordinator", _("LSR coordinator appointed")
    LIST = "list", _("List of representatives")
    DRAFT_AGREEMENT = "draft_agreement", _("Draft agreement prepared")
    CONSULTATION = "consultation", _("Draft agreement consulted")
    RSR_REPRESENTATION = "rsr_representation", _("LSR representation in the RSR set")
    MONITORING_PLAN = "monitoring_plan", _("Monitoring procedure proposed")
    MONITORING_DATES = "monitoring_dates", _("Monitoring dates set")
    PERSON_DESIGNATED = "person_designated", _("Person designated")
    RULES = "rules", _("Rules adopted")
    MATERIALS = "materials", _("Materials prepared")
    INFORMATION = "information", _("Information passed on")
    NEED_REQUEST = "need_request", _("Need request sent")
    CONTRACTS = "contracts", _("Social contracts concluded")


class NeedKind(models.TextChoices):
    """What a KIS needs from its partners (card 9, step 3)."""

    MATERIAL = "material", _("Material resources")
    KNOWLEDGE = "knowledge", _("Knowledge in a field of the KIS classes")
    SPECIALISTS = "specialists", _("Specialists for the classes (personnel)")
    OTHER = "other", _("Other")


class ResponseKind(models.TextChoices):
    OFFER = "offer", _("Offer")
    DECLINE = "decline", _("Decline")


class LsrVariant(models.TextChoices):
    """How an LSR is created (Sektorowe usługi, zeszyt 2, part IV, variants of creating an LSR); the same values as
    networks.CreationVariant."""

    ADMINISTRATIVE = "administrative", _("Administrative variant")
    CIVIC = "civic", _("Civic (bottom-up) variant")
