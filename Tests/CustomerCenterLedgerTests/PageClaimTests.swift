import CustomerCenterLedger
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

/// Page claims (issue 15): one process at a time writes a marked page, on both engines. Two claimers
/// stand for two receivers; `hasEnded` for the check that a claimer's process is gone.
@Suite struct PageClaimTests {
    static let now = 1_795_000_200
    static let running: @Sendable (String) -> Bool = { _ in false }

    @Test(arguments: LedgerEngineKind.available) func aClaimedPageIsHeldForOthersUntilItsLeaseEnds(_ engine: LedgerEngineKind) throws {
        let test = try LedgerCase(engine)
        defer { test.testLedger.drop() }
        let ledger = test.ledger
        _ = try test.book(test.event("evt_1", payment: "pay_1", cents: 100))
        let mark = try #require(try ledger.dirtyPages().first)

        let first = try ledger.claimPages(["1001", "1002"], creatingMarks: false, claimer: "a", lease: 60, now: Self.now, hasEnded: Self.running)
        #expect(first == PageClaim(marks: [mark], heldElsewhere: []), "only the marked page is claimed without creatingMarks")
        let second = try ledger.claimPages(["1001"], creatingMarks: true, claimer: "b", lease: 60, now: Self.now + 1, hasEnded: Self.running)
        #expect(second == PageClaim(marks: [], heldElsewhere: ["1001"]), "held by a, whose lease runs")
        let own = try ledger.claimPages(["1001"], creatingMarks: false, claimer: "a", lease: 60, now: Self.now + 2, hasEnded: Self.running)
        #expect(own.marks == [mark], "a claimer takes its own claim again")
        let late = try ledger.claimPages(["1001"], creatingMarks: false, claimer: "b", lease: 60, now: Self.now + 62, hasEnded: Self.running)
        #expect(late.marks == [mark], "b takes it over once a's lease has run out")
        let ended = try ledger.claimPages(["1001"], creatingMarks: false, claimer: "c", lease: 60, now: Self.now + 63,
                                          hasEnded: { $0 == "b" })
        #expect(ended.marks == [mark], "c takes it over at once when b's process is gone")
    }

    @Test(arguments: LedgerEngineKind.available) func aPageAskedForWithoutAMarkGetsOne(_ engine: LedgerEngineKind) throws {
        let test = try LedgerCase(engine)
        defer { test.testLedger.drop() }
        let ledger = test.ledger
        let claim = try ledger.claimPages(["2001"], creatingMarks: true, claimer: "a", lease: 60, now: Self.now, hasEnded: Self.running)
        #expect(claim == PageClaim(marks: [DirtyPage(customerID: "2001", markedAt: Self.now)], heldElsewhere: []))
        #expect(try ledger.dirtyPages() == [DirtyPage(customerID: "2001", markedAt: Self.now)])
        #expect(try ledger.claimPages(["2001"], creatingMarks: true, claimer: "b", lease: 60, now: Self.now, hasEnded: Self.running).heldElsewhere == ["2001"])
        try ledger.clearDirty(claim.marks, savingGiroCodes: [:], releasing: "a")
        #expect(try ledger.dirtyPages().isEmpty)
        #expect(try ledger.claimPages(["2001"], creatingMarks: false, claimer: "b", lease: 60, now: Self.now, hasEnded: Self.running) == PageClaim(),
                "nothing to write once the page is written")
    }

    /// The race the claims exist for: a booking marks the page again while its holder renders. The
    /// holder's clear keeps the newer mark and gives up its claim, so the booking's process takes it.
    @Test(arguments: LedgerEngineKind.available) func aNewerMarkOutlivesTheClearAndGoesToTheNextClaimer(_ engine: LedgerEngineKind) throws {
        let test = try LedgerCase(engine)
        defer { test.testLedger.drop() }
        let ledger = test.ledger
        _ = try test.book(test.event("evt_1", payment: "pay_1", cents: 100))
        let held = try ledger.claimPages(["1001"], creatingMarks: true, claimer: "a", lease: 60, now: Self.now, hasEnded: Self.running)
        #expect(held.marks.count == 1)
        _ = try test.book(test.event("evt_2", payment: "pay_2", cents: 200))  // by "b", while a renders
        #expect(try ledger.claimPages(["1001"], creatingMarks: true, claimer: "b", lease: 60, now: Self.now, hasEnded: Self.running).heldElsewhere == ["1001"])
        try ledger.clearDirty(held.marks, savingGiroCodes: [:], releasing: "a")
        let newer = try #require(try ledger.dirtyPages().first)
        #expect(newer.markedAt > held.marks[0].markedAt)
        let next = try ledger.claimPages(["1001"], creatingMarks: true, claimer: "b", lease: 60, now: Self.now, hasEnded: Self.running)
        #expect(next == PageClaim(marks: [newer], heldElsewhere: []), "a's claim went with its clear")
        // A clear without a claimer (the benchmark's regenerateNow) leaves claims alone.
        try ledger.clearDirty([DirtyPage(customerID: "1001", markedAt: newer.markedAt - 1)])
        #expect(try ledger.claimPages(["1001"], creatingMarks: true, claimer: "c", lease: 60, now: Self.now, hasEnded: Self.running).heldElsewhere == ["1001"])
    }

    /// Two claimers asking for the same pages at the same moment, many times: every page goes to
    /// exactly one of them.
    @Test(arguments: LedgerEngineKind.available) func concurrentClaimersNeverShareAPage(_ engine: LedgerEngineKind) async throws {
        let test = try LedgerCase(engine)
        defer { test.testLedger.drop() }
        let ledger = test.ledger
        for round in 0..<20 {
            let ids = (0..<60).map { "c\(round)-\($0)" }
            let claims = await withTaskGroup(of: (String, PageClaim?).self) { group in
                for claimer in ["a", "b", "c"] {
                    group.addTask {
                        (try? await OwnThread.run {
                            (claimer, try? ledger.claimPages(ids.shuffled(), creatingMarks: true, claimer: claimer, lease: 60, now: Self.now,
                                                             hasEnded: Self.running))
                        }) ?? (claimer, nil)
                    }
                }
                var all: [(String, PageClaim?)] = []
                for await claim in group { all.append(claim) }
                return all
            }
            let taken = claims.flatMap { $0.1?.marks.map(\.customerID) ?? [] }
            #expect(claims.allSatisfy { $0.1 != nil }, "round \(round): a claim failed")
            #expect(taken.count == Set(taken).count, "round \(round): a page claimed twice")
            #expect(Set(taken) == Set(ids), "round \(round): pages no claimer took")
        }
    }
}
