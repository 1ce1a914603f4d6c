from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from ksr.networks.models import Network
from ksr.partnerships import services
from ksr.partnerships.demo import tiny_pdf
from ksr.registry.choices import OrganisationKind
from ksr.testing import OrganisationFactory, unit

# A real one-page PDF: uploads are checked by parsing them (ksr.core.files.is_pdf).
TINY_PDF = tiny_pdf("Umowa partnerska")


def lsr(cast, **extra) -> Network:
    return Network.objects.create(
        name="LSR Warszawa", level="local", territory=unit("1465011"), main_node=cast.kis_waw, **extra
    )


def pdf(name: str = "umowa.pdf", content: bytes = TINY_PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def type_c_org():
    return OrganisationFactory(name="Ośrodek Kultury", kind=OrganisationKind.LIBRARY)


def partnership(cast, network=None, **data):
    network = network or lsr(cast)
    values = {"name": "Partnerstwo na rzecz reintegracji", "goal": "Wspólne usługi reintegracyjne"} | data
    return services.do_create_partnership(network, values, actor=cast.admin)


def signed_partnership(cast, network=None, with_type_c=True):
    p = partnership(cast, network)
    services.do_add_partner(p, cast.ops_waw, {}, actor=cast.admin)
    if with_type_c:
        services.do_add_partner(p, type_c_org(), {}, actor=cast.admin)
    services.do_upload_agreement(p, pdf(), actor=cast.admin, signed_on=dt.date(2026, 1, 10))
    services.do_transition_partnership(p, "consultation", actor=cast.admin)
    services.do_transition_partnership(p, "signed", actor=cast.admin)
    return p
