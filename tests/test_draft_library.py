"""Taking articles and clauses from the clause library into a draft."""

from __future__ import annotations

import copy

import pytest

from app.model import ops
from app.model.article_changes import (
    article_changes,
    article_text,
    changed,
    filled_fields,
    variant_text,
)
from app.model.fileformat import dumps
from app.model.importer import draft_from_document
from app.model.library_insert import insert_from_library, swap_in_variant
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
    (change,) = article_changes(clause)
    assert change.kind == "text"
    runs = change.runs
    assert ("-", "乙") in runs and ("+", "受托") in runs
    assert "".join(t for op, t in runs if op != "+") == taken


def test_an_unknown_library_row_is_refused(library, draft):
    with pytest.raises(ops.EditError):
        insert_from_library(draft, library, "article", 10**6, draft.parts[0].id, 0)


# -- the whole article: its clauses count -------------------------------------------------------


def taken_article(library, draft):
    """The confidentiality article taken into the draft as its first article, with history."""
    history = ops.History(draft)
    row = confidentiality(library)
    history.push(insert_from_library(draft, library, "article", row.id, draft.parts[0].id, 0))
    return draft.parts[0].articles[0], history


def test_an_edited_clause_makes_its_article_changed(library, draft):
    article, history = taken_article(library, draft)
    assert not changed(article, library) and not changed(article)
    clause = article.children[1]
    history.push(ops.set_text(draft, clause.id, "完全不同的一句。"))
    for source in (library, None):  # from the library's rows or from what the nodes kept
        (change,) = article_changes(article, source, {clause.id: "1.2"})
        assert (change.kind, change.label) == ("text", "1.2")
        assert "".join(t for op, t in change.runs if op != "-") == "完全不同的一句。"


def test_an_added_and_a_removed_clause_make_the_article_changed(library, draft):
    article, history = taken_article(library, draft)
    removed = article.children[0]
    history.push(ops.delete_node(draft, removed.id))
    assert [c.kind for c in article_changes(article, library)] == ["removed"]
    history.push(ops.insert_text_node(draft, article.id, 2, "", "新增一款。"))
    found = article_changes(article, library)
    assert [c.kind for c in found] == ["removed", "added"]
    assert found[0].runs[0][1].startswith(removed.provenance.written_label)
    assert found[1].runs == [("+", "新增一款。")]
    history.undo()
    history.undo()
    assert not changed(article, library)


def test_an_imported_article_with_a_clause_added_is_changed(draft):
    article = next(a for a in draft.parts[0].articles if a.children)
    assert not changed(article)
    ops.History(draft).push(ops.insert_text_node(draft, article.id, 0, "", "加一款。"))
    assert [c.kind for c in article_changes(article)] == ["added"]


def test_a_library_row_changed_since_falls_back_to_what_was_kept(library, draft):
    """A row id that now holds other text (library rebuilt) is not the source any more."""
    article, _ = taken_article(library, draft)
    for node in article.walk():
        node.provenance.library_article_id = 1  # some other article of the library
    assert not changed(article, library)


def test_swap_replaces_exactly_one_article_and_undo_restores_everything(library, draft):
    part = draft.parts[0]
    target = part.articles[5]
    others = [a for a in part.articles if a is not target]
    # a reference to the article from elsewhere, and a value filled in it
    ref_holder = part.articles[0]
    ops.History(draft).push(ops.set_text(draft, ref_holder.id, "按照本合同第六条的规定执行。"))
    before = dumps(draft)
    history = ops.History(draft)
    row = confidentiality(library)
    command = swap_in_variant(draft, library, target.id, row.id)
    assert dumps(draft) == before  # built, not applied
    history.push(command)
    assert [a for a in part.articles if a is not command.new] == others
    assert part.articles[5].provenance.library_article_id == row.id
    assert len(part.articles[5].children) == len(library.clauses_of(row.id))
    assert draft.node(target.id) is None
    assert "第六条" in show(draft)["parts"][0]["articles"][0]["text"]  # kept as text
    history.undo()
    assert dumps(draft) == before
    history.redo()
    assert part.articles[5] is command.new


def test_only_an_article_can_be_swapped(library, draft):
    clause = next(a for a in draft.parts[0].articles if a.children).children[0]
    with pytest.raises(ops.EditError):
        swap_in_variant(draft, library, clause.id, confidentiality(library).id)
    with pytest.raises(ops.EditError):
        swap_in_variant(draft, library, 10**6, confidentiality(library).id)
    with pytest.raises(ops.EditError):
        swap_in_variant(draft, library, draft.parts[0].articles[0].id, 10**6)


def test_the_swap_preview_numbers_the_variant_as_it_would_stand(library, draft):
    target = draft.parts[0].articles[5]
    old = article_text(draft, target)
    new = variant_text(draft, target, library, confidentiality(library).id)
    assert old.startswith("第六条 ") and new.startswith("第六条 信息安全与保护")
    assert new.split("\n")[1].startswith("6.1 ")


def test_only_values_that_leave_with_the_article_are_listed(library, draft):
    """A field used in another article too keeps its value in view: not a loss to warn of."""
    part = draft.parts[0]
    history = ops.History(draft)
    history.push(ops.set_text(draft, part.articles[0].id, "金额：【服务费用】，期限：____。"))
    history.push(ops.set_text(draft, part.articles[1].id, "另付【服务费用】。"))
    shared = draft.field_named("服务费用")
    own = next(f for f in draft.fields.values() if f.label == "期限" and f.name is None)
    history.push(ops.set_field_value(draft, shared.id, "10万元"))
    assert filled_fields(draft, part.articles[0]) == []
    history.push(ops.set_field_value(draft, own.id, "一年"))
    assert filled_fields(draft, part.articles[0]) == [("期限", "一年")]
    assert "一年" in article_text(draft, part.articles[0])


def test_two_swaps_undone_give_back_the_draft_byte_for_byte(library, draft):
    before = dumps(draft)
    history = ops.History(draft)
    (topic,) = [t for t in library.topics() if t.name == "保密"]
    first, second = library.articles_in_topic(topic.id)[:2]
    target = draft.parts[0].articles[3].id
    history.push(swap_in_variant(draft, library, target, first.id))
    history.push(swap_in_variant(draft, library, draft.parts[0].articles[3].id, second.id))
    assert draft.parts[0].articles[3].provenance.library_article_id == second.id
    history.undo()
    history.undo()
    assert dumps(draft) == before
