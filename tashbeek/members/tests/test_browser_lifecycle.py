"""The whole membership lifecycle in the browser, in Arabic: apply with a resolution → the
committee asks for information → the applicant answers and resubmits → accept → suspend →
reinstate. E-mails are checked in the outbox, each in its recipient's language."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from conftest import MINIMAL_PDF
from tashbeek.members.models import Application, Organisation
from tashbeek.tests.browser import axe_violations as _axe
from tashbeek.tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, email, then):
    page.goto(f"{live_server.url}/accounts/login/?next={then}")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}{then}")


def _subjects(address):
    return [m.subject for m in mail.outbox if address in m.to]


@pytest.fixture
def people(db):
    committee, _ = Group.objects.get_or_create(name="steering_committee")
    applicant = UserFactory(
        email="rais@tiznit.ma", full_name="سعيد أمزيان", preferred_language="ar"
    )
    member = UserFactory(
        email="comite@reseau.org", full_name="Claire Martin", preferred_language="fr"
    )
    member.groups.add(committee)
    return {"applicant": applicant, "committee": member}


def _apply(page, live_server, tmp_path):
    page.goto(f"{live_server.url}/members/join/")
    page.get_by_role("button", name="بدء طلب أو متابعته").click()
    page.wait_for_url("**/step/organisation/")
    page.fill("input[name=names_ar]", "جماعة تيزنيت")
    page.fill("input[name=names_fr]", "Commune de Tiznit")
    page.select_option("select[name=kind]", "urban_commune")
    page.select_option("select[name=country]", "MA")
    page.fill("input[name=population]", "٧٤٦٩٩")
    page.fill("input[name=population_year]", "٢٠٢٤")
    page.get_by_role("button", name="الحفظ والمتابعة").click()
    page.wait_for_url("**/step/focal/")
    page.fill("input[name=focal_title]", "رئيس قسم التعاون")
    page.fill("input[name=focal_phone]", "+212 528 000 000")
    page.get_by_role("button", name="الحفظ والمتابعة").click()
    page.wait_for_url("**/step/motivation/")
    page.fill("textarea[name=motivation]", "نرغب في تبادل التجارب حول النقل المدرسي والنظافة.")
    page.get_by_role("button", name="الحفظ والمتابعة").click()
    page.wait_for_url("**/step/documents/")
    resolution = tmp_path / "مقرر-المجلس.pdf"
    resolution.write_bytes(MINIMAL_PDF)
    page.set_input_files("input[name=file]", str(resolution))
    page.get_by_role("button", name="الرفع والمتابعة").click()
    page.wait_for_url("**/step/review/")
    assert "جماعة تيزنيت" in page.locator("dl.facts").inner_text()
    page.check("input[name=declaration]")
    page.get_by_role("button", name="تقديم الطلب").click()
    page.wait_for_url("**/applications/*/")


def test_membership_lifecycle_in_arabic(browser, live_server, people, tmp_path):
    applicant_context = browser.new_context(locale="ar")
    applicant_page = applicant_context.new_page()
    applicant_page.set_default_timeout(15_000)
    committee_context = browser.new_context(locale="fr")
    committee_page = committee_context.new_page()
    committee_page.set_default_timeout(15_000)

    # 1. Apply, with the resolution, in Arabic.
    _sign_in(applicant_page, live_server, "rais@tiznit.ma", "/members/join/")
    assert applicant_page.locator("html").get_attribute("dir") == "rtl"
    _apply(applicant_page, live_server, tmp_path)
    application = Application.objects.get()
    assert application.status == "submitted" and application.population == 74699
    assert application.reference in applicant_page.locator("h1").inner_text()
    assert any("استلمنا الطلب" in s for s in _subjects("rais@tiznit.ma"))
    assert any("attend son examen" in s for s in _subjects("comite@reseau.org"))
    assert _axe(applicant_page) == []

    # 2. The committee (reading in French) asks for information.
    url = f"/members/applications/{application.pk}/"
    _sign_in(committee_page, live_server, "comite@reseau.org", url)
    committee_page.locator("main details summary").first.click()
    committee_page.fill(
        "form[action$='/messages/question/'] textarea[name=body]",
        "Merci de joindre la page signée de la délibération.",
    )
    committee_page.locator("form[action$='/messages/question/'] button").click()
    committee_page.wait_for_url(f"**{url}")
    assert Application.objects.get().status == "needs_info"
    assert any("تطرح لجنة التسيير سؤالا" in s for s in _subjects("rais@tiznit.ma"))

    # 3. The applicant answers, replaces the resolution and resubmits.
    applicant_page.goto(live_server.url + url)
    assert "la page signée" in applicant_page.locator(".conversation").first.inner_text()
    applicant_page.fill(
        "form[action$='/messages/answer/'] textarea[name=body]", "أرفقنا الصفحة الموقعة."
    )
    applicant_page.get_by_role("button", name="إرسال الجواب").click()
    applicant_page.wait_for_url(f"**{url}")
    applicant_page.goto(f"{live_server.url}{url}step/documents/")
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(MINIMAL_PDF)
    applicant_page.set_input_files("input[name=file]", str(signed))
    applicant_page.get_by_role("button", name="الرفع والمتابعة").click()
    applicant_page.wait_for_url("**/step/review/")
    applicant_page.check("input[name=declaration]")
    applicant_page.get_by_role("button", name="إعادة تقديم الطلب").click()
    applicant_page.wait_for_url(f"**{url}")
    assert Application.objects.get().status == "submitted"

    # 4. The committee accepts, with reasons.
    committee_page.goto(live_server.url + url)
    committee_page.check("input[name=decision][value=accepted]")
    committee_page.fill(
        "form[action$='/decide/'] textarea[name=reasons]",
        "Délibération conforme ; la commune remplit les conditions de la charte.",
    )
    committee_page.fill("input[name=meeting_reference]", "CP 2026/4")
    committee_page.locator("form[action$='/decide/'] button").click()
    committee_page.wait_for_url(f"**{url}")
    organisation = Organisation.objects.get(applications__pk=application.pk)
    assert organisation.membership_status == "active"
    assert any("مرحبا بكم في الشبكة" in s for s in _subjects("rais@tiznit.ma"))

    # 5. Suspend, then reinstate, from the membership page.
    membership = f"/members/{organisation.pk}/membership/"
    for kind, reasons in (
        ("suspended", "Non-respect répété de la charte."),
        ("reinstated", "Situation régularisée."),
    ):
        committee_page.goto(live_server.url + membership)
        committee_page.check(f"input[name=kind][value={kind}]")
        committee_page.fill("textarea[name=reasons]", reasons)
        committee_page.locator("form[action$='/membership/decide/'] button").click()
        committee_page.wait_for_url(f"**{membership}")
        organisation.refresh_from_db()
        assert organisation.membership_status == ("suspended" if kind == "suspended" else "active")
    subjects = _subjects("rais@tiznit.ma")
    assert any("عُلّقت عضوية" in s for s in subjects)
    assert any("أعيد تفعيل عضوية" in s for s in subjects)

    # The member's status page shows the whole history, in Arabic, with the reasons.
    applicant_page.goto(live_server.url + membership)
    history = applicant_page.locator("ol.history").inner_text()
    assert "Non-respect répété de la charte." in history and "أعيد تفعيلها" in history
    assert applicant_page.locator("ol.history li").count() == 3
    assert _axe(applicant_page) == []
    applicant_context.close()
    committee_context.close()
