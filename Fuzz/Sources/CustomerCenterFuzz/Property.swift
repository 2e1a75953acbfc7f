#if canImport(Glibc)
import Glibc
#endif

/// Assertions of a fuzz target. A violated property aborts the process, so libFuzzer records the
/// input as a crash exactly as it would a trap.
enum Property {
    /// Aborts with `message` unless `condition` holds.
    static func check(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
        guard !condition else { return }
        fail(message(), file: file, line: line)
    }

    /// Aborts with `message`.
    static func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        printError("property violated (\(file):\(line)): \(message)\n")
        abort()
    }

    /// Writes `text` to standard error (by descriptor: the C `stderr` global is not concurrency-safe).
    static func printError(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
    }
}
