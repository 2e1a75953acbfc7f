import CustomerCenterModel
import Foundation
import Testing

@Suite struct CreditorReferenceTests {
    struct Vector: Decodable { let reference: String?; let rf: String; let printed: String?; let valid: Bool? }
    struct Vectors: Decodable { let iso11649_creditor_reference: [Vector] }

    @Test func matchesTheSharedVectors() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        let data = try Data(contentsOf: url.appendingPathComponent("shared/vectors/vectors.json"))
        let vectors = try JSONDecoder().decode(Vectors.self, from: data).iso11649_creditor_reference
        #expect(vectors.count >= 4)
        for vector in vectors {
            if let base = vector.reference {
                #expect(CreditorReference(base: base)?.value == vector.rf)
            }
            if let printed = vector.printed {
                #expect(CreditorReference(vector.rf)?.printed == printed)
                #expect(CreditorReference(printed) == CreditorReference(vector.rf))
            }
            #expect((CreditorReference(vector.rf) != nil) == (vector.valid ?? true), "\(vector.rf)")
        }
    }

    @Test func acceptsSpacesAndAnyCase() {
        #expect(CreditorReference("rf18 5390 0754 7034")?.value == "RF18539007547034")
        #expect(CreditorReference(" RF18\n5390 0754\t7034 ")?.value == "RF18539007547034")
    }

    /// Property: every reference made from a base validates, in any spelling.
    @Test func everyMadeReferenceValidates() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        for _ in 0..<500 {
            let base = String((0..<Int.random(in: 1...21, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let reference = try #require(CreditorReference(base: base))
            #expect(reference.value.count == base.count + 4)
            #expect(CreditorReference(reference.value) == reference)
            #expect(CreditorReference(reference.printed.lowercased()) == reference)
        }
    }

    /// Property: for numeric bases (what a merchant hands out, easy to type) ISO 7064 mod 97-10 catches
    /// every single wrong digit and every swap of two neighbouring digits.
    @Test func typosInNumericReferencesAreAlwaysCaught() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let base = String((0..<Int.random(in: 6...21, using: &generator)).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            let reference = try #require(CreditorReference(base: base))
            var chars = Array(reference.value)
            let position = Int.random(in: 2..<chars.count, using: &generator)
            let original = chars[position]
            chars[position] = Array("0123456789").filter { $0 != original }.randomElement(using: &generator)!
            #expect(CreditorReference(String(chars)) == nil, "\(reference.value) -> \(String(chars))")
            var swapped = Array(reference.value)
            let at = Int.random(in: 4..<(swapped.count - 1), using: &generator)
            guard swapped[at] != swapped[at + 1] else { continue }
            swapped.swapAt(at, at + 1)
            #expect(CreditorReference(String(swapped)) == nil, "\(reference.value) -> \(String(swapped))")
        }
    }

    @Test func refusesWhatIsNotAReference() {
        for text in ["", "RF", "RF18", "XX18539007547034", "RF1A539007547034", "RF18-5390", "RF18539007547034539007547034"] {
            #expect(CreditorReference(text) == nil, "\(text)")
        }
        #expect(CreditorReference(base: "") == nil)
        #expect(CreditorReference(base: "ÄBC") == nil)
        #expect(CreditorReference(base: String(repeating: "1", count: 22)) == nil)
    }
}
