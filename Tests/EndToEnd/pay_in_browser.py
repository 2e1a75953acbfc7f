#!/usr/bin/env python3
"""End-to-end test in a real browser: headless Chromium driven by Selenium.

Starts `customer-center serve --preview` on a copy of the demo content, opens a demo customer's
personal link, pays an underpayment on one account and an overpayment on another through the
sandbox checkout, and finds the new open amount and the credit on the regenerated page; then announces
a top-up by bank transfer, finds it on the page, and opens the payment-request email.
Screenshots of every step go to $E2E_SCREENSHOTS (default: a temporary folder), never into git.

Usage: pay_in_browser.py BINARY REPO_DIR
Prints "N passed, M failed" and exits non-zero on a failure.
"""
import os, re, shutil, socket, subprocess, sys, tempfile, time, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

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
        if predicate():
            return True
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


try:
    # Jürgen Weiß (1001): 1.362,96 open on one account -> underpayment of 300,00.
    driver.get(personal_url("1001"))
    shot("1001-before")
    check("1001: page shows the open amount", "Offener Betrag\n1.362,96 €" in section_text("1001-STROM"))
    pay("1001-STROM", "300,00", "PayPal")
    ok = wait_for(lambda: (driver.refresh() or True) and "Offener Betrag\n1.062,96 €" in section_text("1001-STROM"))
    shot("1001-after")
    check("1001: underpayment leaves 1.062,96 € open", ok, section_text("1001-STROM")[:200])
    check("1001: the payment is listed", "300,00 €" in section_text("1001-STROM"))

    # Familie Becker (1006): gas account 193,00 open -> overpayment of 250,00 gives 57,00 credit.
    driver.get(personal_url("1006"))
    shot("1006-before")
    pay("1006-GAS", "250,00", "Karte")
    ok = wait_for(lambda: (driver.refresh() or True) and "Guthaben aus Überzahlung: 57,00 €" in section_text("1006-GAS"))
    driver.execute_script("document.querySelector(\"section[aria-labelledby='account-1006-GAS']\").scrollIntoView()")
    shot("1006-after")
    check("1006: overpayment shows 57,00 € credit", ok, section_text("1006-GAS")[:200])
    check("1006: gas has nothing open", "Offener Betrag\n0,00 €" in section_text("1006-GAS"))

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
