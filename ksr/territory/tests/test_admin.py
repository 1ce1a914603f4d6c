import pytest

from ksr.testing import unit

pytestmark = pytest.mark.django_db


def test_admin_is_read_only(cast, login):
    unit("1465011")
    client = login(cast.admin)
    cast.admin.is_superuser = True
    cast.admin.save()
    response = client.get("/admin/territory/territorialunit/", {"q": "warsz"})
    assert response.status_code == 200
    assert "1465011" in response.content.decode()
    assert client.get("/admin/territory/territorialunit/add/").status_code == 403
    pk = unit("1465011").pk
    assert client.get(f"/admin/territory/territorialunit/{pk}/change/").status_code == 200
    assert client.get(f"/admin/territory/territorialunit/{pk}/delete/").status_code == 403
