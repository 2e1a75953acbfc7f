import Foundation

/// Writes to standard error (Swift 6 forbids the global `stderr` from concurrent code).
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
