# ruff: noqa: E501  (data: one pattern per line reads best)
"""The words the intent of a follow-up is recognised by (English and Persian), on ``language.normalize``d text."""

from __future__ import annotations

import re

UNDO = re.compile(
    r'^\s*(?:please\s+)?(?:undo|undo (?:that|it|this|the last (?:change|edit|one))|go back|revert(?: (?:it|that))?|'
    r'take (?:that|it) back|back to the (?:previous|last|old) (?:one|version)|previous version|the (?:previous|old) one|'
    r'ctrl ?\+? ?z|change it back|put it back how it was|i liked (?:it|the) (?:before|previous one) better)\s*'
    r'(?:please|pls)?\s*[.!]*\s*$|'
    r'^\s*(?:لطفا\s+)?(?:برگرد(?:ون)?|برگردون(?:ش)?|برگرد عقب|به ?قبلی ?برگرد(?:ون)?|قبلی ?بهتر ?بود|همون ?قبلی|'
    r'نسخه ?قبلی|لغو ?کن|آندو|اندو|بازگردان|برگشت|به ?حالت ?قبل ?برگرد(?:ون)?)\s*(?:کن|لطفا)?\s*[.!]*\s*$'
)
REDO = re.compile(
    r'^\s*(?:please\s+)?(?:redo|redo (?:that|it)|undo the undo|bring (?:it|that) back|forward again|go forward|'
    r'put (?:that|the change) back|re-?apply(?: it| that)?)\s*(?:please|pls)?\s*[.!]*\s*$|'
    r'^\s*(?:لطفا\s+)?(?:ردو|دوباره ?اعمال ?کن|برو ?جلو|جلو ?برو|تغییر ?رو ?برگردون|همون ?تغییر ?رو ?برگردون|'
    r'نسخه ?بعدی)\s*(?:کن|لطفا)?\s*[.!]*\s*$'
)
NEW = re.compile(
    r'\b(?:new|another|different|fresh|second)\s+(?:thumbnail|one|design|video|image|idea|topic)\b|\bstart over\b|'
    r'\bfrom scratch\b|\b(?:thumbnail|video|design)\s+(?:for|about|on)\b|\bmake (?:me )?(?:a|an)\b.*\bthumbnail\b|'
    r'\bsame but for\b|\bthumbnails?\b|\bnext video\b|تامبنیل|ویدیو|ویدئو|از ?اول|از ?نو|یکی ?دیگه ?بساز|جدید ?بساز|دوباره ?بساز|'
    r'یه ?طرح ?تازه|طرح ?جدید'
)
ASKS = re.compile(
    r'^\s*(?:what|why|how|which|where|when|who|is|are|does|do|did|can i|could i|should i|will|would it)\b|'
    r'^\s*(?:چرا|چطور|چطوری|چگونه|آیا|چی|چه|کدوم|کدام|کجا|میشه ?بگی|میتونم)(?!\S)'
)
"""a message that opens with a question word asks (even 'why is it red?'); 'can you make it red?' is an edit"""
QUESTION_MARK = re.compile(r'[?؟]\s*$')
CLARIFY_CHOICES: dict[str, tuple[str, ...]] = {
    'en': ('Make the text bigger', 'Try another layout', 'Make the background darker'),
    'fa': ('متن رو بزرگتر کن', 'یه قالب دیگه امتحان کن', 'پس زمینه رو تیره تر کن'),
}
"""the one-click answers an unclear message gets (each one is itself an edit the rules understand)"""
LONG_REQUEST_WORDS = 7
"""a message this long that is no edit describes a new thumbnail rather than mumbling about this one"""
