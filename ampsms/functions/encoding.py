"""Encoding and hashing functions: URLEncode, Base64Encode/Decode, MD5, SHA1, SHA256, SHA512, StringToHex, GetJWT.

Functions that take an encoding name accept .NET's names for it, in any
case: ``UTF-8``, ``UTF-16`` (little-endian), ``UTF-16BE``, ``UTF-32``,
``ASCII``, ``ISO-8859-1`` and the other names in ``ENCODINGS``. An unknown
or empty name is an error, as it is in Marketing Cloud; ``UTF8`` without the
dash is unknown.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re

from ..values import is_true, to_text
from .content import render_fragment
from .registry import FunctionError, builtin

# .NET encoding names (Encoding.GetEncoding) and the Python codec for each.
# Characters an encoding cannot represent become "?", as .NET writes them
# for ASCII and ISO-8859-1.
ENCODINGS = {
    "utf-8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "unicode-2-0-utf-8": "utf-8",
    "x-unicode11utf8": "utf-8",
    "x-unicode20utf8": "utf-8",
    "utf-16": "utf-16-le",
    "utf-16le": "utf-16-le",
    "unicode": "utf-16-le",
    "ucs-2": "utf-16-le",
    "iso-10646-ucs-2": "utf-16-le",
    "utf-16be": "utf-16-be",
    "unicodefffe": "utf-16-be",
    "utf-32": "utf-32-le",
    "utf-32le": "utf-32-le",
    "utf-32be": "utf-32-be",
    "us-ascii": "ascii",
    "ascii": "ascii",
    "us": "ascii",
    "ansi_x3.4-1968": "ascii",
    "ansi_x3.4-1986": "ascii",
    "cp367": "ascii",
    "csascii": "ascii",
    "ibm367": "ascii",
    "iso-ir-6": "ascii",
    "iso646-us": "ascii",
    "iso_646.irv:1991": "ascii",
    "iso-8859-1": "latin-1",
    "iso_8859-1": "latin-1",
    "iso_8859-1:1987": "latin-1",
    "iso-ir-100": "latin-1",
    "cp819": "latin-1",
    "ibm819": "latin-1",
    "csisolatin1": "latin-1",
    "l1": "latin-1",
    "latin1": "latin-1",
    "iso-8859-15": "iso8859-15",
    "latin-9": "iso8859-15",
    # NOTE: .NET writes a look-alike letter ("best fit") for some characters
    # a Windows code page lacks, where ampsms writes "?".
    "windows-1252": "cp1252",
}


def _codec(value, position: int) -> str:
    if value is None:
        return "utf-8"
    name = to_text(value).strip()
    codec = ENCODINGS.get(name.lower())
    if codec is None:
        shown = repr(name) if name else "an empty name"
        raise FunctionError(
            f"the encoding in argument {position} is {shown}, which is not a known encoding name",
            hint="use UTF-8, UTF-16, UTF-16BE, UTF-32, ASCII or ISO-8859-1",
        )
    return codec


_SINGLE_BYTE = frozenset(("ascii", "latin-1", "iso8859-15", "cp1252"))


def _encode(text: str, codec: str) -> bytes:
    if codec in _SINGLE_BYTE:
        return text.encode(codec, errors="replace")
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        # A lone surrogate, as Char(55357) makes, becomes U+FFFD, as .NET's
        # Unicode encoders write it.
        repaired = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        return repaired.encode(codec)


# ---------------------------------------------------------------- URLEncode

# HttpUtility.UrlEncode leaves letters, digits and these characters as they are.
_URL_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!*()")


def _form_encode(text: str) -> str:
    """Encode as .NET's HttpUtility.UrlEncode: space to +, others as lower-case %xx of UTF-8 bytes."""
    out = []
    for char in text:
        if char in _URL_SAFE:
            out.append(char)
        elif char == " ":
            out.append("+")
        else:
            out.extend(f"%{byte:02x}" for byte in _encode(char, "utf-8"))
    return "".join(out)


@builtin(
    "URLEncode",
    1,
    3,
    signature="URLEncode(url [, encodeAllChars [, encodeAllStrings]])",
    example='URLEncode("https://x.io/p?q=a b&c=1") -> https://x.io/p?q=a%20b&c=1',
    category="Encryption and Encoding",
)
def url_encode(state, url, encode_all_chars=False, encode_all_strings=False):
    """Encode the query string of a URL; AMPscript inside the text (``%%=...=%%``) runs first.

    Only the part after the first ``?`` is touched, and by default only its
    spaces change, to ``%20``. With ``encodeAllChars`` true the part is
    form-encoded: spaces become ``+`` and every character except letters,
    digits and ``-_.!*()`` becomes lower-case ``%xx`` of its UTF-8 bytes.
    Text without ``?`` is returned unchanged unless ``encodeAllStrings`` is
    true, which makes the whole text the part to encode. The flags take
    true/false or 1/0; any other value counts as false.
    """
    text = render_fragment(state, to_text(url))
    all_chars = is_true(encode_all_chars)
    # Marketing Cloud never encodes the text before "?", and encodes a whole
    # text without "?" only when encodeAllStrings is on; Salesforce Labs'
    # engine agrees on texts without "?".
    question = text.find("?")
    if question >= 0:
        head, tail = text[: question + 1], text[question + 1 :]
    elif is_true(encode_all_strings):
        head, tail = "", text
    else:
        return text
    encoded = _form_encode(tail) if all_chars else tail.replace(" ", "%20")
    return head + encoded


# ------------------------------------------------------------------ Base64


@builtin(
    "Base64Encode",
    1,
    2,
    signature="Base64Encode(text [, encoding])",
    example='Base64Encode("hi") -> aGk=',
    category="Encryption and Encoding",
)
def base64_encode(state, text, encoding=None):
    """Return the padded Base64 of the text's bytes in the encoding, UTF-8 by default."""
    data = _encode(to_text(text), _codec(encoding, 2))
    return base64.b64encode(data).decode("ascii")


_BASE64_WHITESPACE = re.compile(r"[ \t\r\n]+")


@builtin(
    "Base64Decode",
    1,
    3,
    signature="Base64Decode(text [, encoding [, failOnError]])",
    example='Base64Decode("aGk=") -> hi',
    category="Encryption and Encoding",
)
def base64_decode(state, text, encoding=None, fail_on_error=None):
    """Decode Base64 text and read the bytes in the encoding, UTF-8 by default.

    Spaces and line breaks inside the text are ignored, as .NET ignores
    them. Text that is not valid Base64, missing ``=`` padding included, is
    an error whatever the third argument is, because outside a send that
    argument has no visible effect. Bytes that are not valid in the encoding
    become U+FFFD.
    """
    codec = _codec(encoding, 2)
    source = _BASE64_WHITESPACE.sub("", to_text(text))
    if not source:
        return ""
    try:
        data = base64.b64decode(source, validate=True)
    except (binascii.Error, ValueError):
        shown = source if len(source) <= 40 else source[:37] + "..."
        raise FunctionError(
            f"{shown!r} is not valid Base64",
            hint="Base64 text uses A-Z, a-z, 0-9, + and /, padded with = to a multiple of 4 characters",
        ) from None
    return data.decode(codec, errors="replace")


# ------------------------------------------------------------------ hashing


def _digest(algorithm: str, text, encoding) -> str:
    data = _encode(to_text(text), _codec(encoding, 2))
    return hashlib.new(algorithm, data).hexdigest()


@builtin(
    "MD5",
    1,
    2,
    signature="MD5(text [, encoding])",
    example='MD5("abc") -> 900150983cd24fb0d6963f7d28e17f72',
    category="Encryption and Encoding",
)
def md5(state, text, encoding=None):
    """Return the MD5 digest of the text's bytes (UTF-8 by default) as 32 lower-case hex digits."""
    return _digest("md5", text, encoding)


@builtin(
    "SHA1",
    1,
    2,
    signature="SHA1(text [, encoding])",
    example='SHA1("abc") -> a9993e364706816aba3e25717850c26c9cd0d89d',
    category="Encryption and Encoding",
)
def sha1(state, text, encoding=None):
    """Return the SHA-1 digest of the text's bytes (UTF-8 by default) as 40 lower-case hex digits."""
    return _digest("sha1", text, encoding)


@builtin(
    "SHA256",
    1,
    2,
    signature="SHA256(text [, encoding])",
    example='SHA256("abc") -> ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    category="Encryption and Encoding",
)
def sha256(state, text, encoding=None):
    """Return the SHA-256 digest of the text's bytes (UTF-8 by default) as 64 lower-case hex digits."""
    return _digest("sha256", text, encoding)


@builtin(
    "SHA512",
    1,
    2,
    signature="SHA512(text [, encoding])",
    example='Length(SHA512("abc")) -> 128',
    category="Encryption and Encoding",
)
def sha512(state, text, encoding=None):
    """Return the SHA-512 digest of the text's bytes (UTF-8 by default) as 128 lower-case hex digits."""
    return _digest("sha512", text, encoding)


@builtin(
    "StringToHex",
    1,
    2,
    signature="StringToHex(text [, encoding])",
    example='StringToHex("Hi") -> 4869',
    category="Encryption and Encoding",
)
def string_to_hex(state, text, encoding=None):
    """Return the text's bytes in the encoding (UTF-8 by default) as hex digits, two per byte.

    The digits are lower case, like the hash functions' output.
    """
    # NOTE: the case of the hex digits Marketing Cloud writes was not
    # observed; lower case matches its MD5 and SHA functions.
    return _encode(to_text(text), _codec(encoding, 2)).hex()


# ---------------------------------------------------------------------- JWT

_JWT_HASHES = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}


def _base64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@builtin(
    "GetJWT",
    3,
    3,
    signature="GetJWT(key, algorithm, payload)",
    example='GetJWT("secret", "HS256", \'{"sub":"42"}\')',
    category="Encryption and Encoding",
)
def get_jwt(state, key, algorithm, payload):
    """Return a signed JSON Web Token in compact form: header, payload and signature in base64url.

    The header is ``{"alg":"<algorithm>","typ":"JWT"}``. The payload is the
    given JSON object text, kept byte for byte, and the key is the UTF-8
    bytes of the key text. HS256, HS384 and HS512 (HMAC) are supported.
    RS256, ES256 and the other public-key algorithms are an error, because
    Python's standard library cannot sign with their private keys.
    """
    name = to_text(algorithm).strip().upper()
    digest = _JWT_HASHES.get(name)
    if digest is None:
        if re.fullmatch(r"(RS|PS|ES)(256|384|512)", name):
            raise FunctionError(
                f"the JWT algorithm {name} is not supported: ampsms signs with HMAC only",
                hint="use HS256, HS384 or HS512 to preview the message",
            )
        raise FunctionError(f"{to_text(algorithm)!r} is not a JWT algorithm; use HS256, HS384 or HS512")
    secret = to_text(key)
    if not secret:
        raise FunctionError("the JWT key is empty")
    claims = to_text(payload)
    try:
        parsed = json.loads(claims)
    except json.JSONDecodeError as error:
        raise FunctionError(f"the JWT payload is not valid JSON: {error.msg} at character {error.pos + 1}") from None
    if not isinstance(parsed, dict):
        raise FunctionError("the JWT payload must be a JSON object, such as {\"sub\":\"42\"}")

    header = json.dumps({"alg": name, "typ": "JWT"}, separators=(",", ":"))
    signing_input = _base64url(header.encode("utf-8")) + "." + _base64url(claims.encode("utf-8"))
    signature = hmac.new(secret.encode("utf-8"), signing_input.encode("ascii"), digest).digest()
    return signing_input + "." + _base64url(signature)
