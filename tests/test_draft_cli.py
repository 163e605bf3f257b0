"""``contract-editor draft ...`` on the seed, the way the issue's scenarios describe."""

from __future__ import annotations

import json

import pytest

from app.cli import main_cli
from resources import SEED_FILES

SEED = str(SEED_FILES[0])


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main_cli(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def shown(capsys, path) -> dict:
    code, out, _ = run(capsys, "draft", "show", str(path), "--json")
    assert code == 0
    return json.loads(out)


def new_draft(capsys, tmp_path, document: int):
    path = tmp_path / f"contract{document}.contract"
    code, out, err = run(
        capsys, "draft", "new", "--from", SEED, "--document", str(document), "-o", str(path)
    )
    assert code == 0, err
    return path


def all_text(data: dict) -> str:
    def walk(items):
        for item in items:
            yield item["text"]
            yield from walk(item["clauses"])

    return "".join(t for p in data["parts"] for t in walk(p["articles"]))


def test_new_draft_keeps_every_part_and_numbers_articles(capsys, tmp_path):
    data = shown(capsys, new_draft(capsys, tmp_path, 1))
    assert data["title"] == "2024年度电商客服外包服务协议"
    assert data["numbering"] == "chinese"
    assert [p["title"] for p in data["parts"]][:2] == [
        "第一部分 合同如下",
        "第二部分 第三方介入后的修正",
    ]
    body = data["parts"][0]["articles"]
    assert [a["number"] for a in body] == list(range(1, 15))
    assert body[10]["label"] == "第十一条"
    assert body[0]["clauses"][0]["label"] == "1.1"
    assert body[7]["clauses"][2]["clauses"][0]["label"] == "8.3.1"


def test_gaps_are_closed_by_computed_numbers(capsys, tmp_path):
    data = shown(capsys, new_draft(capsys, tmp_path, 3))
    body = data["parts"][0]["articles"]
    assert [a["number"] for a in body] == list(range(1, 13))
    assert body[5]["written_label"] == "第八条" and body[5]["label"] == "第六条"


def test_moving_article_eight_first_renumbers_everything(capsys, tmp_path):
    path = new_draft(capsys, tmp_path, 1)
    before = shown(capsys, path)["parts"][0]["articles"]
    code, out, _ = run(capsys, "draft", "move", str(path), "--article", "8", "--to", "1")
    assert code == 0 and "移动" in out
    after = shown(capsys, path)["parts"][0]["articles"]
    assert [a["heading"] for a in after] == [before[7]["heading"]] + [
        a["heading"] for i, a in enumerate(before) if i != 7
    ]
    assert [a["label"] for a in after][:3] == ["第一条", "第二条", "第三条"]
    assert after[0]["clauses"][0]["label"] == "1.1"  # its clauses follow: 8.1 -> 1.1
    assert (path.parent / (path.name + ".bak")).exists()


def test_references_follow_their_articles_and_dangle_when_deleted(capsys, tmp_path):
    path = new_draft(capsys, tmp_path, 4)
    refs = [r for r in shown(capsys, path)["references"] if r["text"] in ("第四条", "第五条")]
    assert [(r["text"], r["status"]) for r in refs] == [("第四条", "ok"), ("第五条", "ok")]
    assert (
        run(capsys, "draft", "move", str(path), "--part", "2", "--article", "4", "--to", "1")[0]
        == 0
    )
    data = shown(capsys, path)
    assert "按照本合同第一条、第五条的规定执行" in all_text(data)
    assert run(capsys, "draft", "delete", str(path), "--part", "2", "--article", "5")[0] == 0
    data = shown(capsys, path)
    dangling = [r for r in data["references"] if r["status"] == "dangling"]
    assert [r["text"] for r in dangling] == ["第五条"]
    assert "按照本合同第一条、第五条的规定执行" in all_text(data)  # it keeps its last text


def test_filling_a_named_field_fills_every_occurrence(capsys, tmp_path):
    path = new_draft(capsys, tmp_path, 3)
    (field,) = [f for f in shown(capsys, path)["fields"] if f["name"] == "通知期限"]
    assert field["occurrences"] == 4 and field["value"] is None
    assert run(capsys, "draft", "fill", str(path), "通知期限=三十日")[0] == 0
    data = shown(capsys, path)
    (field,) = [f for f in data["fields"] if f["name"] == "通知期限"]
    assert field["value"] == "三十日"
    text = all_text(data)
    assert text.count("三十日") == 4 and "【通知期限】" not in text


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (
            ["draft", "new", "--from", SEED, "--document", "7", "-o", "{tmp}/x.contract"],
            ["6 contract"],
        ),
        (["draft", "fill", "{draft}", "没有这个=1"], ["没有这个"]),
        (["draft", "move", "{draft}", "--article", "40", "--to", "1"], ["no article 40"]),
        (["draft", "delete", "{draft}", "--part", "9", "--article", "1"], ["no part 9"]),
        (["draft", "show", "{tmp}/missing.contract"], ["missing.contract"]),
    ],
)
def test_draft_command_errors_are_one_clear_line(capsys, tmp_path, argv, words):
    path = new_draft(capsys, tmp_path, 1)
    argv = [a.replace("{tmp}", str(tmp_path)).replace("{draft}", str(path)) for a in argv]
    before = path.read_bytes()
    code, _, err = run(capsys, *argv)
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert all(w in err for w in words), err
    assert path.read_bytes() == before


def test_a_damaged_draft_is_refused_clearly(capsys, tmp_path):
    path = tmp_path / "bad.contract"
    path.write_text('{"format": "contract-editor/draft", "version": 1, "parts": [')
    code, _, err = run(capsys, "draft", "show", str(path))
    assert code == 2 and "bad.contract" in err and "damaged" in err
    path.write_text('{"format": "contract-editor/draft", "version": 99}')
    code, _, err = run(capsys, "draft", "show", str(path))
    assert code == 2 and "newer version" in err
