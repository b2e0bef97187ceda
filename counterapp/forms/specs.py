"""Where a form's template and settings come from: template sets, the site's overrides.

Why: the law changes the forms (NĐ 61/2018 + TT 01/2018/TT-VPCP, then NĐ 118/2025 +
TT 03/2025/TT-VPCP), and a site may have to keep printing the old ones for a while,
or adjust a wording the shipped template got wrong. So the forms are data:

    resources/templates/            shared files (forms.toml geometry, fee receipt, _code.html)
    resources/templates/2025/       the set of TT 03/2025/TT-VPCP, Phụ lục I (default)
    resources/templates/2018/       the set of TT 01/2018/TT-VPCP
    <data dir>/templates/           the site's own copies: always win

A site chooses its set in site.toml: `[forms] template_set = "2018"`. A file is
looked up in the site folder, then in the set's folder, then in the shared folder;
forms.toml is merged shared -> set -> site.

No Qt here (the page layout imports QtGui when asked for), so the context builders
can use FormError in a worker.
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from counterapp.forms.templating import Template, TemplateError
from counterapp.paths import resource

FORMS_FILE = "forms.toml"
DEFAULT_TEMPLATE_SET = "2025"
PAPER_NAMES = ("A4", "A5", "LETTER")


class FormError(ValueError):
    """A form cannot be produced; the message is for the officer (Vietnamese / English)."""


@dataclass(frozen=True)
class FormSpec:
    """One form's settings from forms.toml (shared, the set's, then the site's overrides)."""

    name: str
    title: str
    template: str
    paper: str
    orientation: str
    margins_mm: tuple[float, float, float, float]  # left, top, right, bottom
    copies: tuple[str, ...]
    font_families: tuple[str, ...]
    font_size_pt: float
    page_numbers: bool
    settings: dict[str, Any]
    template_set: str = DEFAULT_TEMPLATE_SET

    def page_layout(self):  # noqa: ANN201 - QPageLayout (QtGui imported only here)
        from PySide6.QtCore import QMarginsF
        from PySide6.QtGui import QPageLayout, QPageSize

        sizes = {"A4": QPageSize.PageSizeId.A4, "A5": QPageSize.PageSizeId.A5, "LETTER": QPageSize.PageSizeId.Letter}
        paper = sizes.get(self.paper.upper())
        if paper is None:
            raise FormError(f"Khổ giấy không hỗ trợ / unsupported paper {self.paper!r} ({self.name})")
        orientation = (
            QPageLayout.Orientation.Landscape
            if self.orientation.lower() == "landscape"
            else QPageLayout.Orientation.Portrait
        )
        left, top, right, bottom = self.margins_mm
        return QPageLayout(
            QPageSize(paper), orientation, QMarginsF(left, top, right, bottom), QPageLayout.Unit.Millimeter
        )


# -- template sets ---------------------------------------------------------------------


def shipped_templates_dir() -> Path:
    return resource("templates")


def site_templates_dir(data_dir: Path | None) -> Path | None:
    return Path(data_dir) / "templates" if data_dir else None


def template_sets() -> tuple[str, ...]:
    """The shipped sets: the folders of resources/templates/ that hold a forms.toml."""
    root = shipped_templates_dir()
    return tuple(sorted((p.name for p in root.iterdir() if (p / FORMS_FILE).is_file()), reverse=True))


def template_set_of(config: Any) -> str:
    """The set the site chose (`[forms] template_set`), default the TT 03/2025 set."""
    if config is None:
        return DEFAULT_TEMPLATE_SET
    chosen = str(config.section("forms").get("template_set") or DEFAULT_TEMPLATE_SET).strip()
    return chosen or DEFAULT_TEMPLATE_SET


def _set_dir(template_set: str | None) -> Path:
    name = template_set or DEFAULT_TEMPLATE_SET
    if "/" in name or "\\" in name or name.startswith(".") or not (shipped_templates_dir() / name / FORMS_FILE).is_file():
        known = ", ".join(template_sets())
        raise FormError(
            f"Không có bộ mẫu {name!r} ([forms] template_set trong site.toml) / "
            f"unknown template set (có / known: {known})"
        )
    return shipped_templates_dir() / name


def template_path(name: str, data_dir: Path | None = None, template_set: str | None = None) -> Path:
    """The site's copy in `<data_dir>/templates/` when it has one, else the set's, else the shared one."""
    if "/" in name or "\\" in name or name.startswith("."):
        raise FormError(f"Tên mẫu không hợp lệ / invalid template name {name!r}")
    site = site_templates_dir(data_dir)
    if site is not None and (site / name).is_file():
        return site / name
    for folder in (_set_dir(template_set), shipped_templates_dir()):
        if (folder / name).is_file():
            return folder / name
    raise FormError(f"Không tìm thấy mẫu {name} / template not found")


@lru_cache(maxsize=32)
def _parsed_toml(path: str, mtime_ns: int, size: int) -> dict[str, Any]:
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise FormError(f"{path}: sai cú pháp TOML / not valid TOML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise FormError(f"Không đọc được {path} / cannot read: {exc}") from exc


def _read_toml(path: Path) -> dict[str, Any]:
    stat = path.stat()
    return copy.deepcopy(_parsed_toml(str(path), stat.st_mtime_ns, stat.st_size))


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_forms_settings(data_dir: Path | None = None, template_set: str | None = None) -> dict[str, Any]:
    settings = _read_toml(shipped_templates_dir() / FORMS_FILE)
    settings = _merge(settings, _read_toml(_set_dir(template_set) / FORMS_FILE))
    site = site_templates_dir(data_dir)
    if site is not None and (site / FORMS_FILE).is_file():
        settings = _merge(settings, _read_toml(site / FORMS_FILE))
    return settings


def _is_form(table: Any) -> bool:
    """A table of forms.toml is a form when some layer gave it a title."""
    return isinstance(table, dict) and "title" in table


def form_spec(form: str, data_dir: Path | None = None, template_set: str | None = None) -> FormSpec:
    settings = load_forms_settings(data_dir, template_set)
    if form == "defaults" or not _is_form(settings.get(form)):
        known = ", ".join(k for k, v in settings.items() if k != "defaults" and _is_form(v))
        raise FormError(f"Không có mẫu phiếu {form!r} / unknown form (có / known: {known})")
    merged = _merge(settings.get("defaults", {}), settings[form])
    margins = merged.get("margins_mm", {})
    try:
        spec = FormSpec(
            name=form,
            title=str(merged.get("title", form)),
            template=str(merged.get("template", f"{form}.html")),
            paper=str(merged.get("paper", "A4")),
            orientation=str(merged.get("orientation", "portrait")),
            margins_mm=(
                float(margins.get("left", 25)),
                float(margins.get("top", 15)),
                float(margins.get("right", 15)),
                float(margins.get("bottom", 15)),
            ),
            copies=tuple(str(c) for c in merged.get("copies", [])),
            font_families=tuple(str(f) for f in merged.get("font_families", ["Liberation Serif"])),
            font_size_pt=float(merged.get("font_size_pt", 12)),
            page_numbers=bool(merged.get("page_numbers", False)),
            settings=merged,
            template_set=template_set or DEFAULT_TEMPLATE_SET,
        )
    except (TypeError, ValueError, AttributeError) as exc:
        raise FormError(f"forms.toml [{form}]: giá trị sai / bad value: {exc}") from exc
    if spec.paper.upper() not in PAPER_NAMES:
        raise FormError(f"Khổ giấy không hỗ trợ / unsupported paper {spec.paper!r} ({form})")
    return spec


def form_names(data_dir: Path | None = None, template_set: str | None = None) -> tuple[str, ...]:
    """The forms the set (with the site's overrides) defines, in forms.toml order."""
    settings = load_forms_settings(data_dir, template_set)
    return tuple(k for k, v in settings.items() if k != "defaults" and _is_form(v))


@lru_cache(maxsize=128)
def _parsed_template(path: str, mtime_ns: int, size: int) -> Template:
    """A parsed template file; the cache key changes when the file is edited."""
    try:
        source = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormError(f"Không đọc được mẫu {path} / cannot read template: {exc}") from exc
    return Template(source, name=path)


def load_template(name: str, data_dir: Path | None = None, template_set: str | None = None) -> Template:
    path = template_path(name, data_dir, template_set)
    try:
        stat = path.stat()
    except OSError as exc:
        raise FormError(f"Không đọc được mẫu {path} / cannot read template: {exc}") from exc
    try:
        return _parsed_template(str(path), stat.st_mtime_ns, stat.st_size)
    except TemplateError as exc:
        raise FormError(str(exc)) from exc
