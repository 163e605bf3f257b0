"""The centre's blocks show every text the Word export prints, in its order, with its labels."""

from __future__ import annotations

from app.model.doc_blocks import OBJECT, BlockRef, block_text, blocks
from app.model.draft import Blank, Draft, Field, Node, Part, Party, Ref


def _contract() -> Draft:
    clause = Node(3, body=["乙方应保守秘密。"])
    item = Node(4, heading="例外", body=["公开信息除外。"], children=[Node(5, body=["（甲）"])])
    article = Node(2, heading="保密", body=["见", Ref(6, "cn_article", "第二条"), "。"])
    article.children = [clause, item]
    second = Node(6, heading="违约责任", body=["赔偿", Blank(9, "____"), "元。"])
    return Draft(
        title="服务合同",
        parties=[Party("甲方", "某某公司", "北京"), Party("乙方")],
        preamble=["双方协商一致："],
        parts=[Part(1, articles=[article, second])],
        fields={9: Field(9, "金额")},
        next_id=10,
    )


def _refs(draft: Draft) -> list[tuple[str, int]]:
    return [(b.ref.kind, b.ref.owner) for b in blocks(draft)]


def test_blocks_follow_the_printed_order_title_parties_preamble_nodes_signature():
    assert _refs(_contract()) == [
        ("title", 0),
        ("party_name", 0),
        ("party_address", 0),
        ("party_name", 1),
        ("party_address", 1),
        ("preamble", 0),
        ("heading", 2),
        ("body", 2),
        ("body", 3),
        ("heading", 4),
        ("body", 4),
        ("body", 5),
        ("heading", 6),
        ("body", 6),
        ("signature", 0),
        ("signature", 1),
    ]


def test_labels_are_computed_and_never_in_the_text():
    by_ref = {b.ref: b for b in blocks(_contract())}
    assert by_ref[BlockRef("heading", 2)].label == "第一条"
    assert by_ref[BlockRef("body", 2)].label == ""  # the heading line carries the number
    assert by_ref[BlockRef("body", 3)].label == "1.1"
    assert by_ref[BlockRef("heading", 4)].label == "1.2"
    assert by_ref[BlockRef("body", 5)].label == "1.2.1"
    assert by_ref[BlockRef("heading", 6)].label == "第二条"
    assert by_ref[BlockRef("party_name", 0)].label == "甲方："
    assert by_ref[BlockRef("party_address", 1)].label == "地址："
    assert [by_ref[BlockRef("body", n)].level for n in (2, 3, 5)] == [0, 1, 2]
    assert all("第一条" not in b.text for b in by_ref.values())


def test_labels_follow_the_numbering_style_the_export_prints():
    draft = _contract()
    draft.numbering = "english"
    assert blocks(draft)[6].label == "Article 1"
    assert blocks(draft)[1].label == "甲方: "  # English numbering prints English words


def test_blanks_and_refs_are_one_character_each():
    body = next(b for b in blocks(_contract()) if b.ref == BlockRef("body", 6))
    assert body.text == f"赔偿{OBJECT}元。"
    objects = ["a", Ref(1, "cn_article", "第一条"), Blank(2, "【】")]
    assert block_text(objects) == f"a{OBJECT}{OBJECT}"


def test_signature_is_generated_from_the_parties_and_read_only():
    signatures = [b for b in blocks(_contract()) if b.ref.kind == "signature"]
    assert [b.editable for b in signatures] == [False, False]
    assert signatures[0].text.splitlines()[0] == "甲方（盖章）：某某公司"
    assert "法定代表人或授权代表：" in signatures[1].text


def test_an_empty_draft_still_has_places_to_type_and_a_default_signature():
    draft = Draft(parts=[Part(1, articles=[Node(2)])], next_id=3)
    assert _refs(draft) == [
        ("title", 0),
        ("preamble", 0),
        ("heading", 2),
        ("body", 2),
        ("signature", 0),
        ("signature", 1),
    ]
    assert blocks(draft)[-1].text.startswith("乙方（盖章）：")


def test_parts_show_their_title_and_own_text_when_there_is_more_than_one():
    draft = Draft(
        parts=[Part(1, body=["总则说明"], articles=[Node(2)]), Part(3, title="", articles=[])],
        next_id=4,
    )
    kinds = _refs(draft)
    assert ("part_title", 1) in kinds and ("part_title", 3) in kinds
    assert kinds.index(("part_body", 1)) == kinds.index(("part_title", 1)) + 1


def test_parties_named_in_the_preamble_are_not_shown_twice():
    draft = _contract()
    draft.preamble = ["甲方：某某公司\n乙方：另一公司\n"]
    assert not any(b.ref.kind.startswith("party") for b in blocks(draft))


def test_every_node_appears_exactly_once_as_heading_or_body_owner():
    draft = _contract()
    owners = {b.ref.owner for b in blocks(draft) if b.ref.kind in ("heading", "body")}
    assert owners == {node.id for _, node in draft.nodes()}
