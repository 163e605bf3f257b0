"""The library tree stays lazy on a bigger library: nothing below the top level is read
until the view opens it, and the model passes Qt's own consistency checks."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import pytest
from outline_factory import make_outline
from PySide6.QtWidgets import QTreeView

from app.ui.item_refs import ItemRefRole
from app.ui.library_model import LibraryTreeModel
from app.ui.search_results import SearchResultsModel
from clause_db.store import ClauseLibrary

if TYPE_CHECKING:
    from pathlib import Path

DOCUMENTS = 40
ARTICLES = 25
HEADINGS = ("保密条款", "服务费用", "违约责任", "争议解决", "不可抗力")


@pytest.fixture(scope="module")
def big_library_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,000 articles and 4,000 clauses in 40 contracts, one with two parts."""
    path = tmp_path_factory.mktemp("big") / "big.sqlite"
    library = ClauseLibrary(path)
    for d in range(DOCUMENTS):
        articles = [
            (
                HEADINGS[a % len(HEADINGS)],
                "",
                [f"第{d}号合同第{a}条第{c}款，乙方应当保密。" for c in range(4)],
            )
            for a in range(ARTICLES)
        ]
        body = (
            {"第一部分 合同正文": articles[:20], "第二部分 补充条款": articles[20:]}
            if d == 0
            else articles
        )
        library.import_outline(make_outline({f"客服外包服务协议 {d + 1}": body}), f"c{d}.txt")
    library.close()
    return path


@pytest.fixture
def counted(big_library_file: Path, monkeypatch: pytest.MonkeyPatch):
    """The library, with a tally of the store reads the model makes."""
    library = ClauseLibrary(big_library_file, read_only=True)
    calls: Counter[str] = Counter()
    for name in ("topics", "sources_list", "articles_in_topic", "articles_in_source", "clauses_of"):
        method = getattr(library, name)

        def counting(*args, _method=method, _name=name):
            calls[_name] += 1
            return _method(*args)

        monkeypatch.setattr(library, name, counting)
    yield library, calls
    library.close()


def test_building_the_tree_reads_only_the_top_level(qtbot, counted) -> None:
    library, calls = counted
    model = LibraryTreeModel(library)
    assert calls["topics"] == 1
    assert not calls["articles_in_topic"] and not calls["clauses_of"]
    counts = [int(model.index(r, 0).data().rsplit("(", 1)[1][:-1]) for r in range(model.rowCount())]
    assert sum(counts) == DOCUMENTS * ARTICLES
    assert all(model.hasChildren(model.index(r, 0)) for r in range(model.rowCount()))

    tree = QTreeView()
    qtbot.addWidget(tree)
    tree.setModel(model)
    tree.show()
    topic = model.index(0, 0)
    tree.expand(topic)
    qtbot.waitUntil(lambda: model.rowCount(topic) > 0, timeout=2000)
    assert calls["articles_in_topic"] == 1, "only the opened topic is read"
    assert model.rowCount(topic) == counts[0] and not calls["clauses_of"]
    article = model.index(0, 0, topic)
    tree.expand(article)
    qtbot.waitUntil(lambda: model.rowCount(article) == 4, timeout=2000)
    assert calls["clauses_of"] == 1


def test_source_mode_is_lazy_and_groups_parts(counted) -> None:
    library, calls = counted
    model = LibraryTreeModel(library, mode="source")
    assert model.rowCount() == DOCUMENTS and not calls["articles_in_source"]
    first, second = model.index(0, 0), model.index(1, 0)
    model.fetchMore(first)
    assert [model.index(r, 0, first).data() for r in range(2)] == [
        "第一部分 合同正文 (20)",
        "第二部分 补充条款 (5)",
    ]
    model.fetchMore(second)
    assert model.rowCount(second) == ARTICLES, "a one-part contract lists its articles directly"
    assert model.index(0, 0, second).data(ItemRefRole)[0] == "article"
    assert calls["articles_in_source"] == 2
    model.setMode("topic")
    assert model.rowCount() == len(library.topics()) and calls["articles_in_source"] == 2
    with pytest.raises(ValueError):
        model.setMode("alphabet")


def test_models_pass_qt_consistency_checks(qtmodeltester, counted) -> None:
    library, _ = counted
    model = LibraryTreeModel(library)
    for r in range(3):  # some rows opened, some not: both states must be consistent
        topic = model.index(r, 0)
        model.fetchMore(topic)
        model.fetchMore(model.index(0, 0, topic))
    qtmodeltester.check(model)
    hits = SearchResultsModel(library)
    hits.setHits(library.search("保密", limit=20))
    assert hits.rowCount() == 20
    qtmodeltester.check(hits)
