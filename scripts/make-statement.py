#!/usr/bin/env python3
"""Deterministic synthetic camt.053.001.02 bank statement for benchmarks of the statement import.

Usage: make-statement.py [N] [--references FILE] [--out FILE] [--seed S] [--iban IBAN] [--start YYYY-MM-DD]

Writes one statement (to --out, default standard output) with N booked credit entries (default
10000) on account --iban, in the layout German banks use (GrpHdr, Stmt, Acct, Bal, TxsSummry, Ntry
with NtryDtls/TxDtls). Same arguments and references file -> byte-identical output.

--references FILE lists RF creditor references one per line (spaces inside are fine), optionally
followed by the expected amount with a decimal point ("RF18 5390 0754 7034 50.00"); blank lines and
lines starting with # are skipped, and a reference with wrong check digits is an error. Without the option, 1000 references
are generated. Entries cycle through the references in file order:
  - about 10% are unmatched: no reference at all, or a valid RF reference that is not in the list;
  - the others carry the next reference, with the expected amount exactly (70%), more (15%) or less
    (15%). Without an amount in the file, each reference gets a fixed amount of its own (10.00 to
    500.00), so "exact" means the same amount every time the reference comes round.
Where the reference appears varies like real statements: the structured field (CdtrRefInf/Ref,
SCOR), or the unstructured text (Ustrd) in groups of four, lower case, split over two lines, among
other words.

Python 3, standard library only.
"""
import argparse
import datetime as dt
import random
import re
import sys
from xml.sax.saxutils import escape

FIRST = ["Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hannah", "Jonas", "Julia",
         "Karl", "Lea", "Lukas", "Marie", "Max", "Mia", "Noah", "Paul", "Sophie", "Tim", "Jürgen",
         "Björn", "Özlem", "Ängelika"]
LAST = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
        "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
        "Neumann", "Meier & Söhne"]
WORDS = ["Rechnung", "Beitrag", "Abo", "Zahlung", "Kundennummer", "Danke", "Vielen Dank", "Monat"]


def mod97(text):
    """ISO 7064 mod 97-10 of letters (A=10 ... Z=35) and digits."""
    remainder = 0
    for char in text:
        if char.isdigit():
            remainder = (remainder * 10 + int(char)) % 97
        else:
            remainder = (remainder * 100 + ord(char) - 55) % 97
    return remainder


def creditor_reference(base):
    """The ISO 11649 reference RFxx<base>."""
    return "RF%02d%s" % (98 - mod97(base + "RF00"), base)


def is_valid_reference(text):
    compact = text.replace(" ", "").upper()
    return (5 <= len(compact) <= 25 and compact.startswith("RF") and compact[2:4].isdigit()
            and compact[4:].isalnum() and compact.isascii() and mod97(compact[4:] + compact[:4]) == 1)


def german_iban(rnd):
    """A German IBAN with correct check digits (bank code and account number made up)."""
    bban = "%08d%010d" % (rnd.randint(10000000, 89999999), rnd.randint(0, 9999999999))
    return "DE%02d%s" % (98 - mod97(bban + "DE00"), bban)


def printed(reference):
    return " ".join(reference[i:i + 4] for i in range(0, len(reference), 4))


def read_references(path):
    references = []
    with open(path, encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            amount = None
            if len(parts) > 1 and re.fullmatch(r"\d+\.\d{1,2}", parts[-1]):
                whole, fraction = parts.pop().split(".")
                amount = int(whole) * 100 + int((fraction + "0")[:2])
            reference = "".join(parts).upper()
            if not is_valid_reference(reference):
                sys.exit(f"{path}:{number}: {' '.join(parts)} is not a valid RF creditor reference")
            references.append((reference, amount))
    if not references:
        sys.exit(f"{path}: no references")
    return references


def business_day(start, count):
    """The date `count` weekdays after `start` (itself moved off a weekend)."""
    day = start
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def cents(value):
    return "%d.%02d" % (value // 100, value % 100)


def remittance(rnd, reference):
    """The RmtInf element for a reference (or for none), placed as payers and banks do."""
    if reference is None:
        return "<Ustrd>%s</Ustrd>" % escape(f"{rnd.choice(WORDS)} {rnd.randint(1, 12):02d}/2026")
    style = rnd.random()
    if style < 0.5:
        return ("<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>"
                f"<Ref>{reference}</Ref></CdtrRefInf></Strd>")
    text = printed(reference)
    if style < 0.65:
        text = text.lower()
    if style < 0.8:
        cut = rnd.randint(1, len(text) - 1)
        return f"<Ustrd>Rechnung {text[:cut]}</Ustrd><Ustrd>{text[cut:]} Danke</Ustrd>"
    return f"<Ustrd>{rnd.choice(WORDS)}: {text} {rnd.choice(WORDS)}</Ustrd>"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=10000, help="number of credit entries (10000)")
    parser.add_argument("--references", help="RF references, one per line, optionally with an amount")
    parser.add_argument("--out", default="-", help="output file (standard output)")
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--iban", default="DE89370400440532013000", help="the statement's account")
    parser.add_argument("--start", default="2026-11-02", help="first booking date")
    args = parser.parse_args()

    rnd = random.Random(args.seed)
    if args.references:
        references = read_references(args.references)
    else:
        references = [(creditor_reference("%d" % (100000 + i)), None) for i in range(1000)]
    known = {reference for reference, _ in references}
    # A fixed amount per reference when the file gives none, so amounts repeat per reference.
    expected = [amount if amount is not None else random.Random(args.seed + index).randint(1000, 50000)
                for index, (_, amount) in enumerate(references)]

    start = dt.date.fromisoformat(args.start)
    per_day = max(1, args.n // 20)
    counts = {"exact": 0, "over": 0, "under": 0, "unmatched": 0}
    entries = []
    total = 0
    cursor = 0
    for i in range(args.n):
        day = business_day(start, i // per_day)
        if rnd.random() < 0.10:
            counts["unmatched"] += 1
            reference = None
            if rnd.random() < 0.5:
                while reference is None or reference in known:
                    reference = creditor_reference("9%d" % rnd.randint(10 ** 8, 10 ** 9))
            amount = rnd.randint(100, 50000)
        else:
            index = cursor % len(references)
            cursor += 1
            reference = references[index][0]
            amount = expected[index]
            kind = rnd.random()
            if kind < 0.70:
                counts["exact"] += 1
            elif kind < 0.85 or amount <= 1:
                counts["over"] += 1
                amount += rnd.randint(1, 5000)
            else:
                counts["under"] += 1
                amount -= rnd.randint(1, amount - 1)
        total += amount
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        end_to_end = "NOTPROVIDED" if rnd.random() < 0.3 else f"E2E-{i + 1:08d}"
        entries.append(f"""      <Ntry>
        <Amt Ccy="EUR">{cents(amount)}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>{day.isoformat()}</Dt></BookgDt>
        <ValDt><Dt>{day.isoformat()}</Dt></ValDt>
        <AcctSvcrRef>{day.strftime('%Y%m%d')}{i + 1:010d}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>{end_to_end}</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="EUR">{cents(amount)}</Amt></TxAmt></AmtDtls>
            <RltdPties>
              <Dbtr><Nm>{escape(name)}</Nm></Dbtr>
              <DbtrAcct><Id><IBAN>{german_iban(rnd)}</IBAN></Id></DbtrAcct>
            </RltdPties>
            <RmtInf>{remittance(rnd, reference)}</RmtInf>
          </TxDtls>
        </NtryDtls>
        <AddtlNtryInf>SEPA-GUTSCHRIFT</AddtlNtryInf>
      </Ntry>
""")

    last_day = business_day(start, (args.n - 1) // per_day if args.n else 0)
    created = f"{(last_day + dt.timedelta(days=1)).isoformat()}T05:30:00.0+01:00"
    head = f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>BENCH{args.seed}N{args.n}</MsgId>
      <CreDtTm>{created}</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>BENCH{args.seed}N{args.n}-1</Id>
      <ElctrncSeqNb>1</ElctrncSeqNb>
      <CreDtTm>{created}</CreDtTm>
      <Acct>
        <Id><IBAN>{args.iban}</IBAN></Id>
        <Ccy>EUR</Ccy>
      </Acct>
      <Bal>
        <Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">0.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>{(start - dt.timedelta(days=1)).isoformat()}</Dt></Dt>
      </Bal>
      <Bal>
        <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">{cents(total)}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>{last_day.isoformat()}</Dt></Dt>
      </Bal>
      <TxsSummry>
        <TtlNtries><NbOfNtries>{args.n}</NbOfNtries></TtlNtries>
        <TtlCdtNtries><NbOfNtries>{args.n}</NbOfNtries><Sum>{cents(total)}</Sum></TtlCdtNtries>
      </TxsSummry>
"""
    tail = """    </Stmt>
  </BkToCstmrStmt>
</Document>
"""
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    with out:
        out.write(head)
        out.writelines(entries)
        out.write(tail)
    print(f"{args.n} credit entries ({counts['exact']} exact, {counts['over']} over, {counts['under']} under, "
          f"{counts['unmatched']} unmatched), {cents(total)} EUR -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
