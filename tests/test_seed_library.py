"""The bundled library: installed on first run, its topics right on the seed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from clause_db.bundled import install_seed_library, open_library
from clause_db.paths import default_library_path
from clause_db.store import ClauseLibrary

if TYPE_CHECKING:
    from pathlib import Path

CONFIDENTIALITY = {"保密条款", "数据与信息保护", "信息安全与保护"}


@pytest.fixture(scope="module")
def seed_library(tmp_path_factory) -> ClauseLibrary:
    path = tmp_path_factory.mktemp("seed") / "library.sqlite"
    install_seed_library(path)
    library = ClauseLibrary(path)
    yield library
    library.close()


def topic_of(library: ClauseLibrary, name: str):
    (topic,) = [t for t in library.topics() if t.name == name]
    return topic


def test_the_seed_library_holds_six_contracts(seed_library):
    stats = seed_library.stats()
    assert stats["sources"] == 6
    assert stats["articles"] == 141
    assert stats["placeholders"] > 0


def test_confidentiality_variants_share_one_topic(seed_library):
    topic = topic_of(seed_library, "保密")
    articles = seed_library.articles_in_topic(topic.id)
    headings = {a.heading for a in articles}
    assert headings >= CONFIDENTIALITY
    assert all("保密" in h or "信息" in h for h in headings)
    # every contract of the seed has its confidentiality article in the topic
    assert {a.source_id for a in articles if a.heading in CONFIDENTIALITY} == {
        s.id for s in seed_library.sources_list()
    }


def test_topic_grouping_is_explained(seed_library):
    topic = topic_of(seed_library, "保密")
    article = next(
        a for a in seed_library.articles_in_topic(topic.id) if a.heading == "信息安全与保护"
    )
    explanation = seed_library.topic_explanation(article.id)
    assert "信息安全与保护" in explanation and "保密" in explanation


def test_essential_topics_are_found_in_the_seed(seed_library):
    names = {t.name for t in seed_library.topics()}
    assert {"保密", "违约责任", "争议解决", "不可抗力"} <= names


def test_first_run_installs_the_seed_once_and_leaves_no_temporary_files(isolated_user_dirs):
    path = default_library_path()
    assert not path.exists()
    with open_library() as library:
        assert library.stats()["sources"] == 6
    assert sorted(p.name for p in path.parent.iterdir() if "installing" in p.name) == []
    with open_library() as library:  # the second run opens it, it does not import again
        assert library.stats()["sources"] == 6


def test_a_library_named_by_the_user_starts_empty(tmp_path: Path):
    with open_library(tmp_path / "mine.sqlite") as library:
        assert library.stats()["sources"] == 0


def test_the_library_lives_in_the_isolated_data_dir(isolated_user_dirs):
    assert default_library_path() == isolated_user_dirs / "data" / "library.sqlite"
