@testable import CustomerCenterLedger
import Foundation
import Testing

/// A message is stored as the JSON array of its bytes, as JSONEncoder wrote it since v4; the hand-written
/// writer and reader must give and take exactly that text.
@Suite struct OutgoingEmailStorageTests {
    @Test func theTextIsExactlyWhatJSONEncoderWritesAndReadsBack() throws {
        let every = (0...255).map(UInt8.init) + Array("Subject: Grüße\r\n\r\n".utf8)
        for message in [[], [0], [255], every, every.reversed()] as [[UInt8]] {
            let text = OutgoingEmail.storedText(message)
            #expect(text == String(decoding: try JSONEncoder().encode(message), as: UTF8.self))
            #expect(OutgoingEmail.bytes(stored: text) == message)
        }
        // Any other text reads exactly as JSONDecoder read every stored message before.
        #expect(OutgoingEmail.bytes(stored: "[ 72, 105 ]") == [72, 105])
        for text in ["", "[", "[1,]", "[,1]", "[256]", "[-1]", "[01]", "[1]2]", "[1.0]", "\"Hi\"", "[1,2", "[1,,2]", "[12,34]"] {
            #expect(OutgoingEmail.bytes(stored: text) == (try? JSONDecoder().decode([UInt8].self, from: Data(text.utf8))), "\(text)")
        }
        #expect(OutgoingEmail.bytes(stored: "[256]") == nil)
        #expect(OutgoingEmail.bytes(stored: "\"Hi\"") == nil)
    }
}
