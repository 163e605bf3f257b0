"""Taking articles and clauses from the clause library into a draft."""

from __future__ import annotations

import copy

import pytest

from app.model import ops
from app.model.importer import draft_from_document
from app.model.library_insert import changed, changes, insert_from_library
from app.model.view import show
from clause_db.bundled import install_seed_library
from clause_db.reader import read_outline
from clause_db.store import ClauseLibrary
from resources import SEED_FILES


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    path = tmp_path_factory.mktemp("lib") / "library.sqlite"
    install_seed_library(path)
    with ClauseLibrary(path) as lib:
        yield lib


@pytest.fixture
def draft():
    outline = read_outline(SEED_FILES[0])
    return draft_from_document(outline.documents[0], outline.text, "seed")


def confidentiality(library: ClauseLibrary):
    (topic,) = [t for t in library.topics() if t.name == "保密"]
    return next(a for a in library.articles_in_topic(topic.id) if a.heading == "信息安全与保护")


def test_an_article_dropped_between_articles_becomes_an_article(library, draft):
    original = copy.deepcopy(draft)
    history = ops.History(draft)
    row = confidentiality(library)
    part = draft.parts[0]
    command = insert_from_library(draft, library, "article", row.id, part.id, 2)
    assert command.name.zh == "插入条“信息安全与保护”"
    assert command.name.en == "Insert article “信息安全与保护”"
    history.push(command)
    articles = show(draft)["parts"][0]["articles"]
    assert len(articles) == 15
    assert (articles[2]["label"], articles[2]["heading"]) == ("第三条", "信息安全与保护")
    assert [c["label"] for c in articles[2]["clauses"]] == ["3.1", "3.2", "3.3"]
    assert articles[3]["heading"] == "服务费用"  # the old 第三条 is now 第四条
    node = part.articles[2]
    assert node.provenance.library_article_id == row.id
    assert node.provenance.written_label == "第十二条"
    assert not changed(node.children[0])
    history.undo()
    assert draft == original


def test_a_clause_dropped_into_an_article_becomes_a_clause(library, draft):
    row = confidentiality(library)
    clause = library.clauses_of(row.id)[0]
    target = draft.parts[0].articles[4]
    ops.History(draft).push(insert_from_library(draft, library, "clause", clause.id, target.id, 0))
    article = show(draft)["parts"][0]["articles"][4]
    assert article["clauses"][0]["label"] == "5.1"
    assert article["clauses"][0]["heading"] == clause.heading
    assert target.children[0].provenance.library_clause_id == clause.id


def test_changes_since_taken_from_the_library(library, draft):
    row = confidentiality(library)
    part = draft.parts[0]
    history = ops.History(draft)
    history.push(insert_from_library(draft, library, "article", row.id, part.id, 0))
    clause = part.articles[0].children[0]
    taken = clause.provenance.taken_text
    history.push(ops.set_text(draft, clause.id, taken.replace("乙方", "受托方", 1)))
    assert changed(clause)
    runs = changes(clause)
    assert ("-", "乙") in runs and ("+", "受托") in runs
    assert "".join(t for op, t in runs if op != "+") == taken


def test_an_unknown_library_row_is_refused(library, draft):
    with pytest.raises(ops.EditError):
        insert_from_library(draft, library, "article", 10**6, draft.parts[0].id, 0)
