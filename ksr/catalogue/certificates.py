"""What a KIS graduate certificate says: one function the page and the printable document share.

Prawne aspekty, IV.1 (organisational standard of the KIS): "Zaświadczenie o uzyskaniu statusu
absolwenta KIS … można wydać uczestnikom odbywającym zajęcia w okresie co najmniej 6 miesięcy."
The printable document (PDF/ODT) renders exactly these fields, in this order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ksr.catalogue.models import Certificate


@dataclass(frozen=True)
class CertificateContent:
    number: str
    issued_on: dt.date
    participant: str
    club: str
    club_seat: str
    admitted_on: dt.date | None
    exited_on: dt.date | None
    months_attended: int


def certificate_content(certificate: Certificate) -> CertificateContent:
    case = certificate.case
    club = case.organisation
    return CertificateContent(
        number=certificate.number,
        issued_on=certificate.issued_on,
        participant=str(case.participant),
        club=club.name,
        club_seat=str(club.seat) if club.seat_id else "",
        admitted_on=case.admitted_on,
        exited_on=case.exited_on,
        months_attended=certificate.months_attended,
    )
