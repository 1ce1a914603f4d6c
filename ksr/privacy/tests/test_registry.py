import pytest

from ksr.privacy import registry
from ksr.privacy.exporters import build_export
from ksr.privacy.tests.helpers import consent


def test_own_exporters_and_anonymiser_are_registered():
    assert {"participant", "consents"} <= set(registry.exporters())
    assert "consents" in registry.anonymisers()


@pytest.mark.django_db
def test_build_export_has_every_section_and_survives_a_failing_exporter(cast):
    c = consent(cast)

    def broken(p):
        raise RuntimeError("boom")

    registry.register_exporter("broken-test", broken)
    registry.register_exporter("extra-test", lambda p: {"answer": p.pk})
    try:
        data = build_export(c.participant)
    finally:
        registry.unregister("broken-test")
        registry.unregister("extra-test")
    sections = data["sections"]
    assert sections["participant"]["first_name"] == "Jan"
    assert sections["consents"]["items"][0]["partner"] == cast.library_waw.name
    assert sections["extra-test"] == {"answer": c.participant.pk}
    assert sections["broken-test"] == {"error": "export failed"}


def test_registering_again_replaces():
    registry.register_anonymiser("twice-test", lambda p: None)
    second = registry.register_anonymiser("twice-test", lambda p: None)
    assert registry.anonymisers()["twice-test"] is second
    registry.unregister("twice-test")
    assert "twice-test" not in registry.anonymisers()
