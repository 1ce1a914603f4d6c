"""Text helpers shared by the apps."""

import unicodedata

# Letters with no Unicode decomposition to a base letter (NFKD leaves them alone).
_EXTRA = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss"})


def fold(text: str) -> str:
    """Lower-case ASCII form of ``text`` for diacritics-insensitive search: "Łódź" → "lodz"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
