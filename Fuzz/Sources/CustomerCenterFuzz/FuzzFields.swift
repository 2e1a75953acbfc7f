/// Cuts an input into line-separated fields, so that one input can carry several values (headers
/// and a body, a token's fields): the first `count - 1` lines, then everything after them as the last.
/// Missing fields are empty. Seeds are written in the same shape (scripts/fuzz-seeds.py).
enum FuzzFields {
    static func split(_ bytes: [UInt8], count: Int) -> [[UInt8]] {
        var fields: [[UInt8]] = []
        var rest = bytes[...]
        while fields.count < count - 1, let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
            fields.append(Array(rest[..<newline]))
            rest = rest[(newline + 1)...]
        }
        fields.append(Array(rest))
        while fields.count < count { fields.append([]) }
        return fields
    }

    /// A field as text, invalid UTF-8 replaced (as an HTTP stack would hand a header to the verifier).
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
