"""Personal data hidden on the public list of answered letters.

Names become 张**; resident ID numbers, mobile numbers and bank-card numbers
found anywhere in the text are masked by the same finder the review chain
uses (workflow.scanning); landline numbers and e-mail addresses, which that
finder does not look for, are masked here.
"""

import re

from workflow.keywords import mask_personal_data

_LANDLINE = re.compile(r"(?<![0-9])(0\d{2,3})[-－—\s]?(\d{7,8})(?![0-9])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# ID numbers written with a typo in the check digit are still someone's number.
_LONG_DIGITS = re.compile(r"(?<![0-9])\d{15,19}[0-9Xx]?(?![0-9])")


def mask_name(name):
    name = (name or "").strip()
    if not name:
        return "匿名"
    return name[0] + "*" * max(len(name) - 1, 2)


def mask_text(text, names=(), landlines=True):
    """text with personal data masked; the writer's names wherever they occur.

    Replies keep landline numbers (they are the offices' public numbers).
    """
    text = mask_personal_data(text or "")
    for name in names:
        if name and len(name.strip()) > 1:
            text = text.replace(name.strip(), mask_name(name))
    if not landlines:
        return _EMAIL.sub("***@***", text)
    text = _LANDLINE.sub(lambda m: m.group(1) + "-" + "*" * (len(m.group(2)) - 2)
                         + m.group(2)[-2:], text)
    text = _EMAIL.sub("***@***", text)
    return _LONG_DIGITS.sub(lambda m: m.group()[:4] + "*" * (len(m.group()) - 8)
                            + m.group()[-4:], text)
