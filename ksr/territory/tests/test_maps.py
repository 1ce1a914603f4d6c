"""The SVG choropleth of powiats rendered from the GeoJSON boundaries (no database needed)."""

import re

import pytest

from ksr.territory import maps


def _paths(svg):
    return re.findall(r'<path class="powiat (b\d)" data-code="(\d{4})"', svg)


def test_the_country_has_380_powiats_and_16_voivodeships():
    assert len(maps.powiat_features()) == 380
    assert len(maps.voivodeship_features()) == 16
    assert maps.powiat_features() is maps.powiat_features()  # parsed once


def test_national_map_draws_every_powiat_and_marks_those_with_none():
    svg = maps.render_powiat_map({"1465": 3, "1261": 9}, title="Poland", description="A map")
    paths = _paths(svg)
    assert len(paths) == 380
    buckets = {code: b for b, code in paths}
    assert buckets["1465"] == "b2" and buckets["1261"] == "b4"
    assert sum(1 for b in buckets.values() if b == "b0") == 378
    assert "url(#map-hatch)" in svg and '<pattern id="map-hatch"' in svg
    assert "<title>Warszawa: 3</title>" in svg and "<title>bolesławiecki: 0</title>" in svg
    assert 'role="img" aria-labelledby="map-title map-desc"' in svg
    assert '<title id="map-title">Poland</title>' in svg and '<desc id="map-desc">A map</desc>' in svg
    assert '<path class="border"' in svg
    assert len(svg.encode()) < 400_000


def test_voivodeship_map_zooms_to_its_powiats():
    svg = maps.render_powiat_map({}, title="Małopolska", voivodeship="12", id_prefix="m12")
    codes = [code for _, code in _paths(svg)]
    assert len(codes) == 22 and all(code.startswith("12") for code in codes)
    assert 'aria-labelledby="m12-title"' in svg
    assert all(b == "b0" for b, _ in _paths(svg))
    width, height = map(int, re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups())
    assert width == maps.MAP_WIDTH and height > 0


def test_text_is_escaped():
    svg = maps.render_powiat_map({}, title='<script>alert("x")</script>', voivodeship="14")
    assert "<script>" not in svg and "&lt;script&gt;" in svg


@pytest.mark.parametrize(("value", "bucket"), [(0, 0), (1, 1), (2, 2), (3, 2), (4, 3), (6, 3), (7, 4), (70, 4)])
def test_buckets(value, bucket):
    assert maps.bucket_index(value) == bucket


def test_legend_matches_the_buckets():
    legend = maps.map_legend((1, 5, 10))
    expected = [("b0", 0, 0), ("b1", 1, 4), ("b2", 5, 9), ("b3", 10, None)]
    assert [(i.css_class, i.low, i.high) for i in legend] == expected
    assert legend[0].is_zero and legend[0].hatched and "<path" in legend[0].swatch
    assert len({i.fill for i in legend}) == 4


@pytest.mark.parametrize("bad", [(), (0, 1), (3, 2), (1, 1)])
def test_bad_thresholds_are_refused(bad):
    with pytest.raises(ValueError):
        maps.map_legend(bad)


def test_bad_voivodeship_is_refused():
    with pytest.raises(ValueError):
        maps.render_powiat_map({}, title="x", voivodeship="1465")
    with pytest.raises(ValueError):
        maps.render_powiat_map({}, title="x", voivodeship="99")
