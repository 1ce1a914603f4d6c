"""Polish identifiers, checked with python-stdnum. Messages are translated (Polish first)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.pl import nip, regon


def _digits(value: str) -> str:
    return re.sub(r"[\s\-]", "", value or "")


def clean_nip(value: str) -> str:
    number = _digits(value).upper().removeprefix("PL")
    if not number:
        return ""
    if not number.isdigit():
        raise ValidationError(_("NIP may contain digits only."), code="nip_format")
    if len(number) != 10:
        raise ValidationError(_("NIP must have 10 digits (it has %(n)d).") % {"n": len(number)}, code="nip_length")
    try:
        return str(nip.validate(number))
    except stdnum_exceptions.InvalidChecksum as exc:
        raise ValidationError(_("NIP has a wrong check digit; check the number."), code="nip_checksum") from exc
    except stdnum_exceptions.ValidationError as exc:
        raise ValidationError(_("This is not a valid NIP."), code="nip_invalid") from exc


def clean_regon(value: str) -> str:
    number = _digits(value)
    if not number:
        return ""
    if not number.isdigit():
        raise ValidationError(_("REGON may contain digits only."), code="regon_format")
    if len(number) not in (9, 14):
        raise ValidationError(
            _("REGON must have 9 or 14 digits (it has %(n)d).") % {"n": len(number)}, code="regon_length"
        )
    try:
        return str(regon.validate(number))
    except stdnum_exceptions.InvalidChecksum as exc:
        raise ValidationError(_("REGON has a wrong check digit; check the number."), code="regon_checksum") from exc
    except stdnum_exceptions.ValidationError as exc:
        raise ValidationError(_("This is not a valid REGON."), code="regon_invalid") from exc


def clean_krs(value: str) -> str:
    """KRS numbers are 10 digits with leading zeros; they carry no check digit."""
    number = _digits(value)
    if not number:
        return ""
    if not number.isdigit():
        raise ValidationError(_("KRS number may contain digits only."), code="krs_format")
    if len(number) > 10:
        raise ValidationError(
            _("KRS number must have 10 digits (it has %(n)d).") % {"n": len(number)}, code="krs_length"
        )
    if len(number) < 10:
        raise ValidationError(
            _("KRS number must have 10 digits, with leading zeros (e.g. 0000123456)."), code="krs_length"
        )
    if int(number) == 0:
        raise ValidationError(_("KRS number cannot be all zeros."), code="krs_zero")
    return number
