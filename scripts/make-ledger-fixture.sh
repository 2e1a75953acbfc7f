#!/usr/bin/env bash
# Makes Tests/CustomerCenterLedgerTests/Fixtures/ledger-v6.sqlite: a ledger at migration v6 written by
# the real commands of commit ef46098 (the last one whose newest migration is v6), for the migration
# test (LedgerMigrationTests). The fixture is committed; the tests never need the old build.
#
#   scripts/make-ledger-fixture.sh [OLD_TREE]     (default /tmp/ledger-v6; needs python3, sqlite3, faketime)
#
# It checks ef46098 out in OLD_TREE (a git worktree outside the repository), builds customer-center
# there (about 6 minutes cold), and on a copy of that commit's demo (content/, Templates/,
# demo-secrets.toml, plus one customer with a CHF account) runs: build; serve with the sandbox provider,
# receiving signed callbacks (payments of every method and purpose, with invoices and credit, refunds
# booked, waiting and of unmatched money, an unknown customer, a currency mismatch, a repeated event
# and a repeated payment), send-test-callback (sandbox and Stripe), checkouts through /pay and the
# sandbox (paid, paid another amount, declined, cancelled, left pending); request-transfer (emails
# sent to the outbox, then failing and queued, then failed), approve, reject, import-statement of a
# CSV (received, approved, rejected, unmatched, mismatch), assign; and transfers, which expires an
# announcement made 15 days earlier (faketime) and leaves its page marked. Then it VACUUMs the ledger
# into the fixture (journal mode DELETE, no WAL files).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
old="${1:-/tmp/ledger-v6}"
commit=ef46098
fixture="$repo/Tests/CustomerCenterLedgerTests/Fixtures/ledger-v6.sqlite"
port=18086

if [ ! -d "$old" ]; then git -C "$repo" worktree add --detach "$old" "$commit"; fi
[ "$(git -C "$old" rev-parse --short=7 HEAD)" = "$commit" ] || { echo "$old is not at $commit" >&2; exit 1; }
(cd "$old" && swift build --product customer-center)
bin="$old/.build/debug/customer-center"

work="$(mktemp -d /tmp/ledger-fixture.XXXXXX)"
trap 'kill "$serve_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
serve_pid=""
cp -R "$old/content" "$old/Templates" "$old/demo-secrets.toml" "$work/"
cd "$work"
# The receiver on localhost, so that pay links and the sandbox's callbacks reach it.
sed -i "s|^receiver_url = .*|receiver_url = \"http://127.0.0.1:$port\"|" content/config.toml
# A customer whose account is in francs: a euro transfer on its reference is a currency mismatch.
cat > content/customers/1009.json <<'JSON'
{
  "id": "1009",
  "name": "Lea Frei",
  "email": "lea.frei@example.ch",
  "locale": "de-DE",
  "accounts": [
    { "id": "1009-CHF", "kind": "prepaid", "label": "Guthaben", "currency": "CHF", "transactions": [] }
  ]
}
JSON
cc() { "$bin" "$@" --content content --templates Templates; }

cc build --output site
"$bin" links --content content > links.csv
"$bin" serve --content content --templates Templates --output site --port "$port" > serve.log 2>&1 &
serve_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.2; done

python3 - "$port" <<'PY'
import base64, csv, hashlib, hmac, json, re, sys, time, urllib.error, urllib.parse, urllib.request

port = sys.argv[1]
base = f"http://127.0.0.1:{port}"
secret = base64.b64decode("REVNTy1PTkxZIHNhbmRib3ggc2lnbmluZyBrZXkgMDE=")  # the demo's sandbox secret
now = int(time.time())

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

opener = urllib.request.build_opener(NoRedirect)

def request(method, path, data=None, headers=None):
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
    try:
        with opener.open(req) as answer:
            return answer.status, answer.headers, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()

def callback(event_id, kind, payment, refund=None):
    body = {"id": event_id, "type": kind, "created": now, "payment": payment}
    if refund:
        body["refund"] = refund
    raw = json.dumps(body, sort_keys=True).encode()
    tag = hmac.new(secret, f"{event_id}.{now}.".encode() + raw, hashlib.sha256).digest()
    status, _, text = request("POST", "/callbacks/sandbox", raw, {
        "Content-Type": "application/json", "webhook-id": event_id, "webhook-timestamp": str(now),
        "webhook-signature": "v1," + base64.b64encode(tag).decode()})
    print("callback", event_id, status, text.strip())
    assert 200 <= status < 300, text

def pay(pid, amount, customer, account, method="card", purpose="settle", currency="EUR", invoice=None):
    payment = {"id": pid, "amount": amount, "currency": currency, "method": method, "purpose": purpose,
               "customer": customer, "account": account}
    if invoice:
        payment["invoice"] = invoice
    return payment

# Payments of every method and purpose, to invoices and as credit.
callback("evt_f1", "payment.succeeded", pay("pay_f1", "80.00", "1001", "1001-STROM", "paypal", invoice="RE-2026-0815"))
callback("evt_f2", "payment.succeeded", pay("pay_f2", "500.00", "1001", "1001-STROM", "sofort"))
callback("evt_f3", "payment.succeeded", pay("pay_f3", "25.00", "1002", "1002-GEWERBE", "card"))
callback("evt_f4", "payment.succeeded", pay("pay_f4", "30.00", "1003", "1003-POWER", "cash"))
callback("evt_f5", "payment.succeeded", pay("pay_f5", "40.00", "1005", "1005-WASSER", "direct_debit"))
callback("evt_f6", "payment.succeeded", pay("pay_f6", "15.00", "1006", "1006-GAS", "other"))
callback("evt_f7", "payment.succeeded", pay("pay_f7", "20.00", "1004", "1004-KARTE", "transfer", purpose="top-up"))
callback("evt_f8", "payment.succeeded", pay("pay_f8", "12.50", "1009", "1009-CHF", "card", purpose="top-up", currency="CHF"))
# A refund of a booked payment, and the same refund again under another event id.
callback("evt_r1", "payment.refunded", pay("pay_f2", "500.00", "1001", "1001-STROM", "sofort"), {"id": "re_1", "amount": "100.00"})
callback("evt_r1b", "payment.refunded", pay("pay_f2", "500.00", "1001", "1001-STROM", "sofort"), {"id": "re_1", "amount": "100.00"})
# A refund before its payment: waits; another that keeps waiting.
callback("evt_r2", "payment.refunded", pay("pay_f9", "60.00", "1007", "1007-STROM", "paypal"), {"id": "re_2", "amount": "10.00"})
callback("evt_f9", "payment.succeeded", pay("pay_f9", "60.00", "1007", "1007-STROM", "paypal"))
callback("evt_r3", "payment.refunded", pay("pay_never", "5.00", "1007", "1007-STROM", "card"), {"id": "re_3", "amount": "5.00"})
# Unknown customer (unmatched), then a refund of it; a currency mismatch.
callback("evt_u1", "payment.succeeded", pay("pay_u1", "9.99", "9999", "9999-X", "card"))
callback("evt_u2", "payment.refunded", pay("pay_u1", "9.99", "9999", "9999-X", "card"), {"id": "re_u", "amount": "1.99"})
callback("evt_m1", "payment.succeeded", pay("pay_m1", "11.00", "1001", "1001-STROM", "card", currency="USD"))
callback("evt_u3", "payment.succeeded", pay("pay_u3", "3.00", "1008", "1008-NOPE", "paypal", purpose="top-up"))
# The same event again (nothing recorded), and the same payment under a new event id.
callback("evt_f3", "payment.succeeded", pay("pay_f3", "25.00", "1002", "1002-GEWERBE", "card"))
callback("evt_f3b", "payment.succeeded", pay("pay_f3", "25.00", "1002", "1002-GEWERBE", "card"))

# Checkouts through pay links: the first pay form on a customer's page (its path from `links`).
links = {row[0]: row[3] for row in csv.reader(open("links.csv", encoding="utf-8"))}

def token(customer):
    path = "/c/" + links[customer].split("/c/", 1)[1]
    text = open("site" + path + "index.html", encoding="utf-8").read()
    return re.search(r'name="token" value="([^"]+)"', text).group(1)

def checkout(customer, amount, method):
    status, headers, text = request("GET", "/pay?" + urllib.parse.urlencode({"token": token(customer), "amount": amount, "method": method}))
    location = headers.get("Location", "")
    print("pay", customer, amount, method, status, location)
    assert status in (302, 303) and "/sandbox/checkout/" in location, text
    return location.rsplit("/", 1)[1]

def submit(checkout_id, form):
    status, _, text = request("POST", "/sandbox/checkout/" + checkout_id, urllib.parse.urlencode(form).encode(),
                              {"Content-Type": "application/x-www-form-urlencoded"})
    print("sandbox", checkout_id, form, status)
    assert status in (200, 302, 303), text

# Whole amounts: customers' locales differ in the decimal mark.
submit(checkout("1006", "20", "paypal"), {"action": "pay", "amount": "20"})
submit(checkout("1003", "30", "card"), {"action": "pay", "amount": "25"})      # paid another amount
submit(checkout("1005", "10", "sofort"), {"action": "decline"})
cancelled = checkout("1002", "15", "card")
print("cancel", request("GET", "/cancel?checkout=" + cancelled)[0])
checkout("1008", "50", "paypal")                                               # left pending
time.sleep(3)  # the sandbox delivers its callbacks in the background
PY

"$bin" send-test-callback --content content --provider sandbox --amount 12.34 --url "http://127.0.0.1:$port"
"$bin" send-test-callback --content content --provider stripe --amount 7.00 --account 1005-WASSER --invoice RE-2026-5001 --url "http://127.0.0.1:$port"

reference() { grep -o 'RF[0-9][0-9][0-9 ]*[0-9]' | head -1; }
# Top-ups announced by transfer: emails to the outbox (sent).
approved_ref=$(cc request-transfer 1004 --account 1004-KARTE --amount 50,00 --output site | reference)
rejected_ref=$(cc request-transfer 1008 --account 1008-PREPAID --amount 20,00 --output site | reference)
cc approve "$approved_ref" --amount 48,50 --output site
cc reject "$rejected_ref" --reason "no such transfer" --output site
# A mail command that fails: the next payment request stays queued for a retry, then one fails for good.
sed -i 's|^command = ""|command = "/bin/false"|' content/config.toml
cc request-transfer 1003 --account 1003-EV --amount 30,00 --output site > /dev/null
sed -i 's|^attempts = 6 |attempts = 1 |' content/config.toml
# Announced 15 days ago: past its expiry of 14 days.
expiring_ref=$(faketime '-15 days' "$bin" request-transfer 1008 --account 1008-PREPAID --amount 70,00 --output site \
    --content content --templates Templates | reference)

# A statement: credits on permanent references (prepaid, an open invoice, the franc account), one on nothing.
python3 - > statement.csv <<'PY'
import sqlite3
db = sqlite3.connect(".customer-center/ledger.sqlite")
refs = dict(((c, a, p, i), r) for r, p, c, a, i in db.execute("SELECT reference, purpose, customerID, accountID, invoiceNumber FROM transferReference"))
def ref(customer, account, purpose, invoice=""):
    return refs[(customer, account, purpose, invoice)]
print("booking_date;amount;currency;payer_name;reference;remittance;bank_reference")
print(f"2026-11-20;25,00;EUR;Jonas Weber;{ref('1003', '1003-EV', 'prepaid')};Aufladung;BANK-1")
invoice = db.execute("SELECT reference FROM transferReference WHERE purpose = 'invoice' ORDER BY customerID, invoiceNumber").fetchone()[0]
print(f"2026-11-21;49,00;EUR;Lars Hoffmann;;Rechnung {invoice};BANK-2")
print(f"2026-11-22;12,00;EUR;Max Muster;;Miete Oktober;BANK-3")
print(f"2026-11-23;5,00;EUR;Lea Frei;{ref('1009', '1009-CHF', 'prepaid')};Guthaben;BANK-4")
print(f"2026-11-24;8,00;EUR;Anna Schmidt;{ref('1004', '1004-KARTE', 'prepaid')};Aufladung;BANK-5")
PY
cc import-statement statement.csv --output site
cc approve "$(sqlite3 .customer-center/ledger.sqlite "SELECT reference FROM transfer WHERE bankReference = 'BANK-1'")" --output site
cc reject "$(sqlite3 .customer-center/ledger.sqlite "SELECT reference FROM transfer WHERE bankReference = 'BANK-5'")" --output site
cc import-statement statement.csv --output site > /dev/null   # the same file again books nothing
cc assign "$(sqlite3 .customer-center/ledger.sqlite "SELECT id FROM payment WHERE providerPaymentID = 'pay_u3'")" \
    --customer 1008 --account 1008-PREPAID --output site

kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
# `transfers` expires the old announcement and marks its page, which nothing rewrites.
"$bin" transfers --content content
: "${expiring_ref:?}"

mkdir -p "$(dirname "$fixture")"
rm -f "$fixture"
sqlite3 .customer-center/ledger.sqlite "PRAGMA wal_checkpoint(TRUNCATE); VACUUM INTO '$fixture'"
sqlite3 "$fixture" "PRAGMA journal_mode = DELETE" > /dev/null
echo "wrote $fixture ($(wc -c < "$fixture") bytes):"
sqlite3 "$fixture" "SELECT identifier FROM grdb_migrations"
for table in payment allocation event dirtyPage pendingPayment transferReference transfer statementEntry outgoingEmail giroCode; do
    echo "  $table: $(sqlite3 "$fixture" "SELECT count(*) FROM \"$table\"") rows"
done
