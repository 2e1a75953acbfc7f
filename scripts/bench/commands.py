#!/usr/bin/env python3
"""The merchant's one-customer commands on a large customer base, timed wall-clock.

Usage: scripts/bench/commands.py BINARY [--customers 100000] [--rounds 5] [--work DIR]

Builds a content folder of N synthetic customers (../shared/bench/make_dataset.py, imported with
`customer-center import`), with Stripe taking pay links but no provider secret and no Stripe API key
anywhere (only the site's own link and pay-link secrets in the environment), builds the site once,
then times per round: `request-transfer` + `approve`, `request-transfer` + `reject`, `transfers` and
`assign` of an unmatched bank credit. Prints one JSON object: per command the median and the
slowest wall time in seconds, and whether every run exited 0. Not a test: nothing here asserts a time.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def clone_demo(work, count):
    """The demo's content with `count` customers: its customer files round robin, each id (and the
    account ids that start with it) replaced by a new one; provider secrets left out of the secrets file."""
    shutil.copytree(os.path.join(ROOT, "content"), os.path.join(work, "content"))
    shutil.copytree(os.path.join(ROOT, "Templates"), os.path.join(work, "Templates"))
    with open(os.path.join(ROOT, "demo-secrets.toml")) as handle:
        secrets = [line for line in handle.read().split("\n") if not line.startswith("provider_")]
    with open(os.path.join(work, "demo-secrets.toml"), "w") as handle:
        handle.write("\n".join(secrets))
    folder = os.path.join(work, "content", "customers")
    demo = {name[:-5]: open(os.path.join(folder, name)).read() for name in sorted(os.listdir(folder))}
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))
    ids = sorted(demo)
    for index in range(count):
        old = ids[index % len(ids)]
        new = str(300000 + index)
        with open(os.path.join(folder, new + ".json"), "w") as handle:
            # Invoice numbers are unique across customers: the new id goes into each.
            handle.write(demo[old].replace('"' + old, '"' + new).replace('"RE-2026-', '"RE-' + new + '-'))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--work")
    parser.add_argument("--from-demo", action="store_true",
                        help="clone the demo's customers (round robin, new ids) instead of importing the benchmark data set: "
                             "the same number of files in seconds, for machines where importing 100,000 takes too long")
    parser.add_argument("--no-build", action="store_true",
                        help="skip the full build first (the commands then write only the pages they touch)")
    parser.add_argument("--with-provider-secrets", action="store_true",
                        help="set a Stripe signing secret and API key too (binaries before issue 12 refused to run without)")
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="customer-center-commands-")
    os.makedirs(work, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUSTOMER_CENTER_")}
    env["CUSTOMER_CENTER_LINK_SECRET"] = "bench-only-secret-0123456789abcdefghijklmnopq"
    env["CUSTOMER_CENTER_PAY_LINK_SECRET"] = "bench-only-pay-link-secret-0123456789abcdef"
    env["CI"] = "true"
    if args.with_provider_secrets:
        env["CUSTOMER_CENTER_PROVIDER_STRIPE_SECRETS"] = "whsec_bench_only"
        env["CUSTOMER_CENTER_PROVIDER_STRIPE_API_KEY"] = "sk_test_bench_only"

    def run(arguments, check=True):
        started = time.perf_counter()
        result = subprocess.run([args.binary] + arguments, cwd=work, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if check and result.returncode != 0:
            sys.exit(f"{' '.join(arguments)} failed ({result.returncode}):\n{result.stderr}")
        return result, elapsed

    if args.from_demo:
        clone_demo(work, args.customers)
    else:
        data = os.path.join(work, "data")
        subprocess.run([sys.executable, os.path.join(ROOT, "..", "shared", "bench", "make_dataset.py"), str(args.customers),
                        "--out", data, "--no-split"], check=True, capture_output=True)
        run(["import", os.path.join(data, "customers.json"), "--content", "content"])
        shutil.copytree(os.path.join(ROOT, "Templates"), os.path.join(work, "Templates"))
    config = os.path.join(work, "content", "config.toml")
    with open(config) as handle:
        text = handle.read()
    if args.from_demo:
        text = text.replace('provider = "sandbox"', 'provider = "stripe"')
    else:
        text = text.replace('methods = ["paypal", "sofort", "card", "transfer"]',
                            'methods = ["paypal", "sofort", "card", "transfer"]\nprovider = "stripe"')
        text += '\n[providers.stripe]\nscheme = "stripe"\n'
    with open(config, "w") as handle:
        handle.write(text)
    if not args.no_build:
        run(["build"])

    prepaid, invoice = [], []
    folder = os.path.join(work, "content", "customers")
    for name in sorted(os.listdir(folder))[:: max(1, args.customers // 2000) | 1]:  # odd: every demo customer among the clones
        customer = json.load(open(os.path.join(folder, name)))
        for account in customer["accounts"]:
            (prepaid if account["kind"] == "prepaid" else invoice).append((customer["id"], account["id"]))
    # Unmatched bank credits to assign: a statement whose references nobody was given.
    rows = ["booking_date;value_date;amount;currency;payer_name;payer_iban;reference;remittance;bank_reference"]
    rows += [f"27.11.2026;27.11.2026;{10 + i},00;EUR;Bench Payer;DE02120300000000202051;;Rechnung {i};BENCH-{i}"
             for i in range(args.rounds)]
    with open(os.path.join(work, "statement.csv"), "w") as handle:
        handle.write("\n".join(rows) + "\n")
    run(["import-statement", "statement.csv"])
    unmatched = re.findall(r"^#(\d+) ", run(["unmatched"])[0].stdout, re.M)

    times = {name: [] for name in ["request-transfer", "approve", "reject", "transfers", "assign"]}
    for round_number in range(args.rounds):
        customer, account = prepaid[(round_number * 7919) % len(prepaid)]
        result, seconds = run(["request-transfer", customer, "--account", account, "--amount", "20,00"])
        times["request-transfer"].append(seconds)
        reference = re.search(r"RF\d\d(?: \w{4})+", result.stdout).group(0)
        times["approve"].append(run(["approve", reference])[1])
        result, seconds = run(["request-transfer", customer, "--account", account, "--amount", "30,00"])
        reference = re.search(r"RF\d\d(?: \w{4})+", result.stdout).group(0)
        times["reject"].append(run(["reject", reference])[1])
        times["transfers"].append(run(["transfers"])[1])
        target, target_account = invoice[(round_number * 104729) % len(invoice)]
        times["assign"].append(run(["assign", unmatched[round_number], "--customer", target, "--account", target_account])[1])

    print(json.dumps({
        "customers": args.customers, "rounds": args.rounds, "binary": args.binary,
        "site_built_first": not args.no_build,
        "provider_secrets_set": any(k.startswith("CUSTOMER_CENTER_PROVIDER_") for k in env),
        "commands": {name: {"median_s": round(statistics.median(values), 3), "max_s": round(max(values), 3)}
                     for name, values in times.items()},
    }, indent=2))
    if not args.work:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
