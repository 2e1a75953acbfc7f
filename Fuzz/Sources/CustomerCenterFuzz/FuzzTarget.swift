/// One named fuzz target: a parser, what is checked about its results, and the function libFuzzer
/// calls with each input.
struct FuzzTarget: Sendable {
    /// libFuzzer's callback type: the input's bytes and their count; 0 keeps the input.
    typealias Entry = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    /// The name on the command line, e.g. `stripe-signature-header`.
    let name: String
    /// One line: what the target feeds and what it asserts (`--list`, docs/fuzzing.md).
    let checks: String
    /// The callback; a closure that captures nothing, as C function pointers must.
    let entry: Entry

    /// The input as an array (libFuzzer passes a null pointer for the empty input).
    static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}
