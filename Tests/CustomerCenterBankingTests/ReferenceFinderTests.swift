import CustomerCenterBanking
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

@Suite struct ReferenceFinderTests {
    func found(_ lines: String..., structured: [String] = []) -> [String] {
        ReferenceFinder.references(structured: structured, unstructured: lines).map(\.value)
    }

    @Test func findsTheSharedVectors() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestPaths.shared + "/vectors/vectors.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let vectors = try #require(json["iso11649_creditor_reference"] as? [[String: Any]])
        #expect(vectors.count == 4)
        for vector in vectors {
            let reference = try #require(vector["rf"] as? String)
            let valid = vector["valid"] as? Bool ?? true
            #expect(found("Zahlung \(reference) Danke").contains(reference) == valid, "\(reference)")
            if let printed = vector["printed"] as? String {
                #expect(found(printed.lowercased()) == [reference])
            }
        }
    }

    @Test func findsReferencesAsPeopleWriteThem() {
        #expect(found("Verwendungszweck: rf18 5390 0754 7034 Danke") == ["RF18539007547034"])
        #expect(found("(RF18539007547034)") == ["RF18539007547034"])
        #expect(found("Ref.:RF18539007547034; Kd-Nr 4711.") == ["RF18539007547034"])
        #expect(found("RF18-5390-0754-7034") == ["RF18539007547034"])
        #expect(found("Rechnung\u{00A0}RF18\u{00A0}5390\u{00A0}0754\u{00A0}7034") == ["RF18539007547034"])
        // Broken across lines, also inside a group of four.
        #expect(found("Rechnung RF18 5390", "0754 7034") == ["RF18539007547034"])
        #expect(found("Rechnung RF185390075", "47034") == ["RF18539007547034"])
        // Glued to the word before it.
        #expect(found("ZahlungRF18539007547034") == ["RF18539007547034"])
    }

    @Test func refusesWrongCheckDigitsAndNonReferences() {
        #expect(found("RF19 5390 0754 7034").isEmpty)
        #expect(found("RF19539007547034").isEmpty)
        #expect(found("PERFEKT, Rechnung 2026-0042, RF, RF1", structured: ["2026-0042", "", "RF"]).isEmpty)
        #expect(ReferenceFinder.references().isEmpty)
    }

    @Test func returnsEveryValidLengthFromAPositionLongestFirst() {
        // Following digits are absorbed once spaces are gone; the real reference is still among them.
        let absorbed = found("RF18 5390 0754 7034 2026")
        #expect(absorbed.contains("RF18539007547034"))
        #expect(absorbed.allSatisfy { "RF185390075470342026".hasPrefix($0) })
        // Two valid lengths from one position: the longer first.
        #expect(found("RF73 INV2 0260 042") == ["RF73INV20260042", "RF73INV2026"])
        // Candidates stop at 25 characters.
        #expect(found("RF18539007547034" + String(repeating: "9", count: 20)).allSatisfy { $0.count <= 25 })
    }

    @Test func structuredReferencesComeFirstAndNothingTwice() {
        #expect(found("Abo RF18539007547034, Rechnung RF492024000123", structured: ["RF492024000123"])
            == ["RF492024000123", "RF18539007547034"])
        #expect(found(structured: ["rf49 2024 0001 23", "RF492024000123"]) == ["RF492024000123"])
        #expect(found("RF492024000123 RF18539007547034") == ["RF492024000123", "RF18539007547034"])
    }

    /// For many generated references: mangled as people do, each is still found; with one digit changed, never.
    @Test func propertyMangledReferencesAreFoundAndAlteredOnesNever() throws {
        var random = SeededGenerator(seed: 20_261_128)
        let alphabet = Array("0123456789012345678901234567890123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let prefixes = ["", "Verwendungszweck: ", "Rechnung 2026-0042 ", "(", "Ref.:", "Kunde 4711 "]
        let suffixes = ["", " Danke", ".", ")", " 2026", ", vielen Dank", "; Kd-Nr. 17"]
        for _ in 0..<500 {
            let base = String((0..<Int.random(in: 1...21, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            let reference = try #require(CreditorReference(base: base))

            func mangled(_ compact: String) -> [String] {
                var text = prefixes.randomElement(using: &random)!
                for character in compact {
                    if Bool.random(using: &random), Int.random(in: 0..<3, using: &random) == 0 { text.append(" ") }
                    text.append(Bool.random(using: &random) ? Character(character.lowercased()) : character)
                    if Int.random(in: 0..<12, using: &random) == 0 { text.append("\n") }
                }
                text += suffixes.randomElement(using: &random)!
                return text.split(separator: "\n").map(String.init)
            }

            let lines = mangled(reference.value)
            #expect(ReferenceFinder.references(unstructured: lines).contains(reference), "\(reference) in \(lines)")

            // Change one digit (check digits included): mod 97 catches every single substitution.
            let characters = Array(reference.value)
            let digitPositions = characters.indices.filter { $0 >= 2 && characters[$0].isNumber }
            let position = digitPositions.randomElement(using: &random)!
            var altered = characters
            let digit = characters[position].wholeNumberValue!
            altered[position] = Character(String((digit + Int.random(in: 1...9, using: &random)) % 10))
            #expect(CreditorReference(String(altered)) == nil, "\(String(altered))")
            let alteredLines = mangled(String(altered))
            #expect(!ReferenceFinder.references(unstructured: alteredLines).contains(reference), "\(reference) in \(alteredLines)")
        }
    }
}
