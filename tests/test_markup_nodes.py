"""Whole articles and clauses the other side inserted or deleted arrive as nodes marked
as proposed (not as text inside the article before them): accepting an insertion keeps the
node, rejecting it removes it, the other way round for a deletion; one undo step each,
counted by accept/reject all. Our own redline of a round of edits, opened and decided,
gives the new version's articles (accept all) or the old one's (reject all)."""

from __future__ import annotations

import copy

import pytest

from app.model.draft import plain
from app.model.fileformat import draft_from_json, draft_to_json
from app.model.files import DraftFileError
from app.model.proposals import decide, decide_all, pending_count, proposals, proposed_nodes
from app.word.export import export_draft
from app.word.redline import export_redline
from tests.edit_rounds import _nodes, edit_round
from tests.test_markup import _BY, marked_docx, opened
from tests.test_redline import CONTRACTS, draft_of

_INS = f'<w:pPr><w:rPr><w:ins w:id="90" {_BY}/></w:rPr></w:pPr>'
_DEL = f'<w:pPr><w:rPr><w:del w:id="91" {_BY}/></w:rPr></w:pPr>'


def _inserted(text: str) -> str:
    return f'<w:p>{_INS}<w:ins w:id="92" {_BY}><w:r><w:t>{text}</w:t></w:r></w:ins></w:p>'


def _deleted(text: str) -> str:
    return (
        f'<w:p>{_DEL}<w:del w:id="93" {_BY}><w:r><w:delText>{text}</w:delText></w:r></w:del></w:p>'
    )


BODY = f"""
<w:p><w:r><w:t>服务合同</w:t></w:r></w:p>
<w:p><w:r><w:t>第一条 服务内容</w:t></w:r></w:p>
<w:p><w:r><w:t>乙方提供咨询服务。</w:t></w:r></w:p>
{_inserted("第二条 保密")}
{_inserted("双方对本合同内容负有保密义务。")}
<w:p><w:r><w:t xml:space="preserve">第</w:t></w:r>
  <w:del w:id="94" {_BY}><w:r><w:delText>二</w:delText></w:r></w:del>
  <w:ins w:id="95" {_BY}><w:r><w:t>三</w:t></w:r></w:ins>
  <w:r><w:t>条 费用</w:t></w:r></w:p>
<w:p><w:r><w:t>服务费用为十万元。</w:t></w:r></w:p>
{_deleted("第四条 争议解决")}
{_deleted("1. 双方协商解决。")}
{_deleted("2. 协商不成的，提交仲裁。")}
"""


def outline(draft) -> list[tuple[str, str]]:
    return [(lab, text) for lab, text, _ in _nodes(draft).values()]


def test_whole_articles_arrive_as_proposed_nodes(tmp_path):
    draft = opened(marked_docx(tmp_path / "their.docx", BODY))
    marked = [(n.proposed.kind, n.heading, plain(n.body)) for n in proposed_nodes(draft)]
    assert marked == [
        ("ins", "保密", "双方对本合同内容负有保密义务。"),
        ("del", "争议解决", ""),
        ("del", "", "双方协商解决。"),
        ("del", "", "协商不成的，提交仲裁。"),
    ]
    assert {(n.proposed.author, n.proposed.date) for n in proposed_nodes(draft)} == {
        ("乙方律师", "2026-12-03T10:00:00Z")
    }
    first = draft.parts[0].articles[0]
    assert plain(first.body) == "乙方提供咨询服务。" and not proposals(draft)
    assert pending_count(draft) == 4


def test_accept_all_and_reject_all_give_each_structure_in_one_step(tmp_path):
    draft = opened(marked_docx(tmp_path / "their.docx", BODY))
    before = outline(draft)
    accept = decide_all(draft, accept=True)
    accept.apply(draft)
    assert outline(draft) == [
        ("第一条", "服务内容\n乙方提供咨询服务。"),
        ("第二条", "保密\n双方对本合同内容负有保密义务。"),
        ("第三条", "费用\n服务费用为十万元。"),
    ]
    assert not proposed_nodes(draft) and decide_all(draft, accept=True) is None
    accept.revert(draft)
    assert outline(draft) == before and pending_count(draft) == 4
    decide_all(draft, accept=False).apply(draft)
    assert outline(draft) == [
        ("第一条", "服务内容\n乙方提供咨询服务。"),
        ("第二条", "费用\n服务费用为十万元。"),
        ("第三条", "争议解决"),
        ("第三条 1.", "双方协商解决。"),
        ("第三条 2.", "协商不成的，提交仲裁。"),
    ]


def test_one_node_at_a_time_is_one_undo_step(tmp_path):
    draft = opened(marked_docx(tmp_path / "their.docx", BODY))
    inserted, deleted = proposed_nodes(draft)[:2]
    keep = decide(draft, inserted.proposed, accept=True)
    keep.apply(draft)
    assert inserted.proposed is None and draft.node(inserted.id) is inserted
    gone = decide(draft, deleted.proposed, accept=True)  # the deletion: the article goes
    gone.apply(draft)
    assert deleted.id not in {n.id for _, n in draft.nodes()}
    assert not proposed_nodes(draft)  # its clauses went with it
    gone.revert(draft)
    assert len(proposed_nodes(draft)) == 3
    keep.revert(draft)
    assert inserted.proposed is not None and len(proposed_nodes(draft)) == 4


def test_proposed_nodes_survive_the_file_and_refuse_a_clean_export(tmp_path):
    draft = opened(marked_docx(tmp_path / "their.docx", BODY))
    with pytest.raises(DraftFileError) as refused:
        export_draft(draft, tmp_path / "out.docx")
    assert "4" in refused.value.message.en
    saved = draft_to_json(draft)
    assert saved["version"] == 3
    again = draft_from_json(copy.deepcopy(saved))
    assert [(n.id, n.proposed.kind, n.proposed.author) for n in proposed_nodes(again)] == [
        (n.id, n.proposed.kind, n.proposed.author) for n in proposed_nodes(draft)
    ]
    decide_all(again, accept=True).apply(again)
    export_draft(again, tmp_path / "out.docx")


# Known gaps: a clause rewritten as a whole deletion and a whole insertion is read as one
# clause with the two texts as proposals, so a heading written in its first words ("Effect
# of Termination.") is not split off as the version read alone splits it; and when the two
# numbers differ (16.1 deleted, 17.1 inserted: renumbered too) the segmenter takes only one
# of them for a clause: both are read back as paragraphs (proposals in the text, never taken
# silently) and the structure of these contracts is not yet exact.
_SAME_NUMBER_PAIRS = {
    "en_commonpaper_independent_contractor_agreement.docx",
    "en_cuad_etelos_distributor_agreement.txt",
}


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="rewritten clause: see above"))
        if p.name in _SAME_NUMBER_PAIRS
        else p
        for p in CONTRACTS
    ],
    ids=lambda p: p.name,
)
def test_our_redline_decided_gives_each_version_s_articles(tmp_path, path):
    done = edit_round(draft_of(path))
    export_redline(done.old, done.new, tmp_path / "redline.docx", "甲方律师")
    for accept, want in ((True, done.new), (False, done.old)):
        theirs = opened(tmp_path / "redline.docx")
        if done.inserted is not None and accept:
            assert any(n.proposed.kind == "ins" for n in proposed_nodes(theirs))
        decide_all(theirs, accept).apply(theirs)
        export_draft(want, tmp_path / "want.docx")  # read back as the redline was
        assert outline(theirs) == outline(opened(tmp_path / "want.docx")), accept
