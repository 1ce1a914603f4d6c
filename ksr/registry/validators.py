"""Polish identifiers, checked with python-stdnum. Messages are translated (Polish first)."""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.pl import nip, regon


def _digits(value: str) -> str:
    return re.sub(r"[\s\-]", "", value or "")


def _checked(scheme: Any, number: str, code: str, wrong_checksum: str, invalid: str) -> str:
    """``number`` validated by python-stdnum's ``scheme``, or a translated ``ValidationError``."""
    try:
        return str(scheme.validate(number))
    except stdnum_exceptions.InvalidChecksum as exc:
        raise ValidationError(wrong_checksum, code=f"{code}_checksum") from exc
    except stdnum_exceptions.ValidationError as exc:
        raise ValidationError(invalid, code=f"{code}_invalid") from exc


def clean_nip(value: str) -> str:
    number = _digits(value).upper().removeprefix("PL")
    if not number:
        return ""
    if not number.isdigit():
        raise ValidationError(_("NIP may contain digits only."), code="nip_format")
    if len(number) != 10:
        raise ValidationError(_("NIP must have 10 digits (it has %(n)d).") % {"n": len(number)}, code="nip_length")
    return _checked(
        nip, number, "nip", _("NIP has a wrong check digit; check the number."), _("This is not a valid NIP.")
    )


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
    return _checked(
        regon, number, "regon", _("REGON has a wrong check digit; check the number."), _("This is not a valid REGON.")
    )


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


POSTAL_CODE = re.compile(r"[0-9]{2}-[0-9]{3}")


def check_postal_code(value: str) -> None:
    """A Polish postal code is two digits, a hyphen and three digits (NN-NNN, e.g. 00-950)."""
    if value and not POSTAL_CODE.fullmatch(value):
        raise ValidationError(_("Postal code must look like 00-950."), code="postal_code")
