"""MobileConnect functions: each records its action and returns Marketing Cloud's result."""

from __future__ import annotations

import pytest

import ampsms

CONTEXT = {"mobile_number": "4790000001", "short_code": "2020", "inbound": "SIZE large red"}


def run(source: str) -> ampsms.RenderResult:
    return ampsms.compile(source).run(**CONTEXT)


def test_create_conversation_returns_true():
    result = run('%%=CreateSmsConversation(SHORT_CODE, MOBILE_NUMBER, "COLOR", "MOBILECONNECT")=%%')
    assert result.text == "True"


def test_create_conversation_records_action():
    result = run('%%[ CreateSmsConversation(SHORT_CODE, MOBILE_NUMBER, "COLOR", "MOBILECONNECT") ]%%')
    assert result.actions == [
        {
            "action": "CreateSmsConversation",
            "short_code": "2020",
            "mobile_number": "4790000001",
            "next_keyword": "COLOR",
            "application": "MOBILECONNECT",
        }
    ]


def test_create_conversation_empty_keyword():
    with pytest.raises(ampsms.AmpscriptRuntimeError) as caught:
        run('%%[ CreateSmsConversation(SHORT_CODE, MOBILE_NUMBER, "", "MOBILECONNECT") ]%%')
    assert "next keyword" in caught.value.message


def test_create_conversation_arity():
    with pytest.raises(ampsms.AmpscriptSyntaxError):
        ampsms.compile('%%[ CreateSmsConversation(SHORT_CODE, MOBILE_NUMBER, "COLOR") ]%%')


def test_end_conversation():
    result = run("%%[ SET @ok = EndSmsConversation(SHORT_CODE, MOBILE_NUMBER) ]%%%%=v(@ok)=%%")
    assert (result.text, result.actions) == (
        "True",
        [{"action": "EndSmsConversation", "short_code": "2020", "mobile_number": "4790000001"}],
    )


def test_end_conversation_missing_number():
    with pytest.raises(ampsms.AmpscriptRuntimeError) as caught:
        ampsms.compile("%%[ EndSmsConversation(SHORT_CODE, @nobody) ]%%").run(**CONTEXT)
    assert "mobile number" in caught.value.message


def test_set_next_keyword():
    result = run('%%=SetSmsConversationNextKeyword(SHORT_CODE, MOBILE_NUMBER, MSG(0).NOUN(0))=%%')
    assert result.actions[0]["next_keyword"] == "large"


def test_set_next_keyword_returns_true():
    assert run('%%=SetSmsConversationNextKeyword("2020", "4790000001", "NEXT")=%%').text == "True"


def test_upsert_contact_returns_zero():
    source = '%%=UpsertContact("mobile", "phone", MOBILE_NUMBER, "_FirstName", "Ana", "_City", "Oslo")=%%'
    assert run(source).text == "0"


def test_upsert_contact_records_attributes():
    result = run('%%[ UpsertContact("mobile", "phone", MOBILE_NUMBER, "Size", MSG(0).NOUN(0)) ]%%')
    assert result.actions == [
        {
            "action": "UpsertContact",
            "channel": "mobile",
            "key_name": "phone",
            "key_value": "4790000001",
            "attributes": {"Size": "large"},
        }
    ]


def test_upsert_contact_odd_pairs():
    with pytest.raises(ampsms.AmpscriptRuntimeError) as caught:
        run('%%[ UpsertContact("mobile", "phone", MOBILE_NUMBER, "Size", "L", "_City") ]%%')
    assert "pairs" in caught.value.message


def test_upsert_contact_arity():
    with pytest.raises(ampsms.AmpscriptSyntaxError):
        ampsms.compile('%%[ UpsertContact("mobile", "phone", MOBILE_NUMBER, "Size") ]%%')


def test_actions_in_call_order():
    source = (
        '%%[ UpsertContact("mobile", "phone", MOBILE_NUMBER, "Size", "L") '
        "EndSmsConversation(SHORT_CODE, MOBILE_NUMBER) ]%%"
    )
    assert [action["action"] for action in run(source).actions] == ["UpsertContact", "EndSmsConversation"]



MEDIA = ["https://media.example.com/1.jpg", "https://media.example.com/2.png"]


def test_mms_content_url_by_index():
    source = "%%=MMS_Content_URL(0)=%%|%%=MMS_Content_URL(1)=%%"
    assert ampsms.render(source, mms_content_urls=MEDIA) == "https://media.example.com/1.jpg|https://media.example.com/2.png"


def test_mms_content_url_past_end_is_empty():
    assert ampsms.render("[%%=MMS_Content_URL(2)=%%]", mms_content_urls=MEDIA) == "[]"


def test_mms_content_url_without_media_is_empty():
    assert ampsms.render("[%%=MMS_Content_URL(0)=%%]") == "[]"


def test_mms_content_url_negative_index_is_error():
    with pytest.raises(ampsms.AmpscriptRuntimeError, match="must be 0 or more"):
        ampsms.render("%%=MMS_Content_URL(-1)=%%", mms_content_urls=MEDIA)


def test_mms_content_urls_must_be_list():
    with pytest.raises(ampsms.ContextError, match="must be a list of URLs"):
        ampsms.render("x", mms_content_urls="https://media.example.com/1.jpg")
