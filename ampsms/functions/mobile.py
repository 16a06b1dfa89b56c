"""MobileConnect functions: conversations and contact updates.

A render sends nothing, so these functions record what MobileConnect would
do in the render result's ``actions`` (a dict with ``"action"`` and the
arguments) and return what Marketing Cloud returns on success.
"""

from __future__ import annotations

from ..values import to_text
from .registry import FunctionError, builtin, ordinal, whole_number_arg


def _text_arg(value, position: int, label: str) -> str:
    text = to_text(value).strip()
    if not text:
        raise FunctionError(f"the {ordinal(position)} argument ({label}) must not be empty")
    return text


@builtin(
    "CreateSmsConversation",
    4,
    4,
    signature="CreateSmsConversation(shortCode, mobileNumber, nextKeyword, application)",
    example='CreateSmsConversation(SHORT_CODE, MOBILE_NUMBER, "SIZE", "MOBILECONNECT")',
    category="MobileConnect",
)
def create_sms_conversation(state, short_code, mobile_number, next_keyword, application):
    """Start a conversation, so the contact's next reply goes to ``nextKeyword`` without typing it.

    MobileConnect puts the next keyword in front of the reply, so in the
    next message's template ``MSG(0).VERB`` is that keyword and
    ``MSG(0).NOUNS`` the whole reply. Returns True.
    """
    # NOTE: the argument order (code, number, keyword, application) was not
    # checked against a live MobileConnect render; only the count of four is.
    state.record_action(
        {
            "action": "CreateSmsConversation",
            "short_code": _text_arg(short_code, 1, "short code"),
            "mobile_number": _text_arg(mobile_number, 2, "mobile number"),
            "next_keyword": _text_arg(next_keyword, 3, "next keyword"),
            "application": to_text(application),
        }
    )
    return True


@builtin(
    "EndSmsConversation",
    2,
    2,
    signature="EndSmsConversation(shortCode, mobileNumber)",
    example="EndSmsConversation(SHORT_CODE, MOBILE_NUMBER)",
    category="MobileConnect",
)
def end_sms_conversation(state, short_code, mobile_number):
    """End the contact's open conversation on the code. Returns True.

    Marketing Cloud raises an error instead of returning False when it
    cannot end the conversation, so the result is no use for branching.
    Conversation templates (double opt-in, vote and survey, info capture)
    do not allow this function.
    """
    state.record_action(
        {
            "action": "EndSmsConversation",
            "short_code": _text_arg(short_code, 1, "short code"),
            "mobile_number": _text_arg(mobile_number, 2, "mobile number"),
        }
    )
    return True


@builtin(
    "SetSmsConversationNextKeyword",
    3,
    3,
    signature="SetSmsConversationNextKeyword(shortCode, mobileNumber, nextKeyword)",
    example='SetSmsConversationNextKeyword(SHORT_CODE, MOBILE_NUMBER, "CONFIRM")',
    category="MobileConnect",
)
def set_sms_conversation_next_keyword(state, short_code, mobile_number, next_keyword):
    """Set the keyword that receives the contact's next reply in the open conversation. Returns True."""
    state.record_action(
        {
            "action": "SetSmsConversationNextKeyword",
            "short_code": _text_arg(short_code, 1, "short code"),
            "mobile_number": _text_arg(mobile_number, 2, "mobile number"),
            "next_keyword": _text_arg(next_keyword, 3, "next keyword"),
        }
    )
    return True


@builtin(
    "UpsertContact",
    5,
    None,
    signature="UpsertContact(channel, keyName, keyValue, attribute1, value1 [, attribute2, value2, ...])",
    example='UpsertContact("mobile", "phone", MOBILE_NUMBER, "_FirstName", Msg(0).Noun(0))',
    category="MobileConnect",
)
def upsert_contact(state, channel, key_name, key_value, *pairs):
    """Create or update the contact found by ``keyName`` = ``keyValue`` and set attributes. Returns 0.

    MobileConnect uses the channel ``"mobile"`` and the key ``"phone"`` with
    the mobile number. The attributes belong to the MobileConnect Data
    attribute group: ``_FirstName``, ``_LastName``, ``_City``, ``_ZipCode``
    and custom ones. The new values are not visible to the rest of this
    render.
    """
    if len(pairs) % 2:
        raise FunctionError(
            f"UpsertContact needs attribute and value pairs, but the attribute {to_text(pairs[-1])!r} has no value",
            hint="pass the attributes as name, value, name, value, ...",
        )
    attributes = {}
    for index in range(0, len(pairs), 2):
        name = _text_arg(pairs[index], 4 + index, "attribute name")
        attributes[name] = to_text(pairs[index + 1])
    state.record_action(
        {
            "action": "UpsertContact",
            "channel": _text_arg(channel, 1, "channel"),
            "key_name": _text_arg(key_name, 2, "key name"),
            "key_value": _text_arg(key_value, 3, "key value"),
            "attributes": attributes,
        }
    )
    # Salesforce documents 0 as UpsertContact's result on success.
    return 0


@builtin(
    "MMS_Content_URL",
    1,
    1,
    signature="MMS_Content_URL(index)",
    example="MMS_Content_URL(0)",
    category="MobileConnect",
)
def mms_content_url(state, index):
    """Return the URL of the inbound MMS's media item at the 0-based ``index``.

    The URLs come from the context part ``mms_content_urls``. An index past
    the last item, or a message with no media, gives "", as a missing noun
    does; a negative index or one that is not a whole number is an error.
    """
    # NOTE: Salesforce documents only the 0-based index; the empty result
    # past the last item follows the rule ampsms uses for MSG(0).NOUN(n).
    position = whole_number_arg(index, 1)
    if position < 0:
        raise FunctionError(f"the index must be 0 or more, got {position}")
    urls = state.context.mms_content_urls
    return urls[position] if position < len(urls) else ""
