"""Two people printing at the same moment: the locked counter gives each document its own number,
and one record printed twice at once gets one identifier."""

import threading

import pytest
from django.db import connection

from ksr.documents import services
from ksr.documents.models import IssuedDocument
from ksr.documents.registry import document_kind
from ksr.documents.tests import helpers as h

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks (SELECT … FOR UPDATE) need PostgreSQL"),
]


def print_at_once(records, actors):
    together = threading.Barrier(len(records), timeout=10)
    errors: list[Exception] = []

    def issue(record, actor):
        try:
            together.wait()
            services.generate(document_kind("IPD"), record, "pdf", actor=actor)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=pair) for pair in zip(records, actors, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []


def test_two_documents_printed_at_once_get_consecutive_numbers(cast):
    print_at_once([h.plan(cast), h.plan(cast)], [cast.case_manager, cast.kis_manager])
    assert sorted(IssuedDocument.objects.values_list("sequence", flat=True)) == [1, 2]


def test_one_record_printed_twice_at_once_keeps_one_identifier(cast):
    plan = h.plan(cast)
    print_at_once([plan, plan], [cast.case_manager, cast.kis_manager])
    assert IssuedDocument.objects.count() == 1
