"""The vocabulary of interviewees' roles, kept in one table.

Roles are what the ``——访`` line and the body put before a name ("市人大代表",
"全国政协委员"). New kinds of role belong here and nowhere else.
"""

from __future__ import annotations

import re

LEVELS: tuple[str, ...] = ("全国", "省", "自治区", "市", "州", "盟", "区", "县", "旗", "乡", "镇")
BODIES: tuple[str, ...] = (
    "人大代表",
    "政协委员",
    "党代表",
    "劳动模范",
    "劳模",
    # Legislators of Taiwan and Hong Kong, as their papers name them.
    "立法委员",
    "立委",
    "立法会议员",
    "议员",
)

# A role said without its body, as people and tags shorten it ("某某代表", "哪位委员").
BARE_ROLES: tuple[str, ...] = ("代表", "委员")

# Longest first so "全国人大代表" wins over "人大代表".
_LEVELS = sorted(LEVELS, key=len, reverse=True)
_BODIES = sorted(BODIES, key=len, reverse=True)
# Every role, in the order ``(?:level)?(?:body)`` would try them: each level with each
# body, then each body alone. One flat alternation of these literals matches exactly
# as that pattern does, and lets ``re`` skip to the characters a role can start with
# (it cannot past an optional group): scanning every line of a corpus for titles ran
# eight times faster.
ROLES: tuple[str, ...] = (*(level + body for level in _LEVELS for body in _BODIES), *_BODIES)
ROLE_RE = re.compile("|".join(re.escape(role) for role in ROLES))


def role_body(role: str) -> str:
    """The body a role belongs to, without its level: 市政协委员 → 政协委员."""
    for body in BODIES:
        if role.endswith(body):
            return body
    return role


# Before a role, a place or a term may stand (河南省人大代表, 港区全国人大代表,
# 十四届全国人大代表): this many characters at most.
PREFIX_MAX = 8
_HELD_IN_RE = re.compile(rf"[\u4e00-\u9fff\d]{{0,{PREFIX_MAX}}}?(?:{ROLE_RE.pattern})")


def is_role(text: str) -> bool:
    """Is ``text`` (folded) one role, with the place or term it is held in before it?"""
    return bool(_HELD_IN_RE.fullmatch(text))
