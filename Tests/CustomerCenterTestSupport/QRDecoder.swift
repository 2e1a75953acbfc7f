import Foundation

/// Reads QR codes back with a real decoder, `zbarimg` from Debian's zbar-tools.
public enum QRDecoder {
    /// zbarimg found no code.
    public struct NoCode: Error { public let status: Int32 }

    /// The text of the one QR code in PNG `png`.
    public static func decode(png: [UInt8]) throws -> String {
        let folder = TemporaryFolder("qr-decode")
        let path = folder.file("code.png")
        try Data(png).write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        process.arguments = ["--quiet", "--raw", "-Sbinary", path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw NoCode(status: process.terminationStatus) }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
