"""Search benchmark: a 100,000-clause library, p50/p95 latency against a plain LIKE scan.

    uv run python tests/perf/bench_search.py [clauses]

Prints a table, then as its last line one JSON object with the numbers and whether the
targets (p95 <= 20 ms, >= 5x faster than LIKE, build <= 15 s) hold. The LIKE baseline
fetches every matching clause, as a ranked search must look at all of them.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from typing import TYPE_CHECKING

from outline_factory import make_outline

from clause_db.store import ClauseLibrary

if TYPE_CHECKING:
    from clause_db.model import Outline

TARGETS = {"p95_ms": 20, "speedup": 5, "build_s": 15}
CLAUSES_PER_ARTICLE = 8
ARTICLES_PER_DOCUMENT = 12


def _words(text: str) -> list[str]:
    """Space-separated vocabulary; '_' joins the words of one multi-word entry."""
    return [w.replace("_", " ") for w in text.split()]


CN_WORDS = _words(
    "甲方 乙方 双方 一方 另一方 第三方 服务 服务费 服务费用 费用 报酬 价款 违约 "
    "违约金 违约责任 责任 赔偿 损失 损害 直接损失 间接损失 保密 保密信息 商业秘密 "
    "信息 数据 个人信息 客户数据 合同 本合同 本协议 协议 补充协议 附件 条款 终止 "
    "解除 变更 续签 届满 争议 纠纷 协商 解决 仲裁 仲裁委员会 人民法院 管辖 诉讼 "
    "不可抗力 自然灾害 战争 政府行为 通知 书面通知 送达 期限 服务期限 有效期 支付 "
    "付款 结算 对账 发票 增值税 账户 银行 金额 人民币 元 百分之 每月 每季度 年度 "
    "工作日 自然日 日内 之日起 小时 响应 处理 投诉 客服 客服人员 坐席 培训 考核 "
    "绩效 标准 质量 服务质量 满意度 指标 报告 评估 效果 系统 平台 技术 支持 维护 "
    "设备 安全 风险 措施 审计 检查 整改 知识产权 著作权 商标 授权 许可 使用 披露 "
    "泄露 履行 义务 权利 约定 规定 法律 法规 适用 中华人民共和国 生效 签署 盖章 "
    "签字 授权代表 范围 内容 方式 要求 目的 包括 但不限于 应当 有权 不得 可以 "
    "必须 及时 全部 部分 任何 相关 上述 前述 下列 其他 如 若 如果 则 但 并 及 "
    "或 和 与 的 以 于 向 由 在 对 按照 根据 依据 除外 为准 承担 负责 提供 "
    "配合 协助 确认 同意 批准 申请 审核 验收 交付 移交 退还 销毁 备份 存储 访问 "
    "权限 账号 密码 加密 记录 保存 期间 之前 之后 以内 以上 以下 店铺 电商 订单 "
    "商品 售后 退款 退货 物流 咨询 消费者 买家 平台规则 差评 好评 转化率 回复率 "
    "话术 排班 值班 节假日 高峰期 外包 分包 转包 人员 社会保险 劳动合同 工资 加班 "
    "离职 替换 更换 负责人 联系人 联络 沟通 会议 邮件 电话 即时通讯 工单 质检 "
    "抽检 录音 监控 整改通知 扣款 罚款 奖励 "
)
EN_WORDS = _words(
    "the party parties shall may not any all such this agreement services service fee fees "
    "payment invoice days within written notice terminate termination breach liability liable "
    "damages indemnify indemnification confidential information disclose disclosure third "
    "governing law dispute arbitration court jurisdiction force majeure event term renewal "
    "period customer data personal protection security obligations rights provided that "
    "including without limitation reasonable efforts material obligation remedy cure warranty "
    "warranties intellectual property license assignment assign subcontract entire amendment "
    "waiver severability counterparts notices representative of to in and or for by with from "
    "under upon as be is are its their each other "
)
HEADINGS = _words(
    "合同主体及定义 协议概述 服务内容 服务范围与职责 服务内容与标准 服务费用 "
    "服务费用与支付 服务质量保证 保密条款 数据与信息保护 信息安全与保护 违约责任 "
    "第三方介入的违约责任 争议解决 法律适用和争议解决 合同的解除 不可抗力 附则 其他约定 "
    "甲方权利和义务 乙方权利和义务 客服人员管理 技术支持与维护 服务期限 商业信誉保障 "
    "Confidentiality Termination Payment "
    "Governing_Law "
)

CN1 = ["费", "约", "密", "仲", "罚", "税", "账", "诉"]
CN2 = ["违约", "保密", "仲裁", "发票", "期限", "客服", "罚款", "加密"]
CN3 = ["违约金", "服务费", "仲裁委", "知识产", "不可抗", "工作日", "人民币", "客服人"]
EN = [
    "confidential",
    "liability",
    "arbitration",
    "termination",
    "payment",
    "indemnify",
    "jurisdiction",
    "warranty",
]


class TextGenerator:
    """Clause sentences from contract vocabulary, Zipf-weighted like real text; ~20% English."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.cn = self._shuffled(CN_WORDS)
        self.en = self._shuffled(EN_WORDS)

    def _shuffled(self, words: list[str]) -> tuple[list[str], list[float]]:
        words = words[:]
        self.rng.shuffle(words)
        return words, [1 / (i + 1) ** 0.9 for i in range(len(words))]

    def _words(self, vocab: tuple[list[str], list[float]], size: int, sep: str) -> str:
        out: list[str] = []
        while sum(map(len, out)) < size:
            out += self.rng.choices(*vocab, k=8)
            if sep == "" and self.rng.random() < 0.5:
                out.append(self.rng.choice("，，，；、"))
        return sep.join(out)

    def clause(self) -> str:
        size = self.rng.randint(60, 150)
        if self.rng.random() < 0.2:
            text = self._words(self.en, size, " ")
            return text[0].upper() + text[1:] + "."
        return self._words(self.cn, size, "") + "。"

    def heading(self) -> str:
        return self.rng.choice(HEADINGS)


def make_corpus(clauses: int, seed: int = 1) -> Outline:
    """One corpus file of many contracts, ARTICLES_PER_DOCUMENT articles each."""
    gen = TextGenerator(seed)
    per_doc = CLAUSES_PER_ARTICLE * ARTICLES_PER_DOCUMENT
    documents = {}
    for d in range(0, clauses, per_doc):
        n = min(per_doc, clauses - d)
        documents[f"客服外包服务协议 {d // per_doc + 1}"] = [
            (gen.heading(), "", [gen.clause() for _ in range(min(CLAUSES_PER_ARTICLE, n - a))])
            for a in range(0, n, CLAUSES_PER_ARTICLE)
        ]
    return make_outline(documents)


def build(path: Path, corpus: Outline) -> tuple[ClauseLibrary, float]:
    """Import the corpus as a lawyer seeds a library from a collection: one import."""
    lib = ClauseLibrary(path)
    start = time.perf_counter()
    lib.import_outline(corpus, "corpus.txt")
    return lib, time.perf_counter() - start


def query_sets(lib: ClauseLibrary, seed: int = 2) -> dict[str, list[str]]:
    """Realistic queries; the six-character ones are copied out of the library's own text."""
    rng = random.Random(seed)
    (max_id,) = lib.db.execute("SELECT max(id) FROM clauses").fetchone()
    six: list[str] = []
    while len(six) < 8:
        row = lib.db.execute(
            "SELECT text FROM clauses WHERE id = ?", (rng.randint(1, max_id),)
        ).fetchone()
        runs = [r for r in re.findall(r"[\u4e00-\u9fff]{6,}", row[0])] if row else []
        if runs:
            run = rng.choice(runs)
            start = rng.randint(0, len(run) - 6)
            six.append(run[start : start + 6])
    return {"cn1": CN1, "cn2": CN2, "cn3": CN3, "cn6": six, "en_word": EN}


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered) * 1000, p95 * 1000


def measure(lib: ClauseLibrary, queries: list[str], runs: int, like_runs: int) -> dict:
    """p50/p95 of ``search`` (default limit) and of a LIKE scan over the clause table."""
    timings = []
    for i in range(runs):
        q = queries[i % len(queries)]
        start = time.perf_counter()
        lib.search(q)
        timings.append(time.perf_counter() - start)
    like = []
    for i in range(like_runs):
        q = queries[i % len(queries)]
        start = time.perf_counter()
        lib.db.execute("SELECT id FROM clauses WHERE text LIKE ?", (f"%{q}%",)).fetchall()
        like.append(time.perf_counter() - start)
    p50, p95 = _ms(timings)
    like_p50, like_p95 = _ms(like)
    return {
        "p50_ms": round(p50, 2),
        "p95_ms": round(p95, 2),
        "like_p50_ms": round(like_p50, 2),
        "like_p95_ms": round(like_p95, 2),
        "speedup_p95": round(like_p95 / p95, 1),
    }


def main(clauses: int = 100_000) -> dict:
    corpus = make_corpus(clauses)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        lib, build_s = build(path, corpus)
        stats = lib.stats()
        size_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6
        print(f"built {stats} in {build_s:.1f} s; files {size_mb:.0f} MB")
        results = {k: measure(lib, q, 200, 24) for k, q in query_sets(lib).items()}
        lib.close()
    print(f"{'query':8} {'p50 ms':>8} {'p95 ms':>8} {'LIKE p50':>9} {'LIKE p95':>9} {'x p95':>6}")
    for k, r in results.items():
        print(
            f"{k:8} {r['p50_ms']:8.2f} {r['p95_ms']:8.2f} {r['like_p50_ms']:9.1f}"
            f" {r['like_p95_ms']:9.1f} {r['speedup_p95']:6.1f}"
        )
    met = build_s <= TARGETS["build_s"] and all(
        r["p95_ms"] <= TARGETS["p95_ms"] and r["speedup_p95"] >= TARGETS["speedup"]
        for r in results.values()
    )
    return {
        "clauses": stats["clauses"],
        "build_s": round(build_s, 2),
        "size_mb": round(size_mb),
        "queries": results,
        "targets": TARGETS,
        "met": met,
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)))
