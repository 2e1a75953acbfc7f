import Foundation
import Logging

/// A swift-log handler that writes each entry as one escaped `LogLine` to a file descriptor
/// (standard error by default), in one `write` per line so concurrent entries never interleave.
public struct LogLineHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let sink: Sink

    /// Where lines go: a file descriptor, or (for tests) a closure.
    public enum Sink: Sendable {
        case descriptor(Int32)
        case lines(@Sendable (String) -> Void)
    }

    /// A handler for `label` writing to `sink`.
    public init(label: String, sink: Sink = .descriptor(STDERR_FILENO)) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let line = LogLine.format(time: Self.timestamp(), level: event.level, label: label,
                                  message: event.message.description, metadata: merged)
        switch sink {
        case .lines(let write): write(line)
        case .descriptor(let descriptor):
            let bytes = Array((line + "\n").utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { buffer in
                    Foundation.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                }
                if written > 0 { offset += written } else if written < 0 && errno == EINTR { continue } else { break }
            }
        }
    }

    /// UTC, to the second, ISO 8601 (`2026-12-01T08:45:50Z`).
    static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
