"""Culture data for .NET-style number and date formatting: separators, symbols, names, patterns.

Marketing Cloud runs on .NET Framework on Windows, so the values follow the
Windows culture data that .NET Framework reads: the French group separator
is the no-break space U+00A0 and the yen sign is U+00A5. Culture names match
without regard to case and may use ``_`` for ``-`` (``en_US``, ``de-de``).
"""

from __future__ import annotations

import locale
import re
from dataclasses import dataclass

__all__ = ["Culture", "INVARIANT", "SUPPORTED_NAMES", "find_culture", "is_real_culture_name"]

_ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ENGLISH_DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")


@dataclass(frozen=True)
class Culture:
    """Formatting data of one culture, in the shape of .NET's NumberFormatInfo and DateTimeFormatInfo.

    Number patterns use ``n`` for the number, ``$`` for the currency symbol
    and ``%`` for the percent sign, as .NET's documentation writes them.
    Day lists start on Sunday.
    """

    name: str
    decimal_separator: str
    group_separator: str
    currency_symbol: str
    currency_decimals: int
    currency_positive: str
    currency_negative: str
    percent_positive: str
    percent_negative: str
    months: tuple[str, ...]
    month_abbreviations: tuple[str, ...]
    days: tuple[str, ...]
    day_abbreviations: tuple[str, ...]
    short_date: str
    long_date: str
    short_time: str
    long_time: str
    month_day: str
    year_month: str
    am: str
    pm: str
    era: str
    date_separator: str = "/"
    time_separator: str = ":"
    negative_sign: str = "-"
    positive_sign: str = "+"
    percent_symbol: str = "%"
    per_mille_symbol: str = "‰"
    nan: str = "NaN"
    positive_infinity: str = "∞"
    negative_infinity: str = "-∞"
    number_decimals: int = 2


def _english(**overrides) -> dict:
    base = dict(
        months=_ENGLISH_MONTHS,
        month_abbreviations=tuple(m[:3] for m in _ENGLISH_MONTHS),
        days=_ENGLISH_DAYS,
        day_abbreviations=tuple(d[:3] for d in _ENGLISH_DAYS),
        am="AM",
        pm="PM",
        era="A.D.",
    )
    base.update(overrides)
    return base


_GERMAN = dict(
    months=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"),
    month_abbreviations=("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"),
    days=("Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"),
    day_abbreviations=("So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"),
    am="",
    pm="",
    era="n. Chr.",
)
_FRENCH = dict(
    months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    month_abbreviations=("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
    days=("dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"),
    day_abbreviations=("dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."),
    am="",
    pm="",
    era="ap. J.-C.",
)
_SPANISH = dict(
    months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"),
    month_abbreviations=("ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sep.", "oct.", "nov.", "dic."),
    days=("domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"),
    day_abbreviations=("dom.", "lun.", "mar.", "mié.", "jue.", "vie.", "sáb."),
    am="a. m.",
    pm="p. m.",
    era="d. C.",
)
_ITALIAN = dict(
    months=("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"),
    month_abbreviations=("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"),
    days=("domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"),
    day_abbreviations=("dom", "lun", "mar", "mer", "gio", "ven", "sab"),
    am="",
    pm="",
    era="d.C.",
)
_DUTCH = dict(
    months=("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"),
    month_abbreviations=("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    days=("zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"),
    day_abbreviations=("zo", "ma", "di", "wo", "do", "vr", "za"),
    am="",
    pm="",
    era="n.Chr.",
)
_PORTUGUESE = dict(
    months=("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"),
    month_abbreviations=("jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"),
    days=("domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"),
    day_abbreviations=("dom", "seg", "ter", "qua", "qui", "sex", "sáb"),
    am="",
    pm="",
    era="d.C.",
)
_JAPANESE = dict(
    months=tuple(f"{m}月" for m in range(1, 13)),
    month_abbreviations=tuple(f"{m}月" for m in range(1, 13)),
    days=("日曜日", "月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日"),
    day_abbreviations=("日", "月", "火", "水", "木", "金", "土"),
    am="午前",
    pm="午後",
    era="西暦",
)

# The number part of each European culture that writes 1.234,56 €.
_EURO_SUFFIX = dict(
    decimal_separator=",",
    group_separator=".",
    currency_symbol="€",
    currency_decimals=2,
    currency_positive="n $",
    currency_negative="-n $",
    percent_positive="n %",
    percent_negative="-n %",
)

# NOTE: Windows has revised some of these values between releases: it-IT
# moved the euro sign after the number, and several cultures dropped the
# space before %. The values here are those of current Windows 10 and 11.
_CULTURES = [
    Culture(
        name="en-US",
        decimal_separator=".",
        group_separator=",",
        currency_symbol="$",
        currency_decimals=2,
        currency_positive="$n",
        currency_negative="($n)",
        percent_positive="n%",
        percent_negative="-n%",
        short_date="M/d/yyyy",
        long_date="dddd, MMMM d, yyyy",
        short_time="h:mm tt",
        long_time="h:mm:ss tt",
        month_day="MMMM d",
        year_month="MMMM yyyy",
        **_english(),
    ),
    Culture(
        name="en-GB",
        decimal_separator=".",
        group_separator=",",
        currency_symbol="£",
        currency_decimals=2,
        currency_positive="$n",
        currency_negative="-$n",
        percent_positive="n%",
        percent_negative="-n%",
        short_date="dd/MM/yyyy",
        long_date="dd MMMM yyyy",
        short_time="HH:mm",
        long_time="HH:mm:ss",
        month_day="d MMMM",
        year_month="MMMM yyyy",
        **_english(),
    ),
    Culture(
        name="de-DE",
        short_date="dd.MM.yyyy",
        long_date="dddd, d. MMMM yyyy",
        short_time="HH:mm",
        long_time="HH:mm:ss",
        month_day="d. MMMM",
        year_month="MMMM yyyy",
        date_separator=".",
        **_EURO_SUFFIX,
        **_GERMAN,
    ),
    Culture(
        name="fr-FR",
        short_date="dd/MM/yyyy",
        long_date="dddd d MMMM yyyy",
        short_time="HH:mm",
        long_time="HH:mm:ss",
        month_day="d MMMM",
        year_month="MMMM yyyy",
        **{**_EURO_SUFFIX, "group_separator": "\u00a0"},
        **_FRENCH,
    ),
    Culture(
        name="es-ES",
        short_date="dd/MM/yyyy",
        long_date="dddd, d' de 'MMMM' de 'yyyy",
        short_time="H:mm",
        long_time="H:mm:ss",
        month_day="d 'de' MMMM",
        year_month="MMMM' de 'yyyy",
        **_EURO_SUFFIX,
        **_SPANISH,
    ),
    Culture(
        name="it-IT",
        short_date="dd/MM/yyyy",
        long_date="dddd d MMMM yyyy",
        short_time="HH:mm",
        long_time="HH:mm:ss",
        month_day="d MMMM",
        year_month="MMMM yyyy",
        **{**_EURO_SUFFIX, "percent_positive": "n%", "percent_negative": "-n%"},
        **_ITALIAN,
    ),
    Culture(
        name="nl-NL",
        short_date="d-M-yyyy",
        long_date="dddd d MMMM yyyy",
        short_time="HH:mm",
        long_time="HH:mm:ss",
        month_day="d MMMM",
        year_month="MMMM yyyy",
        date_separator="-",
        **{
            **_EURO_SUFFIX,
            "currency_positive": "$ n",
            "currency_negative": "$ -n",
            "percent_positive": "n%",
            "percent_negative": "-n%",
        },
        **_DUTCH,
    ),
    Culture(
        name="pt-BR",
        short_date="dd/MM/yyyy",
        long_date="dddd, d' de 'MMMM' de 'yyyy",
        short_time="HH:mm",
        long_time="HH:mm:ss",
        month_day="d' de 'MMMM",
        year_month="MMMM' de 'yyyy",
        **{
            **_EURO_SUFFIX,
            "currency_symbol": "R$",
            "currency_positive": "$ n",
            "currency_negative": "-$ n",
            "percent_positive": "n%",
            "percent_negative": "-n%",
        },
        **_PORTUGUESE,
    ),
    Culture(
        name="ja-JP",
        decimal_separator=".",
        group_separator=",",
        currency_symbol="¥",
        currency_decimals=0,
        currency_positive="$n",
        currency_negative="-$n",
        percent_positive="n%",
        percent_negative="-n%",
        short_date="yyyy/MM/dd",
        long_date="yyyy'年'M'月'd'日'",
        short_time="H:mm",
        long_time="H:mm:ss",
        month_day="M'月'd'日'",
        year_month="yyyy'年'M'月'",
        **_JAPANESE,
    ),
]

# .NET's invariant culture. It is also used for culture names Windows does
# not define, which is why Marketing Cloud then writes the generic sign ¤.
INVARIANT = Culture(
    name="",
    decimal_separator=".",
    group_separator=",",
    currency_symbol="¤",
    currency_decimals=2,
    currency_positive="$n",
    currency_negative="($n)",
    percent_positive="n %",
    percent_negative="-n %",
    short_date="MM/dd/yyyy",
    long_date="dddd, dd MMMM yyyy",
    short_time="HH:mm",
    long_time="HH:mm:ss",
    month_day="MMMM dd",
    year_month="yyyy MMMM",
    positive_infinity="Infinity",
    negative_infinity="-Infinity",
    **_english(),
)

_BY_NAME = {culture.name.lower(): culture for culture in _CULTURES}
# A language without a region formats like its main region, as .NET's
# neutral cultures do.
_NEUTRAL = {"en": "en-us", "de": "de-de", "fr": "fr-fr", "es": "es-es", "it": "it-it", "nl": "nl-nl", "pt": "pt-br", "ja": "ja-jp"}

SUPPORTED_NAMES = tuple(culture.name for culture in _CULTURES)


def _key(name: str) -> str:
    return name.strip().replace("_", "-").lower()


def find_culture(name: str) -> Culture | None:
    """Return the culture called ``name`` (``en-US``, ``en_us``, ``de``), or None if ampsms has no data for it."""
    key = _key(name)
    culture = _BY_NAME.get(key)
    if culture is None and key in _NEUTRAL:
        culture = _BY_NAME[_NEUTRAL[key]]
    return culture


def is_real_culture_name(name: str) -> bool:
    """Tell whether ``name`` names a real language and region, such as ``sv-SE``.

    The check uses the locale aliases Python ships. They cover the culture
    names Windows defines well enough to tell a real but unsupported culture
    from a typo.
    """
    key = _key(name).replace("-", "_")
    # Python's alias table also lists words such as "english" and "posix",
    # which are not culture names to .NET.
    return _CULTURE_SHAPE.fullmatch(key) is not None and key in locale.locale_alias


_CULTURE_SHAPE = re.compile(r"[a-z]{2,3}(?:_[a-z]{2})?")
