"""URLEncode, Base64, hashes, StringToHex and GetJWT, rendered end to end."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest
from rendering import render, runtime_error, syntax_error


# ------------------------------------------------------------------ URLEncode


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('URLEncode("https://x.io/p?q=a b&c=1")', "https://x.io/p?q=a%20b&c=1"),
        ('URLEncode("Hello World")', "Hello World"),
        ('URLEncode("Hello World", 0, 1)', "Hello%20World"),
        ('URLEncode("a b", 1, 1)', "a+b"),
        ('URLEncode("a b")', "a b"),
        ('URLEncode("http://example.com?query=Hello World,", true, false)', "http://example.com?query%3dHello+World%2c"),
        ('URLEncode("http://ex.com/a b?q=x y", true, true)', "http://ex.com/a b?q%3dx+y"),
        ('URLEncode("http://ex.com/a b?q=x y")', "http://ex.com/a b?q=x%20y"),
        ('URLEncode("?a=é&b=-_.!*()~")', "?a=é&b=-_.!*()~"),
        ('URLEncode("?a=é&b=-_.!*()~", 1)', "?a%3d%c3%a9%26b%3d-_.!*()%7e"),
        ('URLEncode("a b", "true", "true")', "a+b"),
        ('URLEncode("a b", "yes", "yes")', "a b"),
        ('URLEncode("x?a?b c")', "x?a?b%20c"),
        ('URLEncode("")', ""),
    ],
)
def test_urlencode_values(call, expected):
    assert render(f"%%={call}=%%") == expected


def test_urlencode_unicode_form_encoded():
    expected = "Sample+Text%3a+%e3%82%b5%e3%83%b3%e3%83%97%e3%83%ab%e3%83%86%e3%82%ad%e3%82%b9%e3%83%88"
    assert render("%%=URLEncode('Sample Text: サンプルテキスト', true, true)=%%") == expected


def test_urlencode_renders_embedded_ampscript():
    source = '%%[ SET @url = "http://example.com?add=%%=ADD(1,2)=%%" ]%%%%=URLEncode(@url)=%%'
    assert render(source) == "http://example.com?add=3"


def test_urlencode_embedded_ampscript_sees_variables():
    source = '%%[ SET @n = "Ana Lee" SET @url = "https://x.io/?n=%%=v(@n)=%%" ]%%%%=URLEncode(@url, 1)=%%'
    assert render(source) == "https://x.io/?n%3dAna+Lee"


def test_urlencode_embedded_syntax_error():
    source = '%%[ SET @url = "https://x.io/?n=%%=v(@n=%%" ]%%%%=URLEncode(@url)=%%'
    error = runtime_error(source)
    assert "content is not valid AMPscript" in error.message


def test_urlencode_arity():
    assert "URLEncode takes 1 to 3 arguments" in syntax_error("%%=URLEncode()=%%").message


# --------------------------------------------------------------------- Base64


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('Base64Encode("hi")', "aGk="),
        ('Base64Encode("é")', "w6k="),
        ('Base64Encode("")', ""),
        ('Base64Encode("hi", "UTF-8")', "aGk="),
        ('Base64Encode("hi", "utf-16")', "aABpAA=="),
        ('Base64Encode("hi", "UTF-16BE")', "AGgAaQ=="),
        ('Base64Encode("h", "UTF-32")', "aAAAAA=="),
        ('Base64Encode("é", "ASCII")', "Pw=="),
        ('Base64Encode("é", "ISO-8859-1")', "6Q=="),
        ('Base64Encode("€", "ISO-8859-1")', "Pw=="),
        ('Base64Encode("€", "windows-1252")', "gA=="),
        ('Base64Encode(2026)', "MjAyNg=="),
        ('Base64Decode("aGk=")', "hi"),
        ('Base64Decode("w6k=")', "é"),
        ('Base64Decode("")', ""),
        ('Base64Decode("aABpAA==", "UTF-16")', "hi"),
        ('Base64Decode("6Q==", "iso-8859-1")', "é"),
        ('Base64Decode("aG k=")', "hi"),
        ('Base64Decode("aGk=", "UTF-8", 0)', "hi"),
    ],
)
def test_base64_values(call, expected):
    assert render(f"%%={call}=%%") == expected


def test_base64_round_trip_emoji():
    assert render('%%=Base64Decode(Base64Encode("Hi 😀"))=%%') == "Hi 😀"


def test_base64decode_invalid_utf8_becomes_replacement_character():
    assert render('%%=Base64Decode("/w==")=%%') == "\ufffd"


@pytest.mark.parametrize("text", ["aGk", "SGVsbG8", "a$k=", "aGk=="])
def test_base64decode_malformed(text):
    error = runtime_error(f'%%=Base64Decode("{text}")=%%')
    assert "not valid Base64" in error.message


@pytest.mark.parametrize("name", ["UTF8", "", "bogus"])
def test_base64encode_unknown_encoding(name):
    error = runtime_error(f'%%=Base64Encode("hi", "{name}")=%%')
    assert "not a known encoding name" in error.message


def test_base64decode_unknown_encoding():
    assert "not a known encoding name" in runtime_error('%%=Base64Decode("aGk=", "UTF8")=%%').message


# -------------------------------------------------------------------- hashing


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('MD5("")', "d41d8cd98f00b204e9800998ecf8427e"),
        ('MD5("abc")', "900150983cd24fb0d6963f7d28e17f72"),
        ('SHA1("abc")', "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ('SHA256("abc")', "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ('SHA512("abc")', hashlib.sha512(b"abc").hexdigest()),
        ("MD5(2026)", hashlib.md5(b"2026").hexdigest()),
        ('MD5("é", "UTF-16")', hashlib.md5("é".encode("utf-16-le")).hexdigest()),
        ('SHA256("é", "ISO-8859-1")', hashlib.sha256(b"\xe9").hexdigest()),
    ],
)
def test_hash_values(call, expected):
    assert render(f"%%={call}=%%") == expected


@pytest.mark.parametrize("function", ["MD5", "SHA1", "SHA256", "SHA512"])
def test_hash_unknown_encoding(function):
    error = runtime_error(f'%%={function}("abc", "UTF8")=%%')
    assert error.function == function


def test_hash_of_arithmetic_uses_printed_form():
    assert render("%%=MD5(Divide(1, 3))=%%") == hashlib.md5(b"0.333333333333333").hexdigest()


# ---------------------------------------------------------------- StringToHex


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('StringToHex("Hi")', "4869"),
        ('StringToHex("")', ""),
        ('StringToHex("é")', "c3a9"),
        ('StringToHex("é", "UTF-16")', "e900"),
        ('StringToHex("é", "ISO-8859-1")', "e9"),
    ],
)
def test_stringtohex_values(call, expected):
    assert render(f"%%={call}=%%") == expected


def test_stringtohex_unknown_encoding():
    assert "not a known encoding name" in runtime_error('%%=StringToHex("a", "nope")=%%').message


# --------------------------------------------------------------------- GetJWT


def _decode_segment(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


@pytest.mark.parametrize(("algorithm", "digest"), [("HS256", hashlib.sha256), ("HS384", hashlib.sha384), ("HS512", hashlib.sha512)])
def test_getjwt_hmac(algorithm, digest):
    token = render(f"%%=GetJWT(\"secret\", \"{algorithm}\", '{{\"sub\":\"42\"}}')=%%")
    header, payload, signature = token.split(".")
    assert json.loads(_decode_segment(header)) == {"alg": algorithm, "typ": "JWT"}
    assert _decode_segment(payload) == b'{"sub":"42"}'
    expected = hmac.new(b"secret", f"{header}.{payload}".encode(), digest).digest()
    assert _decode_segment(signature) == expected


def test_getjwt_known_token():
    # The HS256 token jwt.io shows for this header, payload and key.
    token = render("%%=GetJWT(\"your-256-bit-secret\", \"HS256\", '{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}')=%%")
    assert token == (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
        "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
        "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
    )


def test_getjwt_no_padding():
    token = render("%%=GetJWT(\"k\", \"HS256\", '{\"a\":1}')=%%")
    assert "=" not in token


def test_getjwt_algorithm_any_case():
    token = render("%%=GetJWT(\"k\", \"hs256\", '{\"a\":1}')=%%")
    assert json.loads(_decode_segment(token.split(".")[0]))["alg"] == "HS256"


def test_getjwt_rsa_not_supported():
    error = runtime_error("%%=GetJWT(\"k\", \"RS256\", '{\"a\":1}')=%%")
    assert "RS256 is not supported" in error.message


def test_getjwt_unknown_algorithm():
    assert "not a JWT algorithm" in runtime_error("%%=GetJWT(\"k\", \"MD5\", '{\"a\":1}')=%%").message


def test_getjwt_payload_not_json():
    assert "not valid JSON" in runtime_error('%%=GetJWT("k", "HS256", "sub=42")=%%').message


def test_getjwt_payload_not_object():
    assert "must be a JSON object" in runtime_error('%%=GetJWT("k", "HS256", "[1]")=%%').message


def test_getjwt_empty_key():
    assert "key is empty" in runtime_error("%%=GetJWT(\"\", \"HS256\", '{\"a\":1}')=%%").message


def test_getjwt_arity():
    assert "GetJWT takes 3 arguments" in syntax_error('%%=GetJWT("k", "HS256")=%%').message
