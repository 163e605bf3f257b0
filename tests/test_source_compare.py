"""Compare against library sources: each article against the library article (or the
imported file's article) it was taken from, clause by clause, labelled as the draft numbers
it; also ``contract-editor compare DRAFT --sources``."""

from __future__ import annotations

import json

import pytest

from app.cli import main_cli as main
from app.model import editing
from app.model.doc_blocks import BlockRef
from app.model.draft import Blank, Draft, Part, node_texts
from app.model.files import save_draft
from app.model.importer import draft_from_document
from app.model.library_insert import insert_from_library
from app.model.source_compare import as_taken, compare_with_sources, taken_from_sources
from app.readers import read_any
from clause_db.store import ClauseLibrary
from resources import SEED_FILES
from tests.conftest import CORPUS
from tests.edit_rounds import _nodes, apply, edit_round

GF2025 = CORPUS / "zh_gf2025_2615_data_provision_contract.docx"
CONTRACTS = [SEED_FILES[0], *sorted(p for p in CORPUS.iterdir()
                                    if p.suffix in (".txt", ".md", ".docx")
                                    and p.name != "SOURCES.md")]  # fmt: skip


def imported(path, document: int = 0) -> Draft:
    outline = read_any(path)
    return draft_from_document(outline.documents[document], outline.text, path.name)


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda p: p.name)
def test_an_imported_contract_reads_as_its_source(path):
    """Tick boxes, blanks and tables read on the taken side as in the draft: no change."""
    draft = imported(path)
    assert taken_from_sources(draft)
    assert compare_with_sources(draft).changes == []


def test_a_filled_blank_and_a_ticked_box_differ_from_the_source():
    draft = imported(CORPUS / "zh_gf2025_2615_data_provision_contract.docx")
    in_articles = [draft.fields[s.field_id] for _, n in draft.nodes() for body in node_texts(n)
                   for s in body if isinstance(s, Blank)]  # fmt: skip
    box = next(f for f in in_articles if f.kind == "checkbox")
    text = next(f for f in in_articles if f.kind == "text")
    apply(draft, editing.fill_field(draft, box.id, "1"))
    apply(draft, editing.fill_field(draft, text.id, "二〇二六"))
    changes = compare_with_sources(draft).changes
    assert changes and all(c.kind == "changed" for c in changes)
    assert any("☐" in c.old_text and "☑" in c.new_text for c in changes)
    assert any("二〇二六" in c.new_text and "二〇二六" not in c.old_text for c in changes)


def test_a_round_of_edits_shows_only_what_was_changed_in_taken_articles():
    draft = imported(SEED_FILES[0], 2)
    done = edit_round(draft)
    labels = {i: lab for i, (lab, _, _) in _nodes(done.new).items()}
    texts_old = {i: text for i, (_, text, _) in _nodes(done.old).items()}
    texts_new = {i: text for i, (_, text, _) in _nodes(done.new).items()}
    changed = [done.reworded, next(n.id for _, n in done.new.nodes() if any(
        getattr(s, "field_id", None) == done.filled for s in n.body))]  # fmt: skip
    found = {(c.kind, c.old, c.new, c.old_text, c.new_text)
             for c in compare_with_sources(done.new).changes}  # fmt: skip
    # the move, the deletion and the article written in the draft are not differences
    # from a source; the reworded and the filled text are, under the draft's numbers
    assert found == {("changed", labels[i], labels[i], texts_old[i], texts_new[i])
                     for i in changed}  # fmt: skip


def library_draft(library: ClauseLibrary) -> Draft:
    """A draft of the first library article that has at least two clauses."""
    article = next(a for s in library.sources_list() for a in library.articles_in_source(s.id)
                   if len(library.clauses_of(a.id)) >= 2)  # fmt: skip
    draft = Draft(title="合同")
    part = Part(draft.new_id())
    draft.parts.append(part)
    insert_from_library(draft, library, "article", article.id, part.id, 0).apply(draft)
    return draft


def test_against_the_library_a_deleted_clause_and_a_reworded_one_show(library_path):
    library = ClauseLibrary(library_path)
    try:
        draft = library_draft(library)
        article = draft.parts[0].articles[0]
        first, second = article.children[0], article.children[1]
        apply(draft, editing.set_block_text(draft, BlockRef("body", first.id), ["双方另行约定。"]))
        apply(draft, editing.delete_nodes(draft, [second.id]))
        changes = compare_with_sources(draft, library).changes
        kinds = sorted(c.kind for c in changes)
        assert kinds == ["changed", "deleted"]
        changed = next(c for c in changes if c.kind == "changed")
        assert changed.new_text.endswith("双方另行约定。")
        # without the library the deleted clause is unknown: only what each node kept
        assert [c.kind for c in compare_with_sources(draft).changes] == ["changed"]
        # the article written in the draft stays as it is on both sides
        assert len(as_taken(draft, library).parts[0].articles) == 1
    finally:
        library.close()


def test_a_draft_written_from_scratch_has_no_sources():
    draft = editing.new_draft(language="zh")
    assert not taken_from_sources(draft)
    assert compare_with_sources(draft).changes == []


def test_cli_compare_sources(tmp_path, capsys):
    done = edit_round(imported(SEED_FILES[0], 2))
    path = tmp_path / "d.contract"
    save_draft(path, done.new)
    assert main(["compare", str(path), "--sources", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [c["kind"] for c in out["changes"]] == ["changed", "changed"]
    redline = tmp_path / "r.docx"
    assert main(["compare", str(path), "--sources", "-o", str(redline)]) == 0
    assert "against its sources" in capsys.readouterr().out
    assert redline.stat().st_size > 0
    assert main(["compare", str(path)]) == 2  # one file without --sources
    assert "--sources" in capsys.readouterr().err


@pytest.mark.parametrize("path", [SEED_FILES[0], GF2025], ids=lambda p: p.name)
def test_the_redline_against_the_sources_accepts_to_the_draft_and_rejects_to_the_sources(
    path, tmp_path
):
    from tests.test_redline import check_redline, revision_counts

    draft = imported(path)
    done = edit_round(draft)
    redline = check_redline(as_taken(done.new), done.new, tmp_path)
    assert sum(revision_counts(redline).values()) > 0
