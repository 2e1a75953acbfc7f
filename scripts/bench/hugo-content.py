#!/usr/bin/env python3
"""Turns a benchmark data set (../shared/bench/make_dataset.py's customers.json) into content for
the Hugo site in scripts/bench/hugo-site/: one page bundle c/<id>/index.md per customer, its front
matter the customer as JSON, plus an ISO 11649 RF reference for each open invoice (Hugo's templates
cannot compute the mod-97 check digits; our build derives them too, so they are given, not faked).
Untimed preparation for `scripts/bench.sh --with-hugo`.

Usage: hugo-content.py customers.json OUTPUT_CONTENT_FOLDER
"""
import json
import os
import sys


def rf_reference(seed):
    """RF + check digits + up to 21 digits of `seed` (ISO 11649: mod 97 over body + 'RF00')."""
    body = "".join(ch for ch in seed if ch.isdigit())[-16:] or "0"
    numeric = int("".join(str(int(c, 36)) for c in body + "RF00"))
    check = 98 - numeric % 97
    reference = f"RF{check:02d}{body}"
    return " ".join(reference[i:i + 4] for i in range(0, len(reference), 4))


def main():
    source, out = sys.argv[1], sys.argv[2]
    customers = json.load(open(source, encoding="utf-8"))
    os.makedirs(os.path.join(out, "c"), exist_ok=True)
    with open(os.path.join(out, "_index.md"), "w", encoding="utf-8") as index:
        index.write('{"title": "Example Merchant"}\n')
    for customer in customers:
        for account in customer["accounts"]:
            for invoice in account.get("invoices", []):
                if invoice["open_cents"] > 0:
                    invoice["rf"] = rf_reference(invoice["number"])
        folder = os.path.join(out, "c", customer["id"])
        os.makedirs(folder, exist_ok=True)
        front = {"title": customer["name"], "customer": customer}
        with open(os.path.join(folder, "index.md"), "w", encoding="utf-8") as page:
            page.write(json.dumps(front, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
