"""Text helpers shared by the apps."""

import unicodedata

# Letters with no Unicode decomposition to a base letter (NFKD leaves them alone).
_EXTRA = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss"})


def fold(text: str) -> str:
    """Lower-case ASCII form of ``text`` for diacritics-insensitive search: "Łódź" → "lodz"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


# Characters that change how text is shown without being seen: bidirectional overrides and
# isolates (a name that reads differently from what it is) and zero-width characters.
HIDDEN_CHARACTERS = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\u061c\ufeff\u00ad"
)


def has_hidden_characters(text: str) -> bool:
    """Whether ``text`` holds a direction override, a zero-width character or another control."""
    return any(ch in HIDDEN_CHARACTERS or unicodedata.category(ch) in {"Cc", "Cf"} for ch in text)
