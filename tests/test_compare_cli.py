"""``contract-editor compare OLD NEW [--json] [-o REDLINE.docx]``: any two versions a lawyer
has (a draft, the Word file the other side sent back, a text file), exit 0 whatever the
differences, 2 with one line for what cannot be read or written."""

from __future__ import annotations

import copy
import json

from app.model import editing
from app.model.doc_blocks import BlockRef
from app.model.files import save_draft
from app.word.export import export_draft
from tests.edit_rounds import apply
from tests.test_cli import assert_one_clear_line, run
from tests.test_compare import CONTRACTS, draft_of


def two_versions(tmp_path):
    """The seed as a draft, and the same with its second article moved down three places,
    sent back as a Word file."""
    old = draft_of(CONTRACTS[0])
    new = copy.deepcopy(old)
    apply(new, editing.move(new, BlockRef("heading", new.parts[0].articles[1].id), +3))
    save_draft(tmp_path / "v1.contract", old)
    export_draft(new, tmp_path / "v2.docx")
    return tmp_path / "v1.contract", tmp_path / "v2.docx"


def test_json_lists_one_change_per_article_or_clause(tmp_path, capsys):
    v1, v2 = two_versions(tmp_path)
    code, out, _ = run(capsys, "compare", str(v1), str(v2), "--json")
    assert code == 0
    changes = json.loads(out)["changes"]
    assert {"kind": "moved", "old": "第二条", "new": "第五条"}.items() <= changes[0].items()
    for change in changes:
        assert set(change) == {"kind", "old", "new", "old_text", "new_text"}
        assert change["kind"] in ("inserted", "deleted", "changed", "moved")


def test_without_json_a_readable_summary_and_exit_0(tmp_path, capsys):
    v1, v2 = two_versions(tmp_path)
    code, out, _ = run(capsys, "compare", str(v1), str(v2))
    assert code == 0
    assert "moved 第二条 -> 第五条" in out.splitlines()
    code, out, _ = run(capsys, "compare", str(v1), str(v1))
    assert (code, out) == (0, "no differences\n")


def test_a_contract_against_its_own_word_export_has_no_differences(tmp_path, capsys):
    for path in (CONTRACTS[0], next(p for p in CONTRACTS if p.name.startswith("en_cuad"))):
        out = tmp_path / f"{path.stem}.docx"
        assert run(capsys, "export", str(path), "-o", str(out))[0] == 0
        code, printed, _ = run(capsys, "compare", str(path), str(out))
        assert (code, printed) == (0, "no differences\n")


def test_a_changed_text_is_shown_with_its_difference_marked(tmp_path, capsys):
    old = draft_of(CONTRACTS[0])
    new = copy.deepcopy(old)
    node = next(n for _, n in new.nodes() if n.body and n.body[0] == n.body[-1] == n.body[0])
    text = node.body[0]
    apply(
        new, editing.set_block_text(new, BlockRef("body", node.id), [text + "但另有约定的除外。"])
    )
    save_draft(tmp_path / "a.contract", old)
    save_draft(tmp_path / "b.contract", new)
    code, out, _ = run(
        capsys, "compare", str(tmp_path / "a.contract"), str(tmp_path / "b.contract")
    )
    assert code == 0 and "{+但另有约定的除外。+}" in out


def test_unreadable_input_is_one_clear_line_and_exit_2(tmp_path, capsys):
    v1, _ = two_versions(tmp_path)
    code, _, err = run(capsys, "compare", str(v1), str(tmp_path / "missing.docx"))
    assert code == 2
    assert_one_clear_line(code, err, "missing.docx")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = run(capsys, "compare", str(broken), str(v1))
    assert code == 2
    assert_one_clear_line(code, err, "broken.docx")


def test_the_redline_never_overwrites_an_input_or_a_file_of_another_kind(tmp_path, capsys):
    v1, v2 = two_versions(tmp_path)
    before = v2.read_bytes()
    code, _, err = run(capsys, "compare", str(v1), str(v2), "-o", str(v2))
    assert_one_clear_line(code, err, "input file itself")
    assert code == 2 and v2.read_bytes() == before
    notes = tmp_path / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "compare", str(v1), str(v2), "-o", str(notes))
    assert_one_clear_line(code, err, "not a Word document")
    assert notes.read_text(encoding="utf-8") == "mine"
