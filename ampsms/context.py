"""The render context: who the message is for, what they texted, and the clock.

A context has these parts, each optional:

``attributes``
    contact attributes, name to value, matched without regard to case;
``mobile_number``
    the contact's number, digits with the country code (``MOBILE_NUMBER``);
``short_code``
    the short or long code the message goes through (``SHORT_CODE``);
``inbound``
    the inbound (MO) message text, read by ``MSG(0)``;
``http``
    mocked ``HttpGet`` replies (see ampsms.http);
``now``
    the clock, as ISO-8601 text or a datetime. A UTC offset is converted to
    Marketing Cloud system time (UTC-6), and text without one is read as
    system time;
``data_extensions``
    data extension name to CSV file, or a folder of ``NAME.csv`` files;
``seed``
    a number that makes Random and GUID repeatable;
``utc_offset``
    the contact's UTC offset in hours, for SystemDateToLocalDate;
``mms_content_urls``
    the URLs of the media attached to an inbound MMS, in order, read by
    ``MMS_Content_URL(n)``.

Context files are JSON or TOML objects with the same keys.
"""

from __future__ import annotations

import difflib
import json
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Mapping

from .dates import SYSTEM_TIMEZONE, parse_date, to_system_time
from .errors import ContextError
from .http import HttpClient

__all__ = ["CONTEXT_KEYS", "RenderContext", "load_context_file", "make_context"]

CONTEXT_KEYS = (
    "attributes",
    "mobile_number",
    "short_code",
    "inbound",
    "http",
    "now",
    "data_extensions",
    "seed",
    "utc_offset",
    "mms_content_urls",
)


@dataclass
class RenderContext:
    """Everything one render reads from outside the template."""

    attributes: dict[str, Any] = field(default_factory=dict)
    mobile_number: str | None = None
    short_code: str | None = None
    inbound: str | None = None
    http: HttpClient = field(default_factory=HttpClient)
    now: datetime | None = None
    data_extensions: Any = None
    seed: int | None = None
    utc_offset: float | None = None
    mms_content_urls: tuple[str, ...] = ()
    strict: bool = False
    # Original spelling of each attribute name, keyed by its lower-case form.
    attribute_names: dict[str, str] = field(default_factory=dict)
    # Data loaded once for all renders of this context, such as data
    # extension tables read from CSV files, keyed by what it is.
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def clock(self) -> datetime:
        """Return the render's current time in system time: the fixed ``now``, else the real time."""
        if self.now is not None:
            return self.now
        return datetime.now(SYSTEM_TIMEZONE).replace(tzinfo=None)


def _text_or_none(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ContextError(f"context part {name!r} must be text, got {value!r}")
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return value
    raise ContextError(f"context part {name!r} must be text, got {type(value).__name__}")


def _parse_now(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return to_system_time(value)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            parsed = parse_date(value)
            if parsed is None:
                raise ContextError(
                    f"context part 'now' is not a date: {value!r}; use ISO-8601, e.g. 2026-12-04T09:30:00-06:00"
                ) from None
            return parsed
        return to_system_time(parsed)
    raise ContextError(f"context part 'now' must be ISO-8601 text, got {type(value).__name__}")


def _attribute_value(name: str, value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (int, float)):
        return str(value)
    # Marketing Cloud attributes can be dates, and TOML writes them natively.
    # A date is midnight, and an aware datetime moves to system time (UTC-6).
    if isinstance(value, datetime):
        return to_system_time(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    raise ContextError(f"attribute {name!r} must be text, a number or a date, got {type(value).__name__}")


def make_context(
    *,
    attributes: Mapping[str, Any] | None = None,
    mobile_number: Any = None,
    short_code: Any = None,
    inbound: Any = None,
    http: Mapping[str, Any] | HttpClient | None = None,
    now: Any = None,
    data_extensions: Any = None,
    seed: int | None = None,
    utc_offset: float | None = None,
    mms_content_urls: Any = None,
    allow_network: bool = False,
    strict: bool = False,
) -> RenderContext:
    """Validate the context parts and build a RenderContext."""
    attribute_values: dict[str, Any] = {}
    attribute_names: dict[str, str] = {}
    if attributes is not None:
        if not isinstance(attributes, Mapping):
            raise ContextError(f"context part 'attributes' must be an object, got {type(attributes).__name__}")
        for name, value in attributes.items():
            if not isinstance(name, str):
                raise ContextError(f"attribute names must be text, got {name!r}")
            key = name.strip().lower()
            attribute_values[key] = _attribute_value(name, value)
            attribute_names[key] = name

    if isinstance(http, HttpClient):
        client = http
    elif http is None or isinstance(http, Mapping):
        client = HttpClient(http, allow_network=allow_network)
    else:
        raise ContextError(f"context part 'http' must be an object of URL to reply, got {type(http).__name__}")

    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise ContextError(f"context part 'seed' must be a whole number, got {seed!r}")
    if utc_offset is not None and (isinstance(utc_offset, bool) or not isinstance(utc_offset, (int, float))):
        raise ContextError(f"context part 'utc_offset' must be a number of hours, got {utc_offset!r}")

    media: tuple[str, ...] = ()
    if mms_content_urls is not None:
        if isinstance(mms_content_urls, str) or not isinstance(mms_content_urls, (list, tuple)):
            raise ContextError(
                f"context part 'mms_content_urls' must be a list of URLs, got {type(mms_content_urls).__name__}"
            )
        if not all(isinstance(url, str) for url in mms_content_urls):
            raise ContextError("context part 'mms_content_urls' must hold only URLs as text")
        media = tuple(mms_content_urls)

    return RenderContext(
        attributes=attribute_values,
        mobile_number=_text_or_none("mobile_number", mobile_number),
        short_code=_text_or_none("short_code", short_code),
        inbound=_text_or_none("inbound", inbound),
        http=client,
        now=_parse_now(now),
        data_extensions=data_extensions,
        seed=seed,
        utc_offset=utc_offset,
        mms_content_urls=media,
        strict=strict,
        attribute_names=attribute_names,
    )


def load_context_file(path: str | Path) -> dict[str, Any]:
    """Read a JSON or TOML context file into a dict of context parts.

    The format follows the file extension (``.toml``, else JSON). Unknown keys
    are an error, so a misspelt part is never silently ignored. Relative
    ``data_extensions`` paths are resolved against the file's folder.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ContextError(f"cannot read context file {path}: {error.strerror or error}") from None
    if path.suffix.lower() in (".yaml", ".yml", ".ini", ".xml", ".csv"):
        raise ContextError(f"context file {path} must be JSON or TOML: use a .json or .toml file")
    try:
        if path.suffix.lower() == ".toml":
            data = tomllib.loads(raw.decode("utf-8"))
        else:
            data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ContextError(f"context file {path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ContextError(f"context file {path} is not valid TOML: {error}") from None
    except json.JSONDecodeError as error:
        raise ContextError(
            f"context file {path} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    if not isinstance(data, dict):
        raise ContextError(f"context file {path} must hold an object of context parts")
    unknown = sorted(set(data) - set(CONTEXT_KEYS))
    if unknown:
        described = []
        for key in unknown:
            close = difflib.get_close_matches(key, CONTEXT_KEYS, n=1)
            described.append(f"{key} (did you mean {close[0]}?)" if close else key)
        raise ContextError(
            f"context file {path} has unknown keys {', '.join(described)}; the known keys are {', '.join(CONTEXT_KEYS)}"
        )
    data_extensions = data.get("data_extensions")
    if isinstance(data_extensions, str):
        data["data_extensions"] = str((path.parent / data_extensions).resolve())
    elif isinstance(data_extensions, dict):
        data["data_extensions"] = {
            name: str((path.parent / csv).resolve()) if isinstance(csv, str) else csv
            for name, csv in data_extensions.items()
        }
    return data
