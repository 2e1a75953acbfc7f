import CustomerCenterLogging
import Foundation
import Logging
import Synchronization
import Testing

/// Client-controlled values in the receiver's log lines (issue 11, item 4).
@Suite struct LogForgeryTests {
    @Test func aSignedEventIdWithALineBreakOrNULStaysOnOneLine() async throws {
        let harness = try await ReceiverHarness()
        let lines = Mutex<[String]>([])
        let logger = Logger(label: "customer-center") { LogLineHandler(label: $0, sink: .lines { line in lines.withLock { $0.append(line) } }) }
        try await harness.withReceiver(logger: logger) { receiver, client async throws in
            let forged = "evt_a\n2026-11-18T00:00:00Z info customer-center: callback outcome=booked"
            let booked = ReceiverHarness.sandboxEvent(id: forged, payment: "pay_forged", amount: "1.00")
            #expect(try await client.sandbox(booked).status == 200)
            let nul = ReceiverHarness.sandboxEvent(id: "evt_\u{0}nul", payment: "pay_nul", amount: "abc")
            #expect(try await client.sandbox(nul).status == 422)
            await receiver.waitForPages()
        }
        let written = lines.withLock { $0 }
        #expect(!written.isEmpty)
        for line in written {
            #expect(!line.contains("\n") && !line.unicodeScalars.contains { $0.value < 0x20 }, "\(line)")
        }
        #expect(written.contains { $0.contains(#"event="evt_a\n2026-11-18T00:00:00Z info customer-center: callback outcome=booked""#) })
        #expect(written.contains { $0.contains("callback refused") && $0.contains("status=422") })
    }
}
