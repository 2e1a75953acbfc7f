import CustomerCenterSigning
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The outbox: one `.eml` file per message, written atomically so a reader never sees half a message.
extension MailTransport {
    /// Writes `message` to `folder` (created if missing) as `<yyyyMMdd-HHmmss>-<8 hex digits>.eml`, the time
    /// in UTC, via a hidden temporary file and a rename. Returns the file's path. The hex digits are
    /// random, or with `messageID` the start of its SHA-256: the same message (id and time) then
    /// always gets the same name, and writing it again (a delivery retried after a crash that lost
    /// its outcome) replaces the file with the same bytes rather than adding a copy.
    public static func writeToOutbox(_ message: [UInt8], folder: String, messageID: String? = nil,
                                     now: Date = Date()) throws(MailError) -> String {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .outboxFailed(path: folder, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        let tag = messageID.map { Array(SHA256.hash(Array($0.utf8)).prefix(4)) } ?? SecureRandom.bytes(4)
        let name = MailDate.compactUTC(now) + "-" + ByteEncoding.hex(tag) + ".eml"
        let target = (folder as NSString).appendingPathComponent(name)
        // A dot file: pickup scripts that glob *.eml skip it until the rename. Its own random part, so
        // one left by a killed writer never stands in the way.
        let temporary = (folder as NSString).appendingPathComponent("." + name + "." + ByteEncoding.hex(SecureRandom.bytes(4)) + ".tmp")
        do {
            try Data(message).write(to: URL(fileURLWithPath: temporary), options: .withoutOverwriting)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .outboxFailed(path: temporary, reason: error.localizedDescription)
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw .outboxFailed(path: target, reason: reason)
        }
        return target
    }
}
