#!/usr/bin/env python3
"""Writes N distinct sandbox callbacks, signed with Standard Webhooks, one JSON object per line:
{"headers": {...}, "body": "..."}. Used by scripts/load-test.sh; Python's hmac module signs them, so
the receiver's OpenSSL-based verification is checked against an independent implementation.

Usage: make_callbacks.py N SECRET OUT [--prefix P] [--customers DATASET_JSON]
With --customers, callbacks go round-robin to the accounts of that data set (make_dataset.py format);
otherwise to the demo customers.
"""
import base64, hashlib, hmac, json, sys, time

n, secret, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
options = dict(zip(sys.argv[4::2], sys.argv[5::2]))
prefix = options.get("--prefix", "load")
key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
accounts = [("1001", "1001-STROM"), ("1002", "1002-GEWERBE"), ("1003", "1003-POWER"), ("1005", "1005-WASSER"),
            ("1006", "1006-STROM"), ("1006", "1006-GAS"), ("1007", "1007-STROM")]
if "--customers" in options:
    with open(options["--customers"]) as data:
        accounts = [(c["id"], a["id"]) for c in json.load(data) for a in c["accounts"] if a["kind"] == "invoice"]
now = int(time.time())
with open(out, "w") as f:
    for i in range(n):
        customer, account = accounts[i % len(accounts)]
        body = json.dumps({"id": f"evt_{prefix}_{i}", "type": "payment.succeeded", "created": now,
                           "payment": {"id": f"pay_{prefix}_{i}", "amount": "1.00", "currency": "EUR", "method": "card",
                                       "customer": customer, "account": account, "purpose": "settle"}},
                          separators=(",", ":"))
        msg_id = f"msg_{prefix}_{i}"
        signed = f"{msg_id}.{now}.{body}".encode()
        signature = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        headers = {"Content-Type": "application/json", "webhook-id": msg_id, "webhook-timestamp": str(now),
                   "webhook-signature": f"v1,{signature}"}
        f.write(json.dumps({"headers": headers, "body": body}) + "\n")
