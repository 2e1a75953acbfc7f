#!/usr/bin/env python3
"""End-to-end test in a real browser: headless Chromium driven by Selenium.

Starts `customer-center serve --preview` on a copy of the demo content, opens a demo customer's
personal link, pays an underpayment on one account, an amount typed with its currency sign
(`50,00 €`) on another, and an overpayment on a third through the sandbox checkout, and finds the new
open amounts and the credit on the regenerated pages; then announces a top-up by bank transfer, finds
it on the page, and opens the payment-request email. It checks every demo page at 320 px (nothing
scrolls sideways, IBANs and references unbroken) and prints a personal page to PDF (A4, page 1 with
the figures, nothing outside the page). Then it ticks two invoices of another customer, pays their
sum and finds both settled, opens the statement of account, downloads its CSV and prints it as an A4
PDF.
Screenshots of every step go to $E2E_SCREENSHOTS (default: a temporary folder), never into git.

Usage: pay_in_browser.py BINARY REPO_DIR
Prints "N passed, M failed" and exits non-zero on a failure.
"""
import base64, csv, glob, io, os, re, shutil, socket, subprocess, sys, tempfile, time, urllib.error, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

binary, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
work = tempfile.mkdtemp(prefix="customer-center-e2e-")
shots = os.environ.get("E2E_SCREENSHOTS") or os.path.join(work, "screenshots")
os.makedirs(shots, exist_ok=True)
for name in ["content", "Templates"]:
    shutil.copytree(os.path.join(repo, name), os.path.join(work, name))
shutil.copy(os.path.join(repo, "demo-secrets.toml"), work)

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
base = f"http://127.0.0.1:{port}"
server = subprocess.Popen([binary, "serve", "--preview", "--port", str(port)], cwd=work,
                          stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "serve.log"), "w"))
passed, failed = 0, 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def personal_url(customer):
    out = subprocess.run([binary, "links"], cwd=work, capture_output=True, text=True, check=True).stdout
    for row in out.splitlines():
        if row.startswith(customer + ","):
            token = row.rstrip("/").split("/")[-1]
            return f"{base}/c/{token}/"
    raise SystemExit(f"no customer {customer}")


def wait_for(predicate, seconds=15):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if predicate():
                return True
        except (StaleElementReferenceException, NoSuchElementException):
            # The page was replaced between finding an element and reading it (the next page loading):
            # look again.
            pass
        time.sleep(0.25)
    return False


def _up():
    try:
        return urllib.request.urlopen(base + "/healthz", timeout=1).status == 200
    except Exception:
        return False


wait_for(_up, 60)
options = Options()
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=390,844"]:
    options.add_argument(argument)
options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
step = 0


def shot(name):
    global step
    step += 1
    driver.save_screenshot(os.path.join(shots, f"{step:02d}-{name}.png"))


def section_text(account_id):
    """What a person reads in one account's section."""
    section = driver.find_element(By.CSS_SELECTOR, f"section[aria-labelledby='account-{account_id}']")
    return section.text.replace("\u00a0", " ")


def pay(account_id, amount, method_label):
    """Fills the account's pay form, goes through the sandbox checkout, returns to the page."""
    form = driver.find_element(By.CSS_SELECTOR, f"form.pay-form input[id='pay-{account_id}-amount']").find_element(By.XPATH, "./ancestor::form")
    field = form.find_element(By.NAME, "amount")
    field.clear()
    field.send_keys(amount)
    for label in form.find_elements(By.CSS_SELECTOR, "label.method"):
        if label.text.strip() == method_label:
            label.click()
    shot(f"form-{account_id}")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    check(f"{account_id}: the sandbox checkout opens", wait_for(lambda: "Sandbox-Kasse" in driver.page_source), driver.current_url)
    shot(f"sandbox-{account_id}")
    driver.find_element(By.CSS_SELECTOR, "button[value=pay]").click()
    check(f"{account_id}: thank-you page", wait_for(lambda: "Vielen Dank" in driver.page_source), driver.current_url)
    shot(f"thanks-{account_id}")
    driver.find_element(By.LINK_TEXT, "Zurück zu Ihrer Seite").click()


def no_sideways_scroll(name):
    """At the current width nothing sticks out: the page does not scroll sideways (issue 13)."""
    width = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    wide = driver.execute_script("""
        return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 40))""")
    check(f"{name}: no sideways scrolling at {width[1]} px", width[0] <= width[1] and width[1] <= 320, f"scrollWidth {width[0]}: {wide}")


def values_unbroken(name):
    """IBANs and RF references (with every transfer box opened) stand on one line."""
    broken = driver.execute_script("""
        document.querySelectorAll('details').forEach(d => d.open = true);
        return [...document.querySelectorAll('.bank dd.mono, .transfer__item .mono')].filter(e => {
            const range = document.createRange(); range.selectNodeContents(e);
            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
        }).map(e => e.textContent)""")
    check(f"{name}: IBAN and references unbroken at 320 px", not broken, str(broken))


def status_of(url):
    try:
        return urllib.request.urlopen(url, timeout=5).status
    except urllib.error.HTTPError as error:
        return error.code


try:
    # Jürgen Weiß (1001): 1.362,96 open on one account -> underpayment of 300,00.
    driver.get(personal_url("1001"))
    shot("1001-before")
    check("1001: page shows the open amount", "Offener Betrag\n1.362,96 €" in section_text("1001-STROM"))
    # Under the production headers (serve --preview applies _headers), the stylesheet still loads.
    check("1001: the stylesheet loads under the site's CSP",
          driver.execute_script("return getComputedStyle(document.body).backgroundColor") == "rgb(243, 245, 249)")
    icon = driver.execute_script("const l = document.querySelector('link[rel=icon]'); return l && l.href")
    check("1001: the favicon is there", bool(icon) and status_of(icon) == 200, str(icon))
    pay("1001-STROM", "300,00", "PayPal")
    ok = wait_for(lambda: (driver.refresh() or True) and "Offener Betrag\n1.062,96 €" in section_text("1001-STROM"))
    shot("1001-after")
    check("1001: underpayment leaves 1.062,96 € open", ok, section_text("1001-STROM")[:200])
    check("1001: the payment is listed", "300,00 €" in section_text("1001-STROM"))

    # Müller & Söhne (1002): 3.795,40 open; the customer types the amount with its currency sign, which
    # the browser sends as "50%2C00+%E2%82%AC".
    driver.get(personal_url("1002"))
    pay("1002-GEWERBE", "50,00 €", "Sofort")
    ok = wait_for(lambda: (driver.refresh() or True) and "Offener Betrag\n3.745,40 €" in section_text("1002-GEWERBE"))
    shot("1002-after")
    check("1002: 50,00 € typed with the sign is paid", ok, section_text("1002-GEWERBE")[:200])

    # Familie Becker (1006): gas account 193,00 open -> overpayment of 250,00 gives 57,00 credit.
    driver.get(personal_url("1006"))
    shot("1006-before")
    overview = driver.find_element(By.CSS_SELECTOR, "section.summary")
    check("1006: the overview on top shows 193,00 € open in all accounts",
          "Offen in allen Konten\n193,00 €" in overview.text.replace("\u00a0", " ")
          and overview.location["y"] < driver.find_element(By.CSS_SELECTOR, "section.account").location["y"], overview.text[:200])
    check("1006: the settled power account offers no pay form",
          not driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby='account-1006-STROM'] form"))
    pay("1006-GAS", "250,00", "Karte")
    ok = wait_for(lambda: (driver.refresh() or True) and "Guthaben aus Überzahlung: 57,00 €" in section_text("1006-GAS"))
    driver.execute_script("document.querySelector(\"section[aria-labelledby='account-1006-GAS']\").scrollIntoView()")
    shot("1006-after")
    check("1006: overpayment shows 57,00 € credit", ok, section_text("1006-GAS")[:200])
    check("1006: gas has nothing open", "Offener Betrag\n0,00 €" in section_text("1006-GAS"))
    check("1006: the payment row shows the invoices it settled and the credit",
          "RE-2026-6101: 96,50 €\nRE-2026-6102: 96,50 €\nGuthaben: 57,00 €" in section_text("1006-GAS"), section_text("1006-GAS")[-400:])

    # Anna Schmidt (1004, prepaid): announces a 50,00 top-up by bank transfer. The confirmation and the page
    # show the bank details, the fresh RF reference and the GiroCode; the outbox gets the email.
    driver.get(personal_url("1004"))
    form = driver.find_element(By.CSS_SELECTOR, "input[id='pay-1004-KARTE-amount']").find_element(By.XPATH, "./ancestor::form")
    form.find_element(By.NAME, "amount").send_keys("50,00")
    for label in form.find_elements(By.CSS_SELECTOR, "label.method"):
        if label.text.strip() == "Überweisung":
            label.click()
    shot("1004-form")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    check("1004: the transfer is announced", wait_for(lambda: "Ihre Überweisung ist angekündigt" in driver.page_source), driver.current_url)
    shot("1004-announced")
    topup_page = driver.current_url
    reference = re.search(r"RF\d\d \d{4} \d{4} \d{4}", driver.page_source)
    check("1004: the confirmation shows an RF reference", reference is not None)
    check("1004: the confirmation shows a GiroCode", len(driver.find_elements(By.CSS_SELECTOR, "figure.girocode img")) == 1)
    check("1004: the GiroCode image loads", driver.execute_script("return document.querySelector('figure.girocode img').naturalWidth") > 0)
    driver.find_element(By.LINK_TEXT, "Zurück zu Ihrer Seite").click()
    ok = wait_for(lambda: (driver.refresh() or True) and "Wartet auf Eingang" in section_text("1004-KARTE"))
    shot("1004-page")
    check("1004: the page shows the transfer awaiting receipt", ok and reference is not None and reference.group(0) in section_text("1004-KARTE"))
    outbox = os.path.join(work, ".customer-center", "outbox")
    emails = sorted(f for f in os.listdir(outbox) if f.endswith(".eml")) if os.path.isdir(outbox) else []
    check("1004: the payment request is in the outbox", len(emails) == 1, str(emails))
    if emails:
        preview = subprocess.run([sys.executable, os.path.join(repo, "scripts", "preview-email.py"), os.path.join(outbox, emails[0]),
                                  os.path.join(work, "email.html")], capture_output=True, text=True)
        driver.get("file://" + os.path.join(work, "email.html"))
        shot("1004-email")
        body = driver.find_element(By.TAG_NAME, "body").text
        check("1004: the email shows amount and reference", "50,00 €" in body.replace("\u00a0", " ") and reference is not None and reference.group(0) in body)
        image = driver.execute_script("const i = document.querySelector('img'); return i && i.complete && i.naturalWidth")
        check("1004: the email's GiroCode image loads", bool(image), str(image))
        # On a small phone the bank details of the email stay whole: IBAN and reference on one line each.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 320, "height": 800, "deviceScaleFactor": 1, "mobile": True})
        driver.get("file://" + os.path.join(work, "email.html"))
        no_sideways_scroll("1004: the email")
        lines = driver.execute_script("""
            return [...document.querySelectorAll('td, p')].filter(td => /^(DE\\d\\d( \\d{4}){4} \\d\\d|RF\\d\\d( \\d{4})+)$/.test(td.textContent.trim()))
                .map(td => { const r = document.createRange(); r.selectNodeContents(td);
                             return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })""")
        check("1004: the email's IBAN and reference each on one line at 320 px", lines == [1, 1], str(lines))
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    # A refused amount: the error page says what went wrong, titled "Fehler:", with the form to correct it.
    driver.get(personal_url("1001"))
    field = driver.find_element(By.ID, "pay-1001-STROM-amount")
    field.clear()
    field.send_keys("zwanzig")
    driver.find_element(By.CSS_SELECTOR, "form.pay-form button[type=submit]").click()
    wait_for(lambda: "Es gibt ein Problem" in driver.page_source)
    shot("1001-amount-error")
    check("a refused amount: the title starts with Fehler:", driver.title.startswith("Fehler: Bitte prüfen Sie den Betrag"), driver.title)
    check("a refused amount: the form comes back with what was typed",
          driver.find_element(By.ID, "pay-1001-STROM-amount").get_attribute("value") == "zwanzig")
    error_page = driver.current_url

    # Every demo page at 320 px (small phones, 400 % zoom): nothing scrolls sideways, IBAN and RF
    # references unbroken.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 320, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    pages = [("index", base + "/"), ("404", base + "/no/such/page/")]
    driver.get(base + "/")
    pages += [(a.get_attribute("href").replace(base, ""), a.get_attribute("href")) for a in driver.find_elements(By.CSS_SELECTOR, "footer a, .other-language a")
              if a.get_attribute("href").startswith(base + "/")]
    pages += [(f"customer {c}", personal_url(c)) for c in ["1001", "1002", "1003", "1004", "1005", "1006", "1007", "1008"]]
    pages += [("the amount error page", error_page), ("the top-up confirmation", topup_page)]
    for name, url in pages:
        driver.get(url)
        no_sideways_scroll(name)
        if name.startswith("customer") or name == "the top-up confirmation":
            values_unbroken(name)
            shot("320-" + name.replace(" ", "-"))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    # Printing a personal page: A4, page 1 with the figures (not only the header), no pay form or its
    # heading, nothing outside the page.
    driver.get(personal_url("1001"))
    pdf = os.path.join(work, "1001.pdf")
    with open(pdf, "wb") as out:
        out.write(base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"]))
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1)) if "Pages:" in info else 0
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    check("print: A4 pages", size is not None and abs(float(size.group(1)) - 595.3) < 2 and abs(float(size.group(2)) - 841.9) < 2, info)
    check("print: 1001's page takes one or two pages", 1 <= count <= 2, f"{count} pages")
    first = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", pdf, "-"], capture_output=True, text=True).stdout
    # (After the 300,00 above: 1.062,96 open, on RE-2026-1115.)
    check("print: page 1 holds the open amount and the open invoices", "1.062,96" in first and "RE-2026-1115" in first, first[:300])
    whole = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    # (Headings print in capitals: compare without case.)
    check("print: no pay form and no heading of one", "online bezahlen" not in whole.lower() and "weiter zur zahlung" not in whole.lower())
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    # The width of an A4 page inside the margins of style.css (210 mm - 2 x 14 mm), in CSS pixels.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 688, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
    outside = driver.execute_script("""
        return [...document.querySelectorAll('.table-wrap, .bank, .figure')].filter(e => {
            const card = e.closest('section'); return card && e.getBoundingClientRect().right > card.getBoundingClientRect().right + 0.5;
        }).length + (document.documentElement.scrollWidth > window.innerWidth ? 1 : 0)""")
    check("print: every table inside its card, nothing outside the page", outside == 0, f"{outside} outside")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    if os.environ.get("E2E_SCREENSHOTS"):
        shutil.copy(pdf, os.path.join(shots, "1001.pdf"))

    # Müller & Söhne (1002): ticks both open invoices (plain checkboxes), pays their sum, finds both settled.
    # (50,00 were paid on 1002 above: 1.430,00 are left on RE-2026-2001.)
    driver.get(personal_url("1002"))
    driver.find_element(By.CSS_SELECTOR, "details.selection summary").click()
    boxes = driver.find_elements(By.CSS_SELECTOR, "details.selection input[type=checkbox][name=invoice]")
    check("1002: a checkbox per open invoice", [b.get_attribute("value") for b in boxes] == ["RE-2026-2001", "RE-2026-2002"],
          str([b.get_attribute("value") for b in boxes]))
    for box in boxes:
        driver.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']").click()
    check("1002: both are ticked", all(b.is_selected() for b in boxes))
    shot("1002-ticked")
    driver.find_element(By.CSS_SELECTOR, "details.selection button[type=submit]").click()
    check("1002: the sum of the two is shown", wait_for(lambda: "Sie bezahlen 3.745,40 € für diese Rechnungen:" in
                                                       driver.find_element(By.TAG_NAME, "body").text.replace("\u00a0", " ")),
          driver.find_element(By.TAG_NAME, "body").text[:300])
    listed = [" ".join(item.text.replace("\u00a0", " ").split()) for item in driver.find_elements(By.CSS_SELECTOR, ".message-invoices li")]
    check("1002: each ticked invoice with its open amount", listed == ["RE-2026-2001 1.430,00 €", "RE-2026-2002 2.315,40 €"], str(listed))
    shot("1002-sum")
    driver.find_element(By.LINK_TEXT, "Karte").click()
    check("1002: the sandbox checkout asks for the sum", wait_for(lambda: "Sandbox-Kasse" in driver.page_source)
          and "3.745,40" in driver.page_source, driver.current_url)
    driver.find_element(By.CSS_SELECTOR, "button[value=pay]").click()
    check("1002: thank-you page", wait_for(lambda: "Vielen Dank" in driver.page_source), driver.current_url)
    driver.find_element(By.LINK_TEXT, "Zurück zu Ihrer Seite").click()
    ok = wait_for(lambda: (driver.refresh() or True) and "Offener Betrag\n0,00 €" in section_text("1002-GEWERBE"))
    shot("1002-after")
    text = section_text("1002-GEWERBE")
    check("1002: nothing is open after paying both", ok, text[:300])
    check("1002: both invoices are settled", "Keine offenen Rechnungen." in text and "Bezahlte Rechnungen (2)" in text, text[:400])
    check("1002: the payment names the two invoices", "RE-2026-2001: 1.430,00 €" in text.replace("\u00a0", " ") and "RE-2026-2002: 2.315,40 €" in text.replace("\u00a0", " "), text[-400:])

    # Its statement of account: the same figures, a CSV download, an A4 print.
    driver.find_element(By.LINK_TEXT, "Kontoauszug ansehen").click()
    check("1002: the statement opens", wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "h1#statement-title")), driver.current_url)
    statement = driver.find_element(By.TAG_NAME, "main").text.replace("\u00a0", " ")
    check("1002: the statement ends on 0,00 €", re.search(r"Saldo am \d\d\.\d\d\.\d{4}: 0,00 € ausgeglichen", statement) is not None, statement[-300:])
    check("1002: the statement lists the payment of both", "für RE-2026-2001, RE-2026-2002" in statement, statement[:600])
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    shot("1002-statement-390")
    widths = driver.execute_script("return [document.documentElement.scrollWidth, innerWidth]")
    check("1002: the statement does not scroll sideways at 390 px", widths[0] <= widths[1], str(widths))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads, exist_ok=True)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    link = driver.find_element(By.CSS_SELECTOR, "a[href='statement.csv'][download]")
    name = link.get_attribute("download")
    link.click()
    saved = os.path.join(downloads, name)
    check("1002: the CSV is downloaded under its name", wait_for(lambda: os.path.isfile(saved) and not glob.glob(saved + ".crdownload")),
          str(os.listdir(downloads)))
    if os.path.isfile(saved):
        data = open(saved, "rb").read()
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), strict=True))
        check("1002: the CSV starts with a UTF-8 byte order mark", data.startswith(b"\xef\xbb\xbf"))
        check("1002: the CSV has the German header", rows[0] == ["Konto", "Datum", "Beleg", "Beschreibung", "Belastung", "Gutschrift", "Saldo", "Währung"], str(rows[:1]))
        check("1002: the CSV ends on 0.00 after the payment of both", rows[-1][6] == "0.00" and rows[-1][5] == "3745.40"
              and rows[-1][3].endswith("für RE-2026-2001, RE-2026-2002"), str(rows[-1]))
    head = urllib.request.urlopen(driver.current_url.rsplit("/", 1)[0] + "/statement.csv", timeout=5)
    check("1002: the CSV is served as text/csv", head.headers.get("Content-Type", "").startswith("text/csv"), head.headers.get("Content-Type"))
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
    open(os.path.join(shots, f"{step + 1:02d}-1002-statement.pdf"), "wb").write(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", pdf)
    a4 = box is not None and abs(float(box.group(1)) - 595.28) < 1.5 and abs(float(box.group(2)) - 841.89) < 1.5  # 210 x 297 mm
    check("1002: the statement prints on A4", pdf.startswith(b"%PDF-") and a4 and pages == 1, f"{pages} pages, A4 {a4}")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 680, "height": 960, "deviceScaleFactor": 1, "mobile": False})
    widths = driver.execute_script("return [document.documentElement.scrollWidth, innerWidth]")
    check("1002: nothing of the printed statement is outside the page", widths[0] <= widths[1], str(widths))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
finally:
    driver.quit()
    server.terminate()
    server.wait(timeout=10)
    if os.environ.get("E2E_SCREENSHOTS"):
        print(f"screenshots: {shots}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
