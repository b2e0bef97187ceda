"""Check one settings file against the schema; explain what is wrong in words IT can act on.

A pydantic error says `privacy.keep_dayz: Extra inputs are not permitted`; the officer or IT
needs `site.toml, dòng 7: [privacy] keep_dayz: khóa không rõ, có phải "keep_days"? / unknown
key, did you mean "keep_days"?`. The line is found by reading the file's own text (tomllib
gives no positions); the suggestion is difflib's nearest name among the valid ones.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from counterapp.config import ConfigError
from counterapp.settings.schema import FREE_KEY_SECTIONS, MachineSettings, SiteSettings

_TYPE_HINTS = {
    "bool_type": ("true hoặc false", "true or false"),
    "int_type": ("số nguyên", "a whole number"),
    "float_type": ("số", "a number"),
    "string_type": ("chuỗi trong ngoặc kép", "a quoted string"),
    "list_type": ("danh sách [...]", "a list [...]"),
    "dict_type": ("bảng", "a table"),
    "model_type": ("bảng [mục]", "a table [section]"),
    "model_attributes_type": ("bảng [mục]", "a table [section]"),
}


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed file and its text; ConfigError naming the file when unreadable or not TOML."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: tệp cấu hình không phải UTF-8 / not UTF-8 text: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: không đọc được tệp cấu hình / cannot read the settings file: {exc}") from exc
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: tệp cấu hình sai cú pháp / not valid TOML: {exc}") from exc


def validate_layer(data: dict[str, Any], source: str | Path, text: str = "", *, machine: bool = False) -> dict[str, Any]:
    """The file's settings, checked and with only the keys it sets; ConfigError listing every problem."""
    model = MachineSettings if machine else SiteSettings
    try:
        validated = model.model_validate(data)
    except ValidationError as exc:
        problems = [_describe(error, model, str(source), text, machine) for error in exc.errors()]
        problems.sort(key=lambda message: int(m.group(1)) if (m := re.search(r"dòng (\d+) /", message)) else 0)
        raise ConfigError("\n".join(dict.fromkeys(problems))) from None
    result = validated.model_dump(exclude_unset=True)
    if machine:
        _check_locks(result.get("lock", {}).get("keys", []), str(source), text)
    return result


def lock_target_problem(entry: str) -> str | None:
    """None when `entry` names a section or a section.key of the schema, else what is wrong."""
    sections = _fields(SiteSettings)
    section, _, key = entry.partition(".")
    if section not in sections:
        return _unknown(section, sections, "mục / section")
    if not key or section in FREE_KEY_SECTIONS:
        return None
    keys = _fields(SiteSettings.model_fields[section].annotation)
    return None if key in keys else _unknown(key, keys, "khóa / key")


def _check_locks(entries: list[str], source: str, text: str) -> None:
    problems = []
    for entry in entries:
        problem = lock_target_problem(entry)
        if problem:
            problems.append(f"{_where(source, text, ('lock', 'keys'))}lock.keys: \"{entry}\": {problem}")
    if problems:
        raise ConfigError("\n".join(problems))


def _describe(error: dict[str, Any], model: type[BaseModel], source: str, text: str, machine: bool) -> str:
    loc = tuple(str(part) for part in error["loc"])
    where = _where(source, text, loc)
    name = _name(loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        choices = _fields(parent) if parent is not None else []
        what = "mục / section" if len(loc) == 1 else "khóa / key"
        if len(loc) == 1 and loc[0] == "lock" and not machine:
            return (f"{where}[lock]: chỉ tệp cấu hình của máy (IT) mới được khóa cài đặt / only the "
                    "machine-wide site file may lock keys")
        return f"{where}{name}: {_unknown(loc[-1], choices, what)}"
    vi, en = _field_hint(model, loc) or _TYPE_HINTS.get(kind) or ("", "")
    got = error.get("input")
    if kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        return f"{where}{name}: {message}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return (f"{where}{name}: cần một trong {expected.replace(' or ', ', ')} / expected one of {expected}, "
                f"got {got!r}")
    if not vi:
        return f"{where}{name}: giá trị không hợp lệ / invalid value {got!r} ({error['msg']})"
    return f"{where}{name}: cần {vi} / expected {en}, got {got!r}"


def _unknown(name: str, choices: list[str], what: str) -> str:
    vi_what, en_what = what.split(" / ")
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    if close:
        return (f"{vi_what} không rõ \"{name}\", có phải \"{close[0]}\"? / unknown {en_what} \"{name}\", "
                f"did you mean \"{close[0]}\"?")
    listed = ", ".join(choices)
    return f"{vi_what} không rõ \"{name}\" (có: {listed}) / unknown {en_what} \"{name}\" (valid: {listed})"


def _name(loc: tuple[str, ...]) -> str:
    """`privacy.keep_days`, `numbering.blocks[0]`, `due_rules."1.001193".cutoff` (the [lock] syntax)."""
    section, rest = loc[0], list(loc[1:])
    if section in FREE_KEY_SECTIONS and rest:
        section = f'{section}."{rest.pop(0)}"'
    if not rest:
        return f"[{section}]" if len(loc) == 1 else section
    return f"{section}.{rest[0]}" + "".join(f"[{part}]" for part in rest[1:])


def _where(source: str, text: str, loc: tuple[str, ...]) -> str:
    line = _line_of(text, loc)
    return f"{source}, dòng {line} / line {line}: " if line else f"{source}: "


def _line_of(text: str, loc: tuple[str, ...]) -> int | None:
    """The line of `key =` under `[section]` (or of the section header), best effort."""
    if not text or not loc:
        return None
    section = loc[0]
    key = loc[1] if len(loc) > 1 else None
    if section in FREE_KEY_SECTIONS and len(loc) > 1:
        section, key = f"{loc[0]}.{loc[1]}", loc[2] if len(loc) > 2 else None
    current = ""
    header_line = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        header = re.match(r"^\[([^\[\]]+)\]", line)
        if header:
            current = header.group(1).replace('"', "").replace(" ", "")
            if current == section.replace('"', "") and header_line is None:
                header_line = number
            continue
        if key is None or current != section:
            continue
        if re.match(rf'^"?{re.escape(key)}"?\s*=', line):
            return number
    return header_line


def _model_at(model: Any, loc: tuple[str, ...]) -> Any:
    """The model class found by walking `loc` (dict values and list items looked through)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            if info is None:
                return None
            current = info.annotation
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    for arg in typing.get_args(annotation) if typing.get_origin(annotation) in (typing.Union, type(int | None)) else ():
        if arg is not type(None):
            return arg
    return annotation


def _fields(model: Any) -> list[str]:
    return list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []


def _field_hint(model: type[BaseModel], loc: tuple[str, ...]) -> tuple[str, str] | None:
    for cut in range(len(loc), 0, -1):
        parent = _model_at(model, loc[: cut - 1])
        if parent is None:
            continue
        info = parent.model_fields.get(loc[cut - 1])
        extra = info.json_schema_extra if info is not None else None
        if isinstance(extra, dict) and "vi" in extra:
            return str(extra["vi"]), str(extra["en"])
    return None
