#!/usr/bin/env python3
"""The emails as a customer's phone shows them: headless Chromium driven by Selenium.

On a copy of the demo content: `build`, `send-links --all`, `remind --as-of 2026-11-29` and a top-up
announced by transfer (`request-transfer`) fill the outbox. Every message there is turned into an HTML
page by scripts/preview-email.py (its inline GiroCodes embedded) and opened at 320, 390 and 1280 px:
the page must not scroll sideways, no IBAN, BIC or RF reference may wrap inside its value, every
GiroCode image must load, and the message must carry its customer's personal link.
Screenshots go to $E2E_SCREENSHOTS (default: a temporary folder), never into git.

Usage: emails_in_browser.py BINARY REPO_DIR
Prints "N passed, M failed" and exits non-zero on a failure.
"""
import email, os, re, shutil, subprocess, sys, tempfile
from email import policy

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

binary, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
work = tempfile.mkdtemp(prefix="customer-center-emails-")
shots = os.environ.get("E2E_SCREENSHOTS") or os.path.join(work, "screenshots")
os.makedirs(shots, exist_ok=True)
for name in ["content", "Templates"]:
    shutil.copytree(os.path.join(repo, name), os.path.join(work, name))
shutil.copy(os.path.join(repo, "demo-secrets.toml"), work)
passed, failed = 0, 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def run(*arguments):
    result = subprocess.run([binary, *arguments], cwd=work, capture_output=True, text=True)
    check(" ".join(arguments), result.returncode == 0, result.stderr)
    return result.stdout


run("build", "--as-of", "2026-11-29")
run("send-links", "--all")
run("remind", "--as-of", "2026-11-29")
run("request-transfer", "1004", "--account", "1004-KARTE", "--amount", "50,00")
links = {}
for row in run("links").splitlines()[1:]:
    fields = row.split(",")
    links[fields[-2]] = fields[-1]

outbox = os.path.join(work, ".customer-center", "outbox")
messages = sorted(name for name in os.listdir(outbox) if name.endswith(".eml"))
check("the outbox holds 8 links, 2 reminders and 1 payment request", len(messages) == 11, str(len(messages)))

options = Options()
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]:
    options.add_argument(argument)
options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)

# Elements whose whole text is an IBAN, a BIC or an RF reference, and how many lines each takes.
MEASURE = r"""
const values = [];
for (const element of document.querySelectorAll('p, td, span, strong')) {
  const text = element.textContent.trim();
  if (/^(?:[A-Z]{2}\d\d(?: [A-Z0-9]{4})+(?: [A-Z0-9]{1,4})?|RF\d\d(?: [0-9A-Z]{1,4})+|[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)$/.test(text)) {
    const range = document.createRange();
    range.selectNodeContents(element);
    const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
    values.push([text, lines.size]);
  }
}
const images = [...document.images].map(image => [image.alt, image.complete && image.naturalWidth > 0]);
return [document.documentElement.scrollWidth, window.innerWidth, values, images];
"""

try:
    for name in messages:
        path = os.path.join(outbox, name)
        with open(path, "rb") as f:
            message = email.message_from_binary_file(f, policy=policy.default)
        kind = message["X-Customer-Center-Kind"]
        address = message["To"].addresses[0].addr_spec
        page = os.path.join(work, name.replace(".eml", ".html"))
        subprocess.run([sys.executable, os.path.join(repo, "scripts", "preview-email.py"), path, page], check=True,
                       capture_output=True)
        html = open(page, encoding="utf-8").read()
        label = f"{kind} to {address}"
        url = links.get(address, "")
        check(f"{label}: carries the customer's link", url and f'href="{url}"' in html, url)
        for width in (320, 390, 1280):
            driver.set_window_size(width, 900)
            driver.get("file://" + page)
            scroll, inner, values, images = driver.execute_script(MEASURE)
            # Chromium reports the window's width; the scrollbar (none here) would take some of it.
            check(f"{label} at {width} px: no sideways scrolling", scroll <= inner, f"{scroll} > {inner}")
            if kind in ("reminder", "payment-request"):
                texts = [text for text, _ in values]
                check(f"{label} at {width} px: IBAN, BIC and reference shown",
                      "DE89 3704 0044 0532 0130 00" in texts and "COBADEFFXXX" in texts
                      and any(text.startswith("RF") for text in texts), str(texts))
                wrapped = [text for text, lines in values if lines > 1]
                check(f"{label} at {width} px: no value wraps inside", not wrapped, str(wrapped))
                check(f"{label} at {width} px: every GiroCode loads", images and all(loaded for _, loaded in images), str(images))
            safe = re.sub(r"[^a-z0-9]+", "-", label.lower())
            driver.set_window_size(width, 2400)
            driver.save_screenshot(os.path.join(shots, f"email-{safe}-{width}.png"))
finally:
    driver.quit()

print(f"{passed} passed, {failed} failed")
if not os.environ.get("E2E_SCREENSHOTS"):
    shutil.rmtree(work, ignore_errors=True)
else:
    print(f"kept {work}")
sys.exit(1 if failed else 0)
