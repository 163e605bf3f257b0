"""A held-out measure of the checks: fixtures written without reading the checkers or the
labelled set they were tuned on (``tests/fixtures/checks_holdout/``, labelled as
``tests/fixtures/checks/`` is, judged by the same matcher). Once checkers were tuned against
that first set it was no longer blind, so ``checks_holdout2/`` (other kinds of contract,
labelled before any check was run on it) gave the honest figure until it too was tuned on;
``checks_holdout3/`` (eight more kinds of contract, one a .docx, labelled and committed before
any check was run on it) is the third, and ``checks_holdout4/`` (eight more kinds again, one
a .docx, labelled and committed before any check was run on it, for the final figures) is the
fourth; ``checks_holdout5/`` (seven more kinds, one .md and one .docx, labelled and committed
before any check was run on it) is the fifth, for the final figures. Each set prints its
table.

The labelled set scores what the checkers were built to find; this set estimates what they
do on contracts nobody here wrote. It is a measure, not a gate: the tests assert only that
the set is well formed and print precision and recall per kind, then every miss and every
false finding (past the capture, like the labelled test).
"""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from tests.test_checks_labelled import (
    ALL_KINDS,
    fixture_of,
    judged,
    labelled_files,
    read_labels,
    table,
)

# each held-out set, with the clean look-alikes it must hold at least
HOLDOUTS = {
    "checks_holdout": 3,
    "checks_holdout2": 2,
    "checks_holdout3": 2,
    "checks_holdout4": 2,
    "checks_holdout5": 2,
}
LABELS_AT_LEAST = 60
# the fifth set (seven contracts, one planted error or more of every kind) may hold fewer
LABELS_AT_LEAST_IN = {"checks_holdout5": 50}
held_out = pytest.mark.parametrize("folder", sorted(HOLDOUTS))


@held_out
def test_the_held_out_set_is_well_formed(folder: str) -> None:
    """Each labels file names its fixture and its source and speaks of known kinds; the set
    has enough labels and clean look-alikes to be worth a figure."""
    files = labelled_files(FIXTURES / folder)
    assert files, f"{folder}: no labelled fixtures"
    labels = []
    for labels_file in files:
        data, found = read_labels(labels_file)
        fixture_of(labels_file)
        assert data.get("source"), f"{labels_file.name}: say where the text came from"
        ignored = set(data.get("ignore_kinds", ()))
        assert ignored <= set(ALL_KINDS), f"{labels_file.name}: {ignored - set(ALL_KINDS)}"
        assert {x.kind for x in found} <= set(ALL_KINDS) - ignored, labels_file.name
        labels += found
    assert len(labels) >= LABELS_AT_LEAST_IN.get(folder, LABELS_AT_LEAST)
    assert sum(not read_labels(f)[1] for f in files) >= HOLDOUTS[folder]


@held_out
def test_the_held_out_measure_is_printed(folder: str, capsys) -> None:
    """Every fixture opens as the command line opens it and is checked; the table is the
    figure to report (no target asserted: the checkers were not tuned on this set)."""
    fixtures = judged(FIXTURES / folder)
    assert len(fixtures) == len(labelled_files(FIXTURES / folder))
    with capsys.disabled():
        print(f"\nchecks on the held-out set {folder}/\n" + table(fixtures))
