import CQREncode
#if canImport(Glibc)
import Glibc
#endif

/// A QR code made by libqrencode (error correction M, 8-bit mode): the module grid, drawn as a PNG for
/// pages and emails (`QRCode+PNG.swift`). The only file that imports libqrencode.
public struct QRCode: Sendable {
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row-major dark modules.
    public let modules: [Bool]

    /// Encodes `text` as UTF-8 bytes; nil when it does not fit a QR code.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard let code = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.flatMap { QRcode_encodeData(Int32(buffer.count), $0, 0, QR_ECLEVEL_M) }
        }) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        var modules = [Bool](repeating: false, count: width * width)
        for index in 0..<(width * width) {
            // libqrencode: bit 0 of each byte is "dark"; the other bits describe the module's role.
            modules[index] = code.pointee.data[index] & 1 == 1
        }
        self.size = width
        self.modules = modules
    }

    /// A code from its modules packed eight to a byte (as `packedModules`); nil when they do not fit `size`.
    public init?(size: Int, packed: [UInt8]) {
        guard size > 0, size <= 177, packed.count == (size * size + 7) / 8 else { return nil }
        var modules = [Bool](repeating: false, count: size * size)
        for index in modules.indices { modules[index] = packed[index >> 3] & (0x80 >> UInt8(index & 7)) != 0 }
        self.size = size
        self.modules = modules
    }

    /// The modules, row-major, eight to a byte, first module in the highest bit.
    public var packedModules: [UInt8] {
        var packed = [UInt8](repeating: 0, count: (modules.count + 7) / 8)
        for (index, dark) in modules.enumerated() where dark { packed[index >> 3] |= 0x80 >> UInt8(index & 7) }
        return packed
    }

    /// Whether the module at `row`, `column` is dark.
    public func isDark(row: Int, column: Int) -> Bool { modules[row * size + column] }

    /// A plain PBM image (P1) with the quiet zone, `scale` pixels per module: for decoding in tests.
    public func pbm(scale: Int = 4) -> String {
        let side = (size + 8) * scale
        var lines = ["P1", "\(side) \(side)"]
        for y in 0..<side {
            let row = y / scale - 4
            var line = ""
            line.reserveCapacity(side * 2)
            for x in 0..<side {
                let column = x / scale - 4
                let dark = row >= 0 && row < size && column >= 0 && column < size && isDark(row: row, column: column)
                line += dark ? "1 " : "0 "
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
