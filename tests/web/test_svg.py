"""The server-side charts: well-formed SVG, escaped labels, marks in proportion to the data."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from unsc.web import svg

NS = {"s": "http://www.w3.org/2000/svg"}


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def test_bar_lengths_are_proportional() -> None:
    root = parse(
        svg.bar_chart(
            [("USSR / Russia", 120), ("United States", 80), ("China", 20)],
            chart_id="v",
            title="Vetoes by member",
            desc="Vetoes cast",
        )
    )
    widths = [float(r.get("width", "0")) for r in root.findall("s:rect", NS)]
    assert widths[0] / widths[1] == 120 / 80
    assert widths[0] / widths[2] == 120 / 20
    assert root.get("role") == "img"
    assert root.find("s:title", NS) is not None and root.find("s:desc", NS) is not None


@given(st.lists(st.tuples(st.text(max_size=20), st.floats(0, 1e6)), max_size=8))
def test_any_labels_give_well_formed_svg(rows: list[tuple[str, float]]) -> None:
    clean = [("".join(c for c in label if c.isprintable()), v) for label, v in rows]
    root = parse(svg.bar_chart(clean, chart_id="x", title="<t>", desc="&"))
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    for label, _ in clean:
        assert label in texts or not label


def test_markup_in_labels_is_escaped() -> None:
    out = str(svg.bar_chart([("<script>x</script>", 1)], chart_id="e", title="t", desc="d"))
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_line_chart_has_one_path_per_series() -> None:
    root = parse(
        svg.line_chart(
            {"USA": [(2000, 0.9), (2001, 0.8)], "RUS": [(2000, 0.7), (2001, 0.75)]},
            chart_id="a",
            title="Agreement",
            desc="d",
            y_label="agreement",
        )
    )
    assert len(root.findall("s:path", NS)) == 2


def test_timeline_numbers_events_and_spans() -> None:
    lanes = [
        svg.Lane(
            "Mandates",
            (
                svg.Span(date(2013, 4, 25), date(2014, 6, 30), "2100", href="/resolutions/2100"),
                svg.Span(date(2014, 6, 30), date(2015, 6, 30), "2164"),
            ),
        ),
        svg.Lane("Consent", (svg.Point(date(2023, 6, 16), "withdrawal requested"),)),
    ]
    root = parse(svg.timeline(lanes, chart_id="t", title="MINUSMA", desc="d"))
    assert len(root.findall(".//s:rect", NS)) == 2
    assert len(root.findall(".//s:circle", NS)) == 1
    assert root.find(".//s:a", NS) is not None


def test_kind_colours_are_stable() -> None:
    assert svg.kind_color("some new kind") == svg.kind_color("some new kind")
