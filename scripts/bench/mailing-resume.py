#!/usr/bin/env python3
"""An interrupted mailing at scale: `send-links --all` to N customers killed with SIGKILL part-way,
run again, and every message counted.

Usage: scripts/bench/mailing-resume.py BINARY [--customers 100000] [--kill-at 0.5] [--work DIR]

Imports N synthetic customers (../shared/bench/make_dataset.py), builds the site, starts
`send-links --all` (no [email] in the starter configuration: messages go to .customer-center/outbox),
kills it with SIGKILL once `--kill-at` of the messages are written, runs it again, then parses every
message with Python's email package. Prints one JSON object: how many were written before the kill,
the resumed run's summary line, the final count, how many recipients got more than one message or
none, and both runs' wall time. `MailingResumeTests` does the same with 1,000 customers in CI; this
is the size the issue names, run by hand. Exits non-zero when a customer got no message or two.
"""
import argparse
import email
import email.policy
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--kill-at", type=float, default=0.5)
    parser.add_argument("--work")
    args = parser.parse_args()
    args.binary = os.path.abspath(args.binary)
    work = args.work or tempfile.mkdtemp(prefix="customer-center-mailing-")
    os.makedirs(work, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUSTOMER_CENTER_")}
    env["CUSTOMER_CENTER_LINK_SECRET"] = "bench-only-secret-0123456789abcdefghijklmnopq"
    env["CI"] = "true"
    site = ["--content", "shop", "--output", "public"]

    def run(arguments):
        started = time.perf_counter()
        result = subprocess.run([args.binary] + arguments, cwd=work, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"{' '.join(arguments)} failed ({result.returncode}):\n{result.stderr}")
        return result, time.perf_counter() - started

    subprocess.run([sys.executable, os.path.join(ROOT, "..", "shared", "bench", "make_dataset.py"), str(args.customers),
                    "--out", os.path.join(work, "export"), "--no-split"], check=True, capture_output=True)
    run(["import", "export/customers.json", "--content", "shop"])
    shutil.copytree(os.path.join(ROOT, "Templates"), os.path.join(work, "Templates"))
    run(["build"] + site)

    outbox = os.path.join(work, ".customer-center", "outbox")

    def written():
        try:
            return sum(1 for name in os.listdir(outbox) if name.endswith(".eml") and not name.startswith("."))
        except FileNotFoundError:
            return 0

    target = max(1, int(args.customers * args.kill_at))
    started = time.perf_counter()
    mailing = subprocess.Popen([args.binary, "send-links", "--all"] + site, cwd=work, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while written() < target and mailing.poll() is None:
        time.sleep(0.01)
    mailing.send_signal(signal.SIGKILL)
    mailing.wait()
    killed_after = time.perf_counter() - started
    before = written()
    if mailing.returncode != -signal.SIGKILL:
        sys.exit(f"the first run finished before it was killed ({before} written): use a larger --customers or a smaller --kill-at")

    resumed, resumed_seconds = run(["send-links", "--all"] + site)

    recipients = {}
    parser_policy = email.policy.default
    for name in os.listdir(outbox):
        if not name.endswith(".eml") or name.startswith("."):
            continue
        with open(os.path.join(outbox, name), "rb") as handle:
            message = email.message_from_binary_file(handle, policy=parser_policy)
        address = message["To"].addresses[0].addr_spec
        recipients[address] = recipients.get(address, 0) + 1
    twice = sum(1 for count in recipients.values() if count > 1)
    missing = args.customers - len(recipients)
    print(json.dumps({
        "customers": args.customers, "binary": args.binary,
        "written_before_kill": before, "killed_after_s": round(killed_after, 2),
        "resumed_summary": resumed.stdout.strip(), "resumed_s": round(resumed_seconds, 2),
        "messages_now": sum(recipients.values()), "recipients": len(recipients),
        "recipients_mailed_twice": twice, "customers_without_message": missing,
    }, indent=2))
    if not args.work:
        shutil.rmtree(work)
    sys.exit(1 if twice or missing else 0)


if __name__ == "__main__":
    main()
