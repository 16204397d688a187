"""Load a content pack folder into the model, collecting every problem with its location.

One broken file never takes the pack down: a walkthrough with errors is left out, a bad
glossary entry or phrase is skipped, and `Pack.problems` says what and where.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from guide.core.content import images, markdown_links, templates
from guide.core.content.model import (
    AppInfo,
    EmojiCode,
    GlossaryEntry,
    Highlight,
    Location,
    Pack,
    Phrase,
    PhraseCategory,
    Place,
    Problem,
    Severity,
    Step,
    UiTemplate,
    Walkthrough,
)
from guide.core.content.schema import (
    Field,
    FileProblems,
    read_fields,
    text,
    texts,
    value,
)
from guide.core.content.yamlsafe import Node, YamlError, read_file

LEVELS = ("beginner", "intermediate")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

PACK_FIELDS = {
    "id": Field("text", True),
    "title": Field("text", True),
    "app": Field("map", True),
    "version": Field("text", True),
    "walkthroughs": Field("text-list", True),
}
APP_FIELDS = {"name": Field("text", True), "native_name": Field("text", True), "language": Field("text", True)}
WALKTHROUGH_FIELDS = {
    "id": Field("text", True),
    "title": Field("text", True),
    "summary": Field("text", True),
    "minutes": Field("int", True),
    "level": Field("text", True),
    "tags": Field("text-list"),
    "requires": Field("text-list"),
    "app_version": Field("text", True),
    "steps": Field("list", True),
}
STEP_FIELDS = {
    "id": Field("text", True),
    "title": Field("text", True),
    "body": Field("text", True),
    "screen": Field("text"),
    "highlight": Field("list"),
    "labels": Field("text-list"),
    "tip": Field("text"),
    "warning": Field("text"),
}
HIGHLIGHT_FIELDS = {
    "x": Field("number", True),
    "y": Field("number", True),
    "w": Field("number", True),
    "h": Field("number", True),
    "label": Field("text"),
}
GLOSSARY_FIELDS = {"labels": Field("list", True), "templates": Field("list"), "places": Field("list"),
                   "emoji": Field("list")}
LABEL_FIELDS = {
    "zh": Field("text", True),
    "pinyin": Field("text", True),
    "en": Field("text", True),
    "where": Field("text"),
    "note": Field("text"),
    "pinyin_exception": Field("text"),
}
TEMPLATE_FIELDS = {"zh": Field("text", True), "en": Field("text", True), "where": Field("text"), "note": Field("text")}
PLACE_FIELDS = {"zh": Field("text", True), "pinyin": Field("text", True), "en": Field("text", True),
                "kind": Field("text", True), "pinyin_exception": Field("text")}
PLACE_KINDS = ("province", "municipality", "autonomous region", "special administrative region", "country", "region")
EMOJI_FIELDS = {"code": Field("text", True), "en": Field("text", True), "note": Field("text")}
EMOJI_CODE_RE = re.compile(r"^\[[^\[\]\s]{1,12}\]$")
PHRASEBOOK_FIELDS = {"categories": Field("list", True)}
CATEGORY_FIELDS = {"id": Field("text", True), "title": Field("text", True), "phrases": Field("list", True)}
PHRASE_FIELDS = {
    "en": Field("text", True),
    "zh": Field("text", True),
    "pinyin": Field("text", True),
    "literal": Field("text"),
    "note": Field("text"),
    "tags": Field("text-list"),
    "pinyin_exception": Field("text"),
}


def _read(path: Path, out: FileProblems) -> Node | None:
    try:
        return read_file(path)
    except YamlError as exc:
        out.at_line(exc.line, exc.column, exc.message)
        return None


def body_location(node: Node, offset: int, body: str) -> tuple[int, int]:
    """Map an offset inside a scalar's text to a file line/column (exact for `|` blocks)."""
    before = body[:offset]
    line_in_body = before.count("\n")
    column_in_line = offset - (before.rfind("\n") + 1)
    if node.style in ("|", ">"):
        return node.line + 1 + line_in_body, node.indent + 1 + column_in_line
    if line_in_body == 0:
        quote = 1 if node.style in ('"', "'") else 0
        return node.line, node.column + quote + column_in_line
    return node.line + line_in_body, 1


def safe_pack_path(root: Path, relative: str, real_root: Path | None = None) -> tuple[Path | None, str | None]:
    """Resolve an image path inside the pack; (None, reason) when it leaves it or is absent."""
    try:
        return images.pack_path(root, relative, real_root), None
    except images.UnsafeFile as exc:
        return None, f"image {exc.message}"


# Longest plain-text field a pack may hold, by key (the bundled pack's longest note is ~400
# characters). Every field is glossed, searched and drawn; nothing needs an essay.
PLAIN_TEXT_LIMITS = {"note": 1000, "where": 400, "literal": 300, "en": 300, "zh": 200, "pinyin": 400,
                     "summary": 600, "tip": 1000, "warning": 1000}
DEFAULT_PLAIN_TEXT_LIMIT = 200  # ids, titles, names, versions
_OPEN_TAG_RE = re.compile(r"<[A-Za-z/!?]")  # a tag, closed or not: Qt's parser builds one either way


def _html_free(f: dict[str, Node], names: tuple[str, ...], out: FileProblems) -> bool:
    """Plain-text fields hold no HTML tag, not even one left open (`<img src=/dev/zero `): Qt
    shows a label that looks like HTML as rich text and loads an `<img>` file itself. And
    each stays within its length limit, so no check or gloss of it can take long."""
    clean = True
    for name in names:
        node = f.get(name)
        text_value = node.value if node is not None else None
        if not isinstance(text_value, str):
            continue
        match = _OPEN_TAG_RE.search(text_value)
        limit = PLAIN_TEXT_LIMITS.get(name, DEFAULT_PLAIN_TEXT_LIMIT)
        if match:
            out.at(node, f"HTML {text_value[match.start():match.start() + 30]!r} is not allowed in {name}; write plain "
                         f"text (a < may not be followed by a letter)")
            clean = False
        elif len(text_value) > limit:
            out.at(node, f"{name} is {len(text_value):,} characters long; the limit is {limit:,}: write it shorter")
            clean = False
    return clean


class _EveryLabel(frozenset):
    """Stands for the labels of a glossary that could not be read: any label may be in it."""

    def __contains__(self, item: object) -> bool:
        return True


class PackLoader:
    """Reads one pack folder. Use `load_pack(path)`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self._paths: dict[str, tuple[Path | None, str | None]] = {}  # many steps share a screen
        self._resolved_root: Path | None = None
        self._glossary_lost = False  # glossary.yaml exists but could not be read at all
        self._broken_labels: set[str] = set()  # entries with errors of their own
        self._templates: tuple[UiTemplate, ...] = ()  # glossary.yaml's other lists, read with its labels
        self._places: tuple[Place, ...] = ()
        self._emoji: tuple[EmojiCode, ...] = ()

    def _pack_path(self, relative: str) -> tuple[Path | None, str | None]:
        if relative not in self._paths:
            self._paths[relative] = safe_pack_path(self.root, relative, self._real_root())
        return self._paths[relative]

    def _pack_file(self, path: Path, out: FileProblems, where: Node | None = None) -> Path | None:
        """`path` if it is a regular file resolving inside the pack; else an error (at `where`)."""
        try:
            return images.inside_pack(self.root, path, self._real_root())
        except images.UnsafeFile as exc:
            out.at(where, exc.message)
            return None

    def _real_root(self) -> Path | None:
        """The pack folder resolved once per load (None if it cannot be: each file then says why)."""
        if self._resolved_root is None:
            try:
                self._resolved_root = self.root.resolve(strict=True)
            except (OSError, RuntimeError):
                return None
        return self._resolved_root

    def _collect(self, out: FileProblems) -> None:
        self.problems.extend(out.items)

    def load(self) -> Pack:
        pack_file = self.root / "pack.yaml"
        out = FileProblems(pack_file)
        empty = Pack(self.root.name, self.root.name, AppInfo("", "", ""), "", self.root)
        if not os.path.lexists(pack_file):
            out.at(None, "no pack.yaml here; a content pack folder needs one (see README, 'Content packs')")
            self._collect(out)
            return _with_problems(empty, self.problems)
        if self._pack_file(pack_file, out) is None:
            self._collect(out)
            return _with_problems(empty, self.problems)
        fields = read_fields(_read(pack_file, out), PACK_FIELDS, "pack.yaml", out) if not out.items else None
        app_fields = read_fields(fields["app"], APP_FIELDS, "app", out) if fields else None
        if fields and app_fields and not (_html_free(fields, ("id", "title", "version"), out)
                                          & _html_free(app_fields, ("name", "native_name", "language"), out)):
            fields = None
        self._collect(out)
        if not fields or not app_fields:
            return _with_problems(empty, self.problems)
        glossary = self._load_glossary()
        categories = self._load_phrasebook()
        # A glossary that cannot be read costs the glossary (and the chips that need it), not
        # every walkthrough naming a label: its own error is the one the author needs.
        labels = _EveryLabel() if self._glossary_lost else {e.zh for e in glossary} | self._broken_labels
        walkthroughs = self._load_walkthroughs(fields["walkthroughs"], labels, out_pack=pack_file)
        return Pack(
            id=text(fields, "id"),
            title=text(fields, "title"),
            app=AppInfo(text(app_fields, "name"), text(app_fields, "native_name"), text(app_fields, "language")),
            version=text(fields, "version"),
            root=self.root,
            walkthroughs=walkthroughs,
            glossary=glossary,
            categories=categories,
            problems=tuple(self.problems),
            templates=self._templates,
            places=self._places,
            emoji=self._emoji,
        )

    # -- glossary and phrase book -------------------------------------------------

    def _load_glossary(self) -> tuple[GlossaryEntry, ...]:
        path = self.root / "glossary.yaml"
        if not os.path.lexists(path):
            return ()
        out = FileProblems(path)
        if self._pack_file(path, out) is None:
            self._collect(out)
            self._glossary_lost = True
            return ()
        node = _read(path, out)
        top = read_fields(node, GLOSSARY_FIELDS, "glossary.yaml", out) if not out.items else None  # one error, not two
        if top is None:
            self._glossary_lost = True
        entries: list[GlossaryEntry] = []
        seen: dict[str, Node] = {}
        for item in top["labels"].items if top else []:
            f = read_fields(item, LABEL_FIELDS, "label", out)
            if f is not None and not _html_free(f, ("zh", "pinyin", "en", "where", "note"), out):
                f = None
            if f is None:
                zh_node = item.get("zh") if item.kind == "map" else None
                if zh_node is not None and isinstance(zh_node.value, str):
                    self._broken_labels.add(zh_node.value)  # already reported here; not again per walkthrough
                continue
            zh = text(f, "zh")
            if zh in seen:
                out.at(f["zh"], f"label {zh!r} is already defined at line {seen[zh].line}; merge the two")
                continue
            seen[zh] = f["zh"]
            entries.append(
                GlossaryEntry(zh, text(f, "pinyin"), text(f, "en"), text(f, "where"), text(f, "note"), value(f, "pinyin_exception"))
            )
        if top:
            self._places = _load_places(top.get("places"), out)
            self._templates = _load_templates(top.get("templates"), bool(self._places), out)
            self._emoji = _load_emoji(top.get("emoji"), out)
        self._collect(out)
        return tuple(entries)

    def _load_phrasebook(self) -> tuple[PhraseCategory, ...]:
        path = self.root / "phrasebook.yaml"
        if not os.path.lexists(path):
            return ()
        out = FileProblems(path)
        if self._pack_file(path, out) is None:
            self._collect(out)
            return ()
        node = _read(path, out)
        top = read_fields(node, PHRASEBOOK_FIELDS, "phrasebook.yaml", out) if not out.items else None
        categories: list[PhraseCategory] = []
        seen_zh: dict[str, int] = {}
        seen_ids: set[str] = set()
        for item in top["categories"].items if top else []:
            c = read_fields(item, CATEGORY_FIELDS, "category", out)
            if c is None or not _html_free(c, ("id", "title"), out):
                continue
            category_id = text(c, "id")
            if category_id in seen_ids:
                out.at(c["id"], f"category id {category_id!r} is used twice; ids must be unique")
                continue
            seen_ids.add(category_id)
            phrases: list[Phrase] = []
            for phrase_node in c["phrases"].items:
                f = read_fields(phrase_node, PHRASE_FIELDS, "phrase", out)
                if f is None or not _html_free(f, ("en", "zh", "pinyin", "literal", "note"), out):
                    continue
                zh = text(f, "zh")
                if zh in seen_zh:
                    out.at(f["zh"], f"phrase {zh!r} already appears at line {seen_zh[zh]}; each phrase once")
                    continue
                seen_zh[zh] = f["zh"].line
                phrases.append(
                    Phrase(
                        en=text(f, "en"),
                        zh=zh,
                        pinyin=text(f, "pinyin"),
                        category=category_id,
                        literal=text(f, "literal"),
                        note=text(f, "note"),
                        tags=texts(f, "tags"),
                        pinyin_exception=value(f, "pinyin_exception"),
                    )
                )
            categories.append(PhraseCategory(category_id, text(c, "title"), tuple(phrases)))
        self._collect(out)
        return tuple(categories)

    # -- walkthroughs ---------------------------------------------------------------

    def _load_walkthroughs(self, listed: Node, labels: set[str], out_pack: Path) -> tuple[Walkthrough, ...]:
        out = FileProblems(out_pack)
        folder = self.root / "walkthroughs"
        loaded: list[tuple[Walkthrough, Node, FileProblems]] = []
        file_outs: list[FileProblems] = []
        listed_ids: set[str] = set()
        for item in listed.items:
            walkthrough_id = item.value.strip()
            if walkthrough_id in listed_ids:
                out.at(item, f"walkthrough {walkthrough_id!r} is listed twice in pack.yaml")
                continue
            listed_ids.add(walkthrough_id)
            if not ID_RE.match(walkthrough_id):
                out.at(item, f"walkthrough id {walkthrough_id!r} may use only a-z, 0-9, - and _ (it names a file in walkthroughs/)")
                continue
            path = folder / f"{walkthrough_id}.yaml"
            if not os.path.lexists(path):
                out.at(item, f"walkthrough {walkthrough_id!r} is listed but walkthroughs/{walkthrough_id}.yaml does not exist")
                continue
            if self._pack_file(path, out, item) is None:
                continue
            file_out = FileProblems(path)
            result = self._load_walkthrough(path, labels, file_out)
            if result is not None:
                loaded.append((result[0], result[1], file_out))
            file_outs.append(file_out)
        real_root = self._real_root()
        if folder.is_dir() and real_root is not None and folder.resolve().is_relative_to(real_root):  # never list a folder outside
            for path in sorted(folder.glob("*.y*ml")):
                if path.stem not in listed_ids:
                    out.at(listed, f"walkthroughs/{path.name} is not listed in pack.yaml's walkthroughs; add {path.stem!r} or remove the file")
        self._check_requires(loaded, listed_ids, out)
        self._collect(out)
        for file_out in file_outs:
            self._collect(file_out)
        bad_ids = {w.id for w, _, file_out in loaded if file_out.has_errors}
        return tuple(w for w, _, _ in loaded if w.id not in bad_ids)

    def _check_requires(self, loaded: list[tuple[Walkthrough, Node, FileProblems]], listed: set[str], out: FileProblems) -> None:
        graph = {w.id: w.requires for w, _, _ in loaded}
        for walkthrough, node, file_out in loaded:
            requires_node = node.get("requires")
            for index, required in enumerate(walkthrough.requires):
                where = requires_node.items[index] if requires_node is not None else node
                if required not in listed:
                    file_out.at(where, f"requires unknown walkthrough {required!r}")
        # cycles: depth-first search with colours
        state: dict[str, int] = {}

        def visit(node_id: str, trail: list[str]) -> list[str] | None:
            state[node_id] = 1
            for nxt in graph.get(node_id, ()):
                if state.get(nxt) == 1:
                    return trail + [node_id, nxt]
                if state.get(nxt) is None and nxt in graph:
                    cycle = visit(nxt, trail + [node_id])
                    if cycle:
                        return cycle
            state[node_id] = 2
            return None

        for walkthrough, node, file_out in loaded:
            if state.get(walkthrough.id) is None:
                cycle = visit(walkthrough.id, [])
                if cycle:
                    start = cycle.index(cycle[-1])
                    loop = " -> ".join(cycle[start:])
                    for w, n, f in loaded:
                        if w.id in cycle[start:]:
                            f.at(n.get("requires") or n, f"`requires` forms a cycle: {loop}; remove one of them")

    def _load_walkthrough(self, path: Path, labels: set[str], out: FileProblems) -> tuple[Walkthrough, Node] | None:
        root_node = _read(path, out)
        if out.items:
            return None
        f = read_fields(root_node, WALKTHROUGH_FIELDS, "walkthrough", out)
        if f is None:
            return None
        _html_free(f, ("id", "title", "summary", "level", "app_version"), out)  # an error: the walkthrough is left out
        walkthrough_id = text(f, "id")
        if walkthrough_id != path.stem:
            out.at(f["id"], f"id {walkthrough_id!r} must match the file name {path.stem!r}")
        level = text(f, "level")
        if level not in LEVELS:
            out.at(f["level"], f"level must be one of {', '.join(LEVELS)}, found {level!r}")
        minutes = value(f, "minutes")
        if minutes <= 0:
            out.at(f["minutes"], "minutes must be more than 0")
        steps: list[Step] = []
        step_ids: dict[str, int] = {}
        if not f["steps"].items:
            out.at(f["steps"], "a walkthrough needs at least one step")
        for step_node in f["steps"].items:
            step = self._load_step(step_node, labels, out)
            if step is None:
                continue
            if step.id in step_ids:
                out.at(step_node.get("id"), f"step id {step.id!r} is already used at line {step_ids[step.id]}; step ids must be unique")
                continue
            step_ids[step.id] = step_node.line
            steps.append(step)
        walkthrough = Walkthrough(
            id=walkthrough_id,
            title=text(f, "title"),
            summary=text(f, "summary"),
            minutes=minutes,
            level=level,
            steps=tuple(steps),
            tags=texts(f, "tags"),
            requires=texts(f, "requires"),
            app_version=text(f, "app_version"),
            source=path,
        )
        return walkthrough, root_node

    def _load_step(self, node: Node, labels: set[str], out: FileProblems) -> Step | None:
        f = read_fields(node, STEP_FIELDS, "step", out)
        if f is None:
            return None
        _html_free(f, ("id", "title", "tip", "warning"), out)
        step_id = text(f, "id")
        if not ID_RE.match(step_id):
            out.at(f["id"], f"step id {step_id!r} may use only a-z, 0-9, - and _")
        body = value(f, "body")
        for finding in markdown_links.check_body(body):
            out.at_line(*body_location(f["body"], finding.offset, body), finding.message)
        for offset, label in markdown_links.ui_labels(body):
            if label not in labels:
                out.at_line(*body_location(f["body"], offset, body), f"{{{{ui:{label}}}}} names a label that is not in glossary.yaml")
        for offset, url in markdown_links.links(body):
            link = markdown_links.parse_internal(url)
            if link and link.kind == "label" and link.target not in labels:
                out.at_line(*body_location(f["body"], offset, body), f"link to label {link.target!r} that is not in glossary.yaml")
        screen: Path | None = None
        if "screen" in f:
            resolved, reason = self._pack_path(text(f, "screen"))
            if reason:
                out.at(f["screen"], reason)
            screen = resolved
        step_labels = texts(f, "labels")
        for index, label in enumerate(step_labels):
            if label not in labels:
                out.at(f["labels"].items[index], f"label {label!r} is not in glossary.yaml; add it there or fix the spelling")
        highlights: list[Highlight] = []
        for h_node in f["highlight"].items if "highlight" in f else []:
            h = read_fields(h_node, HIGHLIGHT_FIELDS, "highlight", out)
            if h is None:
                continue
            x, y, w, hh = (float(value(h, k)) for k in "xywh")
            if not (0 <= x <= 1 and 0 <= y <= 1 and 0 < w <= 1 and 0 < hh <= 1 and x + w <= 1.0001 and y + hh <= 1.0001):
                out.at(h_node, "highlight x, y, w, h are fractions of the image (0 to 1) and must stay inside it")
                continue
            label = text(h, "label") or None
            if label and label not in labels:
                out.at(h["label"], f"highlight label {label!r} is not in glossary.yaml")
            highlights.append(Highlight(x, y, w, hh, label))
        if highlights and "screen" not in f:
            out.at(f["highlight"], "highlight needs a `screen` image to draw on")
        return Step(
            id=step_id,
            title=text(f, "title"),
            body=body.strip(),
            screen=screen,
            highlight=tuple(highlights),
            labels=step_labels,
            tip=text(f, "tip") or None,
            warning=text(f, "warning") or None,
            location=Location(out.path, node.line, node.column),
        )


# -- glossary.yaml's templates, places and emoji codes --------------------------------------


def _load_templates(node: Node | None, have_places: bool, out: FileProblems) -> tuple[UiTemplate, ...]:
    """UI templates, each checked (templates.check_template) at the character it is about."""
    found: list[UiTemplate] = []
    seen: dict[str, int] = {}
    for item in node.items if node is not None else []:
        if _flow_mapping_value(item, ("zh", "en"), out):
            continue
        f = read_fields(item, TEMPLATE_FIELDS, "template", out)
        if f is None or not _html_free(f, ("zh", "en", "where", "note"), out):
            continue
        zh, en = value(f, "zh"), value(f, "en")
        problems = templates.check_template(zh, en)
        for name, offset, message in problems:
            out.at_line(*body_location(f[name], offset, f[name].value), f"template {zh.strip()!r}: {message}")
        if problems:
            continue
        if not have_places and any(p.kind == "place" for p in templates.placeholders(zh)[0]):
            out.at(f["zh"], "template uses {place} but glossary.yaml has no `places` list to read it from")
            continue
        key = re.sub(r"\s+", "", zh)
        if key in seen:
            out.at(f["zh"], f"template {zh.strip()!r} is already defined at line {seen[key]}; keep one")
            continue
        seen[key] = f["zh"].line
        found.append(UiTemplate(zh.strip(), en.strip(), text(f, "where"), text(f, "note"),
                                Location(out.path, item.line, item.column)))
    return tuple(found)


def _flow_mapping_value(item: Node, names: tuple[str, ...], out: FileProblems) -> bool:
    """`en: {n} comments` unquoted is a YAML mapping, not text: say so in words an author
    can act on instead of "found a mapping"."""
    if item.kind != "map":
        return False
    for name in names:
        node = item.get(name)
        if node is not None and node.kind == "map":
            out.at(node, f"template {name} starts with {{ and so reads as a YAML mapping; put it in quotes: "
                         f'{name}: "{{n}} …"')
            return True
    return False


def _load_places(node: Node | None, out: FileProblems) -> tuple[Place, ...]:
    found: list[Place] = []
    seen: dict[str, int] = {}
    for item in node.items if node is not None else []:
        f = read_fields(item, PLACE_FIELDS, "place", out)
        if f is None or not _html_free(f, ("zh", "pinyin", "en", "kind"), out):
            continue
        zh, kind = text(f, "zh"), text(f, "kind")
        if kind not in PLACE_KINDS:
            out.at(f["kind"], f"place kind must be one of {', '.join(PLACE_KINDS)}, found {kind!r}")
            continue
        if zh in seen:
            out.at(f["zh"], f"place {zh!r} is already listed at line {seen[zh]}; keep one")
            continue
        seen[zh] = f["zh"].line
        found.append(Place(zh, text(f, "pinyin"), text(f, "en"), kind, Location(out.path, f["zh"].line, f["zh"].column),
                           value(f, "pinyin_exception")))
    return tuple(found)


def _load_emoji(node: Node | None, out: FileProblems) -> tuple[EmojiCode, ...]:
    found: list[EmojiCode] = []
    seen: dict[str, int] = {}
    for item in node.items if node is not None else []:
        f = read_fields(item, EMOJI_FIELDS, "emoji code", out)
        if f is None or not _html_free(f, ("code", "en", "note"), out):
            continue
        code = text(f, "code")
        if not EMOJI_CODE_RE.match(code):
            out.at(f["code"], f"emoji code {code!r} must be a word in square brackets, like \"[doge]\" (in quotes)")
            continue
        if code.casefold() in seen:
            out.at(f["code"], f"emoji code {code!r} is already listed at line {seen[code.casefold()]}; keep one")
            continue
        seen[code.casefold()] = f["code"].line
        found.append(EmojiCode(code, text(f, "en"), text(f, "note"), Location(out.path, f["code"].line, f["code"].column)))
    return tuple(found)


def _with_problems(pack: Pack, problems: list[Problem]) -> Pack:
    return Pack(pack.id, pack.title, pack.app, pack.version, pack.root, problems=tuple(problems))


def load_pack(root: Path) -> Pack:
    """Load the pack in `root`; never raises for bad content (see `Pack.problems`)."""
    try:
        return PackLoader(root).load()
    except RecursionError:  # pragma: no cover - the reader caps depth; belt and braces
        problem = Problem(Location(root / "pack.yaml"), Severity.ERROR, "content nested too deeply to read")
        return Pack(root.name, root.name, AppInfo("", "", ""), "", root, problems=(problem,))
