import Logging
import Synchronization

/// A log handler that keeps every message with its metadata, so tests can pin what an operator reads.
struct RecordingLogHandler: LogHandler {
    /// One logged message.
    struct Record: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }

    /// The records, shared by every copy of the handler.
    final class Records: Sendable {
        let items = Mutex<[Record]>([])
        /// The records with `message`.
        func with(_ message: String) -> [Record] { items.withLock { $0.filter { $0.message == message } } }
    }

    let records: Records
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .trace

    /// A logger that records into `records`.
    static func logger(_ records: Records) -> Logger {
        Logger(label: "test") { _ in RecordingLogHandler(records: records) }
    }

    func log(event: LogEvent) {
        var merged = metadata
        for (key, value) in event.metadata ?? [:] { merged[key] = value }
        let record = Record(level: event.level, message: event.message.description,
                            metadata: merged.mapValues { "\($0)" })
        records.items.withLock { $0.append(record) }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}
