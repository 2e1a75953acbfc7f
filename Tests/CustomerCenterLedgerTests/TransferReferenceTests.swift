import CustomerCenterLedger
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterTestSupport
import Testing

@Suite struct TransferReferenceTests {
    let folder = TemporaryFolder("references")

    @Test(arguments: LedgerEngineKind.available) func eachPurposeGetsOneLastingReference(_ engine: LedgerEngineKind) throws {
        let test = try TestLedger(engine, folder: folder.path)
        defer { test.drop() }
        let ledger = test.store
        let purposes: [TransferPurpose] = [.prepaid(accountID: "1003-EV"), .invoice(accountID: "1003-POWER", number: "RE-1"),
                                           .invoice(accountID: "1003-POWER", number: "RE-2")]
        let first = try ledger.references(customerID: "1003", purposes: purposes, at: 1)
        #expect(first.count == 3)
        #expect(Set(first.values).count == 3)
        for reference in first.values {
            #expect(reference.value.count == 16)               // RF + 2 check digits + 12 digits
            #expect(reference.base.allSatisfy { $0.isNumber })
            #expect(CreditorReference(reference.printed) == reference)
        }
        // Asking again, or from a reopened ledger, gives the same references; new purposes get new ones.
        let reopened = try test.reopen()
        let again = try reopened.references(customerID: "1003", purposes: purposes + [.invoice(accountID: "1003-POWER", number: "RE-3")], at: 2)
        for purpose in purposes { #expect(again[purpose] == first[purpose]) }
        #expect(again.count == 4)
        let third = try #require(again[.invoice(accountID: "1003-POWER", number: "RE-3")])
        #expect(!first.values.contains(third))
    }

    @Test(arguments: LedgerEngineKind.available) func aReferenceIsFoundInAnySpellingAndAWrongOneIsNot(_ engine: LedgerEngineKind) throws {
        let test = try TestLedger(engine, folder: folder.path)
        defer { test.drop() }
        let ledger = test.store
        let reference = try #require(try ledger.references(customerID: "1004", purposes: [.prepaid(accountID: "1004-KARTE")], at: 1).values.first)
        let found = try #require(try ledger.transferReference(reference.printed.lowercased()))
        #expect(found.accountID == "1004-KARTE")
        #expect(found.purpose == .prepaid)
        var typo = Array(reference.value)
        typo[8] = typo[8] == "1" ? "2" : "1"
        let typed = try ledger.transferReference(String(typo))
        #expect(typed == nil)
        let foreign = try ledger.transferReference("RF18539007547034")  // valid, but not ours
        #expect(foreign == nil)
    }

    @Test(arguments: LedgerEngineKind.available) func manyReferencesAreAllDistinct(_ engine: LedgerEngineKind) throws {
        let test = try TestLedger(engine, folder: folder.path)
        defer { test.drop() }
        let ledger = test.store
        let purposes = (0..<2_000).map { TransferPurpose.invoice(accountID: "A", number: "R\($0)") }
        let references = try ledger.references(customerID: "1", purposes: purposes, at: 1)
        #expect(Set(references.values).count == 2_000)
    }
}
