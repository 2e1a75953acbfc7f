#!/usr/bin/env python3
"""Prints Stripe-Signature headers made by Stripe's own Python library (`pip install stripe`), for
StripeEventTests.eventsSignedByStripesOwnLibraryAreBooked: signatures made by someone else's
implementation must verify with our WebhookVerifier.

Usage: python3 scripts/stripe-python-signatures.py
The bodies and secrets are the test's (ReceiverHarness.stripeSecret, ReceiverHarness.now); paste the
printed headers into the test when the bodies change.
"""
import json

import stripe
from stripe import WebhookSignature

SECRET = "whsec_test_secret"
OLD_SECRET = "whsec_old_rotated_out"
NOW = 1795000000

bodies = [
    # Compact, as Stripe sends it, with non-ASCII text in the metadata.
    '{"id":"evt_py_1","object":"event","api_version":"2026-07-29.dahlia","created":1795000000,"type":"payment_intent.succeeded",'
    '"data":{"object":{"id":"pi_py_1","object":"payment_intent","amount_received":2500,"currency":"eur",'
    '"payment_method_types":["card"],"metadata":{"customer":"1002","account":"1002-GEWERBE","note":"Müller – Überweisung"}}}}',
    # Pretty-printed with a trailing newline: the signature covers the raw bytes, whitespace included.
    json.dumps({"id": "evt_py_2", "object": "event", "created": NOW, "type": "payment_intent.succeeded",
                "data": {"object": {"id": "pi_py_2", "object": "payment_intent", "amount_received": 1000,
                                    "currency": "eur", "metadata": {"customer": "1002", "account": "1002-GEWERBE"}}}},
               indent=2) + "\n",
]

print(f"stripe-python {stripe.VERSION}")
for body in bodies:
    header = WebhookSignature.generate_signature_header(body, SECRET, timestamp=NOW)
    # During a rotation Stripe signs with both secrets: the old secret's v1 first.
    old = WebhookSignature._compute_signature(f"{NOW}.{body}", OLD_SECRET)
    rotated = f"t={NOW},v1={old},{header.split(',', 1)[1]}"
    for value in (header, rotated):
        WebhookSignature.verify_header(body, value, SECRET, tolerance=None)
    print(json.dumps({"body": body, "header": header, "rotated": rotated}, ensure_ascii=False))
