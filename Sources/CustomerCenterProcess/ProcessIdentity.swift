#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Foundation

/// Which process on which host: the host name, the process id and (on Linux) the process's start time
/// in clock ticks after boot, so that a process id reused by a later process does not pass for the
/// first one. The mail queue keeps it with each claimed message, so that the claims of a process that
/// was killed are taken over at once.
public struct ProcessIdentity: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var pid: Int32
    /// Field 22 of `/proc/<pid>/stat`; empty where there is no `/proc`.
    public var start: String

    public init(host: String, pid: Int32, start: String) {
        self.host = host
        self.pid = pid
        self.start = start
    }

    /// This process.
    public static func current() -> ProcessIdentity {
        let pid = getpid()
        return ProcessIdentity(host: hostName(), pid: pid, start: startTime(of: pid) ?? "")
    }

    /// `host/pid/start`, as stored.
    public var description: String { "\(host)/\(pid)/\(start)" }

    /// Reads `host/pid/start`; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, let pid = Int32(parts[1]), pid > 0 else { return nil }
        self.init(host: String(parts[0]), pid: pid, start: String(parts[2]))
    }

    /// True only when this names a process of this host that no longer runs: no process has its id,
    /// or the one that has it started at another time. A process of another host (or another
    /// container) is never judged: false.
    public var hasEnded: Bool {
        guard host == Self.hostName() else { return false }
        if kill(pid, 0) != 0 && errno == ESRCH { return true }
        guard !start.isEmpty, let now = Self.startTime(of: pid) else { return false }
        return now != start
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The stored form separates its parts by "/".
        return name.isEmpty ? "localhost" : name.replacingOccurrences(of: "/", with: "_")
    }

    /// The start time of `pid` from `/proc/<pid>/stat`, or nil without `/proc` or such a process.
    static func startTime(of pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // After "pid (comm)" come the fields from state (3) on; the name may hold spaces and parentheses.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? String(fields[19]) : nil
    }
}
