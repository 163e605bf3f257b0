"""The other side's markup: their tracked changes opened as proposals (accepted or rejected
one by one or all at once, one undo step each), their comments kept beside the text, and
nothing of their text taken or dropped silently. Files built here (our own text) and our own
redline read back: accepting all gives the new version, rejecting all the old one."""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING

import pytest

from app.model.commands import Compound
from app.model.draft import Draft, Proposal, plain
from app.model.fileformat import draft_from_json, draft_to_json
from app.model.files import DraftFileError
from app.model.importer import draft_from_document
from app.model.markup import MARKERS
from app.model.proposals import decide, decide_all, proposals
from app.readers import read_any
from app.word.export import export_draft
from app.word.redline import export_redline
from tests.edit_rounds import edit_round
from tests.test_docx_import import CONTENT_TYPES, ROOT_RELS, W_NS, document_xml, write_zip
from tests.test_redline import CONTRACTS, draft_of

if TYPE_CHECKING:
    from pathlib import Path

_COMMENTS_TYPE = (
    '<Override PartName="/word/comments.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>'
)
_DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId9" Target="comments.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/comments"/></Relationships>'
)
_BY = 'w:author="乙方律师" w:date="2026-12-03T10:00:00Z"'

BODY = f"""
<w:p><w:r><w:t>服务合同</w:t></w:r></w:p>
<w:p><w:r><w:t>第一条 服务内容</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">乙方应在</w:t></w:r>
  <w:del w:id="1" {_BY}><w:r><w:delText>六十</w:delText></w:r></w:del>
  <w:ins w:id="2" {_BY}><w:r><w:t>三十</w:t></w:r></w:ins>
  <w:r><w:t>日内完成。</w:t></w:r></w:p>
<w:p><w:r><w:t>第二条 费用</w:t></w:r></w:p>
<w:p><w:commentRangeStart w:id="7"/><w:r><w:t>服务费用为十万元。</w:t></w:r>
  <w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p>
<w:p><w:pPr><w:rPr><w:del w:id="3" {_BY}/></w:rPr></w:pPr>
  <w:del w:id="4" {_BY}><w:r><w:delText>逾期付款按日万分之五计息。</w:delText></w:r></w:del></w:p>
<w:p><w:pPr><w:rPr><w:ins w:id="5" {_BY}/></w:rPr></w:pPr>
  <w:ins w:id="6" {_BY}><w:r><w:t>费用含税。</w:t></w:r></w:ins></w:p>
<w:p><w:r><w:t>第三条 其他</w:t></w:r></w:p>
<w:p><w:r><w:t>本合同一式两份。</w:t></w:r></w:p>
"""
COMMENTS = (
    f'<?xml version="1.0"?><w:comments xmlns:w="{W_NS}">'
    f'<w:comment w:id="7" {_BY}><w:p><w:r><w:t>金额请再确认</w:t></w:r></w:p></w:comment>'
    "</w:comments>"
)


def marked_docx(path: Path, body: str = BODY) -> Path:
    """A Word file with the other side's tracked changes and one comment."""
    return write_zip(
        path,
        {
            "[Content_Types].xml": CONTENT_TYPES.replace("</Types>", _COMMENTS_TYPE),
            "_rels/.rels": ROOT_RELS,
            "word/_rels/document.xml.rels": _DOCUMENT_RELS,
            "word/document.xml": document_xml(body),
            "word/comments.xml": COMMENTS,
        },
    )


def opened(path: Path) -> Draft:
    """The draft the window makes of a Word file: their changes kept."""
    notes: list = []
    outline = read_any(path, notes.append, keep_changes=True)
    return draft_from_document(outline.documents[0], outline.text, path.name, outline.markup)


def texts(draft: Draft) -> list[str]:
    return [f"{node.heading}|{plain(node.body)}" for _, node in draft.nodes()]


def test_changes_open_as_proposals_with_who_and_when(tmp_path):
    draft = opened(marked_docx(tmp_path / "their.docx"))
    found = [p for _, p in proposals(draft)]
    assert [(p.kind, p.text) for p in found] == [
        ("del", "六十"),
        ("ins", "三十"),
        ("del", "\n逾期付款按日万分之五计息。"),
        ("ins", "\n费用含税。"),
    ]
    assert {(p.author, p.date) for p in found} == {("乙方律师", "2026-12-03T10:00:00Z")}
    first = draft.parts[0].articles[0]
    assert first.body[1:3] == found[:2]  # at their place: 乙方应在 [六十][三十] 日内完成。
    assert plain(first.body) == "乙方应在三十日内完成。"


def test_comments_are_kept_beside_their_text(tmp_path):
    draft = opened(marked_docx(tmp_path / "their.docx"))
    second = draft.parts[0].articles[1]
    [comment] = draft.comments
    assert (comment.author, comment.text) == ("乙方律师", "金额请再确认")
    assert (comment.quote, comment.owner) == ("服务费用为十万元。", second.id)
    strings = "".join(s for body in draft.bodies() for s in body if isinstance(s, str))
    assert not MARKERS.search(strings + "".join(n.heading for _, n in draft.nodes()))


def test_accept_all_and_reject_all_are_one_undo_step(tmp_path):
    draft = opened(marked_docx(tmp_path / "their.docx"))
    before = texts(draft)
    accept = decide_all(draft, accept=True)
    assert isinstance(accept, Compound)
    accept.apply(draft)
    assert not proposals(draft)
    assert texts(draft) == [
        "服务内容|乙方应在三十日内完成。",
        "费用|服务费用为十万元。\n费用含税。",
        "其他|本合同一式两份。",
    ]
    accept.revert(draft)
    assert texts(draft) == before and len(proposals(draft)) == 4
    reject = decide_all(draft, accept=False)
    reject.apply(draft)
    assert texts(draft) == [
        "服务内容|乙方应在六十日内完成。",
        "费用|服务费用为十万元。\n逾期付款按日万分之五计息。",
        "其他|本合同一式两份。",
    ]
    assert decide_all(draft, accept=True) is None


def test_one_proposal_at_a_time(tmp_path):
    draft = opened(marked_docx(tmp_path / "their.docx"))
    deleted, inserted = [p for _, p in proposals(draft)][:2]
    decide(draft, deleted, accept=False).apply(draft)  # keep 六十 ...
    step = decide(draft, inserted, accept=False)  # ... and not 三十
    step.apply(draft)
    assert plain(draft.parts[0].articles[0].body) == "乙方应在六十日内完成。"
    assert len(proposals(draft)) == 2
    step.revert(draft)
    assert plain(draft.parts[0].articles[0].body) == "乙方应在六十三十日内完成。"


def test_pending_proposals_refuse_a_clean_export_and_survive_the_file(tmp_path):
    draft = opened(marked_docx(tmp_path / "their.docx"))
    with pytest.raises(DraftFileError) as refused:
        export_draft(draft, tmp_path / "out.docx")
    assert "4" in refused.value.message.en and "accept or reject" in refused.value.message.en
    assert not (tmp_path / "out.docx").exists()
    saved = draft_to_json(draft)
    assert saved["version"] == 3
    again = draft_from_json(copy.deepcopy(saved))
    assert [(p.kind, p.text, p.author) for _, p in proposals(again)] == [
        (p.kind, p.text, p.author) for _, p in proposals(draft)
    ]
    assert again.comments == draft.comments
    decide_all(again, accept=True).apply(again)
    assert draft_to_json(again)["version"] == 2 or again.comments  # comments keep version 3
    export_draft(again, tmp_path / "out.docx")
    outline = read_any(tmp_path / "out.docx")
    assert "费用含税" in outline.text and "逾期" not in outline.text


def test_without_keep_changes_the_reader_accepts_as_before(tmp_path):
    notes: list = []
    outline = read_any(marked_docx(tmp_path / "their.docx"), notes.append)
    assert outline.markup is None
    assert "乙方应在三十日内完成。" in outline.text and "六十" not in outline.text
    assert not any(ord(c) >= 0xF0000 for c in outline.text)


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda p: p.name)
def test_our_redline_opened_and_decided_gives_each_version(tmp_path, path):
    done = edit_round(draft_of(path))
    export_redline(done.old, done.new, tmp_path / "redline.docx", "甲方律师")
    for accept, want in ((True, done.new), (False, done.old)):
        theirs = opened(tmp_path / "redline.docx")
        assert proposals(theirs)
        assert all(p.author == "甲方律师" for _, p in proposals(theirs))
        decide_all(theirs, accept).apply(theirs)
        export_draft(theirs, tmp_path / "decided.docx")
        export_draft(want, tmp_path / "want.docx")  # read back as the redline was
        export_draft(opened(tmp_path / "want.docx"), tmp_path / "want.docx")
        got = _words(read_any(tmp_path / "decided.docx").text)
        assert got == _words(read_any(tmp_path / "want.docx").text), accept


# numbers as labels: a whole article they inserted is accepted as text of the one before
# (its number written in it), so the articles after it are numbered one less than in ``want``
_LABEL = re.compile(
    r"第[零一二三四五六七八九十百千]+[条章节]|\d+(?:\.\d+)*\.?|[（(][一二三四五六七八九十\d]+[）)]"
)


def _words(text: str) -> list[str]:
    return _LABEL.sub(" ", text).split()


def test_a_proposal_is_compared_by_identity():
    a, b = Proposal("ins", "x"), Proposal("ins", "x")
    assert a != b and a == a


def test_moves_and_deleted_rows_are_proposals_too(tmp_path):
    body = f"""
<w:p><w:r><w:t>合同</w:t></w:r></w:p>
<w:p><w:r><w:t>第一条 交付</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">交付地点：</w:t></w:r>
  <w:moveFrom w:id="1" {_BY}><w:r><w:t>上海</w:t></w:r></w:moveFrom>
  <w:moveTo w:id="2" {_BY}><w:r><w:t>北京</w:t></w:r></w:moveTo></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>品名</w:t></w:r></w:p></w:tc>
  <w:tc><w:p><w:r><w:t>数量</w:t></w:r></w:p></w:tc></w:tr>
 <w:tr><w:trPr><w:del w:id="3" {_BY}/></w:trPr>
  <w:tc><w:p><w:del w:id="4" {_BY}><w:r><w:delText>钢材</w:delText></w:r></w:del></w:p></w:tc>
  <w:tc><w:p><w:del w:id="5" {_BY}><w:r><w:delText>10吨</w:delText></w:r></w:del></w:p></w:tc>
 </w:tr></w:tbl>
<w:p><w:r><w:t>第二条 其他</w:t></w:r></w:p>
"""
    draft = opened(marked_docx(tmp_path / "moved.docx", body))
    found = [(p.kind, p.text) for _, p in proposals(draft)]
    assert ("del", "上海") in found and ("ins", "北京") in found
    assert any(kind == "del" and "钢材" in text and "10吨" in text for kind, text in found)
    everything = "".join(p.text for _, p in proposals(draft)) + "".join(
        plain(b) for b in draft.bodies()
    )
    for word in ("上海", "北京", "钢材", "10吨", "品名"):
        assert word in everything  # nothing of their text dropped


def test_the_notes_say_what_was_kept(tmp_path):
    notes: list = []
    read_any(marked_docx(tmp_path / "their.docx"), notes.append, keep_changes=True)
    said = " ".join(note.en for note in notes)
    assert "4 tracked change(s) of the other side kept" in said
    assert "1 comment kept" in said
