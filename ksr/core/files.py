"""Checks of uploaded files, by what they are rather than by what they claim."""

from __future__ import annotations

import logging
from typing import Any

from pypdf import PdfReader

logging.getLogger("pypdf").setLevel(logging.ERROR)  # a broken upload is refused, not logged at length


def is_pdf(upload: Any) -> bool:
    """Whether ``upload`` (a file object) parses as a PDF document with at least one page.

    Parsed with pypdf in strict mode: a file that only starts with ``%PDF-`` is not a PDF, nor is
    an encrypted one (it cannot be read by those who receive it). The file is rewound after.
    """
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=True)
        if reader.is_encrypted:
            return False
        return len(reader.pages) > 0
    except Exception:
        return False
    finally:
        upload.seek(0)
