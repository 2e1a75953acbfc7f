#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (docs/fuzzing.md) into DIR/<target>/.

    scripts/fuzz-seeds.py DIR

Seeds come from the repository's fixtures (Tests/**/Statements, content/customers/*.json,
content/config.toml), from ../shared/vectors/vectors.json, and from the few inputs written below
(event bodies, typed amounts, pay tokens). Inputs that carry several values put them on separate
lines, as the targets read them (Fuzz/Sources/CustomerCenterFuzz/FuzzFields.swift). The fixed
secrets and the pay-link key are the harness's (FuzzSecrets.swift). Python 3, standard library only.
"""
import base64
import glob
import hashlib
import hmac
import json
import os
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
VECTORS = os.path.join(ROOT, "..", "shared", "vectors", "vectors.json")

# FuzzSecrets.swift: the pay-link key, and the clock of the event targets.
PAY_LINK_KEY = b"customer-center-fuzz-pay-link-key-not-a-secret"
EVENT_NOW = 1_795_000_000


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as file:
        file.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def lines(*fields):
    return b"\n".join(field if isinstance(field, bytes) else field.encode("utf-8") for field in fields)


def copy_files(folder, pattern):
    paths = sorted(glob.glob(os.path.join(ROOT, pattern), recursive=True))
    for path in paths:
        with open(path, "rb") as file:
            write(folder, os.path.basename(path), file.read())
    return len(paths)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def pay_token(customer, account, invoice, purpose, currency, link_version, expires_at):
    payload = "\n".join(["1", customer, account, invoice, purpose, currency, str(link_version), str(expires_at)]).encode("utf-8")
    tag = hmac.new(PAY_LINK_KEY, b"customer-center/pay/v1\x00" + payload, hashlib.sha256).digest()
    return b64url(payload) + "." + b64url(tag)


def sandbox_events():
    payment = {"id": "pay_1", "amount": "50.00", "currency": "EUR", "method": "paypal", "customer": "1001",
               "account": "1001-STROM", "invoice": "RE-2025-0001", "purpose": "settle", "checkout": "chk_1"}
    yield {"id": "evt_1", "type": "payment.succeeded", "created": EVENT_NOW, "payment": payment}
    yield {"id": "evt_2", "type": "payment.refunded", "created": EVENT_NOW, "payment": payment,
           "refund": {"id": "re_1", "amount": "10.00"}}
    yield {"id": "evt_3", "type": "payment.succeeded", "created": EVENT_NOW,
           "payment": {"id": "pay_2", "amount": "1234", "currency": "JPY", "purpose": "top-up", "customer": "1004",
                       "account": "1004-PREPAID"}}
    yield {"id": "evt_4", "type": "payment.pending", "created": EVENT_NOW}


def stripe_events():
    metadata = {"customer": "1001", "account": "1001-STROM", "invoice": "RE-2025-0001", "purpose": "settle",
                "method": "card", "checkout": "chk_1"}
    session = {"id": "cs_1", "object": "checkout.session", "payment_status": "paid", "currency": "eur",
               "amount_total": 5000, "payment_intent": "pi_1", "metadata": metadata,
               "payment_method_types": ["card"]}
    yield {"id": "evt_1", "type": "checkout.session.completed", "created": EVENT_NOW, "data": {"object": session}}
    yield {"id": "evt_2", "type": "checkout.session.async_payment_succeeded", "created": EVENT_NOW,
           "data": {"object": dict(session, payment_intent={"id": "pi_1", "object": "payment_intent"},
                                   payment_method_types=["sofort"])}}
    yield {"id": "evt_3", "type": "payment_intent.succeeded", "created": EVENT_NOW,
           "data": {"object": {"id": "pi_2", "currency": "eur", "amount_received": 1999, "metadata": metadata}}}
    yield {"id": "evt_4", "type": "charge.refunded", "created": EVENT_NOW,
           "data": {"object": {"id": "ch_1", "currency": "eur", "payment_intent": "pi_1", "amount_refunded": 500,
                               "refunds": {"data": [{"id": "re_1", "amount": 500}]}, "metadata": metadata}}}
    yield {"id": "evt_5", "type": "charge.refunded", "created": EVENT_NOW,
           "data": {"object": {"id": "ch_1", "currency": "eur", "payment_intent": "pi_1", "amount_refunded": 700}}}
    yield {"id": "evt_6", "type": "customer.created", "created": EVENT_NOW, "data": {"object": {"id": "cus_1"}}}


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: scripts/fuzz-seeds.py DIR")
    out = sys.argv[1]
    with open(VECTORS, encoding="utf-8") as file:
        vectors = json.load(file)
    stripe_vector = vectors["stripe_signature"][0]
    standard_vector = vectors["standard_webhooks"][0]
    github_vector = vectors["hmac_sha256"][1]
    github_header = "sha256=" + github_vector["hex"]

    folder = os.path.join(out, "stripe-signature-header")
    write(folder, "vector", stripe_vector["header"])
    signature = stripe_vector["header"].split("v1=")[1]
    write(folder, "rotation", f"t=1700000000, v1={signature},v0=00ff,v1={signature.upper()}")
    write(folder, "no-v1", "t=1700000000,v0=abcd")

    folder = os.path.join(out, "standard-webhook-headers")
    write(folder, "vector", lines(b"\x07", standard_vector["webhook_id"], str(standard_vector["webhook_timestamp"]),
                                  "v2,skipped " + standard_vector["webhook_signature"]))
    write(folder, "missing-signature", lines(b"\x03", "msg_1", "1614265330", ""))

    folder = os.path.join(out, "plain-signature-header")
    write(folder, "vector", github_header)
    write(folder, "upper-case", github_header.upper().replace("SHA256=", "sha256="))

    folder = os.path.join(out, "webhook-verifier")
    # Line 1's first byte: scheme (mod 3: stripe, standard-webhooks, hmac-sha256), bit 2 adds the
    # rotated secret, bit 3 leaves none, bits 4-6 drop headers.
    write(folder, "stripe", lines(b"\x00", stripe_vector["header"], "", "", stripe_vector["body"]))
    write(folder, "stripe-rotation", lines(b"\x04", stripe_vector["header"], "", "", stripe_vector["body"]))
    write(folder, "standard", lines(b"\x01", standard_vector["webhook_id"], str(standard_vector["webhook_timestamp"]),
                                    standard_vector["webhook_signature"], standard_vector["body"]))
    write(folder, "standard-rotation", lines(b"\x05", standard_vector["webhook_id"], str(standard_vector["webhook_timestamp"]),
                                             standard_vector["webhook_signature"], standard_vector["body"]))
    write(folder, "plain", lines(b"\x02", github_header, "", "", github_vector["message"]))
    write(folder, "no-secret", lines(b"\x08", stripe_vector["header"], "", "", stripe_vector["body"]))

    events = {"sandbox-event": list(sandbox_events()), "stripe-event": list(stripe_events())}
    for target, bodies in events.items():
        for index, body in enumerate(bodies):
            write(os.path.join(out, target), f"event-{index + 1}", json.dumps(body, separators=(",", ":")))

    folder = os.path.join(out, "json")
    for target, bodies in events.items():
        for index, body in enumerate(bodies):
            write(folder, f"{target}-{index + 1}", json.dumps(body, indent=1))
    write(folder, "stripe-vector", stripe_vector["body"])
    write(folder, "standard-vector", standard_vector["body"])
    write(folder, "escapes", r'["\u00e9\ud83d\ude00\n\t\"\\\/", -0, 1.5e-3, 0.0, true, false, null, {}, []]')

    folder = os.path.join(out, "amount-input")
    # First byte: the currency (mod 7: EUR, JPY, KWD, CHF, GBP, USD, CLF).
    amounts = ["44,20", "1.234,56 €", " 50 ", "1.000", "€1,234.56", "44.2", "EUR 12", "0,00", "-5", "1,005",
               "44.20", "1.23.4,5", "12,34,56", "CHF 1’234.56", "1\u00a0234,56", "999.999.999.999,99"]
    for index, text in enumerate(amounts):
        write(folder, f"eur-{index + 1}", b"\x00" + text.encode("utf-8"))
    write(folder, "jpy", b"\x01" + "¥1,500".encode("utf-8"))
    write(folder, "kwd", b"\x02" + b"1.234,567")
    write(folder, "clf", b"\x06" + b"12.3456")

    folder = os.path.join(out, "pay-token")
    write(folder, "settle", pay_token("1001", "1001-STROM", "RE-2025-0001", "settle", "EUR", 1, 1_800_000_000))
    write(folder, "top-up", pay_token("1004", "1004-PREPAID", "", "top-up", "EUR", 3, 1_800_000_000))
    write(folder, "fields", lines("1001", "1001-STROM", "RE-2025-0001", "settle", "EUR", "1", "1800000000", b"\x00\x10A"))
    write(folder, "fields-unicode", lines("Jürgen", "Konto.1", "", "top-up", "CHF", "2", "-1", b"\x01\x00."))

    counts = {
        "camt-statement": copy_files(os.path.join(out, "camt-statement"), "Tests/**/Statements/*.xml"),
        "csv-statement": copy_files(os.path.join(out, "csv-statement"), "Tests/**/Statements/*.csv"),
        "customer-file": copy_files(os.path.join(out, "customer-file"), "content/customers/*.json"),
        "config": copy_files(os.path.join(out, "config"), "content/config.toml"),
    }
    for target, count in counts.items():
        if count == 0:
            sys.exit(f"fuzz-seeds: no fixtures found for {target}")


if __name__ == "__main__":
    main()
