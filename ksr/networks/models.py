from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ksr.core.models import Tracked
from ksr.networks.choices import CreationActKind, CreationVariant, NetworkLevel
from ksr.networks.querysets import NetworkMembershipQuerySet, NetworkQuerySet


class Network(Tracked):
    """A reintegration network: local (LSR), regional (RSR) or the national one (KSR).

    LSR → RSR of its voivodeship → KSR through ``parent``. The main node is an organisation:
    a KIS for an LSR, the ROWR (hosted by the ROPS) for an RSR, the KOWR for the KSR.
    """

    name = models.CharField(_("name"), max_length=300)
    level = models.CharField(_("level"), max_length=16, choices=NetworkLevel.choices, db_index=True)
    # gmina or powiat for an LSR, voivodeship for an RSR, empty for the KSR.
    territory = models.ForeignKey(
        "territory.TerritorialUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name=_("territory"),
    )
    main_node = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="main_node_of",
        verbose_name=_("main node"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent network"),
    )
    creation_variant = models.CharField(
        _("creation variant"), max_length=16, choices=CreationVariant.choices, blank=True
    )
    creation_act_kind = models.CharField(_("creating act"), max_length=16, choices=CreationActKind.choices, blank=True)
    creation_act_number = models.CharField(_("act number"), max_length=100, blank=True)
    creation_act_date = models.DateField(_("act date"), null=True, blank=True)
    civic_leaders = models.TextField(_("local leaders who started it"), blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    description = models.TextField(_("description"), blank=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["level", "name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_organisation(self):  # type: ignore[no-untyped-def]
        return self.main_node


class NetworkMembership(Tracked):
    """Membership of an organisation in a network, with join and leave dates (history is kept).

    An RSR's members include its LSRs and a KSR's its RSRs: those are recorded as
    ``member_network`` (the organisation is then the member network's main node).
    """

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("network")
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="network_memberships",
        verbose_name=_("organisation"),
    )
    member_network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships_as_member",
        verbose_name=_("member network"),
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = NetworkMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["network", "-joined_on", "id"]

    def __str__(self) -> str:
        return f"{self.organisation} ∈ {self.network}"

    @property
    def audit_organisation(self):  # type: ignore[no-untyped-def]
        return self.network.main_node
