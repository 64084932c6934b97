"""The MEANTIME reader and the TempEval-3 style scorer.

MEANTIME corpus © 2015 FBK, VU Amsterdam, UPV/EHU, CC BY 4.0 (read from ../shared, not copied).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from annotator.core.dates.finder import Timex
from annotator.core.dates.meantime import (
    ATTRIBUTION,
    Doc,
    GoldTimex,
    default_corpus_dir,
    evaluate,
    format_report,
    load_corpus,
    load_document,
)

CORPUS = default_corpus_dir()
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no MEANTIME corpus at {CORPUS}")


def _doc(text: str, gold: list[GoldTimex], dct_span: tuple[int, int] | None = None) -> Doc:
    return Doc("d", "f", text, date(2025, 3, 4), dct_span, gold, scored_end=len(text))


def _finder(timexes: list[Timex]):
    def find(text: str, published=None) -> list[Timex]:
        return timexes

    return find


def test_scorer_on_hand_made_cases() -> None:
    text = "on Tuesday and last week, for three years, every day"
    gold = [
        GoldTimex(3, 10, "Tuesday", "DATE", "2025-03-04"),
        GoldTimex(15, 24, "last week", "DATE", "2025-W09"),
        GoldTimex(30, 41, "three years", "DURATION", "P3Y"),
        GoldTimex(43, 52, "every day", "SET", "P1D"),
    ]
    system = [
        Timex(3, 10, "Tuesday", "DATE", "2025-03-04"),  # exact, right value
        Timex(20, 24, "week", "DATE", "2025-W10"),  # overlap, wrong value
        Timex(26, 41, "for three years", "DURATION", "P3Y"),  # overlap, right value
        Timex(0, 2, "on", "DATE", "X"),
    ]  # spurious
    r = evaluate([_doc(text, gold)], finder=_finder(system))
    o = r["overall"]
    assert (o["gold"], o["system"]) == (4, 4)
    assert o["strict"]["p"] == pytest.approx(1 / 4) and o["strict"]["r"] == pytest.approx(1 / 4)
    assert o["relaxed"]["p"] == pytest.approx(3 / 4) and o["relaxed"]["r"] == pytest.approx(3 / 4)
    assert o["value"]["f1"] == pytest.approx(2 / 4)
    # value F1 = value accuracy over relaxed matches x relaxed F1
    assert o["value"]["f1"] == pytest.approx((2 / 3) * o["relaxed"]["f1"])
    assert o["type_accuracy"] == 1.0
    s = r["per_type"]["SET"]
    assert (s["gold"], s["system"], s["relaxed"]["r"]) == (1, 0, 0.0)
    d = r["per_type"]["DURATION"]
    assert d["relaxed"]["f1"] == 1.0 and d["strict"]["f1"] == 0.0


def test_one_system_span_matches_only_one_gold() -> None:
    text = "from March to June"
    gold = [
        GoldTimex(5, 10, "March", "DATE", "2025-03"),
        GoldTimex(14, 18, "June", "DATE", "2025-06"),
    ]
    r = evaluate([_doc(text, gold)], finder=_finder([Timex(0, 18, text, "DATE", "2025-03")]))
    assert r["overall"]["relaxed"]["r"] == 0.5 and r["overall"]["relaxed"]["p"] == 1.0


def test_dct_span_and_unannotated_tail_are_not_scored() -> None:
    text = "Title\nMarch 4, 2025\nHe left on Monday.\nMore on Friday."
    gold = [GoldTimex(31, 37, "Monday", "DATE", "2025-03-03")]
    doc = _doc(text, gold, dct_span=(6, 19))
    doc.scored_end = 38
    system = [
        Timex(6, 19, "March 4, 2025", "DATE", "2025-03-04"),
        Timex(31, 37, "Monday", "DATE", "2025-03-03"),
        Timex(47, 53, "Friday", "DATE", "2025-02-28"),
    ]
    r = evaluate([doc], finder=_finder(system))
    assert r["overall"]["system"] == 1 and r["overall"]["value"]["f1"] == 1.0


def test_report_has_attribution_and_rows() -> None:
    r = evaluate([_doc("x", [])], finder=_finder([]))
    report = format_report(r)
    assert ATTRIBUTION in report and "FBK" in report
    assert [line.split()[0] for line in report.splitlines()[3:]] == [
        "overall",
        "DATE",
        "TIME",
        "DURATION",
        "SET",
    ]


@needs_corpus
def test_reader_maps_token_anchors_to_offsets() -> None:
    files = sorted((CORPUS / "intra-doc_annotation").rglob("*.xml"))[:3]
    assert len(files) == 3
    for path in files:
        doc = load_document(path)
        root = ET.parse(path).getroot()
        words = {t.get("t_id"): t.text for t in root.iter("token")}
        gold = {}
        for tx in root.find("Markables").iter("TIMEX3"):
            anchors = [a.get("t_id") for a in tx.iter("token_anchor")]
            if anchors and tx.get("functionInDocument") != "CREATION_TIME":
                ids = sorted(anchors, key=int)
                gold[(tx.get("value"), "".join(words[i] for i in ids))] = tx.get("type")
        assert len(doc.timexes) == len(gold) > 0
        for g in doc.timexes:
            assert g.text == doc.text[g.start : g.end]
            assert gold[(g.value, g.text.replace(" ", ""))] == g.type
        assert isinstance(doc.dct, date)
        assert (
            doc.dct_span is not None
            and doc.text.split("\n")[1] == doc.text[doc.dct_span[0] : doc.dct_span[1]]
        )


@needs_corpus
def test_first_document_text_and_dct() -> None:
    doc = load_document(
        sorted((CORPUS / "intra-doc_annotation" / "corpus_airbus").glob("100911_*.xml"))[0]
    )
    assert doc.text.startswith("Northrop Grumman and Airbus parent EADS defeat Boeing for $40")
    assert doc.dct == date(2008, 3, 1)
    assert doc.text[doc.dct_span[0] : doc.dct_span[1]] == "March 01, 2008"
    pairs = [(g.text, g.value) for g in doc.timexes]
    assert pairs[0] == ("a year", "P1Y") and ("fifty-year", "P50Y") in pairs


@needs_corpus
def test_whole_corpus_scores_at_least_the_recorded_level() -> None:
    docs = load_corpus(CORPUS)
    assert len(docs) == 120 and sum(len(d.timexes) for d in docs) == 370
    r = evaluate(docs)
    # Figures when last raised: value F1 0.848, strict span F1 0.909, relaxed 0.948 (README).
    assert r["overall"]["value"]["f1"] > 0.84
    assert r["overall"]["strict"]["f1"] > 0.90
    assert r["overall"]["relaxed"]["f1"] > 0.94


def test_missing_corpus_is_an_input_error(tmp_path: Path) -> None:
    from annotator.core.errors import InputError

    with pytest.raises(InputError):
        load_corpus(tmp_path / "nope")


def test_errors_are_listed_only_beside_a_held_out_folder(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Without --hold-out, --errors would list every folder's errors: it is refused."""
    from annotator.core.dates.meantime import main

    assert main(["--errors"]) == 2
    assert "--hold-out" in capsys.readouterr().err
