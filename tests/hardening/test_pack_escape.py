"""A hostile content pack cannot make the app or the validator read anything outside its
folder (issue 13, High 2), and validate reports each attempt as an error at its line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.packs import FIRST_WALKTHROUGH, SVG, write_pack

from guide.core.content import images
from guide.core.content.loader import load_pack
from guide.core.content.validator import validate_pack

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")

OUTSIDE_WALKTHROUGH = FIRST_WALKTHROUGH.replace("title: First steps", "title: SECRET FROM OUTSIDE")


def _errors(root: Path) -> list[str]:
    _, problems = validate_pack(root, strict=True)
    return [f"{p.location.path.name}:{p.location.line}: {p.message}" for p in problems if p.is_error]


def _secret_walkthrough(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "first.yaml"
    secret.parent.mkdir()
    secret.write_text(OUTSIDE_WALKTHROUGH, encoding="utf-8")
    return secret


@pytest.mark.parametrize("listed", ["../../outside/first", "ABSOLUTE"])
def test_walkthrough_id_cannot_name_a_file_outside(tmp_path: Path, listed: str) -> None:
    secret = _secret_walkthrough(tmp_path)
    if listed == "ABSOLUTE":
        listed = str(secret.with_suffix(""))
    root = write_pack(tmp_path / "p", listed=["first", "second", listed])
    pack = load_pack(root)
    assert all("SECRET" not in w.title for w in pack.walkthroughs)
    assert any(e.startswith("pack.yaml:11: walkthrough id") and "a-z, 0-9" in e for e in _errors(root)), _errors(root)


@pytest.mark.parametrize("link", ["walkthroughs/first.yaml", "walkthroughs"])
def test_symlinked_walkthrough_file_or_folder_is_refused(tmp_path: Path, link: str) -> None:
    secret = _secret_walkthrough(tmp_path)
    root = write_pack(tmp_path / "p")
    target = root / link
    if link == "walkthroughs":
        (secret.parent / "second.yaml").write_text((root / "walkthroughs" / "second.yaml").read_text())
        for f in target.iterdir():
            f.unlink()
        target.rmdir()
        target.symlink_to(secret.parent)
    else:
        target.unlink()
        target.symlink_to(secret)
    (secret.parent / "private-name.yaml").write_text("x: 1\n")
    pack = load_pack(root)
    assert all("SECRET" not in w.title for w in pack.walkthroughs)
    assert any("pack.yaml:9:" in e and "pointing outside the pack" in e for e in _errors(root)), _errors(root)
    assert not any("private-name" in e for e in _errors(root)), "names of files outside are not listed either"


@pytest.mark.parametrize("name", ["glossary.yaml", "phrasebook.yaml", "pack.yaml"])
def test_symlinked_glossary_phrasebook_or_pack_file_is_refused(tmp_path: Path, name: str) -> None:
    root = write_pack(tmp_path / "p")
    outside = tmp_path / f"outside-{name}"
    outside.write_text((root / name).read_text().replace("Post", "SECRET").replace("Hello", "SECRET").replace("Mini", "SECRET"))
    (root / name).unlink()
    (root / name).symlink_to(outside)
    pack = load_pack(root)
    assert "SECRET" not in repr((pack.title, pack.glossary, pack.categories))
    assert any(e.startswith(f"{name}:1: ") and "pointing outside the pack" in e for e in _errors(root)), _errors(root)


def test_symlink_inside_the_pack_is_fine(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p")
    (root / "glossary-real.yaml").write_text((root / "glossary.yaml").read_text())
    (root / "glossary.yaml").unlink()
    (root / "glossary.yaml").symlink_to(root / "glossary-real.yaml")
    assert len(load_pack(root).glossary) == 3


SVG_WITH = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">\n{}\n</svg>'


@pytest.mark.parametrize("element", [
    '<image href="{abs}" width="10" height="10"/>',
    '<image xlink:href="../secret.png" width="10" height="10"/>',
    '<rect fill="url(file://{abs})" width="1" height="1"/>',
    '<style>@import url("{abs}");</style>',
    '<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>',
    '<script>alert(1)</script>',
])
def test_svg_reaching_outside_is_an_error_at_its_line_and_never_drawn_with_it(tmp_path: Path, element: str) -> None:
    secret = tmp_path / "p" / ".." / "secret.png"
    root = write_pack(tmp_path / "p")
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    hostile = SVG_WITH.format(element.format(abs=secret.resolve()))
    (root / "images" / "screen.svg").write_text(hostile, encoding="utf-8")
    errors = _errors(root)
    assert any(e.startswith("screen.svg:2: SVG mockups may not contain") for e in errors), errors
    safe, problem = images.safe_screen(root / "images" / "screen.svg")
    assert problem is None and b"secret" not in safe.data and b"script" not in safe.data
    assert b"foreignObject" not in safe.data and b"@import" not in safe.data


def test_svg_with_doctype_entities_is_refused(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p")
    (root / "images" / "screen.svg").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<svg>&x;</svg>')
    assert any(e.startswith("screen.svg:2: SVG may not have a DOCTYPE") for e in _errors(root)), _errors(root)
    assert images.safe_screen(root / "images" / "screen.svg")[0] is None


def test_svg_content_under_a_png_name_is_refused(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p")
    (root / "images" / "screen.svg").unlink()
    (root / "images" / "screen.png").write_text(SVG, encoding="utf-8")
    for name in ("first.yaml", "second.yaml"):
        path = root / "walkthroughs" / name
        path.write_text(path.read_text().replace("screen.svg", "screen.png"))
    errors = _errors(root)
    assert any(e.startswith("screen.png:1: image screen.png holds SVG content under a .png name") for e in errors), errors
    safe, problem = images.safe_screen(root / "images" / "screen.png")
    assert safe is None and "SVG content" in problem


def test_reference_style_image_in_a_body_is_an_error_at_its_line(tmp_path: Path) -> None:
    body = "Look ![x][p] here.\n\n      [p]: /etc/passwd"
    bad = FIRST_WALKTHROUGH.replace("Tap {{ui:收藏}} to keep it.", "Tap {{ui:收藏}}.").replace(
        "      - **two**\n", f"      - **two**\n\n      {body}\n")
    root = write_pack(tmp_path / "p", walkthroughs={"first": bad})
    errors = _errors(root)
    assert any(e.startswith("first.yaml:17: images in a step body are not allowed") for e in errors), errors
    assert any(e.startswith("first.yaml:19: link '/etc/passwd' is not allowed") for e in errors), errors


def test_body_renderer_never_resolves_a_resource_it_was_not_given(tmp_path: Path) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QColor, QImage, QTextDocument
    from PySide6.QtWidgets import QApplication

    from guide.ui.widgets.safe_browser import SafeTextBrowser

    app = QApplication.instance() or QApplication([])
    secret = tmp_path / "secret.png"
    picture = QImage(300, 200, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    assert picture.save(str(secret))
    browser = SafeTextBrowser()
    browser.setMarkdown(f"Hello ![x][p] and ![y]({secret})\n\n[p]: {secret}\n")
    browser.resize(600, 400)
    browser.show()
    app.processEvents()
    loaded = browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(str(secret)))
    size = loaded.size() if hasattr(loaded, "size") else None
    assert size is None or (size.width(), size.height()) != (300, 200), "the file outside was read"
    browser.close()


@pytest.mark.parametrize("kind", ["svg", "png-named-svg-content"])
def test_mockup_never_draws_a_file_from_outside(tmp_path: Path, kind: str) -> None:
    """The screen is drawn from checked bytes: an <image> pointing outside shows nothing of it."""
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QApplication

    from guide.ui.walkthroughs.mockup_view import MockupView

    app = QApplication.instance() or QApplication([])
    secret = tmp_path / "secret.png"
    picture = QImage(40, 40, QImage.Format.Format_RGB32)
    picture.fill(QColor(0, 255, 0))
    assert picture.save(str(secret))
    root = write_pack(tmp_path / "p")
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">'
           f'<rect width="40" height="40" fill="#fff"/><image xlink:href="{secret}" width="40" height="40"/></svg>')
    screen = root / "images" / ("screen.svg" if kind == "svg" else "screen.png")
    screen.write_text(svg, encoding="utf-8")
    view = MockupView()
    view.resize(200, 300)
    view.show_screen(screen, ())
    view.show()
    app.processEvents()
    shot = view.grab().toImage()
    green = sum(1 for x in range(0, shot.width(), 4) for y in range(0, shot.height(), 4)
                if (c := shot.pixelColor(x, y)).green() > 200 and c.red() < 60 and c.blue() < 60)
    assert green == 0, "pixels of the file outside the pack were drawn"
    view.close()


@pytest.mark.parametrize(("file", "old", "new", "line"), [
    ("glossary.yaml", "where: Red button at the bottom of the editor", "where: <img src='{secret}'> here", 5),
    ("walkthroughs/first.yaml", "title: First steps", "title: <img src='{secret}'>", 2),
    ("walkthroughs/first.yaml", "tip: Take your time.", 'tip: "<img src={secret}>"', 20),
    ("phrasebook.yaml", "note: Everyday hello.", "note: <img src='{secret}'>", 8),
    # a tag left open: Qt's HTML parser builds the <img> all the same
    ("pack.yaml", "  name: RedNote", '  name: "RedNote<img src={secret} "', 4),
    ("glossary.yaml", "note: Saves matter more than likes.", 'note: "Saves<img src={secret} "', 10),
])
def test_html_in_plain_text_fields_is_an_error_at_its_line(tmp_path: Path, file: str, old: str, new: str, line: int) -> None:
    """Qt shows a label whose first line holds a tag as rich text, and loads an <img> file itself."""
    root = write_pack(tmp_path / "p")
    path = root / file
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new.format(secret=tmp_path / "secret.png")))
    errors = _errors(root)
    assert any(e.startswith(f"{path.name}:{line}: HTML ") and "<img" in e for e in errors), errors
    pack = load_pack(root)
    shown = repr((pack.glossary, pack.categories, [(w.title, [s.tip for s in w.steps]) for w in pack.walkthroughs]))
    assert "<img" not in shown


@pytest.mark.parametrize(("file", "old", "key", "line"), [
    ("glossary.yaml", "note: Saves matter more than likes.", "note", 10),
    ("glossary.yaml", "en: Save", "en", 8),
    ("phrasebook.yaml", "note: Everyday hello.", "note", 8),
])
def test_an_over_long_plain_text_field_is_an_error_at_its_line(tmp_path: Path, file: str, old: str, key: str,
                                                                line: int) -> None:
    """A 30,000-character note froze the window each time it was glossed: fields have a limit."""
    root = write_pack(tmp_path / "p")
    path = root / file
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, f"{key}: {'A' * 30_000}"))
    errors = _errors(root)
    assert any(e.startswith(f"{path.name}:{line}: {key} is 30,000 characters long") for e in errors), errors
    pack = load_pack(root)
    assert "A" * 2000 not in repr((pack.glossary, pack.categories))
