import CustomerCenterSigning
import Foundation

/// The three Standard Webhooks headers, each present or missing. Parsed headers keep the id as given,
/// and their canonical form (`v1,<base64>` entries) parses to the same value.
enum StandardWebhookHeadersTarget {
    static func fuzz(_ bytes: [UInt8]) {
        // Line 1: which headers are present (bits 0-2 of its first byte, all when empty); lines 2-4: their values.
        let fields = FuzzFields.split(bytes, count: 4)
        let presence = fields[0].first ?? 0xFF
        func value(_ index: Int) -> String? { presence & (1 << (index - 1)) != 0 ? FuzzFields.text(fields[index]) : nil }
        let (id, timestamp, signature) = (value(1), value(2), value(3))
        let headers: StandardWebhookHeaders
        do { headers = try StandardWebhookHeaders(id: id, timestamp: timestamp, signature: signature) } catch {
            switch error {
            case .missingHeader, .malformedHeader, .noSupportedSignature: return
            default: Property.fail("unexpected error \(error)")
            }
        }
        Property.check(id != nil && timestamp != nil && signature != nil, "parsed with a header missing")
        Property.check(headers.id == id && !headers.id.isEmpty && headers.id.utf8.count <= 255, "the id \(headers.id.debugDescription) is not the header's")
        Property.check(!headers.signatures.isEmpty, "parsed without signatures")
        let canonical = headers.signatures.map { "v1," + Data($0).base64EncodedString() }.joined(separator: " ")
        do {
            let again = try StandardWebhookHeaders(id: headers.id, timestamp: String(headers.timestamp), signature: canonical)
            Property.check(again == headers, "the canonical form reads as \(again), not \(headers)")
        } catch {
            Property.fail("the canonical form \(canonical) is refused: \(error)")
        }
    }
}
