"""A destructive action is never the filled primary button (WCAG-minded: the default looks safe)."""

import re
from pathlib import Path

from django.conf import settings

DESTRUCTIVE = re.compile(
    r"^(Cancel|Remove|Withdraw|Strike|Revoke|End|Refuse|Leaves?|Delete|Dissolve|Terminate|Switch .* off)\b"
)
BUTTON = re.compile(r"<button([^>]*)>(.*?)</button>", re.S)
LABEL = re.compile(r'translate "([^"]+)"')
NOT_PRIMARY = ("button-danger", "button-secondary", "link-button")


def _buttons():
    for path in sorted(Path(settings.BASE_DIR, "ksr").glob("*/templates/**/*.html")):
        for attrs, inner in BUTTON.findall(path.read_text()):
            label = LABEL.search(inner)
            if label:
                yield path.relative_to(settings.BASE_DIR), attrs, label.group(1)


def test_destructive_buttons_of_the_templates_are_not_primary():
    wrong = [
        (str(path), label)
        for path, attrs, label in _buttons()
        if DESTRUCTIVE.match(label) and not any(cls in attrs for cls in NOT_PRIMARY)
    ]
    assert wrong == []


def test_the_scan_sees_the_buttons_it_checks():
    labels = {label for _path, _attrs, label in _buttons()}
    assert {"Cancel the draft", "Cancel the meeting", "Revoke the token"} <= labels


def test_the_stylesheet_lets_the_danger_and_secondary_classes_win_over_the_submit_default():
    css = Path(settings.BASE_DIR, "ksr/core/static/ksr/css/app.css").read_text()
    # The default primary look of a submit button has the weight of no class (``:where``), so a
    # class on the button decides; a plain ``button[type=submit]:not(...)`` rule would outweigh it.
    assert ':where(button[type="submit"]:not(.link-button))' in css
    assert not re.search(r'(^|[,\s])button\[type="submit"\]:not\(\.link-button\)\s*[{,:]', css, re.M)
    assert ".button-danger" in css and ".button-secondary" in css
