"""Privacy hooks (registered in ``apps.CatalogueConfig.ready``): a participant's data held here.

The catalogue holds no names: bookings, attendance, support instruments and certificates point
at the participant's cases. The export lists them; anonymisation clears the free-text notes
(the only place personal details could have been typed) and keeps the rows for statistics.
"""

from __future__ import annotations

from typing import Any

from ksr.cases.models import Participant
from ksr.catalogue.models import Attendance, Booking, Certificate, SupportInstrument


def export_participant(participant: Participant) -> dict[str, Any]:
    bookings = Booking.objects.filter(case__participant=participant).select_related("service", "offer")
    attendance = Attendance.objects.filter(case__participant=participant).select_related("activity")
    instruments = SupportInstrument.objects.filter(case__participant=participant)
    certificates = Certificate.objects.filter(case__participant=participant)
    return {
        "bookings": [
            {
                "case": b.case_id,
                "what": str(b.booked),
                "area": b.area,
                "starts_on": b.starts_on.isoformat(),
                "ends_on": b.ends_on.isoformat() if b.ends_on else None,
                "status": b.status,
                "note": b.note,
            }
            for b in bookings
        ],
        "attendance": [
            {"case": a.case_id, "date": a.activity.date.isoformat(), "topic": a.activity.topic, "status": a.status}
            for a in attendance
        ],
        "support_instruments": [
            {
                "case": i.case_id,
                "kind": i.kind,
                "starts_on": i.starts_on.isoformat(),
                "ends_on": i.ends_on.isoformat() if i.ends_on else None,
                "cost": str(i.cost),
                "note": i.note,
            }
            for i in instruments
        ],
        "certificates": [
            {"case": c.case_id, "number": c.number, "issued_on": c.issued_on.isoformat()} for c in certificates
        ],
    }


def anonymise_participant(participant: Participant) -> None:
    Booking.objects.filter(case__participant=participant).exclude(note="").update(note="")
    SupportInstrument.objects.filter(case__participant=participant).exclude(note="").update(note="")
