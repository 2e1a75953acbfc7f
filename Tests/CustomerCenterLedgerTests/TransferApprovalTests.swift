import CustomerCenterLedger
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

/// Top-up requests, approvals, rejections, expiry and statement imports on a real SQLite ledger.
/// One test's ledger and helpers, on one engine (`TransferApprovalTests` runs each test on every engine).
struct TransferCase {
    let folder = TemporaryFolder("transfers")
    let testLedger: TestLedger
    let ledger: any LedgerStore
    let dateOf: @Sendable (Int) -> CalendarDate = { CalendarDate(daysSinceEpoch: $0 / 86_400) }
    let prepaid = Account(id: "1003-EV", kind: .prepaid, currency: .eur)
    let invoices: Account
    let now = 1_796_000_000

    init(_ engine: LedgerEngineKind) throws {
        testLedger = try TestLedger(engine, folder: folder.path)
        ledger = testLedger.store
        func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }
        invoices = Account(id: "1003-POWER", kind: .invoice, currency: .eur, invoices: [
            Invoice(number: "R1", issued: day("2026-09-01"), due: day("2026-09-15"), amount: Money(minorUnits: 10_000, currency: .eur)),
            Invoice(number: "R2", issued: day("2026-10-01"), due: day("2026-10-15"), amount: Money(minorUnits: 5_000, currency: .eur)),
        ])
    }

    func eur(_ cents: Int) -> Money { Money(minorUnits: cents, currency: .eur) }

    func balance() throws -> Money {
        AccountStatement(account: prepaid.including(try ledger.recordedPayments(customerID: "1003", dateOf: dateOf)),
                         asOf: dateOf(now)).prepaidBalance
    }

    func request(_ cents: Int) throws -> TransferRecord {
        try ledger.requestTopUp(customerID: "1003", accountID: prepaid.id, amount: eur(cents), at: now, expiresAt: now + 14 * 86_400).transfer
    }

    func approve(_ reference: String, _ cents: Int? = nil, account: Account? = nil, repeat allowRepeat: Bool = false) throws -> Result<ApprovedTransfer, TransferProblem> {
        try ledger.approveTransfer(reference: CreditorReference(reference)!, amount: cents.map(eur), date: CalendarDate(iso: "2026-12-01"),
                                   customerID: "1003", account: account ?? prepaid, allowRepeat: allowRepeat, at: now + 100, dateOf: dateOf)
    }

    func aTopUpRequestGetsAFreshReferenceAndAReloadDoesNotMakeASecond() throws {
        let first = try request(5_000)
        let reference = try #require(first.creditorReference)
        #expect(first.status == .announced)
        // The permanent reference of the account is another one; a second request for another amount too.
        let permanent = try ledger.references(customerID: "1003", purposes: [.prepaid(accountID: prepaid.id)], at: now)
        #expect(permanent[.prepaid(accountID: prepaid.id)] != reference)
        #expect(try request(5_000).reference == first.reference)       // the confirmation page reloaded
        let other = try request(2_000)
        #expect(other.reference != first.reference)
        // The page shows both, awaiting receipt, with the amounts announced.
        let shown = try ledger.activity(customerID: "1003", now: now, dateOf: dateOf).transfers
        #expect(shown.map(\.status) == [.announced, .announced])
        #expect(Set(shown.compactMap(\.amount)) == [eur(5_000), eur(2_000)])
        #expect(try ledger.dirtyPages().map(\.customerID) == ["1003"])
    }

    func approvingBooksOnceWithTheAmountReceived() throws {
        let reference = try request(5_000).reference
        // 48,50 arrived instead of 50,00: the amount received is booked.
        let approved = try approve(reference, 4_850).get()
        #expect(approved.payment.amountMinor == 4_850)
        #expect(approved.payment.method == .transfer)
        #expect(approved.transfer.status == .approved)
        #expect(try balance() == eur(4_850))
        // Twice is refused, and nothing more is booked.
        guard case .failure(.alreadyApproved) = try approve(reference, 4_850) else { Issue.record("second approval accepted"); return }
        guard case .failure(.alreadyApproved) = try approve(reference) else { Issue.record("second approval accepted"); return }
        #expect(try balance() == eur(4_850))
        // Rejecting an approved transfer is refused too; the page no longer lists it (it is a payment now).
        guard case .failure(.alreadyApproved) = try ledger.rejectTransfer(reference: CreditorReference(reference)!, reason: nil, at: now) else {
            Issue.record("rejected an approved transfer"); return
        }
        #expect(try ledger.activity(customerID: "1003", now: now, dateOf: dateOf).transfers.isEmpty)
        #expect(try ledger.openTransfers(now: now).isEmpty)
    }

    func approvingWithoutAmountBooksWhatWasAnnounced() throws {
        let reference = try request(2_500).reference
        #expect(try approve(reference).get().payment.amountMinor == 2_500)
    }

    func aRejectedOrUnknownTransferIsNotBooked() throws {
        let reference = try request(5_000).reference
        let rejected = try ledger.rejectTransfer(reference: CreditorReference(reference)!, reason: "no such transfer", at: now).get()
        #expect(rejected.status == .rejected)
        guard case .failure(.alreadyRejected) = try approve(reference, 5_000) else { Issue.record("approved a rejected transfer"); return }
        guard case .failure(.alreadyRejected) = try ledger.rejectTransfer(reference: CreditorReference(reference)!, reason: nil, at: now) else {
            Issue.record("rejected twice"); return
        }
        #expect(try balance() == eur(0))
        #expect(try ledger.activity(customerID: "1003", now: now, dateOf: dateOf).transfers.map(\.status) == [.rejected])
        // A valid reference the ledger never handed out.
        let foreign = CreditorReference(base: "999999999999")!
        guard case .failure(.unknownReference) = try approve(foreign.value, 100) else { Issue.record("approved an unknown reference"); return }
    }

    func staleAnnouncementsExpireButLateMoneyIsStillMatched() throws {
        let reference = try request(5_000).reference
        #expect(try ledger.expireTransfers(now: now + 10 * 86_400).isEmpty)
        let expired = try ledger.expireTransfers(now: now + 15 * 86_400)
        #expect(expired.map(\.reference) == [reference])
        #expect(try ledger.openTransfers(now: now + 15 * 86_400).isEmpty)
        // The money arrives after all: matched, received, approvable.
        let credit = IncomingCredit(bankReference: "BANK-1", bookingDate: CalendarDate(iso: "2026-12-20")!, amount: eur(5_000),
                                    payerName: "Jonas Weber", remittance: reference, candidates: [CreditorReference(reference)!], label: "entry 1")
        let result = try ledger.importStatement([credit], file: "late.xml", approveMatched: false, accounts: ["1003/1003-EV": prepaid],
                                                at: now + 16 * 86_400, dateOf: dateOf)
        #expect(result.first?.outcome == .received)
        #expect(try approve(reference).get().payment.amountMinor == 5_000)
    }

    func aPermanentReferenceTakesTransfersByHandButNotTheSameOneTwice() throws {
        let reference = try #require(try ledger.references(customerID: "1003", purposes: [.prepaid(accountID: prepaid.id)], at: now).values.first)
        guard case .failure(.amountRequired) = try approve(reference.value) else { Issue.record("approved without amount"); return }
        #expect(try approve(reference.value, 3_000).get().payment.amountMinor == 3_000)
        guard case .failure(.alreadyApproved) = try approve(reference.value, 3_000) else { Issue.record("booked the same transfer twice"); return }
        #expect(try approve(reference.value, 3_000, repeat: true).get().payment.amountMinor == 3_000)
        #expect(try balance() == eur(6_000))
    }

    func statementImportMatchesBooksOnceAndKeepsTheRest() throws {
        let references = try ledger.references(customerID: "1003", purposes: [.invoice(accountID: invoices.id, number: "R1"),
                                                                               .invoice(accountID: invoices.id, number: "R2")], at: now)
        let r1 = try #require(references[.invoice(accountID: invoices.id, number: "R1")])
        let r2 = try #require(references[.invoice(accountID: invoices.id, number: "R2")])
        let topUp = try #require(try request(5_000).creditorReference)
        func credit(_ bank: String, _ cents: Int, _ candidates: [CreditorReference], currency: Currency = .eur) -> IncomingCredit {
            IncomingCredit(bankReference: bank, bookingDate: CalendarDate(iso: "2026-11-30")!, amount: Money(minorUnits: cents, currency: currency),
                           payerName: "Payer \(bank)", remittance: candidates.map(\.printed).joined(separator: " "), candidates: candidates,
                           label: "entry \(bank)")
        }
        let credits = [
            credit("B1", 10_000, [r1]),                 // exact
            credit("B2", 7_000, [r2]),                  // over by 20,00: credit on the account
            credit("B3", 4_000, [topUp]),               // under the announced 50,00
            credit("B4", 1_234, []),                    // no reference
            credit("B1", 10_000, [r1]),                 // the same bank entry again in the file
            credit("B5", 900, [r1], currency: Currency(code: "CHF")!),
        ]
        let accounts = ["1003/1003-EV": prepaid, "1003/1003-POWER": invoices]
        let first = try ledger.importStatement(credits, file: "nov.xml", approveMatched: true, accounts: accounts, at: now, dateOf: dateOf)
        #expect(first.map(\.outcome) == [.approved, .approved, .approved, .unmatched(reason: "no known RF reference"), .duplicate,
                                          .mismatch(reason: "CHF received on \(r1.printed), account 1003-POWER is in EUR")])
        #expect(first[0].expected == eur(10_000))
        #expect(first[1].expected == eur(5_000))
        #expect(first[2].expected == eur(5_000))
        let statement = AccountStatement(account: invoices.including(try ledger.recordedPayments(customerID: "1003", dateOf: dateOf)), asOf: dateOf(now))
        #expect(statement.totalOpen == eur(0))
        #expect(statement.credit == eur(2_000))
        #expect(try balance() == eur(4_000))
        // Unmatched and mismatched money is kept for `assign`.
        #expect(try ledger.unmatched().map(\.amountMinor).sorted() == [900, 1_234])

        // Importing the same statement again books nothing.
        let again = try ledger.importStatement(credits, file: "nov.xml", approveMatched: true, accounts: accounts, at: now + 60, dateOf: dateOf)
        #expect(again.allSatisfy { $0.outcome == .duplicate })
        #expect(try ledger.entries(customerID: "1003").filter { $0.status == .booked }.count == 3)
        #expect(try ledger.unmatched().count == 2)
    }

    func withoutApprovalAMatchWaitsAndIsListed() throws {
        let reference = try #require(try ledger.references(customerID: "1003", purposes: [.prepaid(accountID: prepaid.id)], at: now).values.first)
        let credit = IncomingCredit(bankReference: "B9", bookingDate: CalendarDate(iso: "2026-11-30")!, amount: eur(2_000), payerName: "Jonas",
                                    remittance: reference.printed, candidates: [reference], label: "entry 1")
        let result = try ledger.importStatement([credit], file: "s.csv", approveMatched: false, accounts: ["1003/1003-EV": prepaid],
                                                at: now, dateOf: dateOf)
        #expect(result.first?.outcome == .received)
        #expect(try balance() == eur(0))
        #expect(try ledger.openTransfers(now: now).map(\.receivedMinor) == [2_000])
        #expect(try ledger.activity(customerID: "1003", now: now, dateOf: dateOf).transfers.map(\.status) == [.received])
        // Approving the permanent reference approves the received transfer with its amount and day.
        let approved = try ledger.approveTransfer(reference: reference, amount: nil, date: nil, customerID: "1003", account: prepaid, allowRepeat: false,
                                                  at: now, dateOf: dateOf).get()
        #expect(approved.payment.amountMinor == 2_000)
        #expect(approved.transfer.receivedOn == "2026-11-30")
        #expect(try balance() == eur(2_000))
    }

    func moneyApprovedByHandIsNotReceivedAgainWhenTheStatementComes() throws {
        let reference = try #require(try ledger.references(customerID: "1003", purposes: [.prepaid(accountID: prepaid.id)], at: now).values.first)
        #expect(try approve(reference.value, 3_000).get().payment.amountMinor == 3_000)
        let credit = IncomingCredit(bankReference: "B77", bookingDate: CalendarDate(iso: "2026-12-01")!, amount: eur(3_000), payerName: "Jonas",
                                    remittance: reference.printed, candidates: [reference], label: "entry 1")
        let result = try ledger.importStatement([credit], file: "dec.xml", approveMatched: true, accounts: ["1003/1003-EV": prepaid],
                                                at: now, dateOf: dateOf)
        #expect(result.first?.outcome == .approvedBefore)
        #expect(try balance() == eur(3_000))
        #expect(try ledger.openTransfers(now: now).isEmpty)
    }
}

@Suite struct TransferApprovalTests {
    @Test(arguments: LedgerEngineKind.available) func aTopUpRequestGetsAFreshReferenceAndAReloadDoesNotMakeASecond(_ engine: LedgerEngineKind) throws {
        let test = try TransferCase(engine)
        defer { test.testLedger.drop() }
        try test.aTopUpRequestGetsAFreshReferenceAndAReloadDoesNotMakeASecond()
    }

    @Test(arguments: LedgerEngineKind.available) func approvingBooksOnceWithTheAmountReceived(_ engine: LedgerEngineKind) throws {
        let test = try TransferCase(engine)
        defer { test.testLedger.drop() }
        try test.approvingBooksOnceWithTheAmountReceived()
    }

    @Test(arguments: LedgerEngineKind.available) func approvingWithoutAmountBooksWhatWasAnnounced(_ engine: LedgerEngineKind) throws {
        let test = try TransferCase(engine)
        defer { test.testLedger.drop() }
        try test.approvingWithoutAmountBooksWhatWasAnnounced()
    }

    @Test(arguments: LedgerEngineKind.available) func aRejectedOrUnknownTransferIsNotBooked(_ engine: LedgerEngineKind) throws {
        let test = try TransferCase(engine)
        defer { test.testLedger.drop() }
        try test.aRejectedOrUnknownTransferIsNotBooked()
    }

    @Test(arguments: LedgerEngineKind.available) func staleAnnouncementsExpireButLateMoneyIsStillMatched(_ engine: LedgerEngineKind) throws {
        let test = try TransferCase(engine)
        defer { test.testLedger.drop() }
        try test.staleAnnouncementsExpireButLateMoneyIsStillMatched()
    }

    @Test(arguments: LedgerEngineKind.available) func aPermanentReferenceTakesTransfersByHandButNotTheSameOneTwice(_ engine: LedgerEngineKind) throws {
        let test = try TransferCase(engine)
        defer { test.testLedger.drop() }
        try test.aPermanentReferenceTakesTransfersByHandButNotTheSameOneTwice()
    }

    @Test(arguments: LedgerEngineKind.available) func statementImportMatchesBooksOnceAndKeepsTheRest(_ engine: LedgerEngineKind) throws {
        let test = try TransferCase(engine)
        defer { test.testLedger.drop() }
        try test.statementImportMatchesBooksOnceAndKeepsTheRest()
    }

    @Test(arguments: LedgerEngineKind.available) func withoutApprovalAMatchWaitsAndIsListed(_ engine: LedgerEngineKind) throws {
        let test = try TransferCase(engine)
        defer { test.testLedger.drop() }
        try test.withoutApprovalAMatchWaitsAndIsListed()
    }

    @Test(arguments: LedgerEngineKind.available) func moneyApprovedByHandIsNotReceivedAgainWhenTheStatementComes(_ engine: LedgerEngineKind) throws {
        let test = try TransferCase(engine)
        defer { test.testLedger.drop() }
        try test.moneyApprovedByHandIsNotReceivedAgainWhenTheStatementComes()
    }
}
