"""One real browser session: Playwright (sync API) drives Debian's Chromium, headless.

Types the example question, clicks "Hỏi", and checks that the bold answer and a
quote with the highlighted answer span appear; then that a hostile question is
shown as text (no dialog, no injected element); then follows the quote's link to
the document view with the passage highlighted in place.  Every request that is not
loopback is aborted: the page must work offline.  Screenshots go to the test's tmp dir
(the path is printed; ``pytest -s`` shows it).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from test_app import HOSTILE, QUESTION, start_app

CHROMIUM = Path(os.environ.get("HEALTHQA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set HEALTHQA_CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def app_url(bundled_index, tmp_path_factory):
    with start_app(bundled_index, tmp_path_factory.mktemp("app") / "app.log") as url:
        yield url


def test_ask_in_the_browser(browser, app_url, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 1100}, locale="vi-VN")
    outside: list[str] = []
    dialogs: list[str] = []

    def only_loopback(route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_loopback)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_default_timeout(30_000)
    page.goto(app_url + "/")

    # Example questions are on the page.
    page.get_by_text(QUESTION, exact=True).first.wait_for(state="visible")

    page.locator("#ask-question textarea").fill(QUESTION)
    page.locator("#ask-button").click()
    answer = page.locator("#ask-output .hq-answer strong")
    answer.wait_for()
    assert "Sở Giáo dục và Đào tạo" in answer.inner_text()
    quote = page.locator("#ask-output li.hq-quote").filter(has=page.locator("mark.hq-span")).first
    quote.wait_for()
    assert quote.locator("mark.hq-span").first.is_visible()
    assert "542/KH-UBND" in page.locator("#ask-output .hq-cite").all_inner_texts()[0] or any(
        "542/KH-UBND" in t for t in page.locator("#ask-output .hq-cite").all_inner_texts())
    assert page.locator("#ask-output button.hq-copy").count() >= 1
    shot = tmp_path / "ask.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"\nscreenshot: {shot}")

    # A hostile question is shown as text and never executed.
    page.locator("#ask-question textarea").fill(HOSTILE)
    page.locator("#ask-button").click()
    page.locator("#ask-output .hq-question-text", has_text="<script>").wait_for()
    assert page.locator("#ask-output script").count() == 0
    assert page.locator("#ask-output img").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []

    # The quote's link opens the document view with the passage highlighted in place.
    page.locator("#ask-question textarea").fill(QUESTION)
    page.locator("#ask-button").click()
    page.locator("#ask-output .hq-question-text", has_text=QUESTION).wait_for()
    href = page.locator("#ask-output a.hq-open").first.get_attribute("href")
    assert href and href.startswith("?doc=")
    page.goto(app_url + "/" + href)
    mark = page.locator("#doc-output mark#hq-hl")
    mark.wait_for()
    # Scrolled into view (inside the document pane and the window).
    page.wait_for_function("""() => { const m = document.getElementById('hq-hl'); if (!m) return false;
        const r = m.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }""")
    assert page.locator("#doc-output .hq-meta").is_visible()
    page.screenshot(path=str(tmp_path / "document.png"))
    print(f"screenshot: {tmp_path / 'document.png'}")
    assert outside == [], f"the page tried to reach the Internet: {outside[:3]}"
    page.close()


UPLOADED = "congbao_019.txt"  # a real Quyết định of the Prime Minister, not in the bundled index


@pytest.fixture(scope="module")
def upload_app_url(bundled_index, realdocs, tmp_path_factory):
    """The app with --allow-upload, on a copy of the bundled index (an upload changes the index)."""
    import shutil

    copy = tmp_path_factory.mktemp("upload-index") / "index"
    shutil.copytree(bundled_index, copy)
    with start_app(copy, tmp_path_factory.mktemp("upload-app") / "app.log", ("--allow-upload",)) as url:
        yield url


@pytest.mark.slow
def test_check_a_draft_and_add_a_document_in_the_browser(browser, upload_app_url, realdocs, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 1200}, locale="vi-VN")
    page.route("**/*", lambda route: route.continue_() if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost")
               else route.abort())
    page.set_default_timeout(60_000)
    page.goto(upload_app_url + "/")

    # Kiểm tra dự thảo: paste, check, the wrong date is flagged with the right citation.
    page.get_by_role("tab", name="Kiểm tra dự thảo").click()
    draft = ("Căn cứ Kế hoạch số 542/KH-UBND ngày 10/7/2024 của UBND tỉnh Nghệ An về triển khai y tế trường học; "
             "Căn cứ Quyết định số 4178/QĐ-BYT của Bộ Y tế;")
    page.locator("#check-text textarea").fill(draft)
    page.locator("#check-button").click()
    flagged = page.locator('#check-output li.hq-finding[data-verdicts~="wrong_date"]')
    flagged.wait_for()
    assert "542/KH-UBND ngày 09/7/2024" in flagged.locator(".hq-correction").inner_text()
    assert flagged.locator("blockquote").count() >= 1  # the evidence quote
    assert page.locator('#check-output li.hq-finding[data-verdicts~="unknown"]').count() == 1
    page.screenshot(path=str(tmp_path / "check.png"), full_page=True)
    print(f"\nscreenshot: {tmp_path / 'check.png'}")

    # Thêm văn bản: upload one real document; its header facts are shown; a search then finds it.
    page.get_by_role("tab", name="Thêm văn bản").click()
    page.locator("#upload-files input[type=file]").set_input_files(str(realdocs / "documents" / UPLOADED))
    page.locator("#upload-button").click()
    row = page.locator("#upload-output tr.hq-upload-row", has_text=UPLOADED)
    row.wait_for(timeout=240_000)
    assert "28/2021/QĐ-TTg" in row.inner_text()
    page.screenshot(path=str(tmp_path / "upload.png"), full_page=True)
    print(f"screenshot: {tmp_path / 'upload.png'}")
    page.get_by_role("tab", name="Tìm kiếm").click()
    page.locator("#search-query textarea").fill("Quyết định 28/2021/QĐ-TTg")
    page.locator("#search-button").click()
    page.locator("#search-output .hq-hit .hq-cite", has_text="28/2021/QĐ-TTg").first.wait_for()
    page.screenshot(path=str(tmp_path / "search-after-upload.png"), full_page=True)
    print(f"screenshot: {tmp_path / 'search-after-upload.png'}")
    page.close()
