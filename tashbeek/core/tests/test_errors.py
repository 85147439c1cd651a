"""Error pages speak the reader's language and keep the site's frame."""

import pytest

pytestmark = pytest.mark.django_db


def test_404_and_403_pages_are_translated(client, resident):
    response = client.get("/events/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "الصفحة غير موجودة" in html and 'dir="rtl"' in html
    client.force_login(resident)
    response = client.get("/members/dues/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()
