"""Topic assignment: group the variants of one article across sources (保密条款 ≈ 数据与信息保护).

A fixed, ordered rule table decides, so every assignment can be explained to the lawyer in
one line ("标题“信息安全与保护”含“信息安全” → 保密"). The first matching rule wins; the order
encodes the tie-breaks (第三方介入的违约责任 is about breach, not about third parties).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

TEXT_PREFIX_CHARS = 40  # how much of the text stands in for an empty heading


@dataclass(frozen=True)
class Topic:
    key: str
    name_zh: str
    name_en: str
    zh: tuple[str, ...] = ()  # substrings of the heading, any of them
    en: tuple[str, ...] = ()  # whole English words/phrases (case-insensitive), any of them
    zh_all: tuple[str, ...] = ()  # substrings that must all be present as well (甲方 + 义务)


@dataclass(frozen=True)
class TopicMatch:
    key: str
    name_zh: str
    name_en: str
    explanation: str  # in Chinese: what the library stores
    explanation_en: str = ""  # the same in English, for the English UI


RULES: tuple[Topic, ...] = (
    Topic(
        "party_a_duties",
        "甲方权利义务",
        "Party A's Rights and Obligations",
        zh=("权利", "义务", "职责"),
        zh_all=("甲方",),
    ),
    Topic(
        "party_b_duties",
        "乙方权利义务",
        "Party B's Rights and Obligations",
        zh=("权利", "义务", "职责"),
        zh_all=("乙方",),
    ),
    Topic(
        "liability_cap",
        "责任限额",
        "Limitation of Liability",
        zh=("责任限额", "责任上限", "赔偿限额", "责任限制"),
        en=("limitation of liability", "liability cap", "limitation of damages"),
    ),
    Topic(
        "dispute_resolution",
        "争议解决",
        "Dispute Resolution",
        zh=("争议", "纠纷", "仲裁", "诉讼"),
        en=("dispute", "disputes", "arbitration"),
    ),
    Topic(
        "breach",
        "违约责任",
        "Breach and Liability",
        zh=("违约",),
        en=("breach", "default", "liability"),
    ),
    Topic(
        "governing_law",
        "法律适用",
        "Governing Law",
        zh=("法律适用", "适用法律", "管辖"),
        en=("governing law", "applicable law", "jurisdiction"),
    ),
    Topic(
        "confidentiality",
        "保密",
        "Confidentiality",
        zh=("保密", "信息安全", "信息保护", "数据保护", "数据安全", "隐私", "商业秘密"),
        en=("confidentiality", "confidential", "data protection", "privacy"),
    ),
    Topic("force_majeure", "不可抗力", "Force Majeure", zh=("不可抗力",), en=("force majeure",)),
    Topic(
        "termination",
        "变更与终止",
        "Amendment and Termination",
        zh=("终止", "解除", "变更", "修改"),
        en=("termination", "terminate", "amendment", "amendments"),
    ),
    Topic(
        "signing",
        "签署",
        "Execution",
        zh=("签署", "签字", "盖章", "签章"),
        en=("execution", "signature", "signatures", "counterparts"),
    ),
    Topic("term", "期限", "Term", zh=("期限", "有效期"), en=("term", "duration")),
    Topic(
        "payment",
        "费用与支付",
        "Fees and Payment",
        zh=("费用", "付款", "支付", "结算", "价款", "报酬", "服务费"),
        en=("payment", "payments", "fee", "fees", "price", "invoicing"),
    ),
    Topic(
        "quality",
        "服务质量",
        "Service Quality",
        zh=("质量", "服务水平"),
        en=("service level", "service levels", "quality"),
    ),
    Topic(
        "evaluation",
        "服务评估",
        "Performance Evaluation",
        zh=("评估", "考核", "效果"),
        en=("evaluation", "performance review"),
    ),
    Topic(
        "personnel", "人员管理", "Personnel", zh=("人员",), en=("personnel", "staff", "staffing")
    ),
    Topic(
        "technical_support",
        "技术支持",
        "Technical Support",
        zh=("技术", "维护", "系统"),
        en=("technical support", "maintenance", "support"),
    ),
    Topic(
        "reputation",
        "商业信誉",
        "Business Reputation",
        zh=("信誉", "商誉", "声誉"),
        en=("reputation", "goodwill"),
    ),
    Topic("compliance", "合规", "Compliance", zh=("遵守", "合规"), en=("compliance",)),
    Topic(
        "intellectual_property",
        "知识产权",
        "Intellectual Property",
        zh=("知识产权",),
        en=("intellectual property",),
    ),
    Topic(
        "indemnification",
        "赔偿",
        "Indemnification",
        zh=("赔偿", "补偿"),
        en=("indemnification", "indemnity", "indemnities"),
    ),
    Topic(
        "third_party",
        "第三方介入",
        "Third-Party Involvement",
        zh=("第三方",),
        en=("third party", "third parties"),
    ),
    Topic(
        "definitions",
        "主体与定义",
        "Parties and Definitions",
        zh=("定义", "释义", "主体", "概述", "术语"),
        en=("definitions", "definition", "interpretation", "parties"),
    ),
    Topic(
        "services",
        "服务内容",
        "Scope of Services",
        zh=("服务",),
        en=("services", "scope of services", "scope of work"),
    ),
    Topic("notices", "通知", "Notices", zh=("通知", "送达"), en=("notices", "notice")),
    Topic("assignment", "转让", "Assignment", zh=("转让",), en=("assignment", "assign")),
    Topic(
        "entire_agreement",
        "完整协议",
        "Entire Agreement",
        zh=("完整协议", "全部协议", "完整性"),
        en=("entire agreement",),
    ),
    Topic(
        "warranties",
        "陈述与保证",
        "Representations and Warranties",
        zh=("陈述", "保证"),
        en=("warranties", "warranty", "representations"),
    ),
    Topic(
        "miscellaneous",
        "附则",
        "Miscellaneous",
        zh=("附则", "其他", "其它", "一般条款", "杂项", "通用条款", "附加条款"),
        en=("miscellaneous", "general", "general provisions", "other provisions"),
    ),
)

UNTITLED = Topic("untitled", "无标题", "Untitled")

_EN_PATTERNS = {
    t.key: [(w, re.compile(rf"\b{re.escape(w)}\b", re.IGNORECASE)) for w in t.en] for t in RULES
}
_NOISE = re.compile(r"[\W_]+", re.UNICODE)


def normalise_heading(heading: str) -> str:
    """Fold width, case and punctuation so '保密条款' and ' 保密条款：' share one key."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", heading)).casefold()


def _match(topic: Topic, value: str) -> str | None:
    """The keyword of ``topic`` found in ``value``, or None."""
    if not all(k in value for k in topic.zh_all):
        return None
    for k in topic.zh:
        if k in value:
            return k
    for word, pattern in _EN_PATTERNS[topic.key]:
        if pattern.search(value):
            return word
    return None


def assign_topic(heading: str, text: str = "") -> TopicMatch:
    """Pick the topic of an article from its heading (or the start of its text if untitled)."""
    heading = heading.strip()
    field, value = ("标题", heading) if heading else ("正文开头", text.strip()[:TEXT_PREFIX_CHARS])
    field_en = "the heading" if heading else "the start of the text"
    for topic in RULES:
        keyword = _match(topic, value)
        if keyword is not None:
            why = f"{field}“{value}”含“{keyword}” → {topic.name_zh}"
            why_en = f"{field_en} “{value}” contains “{keyword}” → {topic.name_en}"
            return TopicMatch(topic.key, topic.name_zh, topic.name_en, why, why_en)
    if heading:
        why = f"标题“{heading}”未命中任何规则 → 按标题自成一类"
        why_en = f"the heading “{heading}” matches no rule → a topic of its own"
        key = f"heading:{normalise_heading(heading)}"
        return TopicMatch(key, heading, heading, why, why_en)
    why = "无标题且正文开头未命中任何规则 → 无标题"
    why_en = "no heading, and the start of the text matches no rule → Untitled"
    return TopicMatch(UNTITLED.key, UNTITLED.name_zh, UNTITLED.name_en, why, why_en)
