import CZlib

/// PNG output for pages and emails: the only file that uses zlib.
extension QRCode {
    /// The code as an `<img>` for pages: a 1-bit PNG with one pixel per module and the 4-module quiet
    /// zone, inline as a data URI. A few hundred bytes where an SVG path of the same code took several
    /// kilobytes (most of a page's weight); the style sheet's `image-rendering: pixelated` keeps the
    /// modules sharp at any size, and `width`/`height` give `pixelsPerModule` pixels per module until it loads.
    public func imageTag(label: String, pixelsPerModule: Int = 4) -> String {
        let side = (size + 8) * pixelsPerModule
        // Our own markup: numbers, base64 and a label of fixed text and an RF reference only.
        return "<img class=\"qr\" src=\"data:image/png;base64," + QRCode.base64(png(scale: 1))
            + "\" width=\"\(side)\" height=\"\(side)\" alt=\"\(label)\">"
    }

    /// Standard base64 with padding (RFC 4648 §4), as a data URI wants it.
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int(value >> UInt32(shift) & 63)]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let value = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            out.append(alphabet[Int(value >> 18 & 63)])
            out.append(alphabet[Int(value >> 12 & 63)])
            out.append(rest == 2 ? alphabet[Int(value >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A 1-bit grayscale PNG, black on white, with the 4-module quiet zone and `scale` pixels per module.
    public func png(scale: Int = 6) -> [UInt8] {
        let scale = max(1, scale)
        let side = (size + 8) * scale
        let rowBytes = (side + 7) / 8
        // Scanlines, each a filter byte (0: none) and the pixels, 8 to a byte, most significant bit first;
        // in 1-bit grayscale 0 is black.
        var pixels: [UInt8] = []
        pixels.reserveCapacity((rowBytes + 1) * side)
        for y in 0..<side {
            let row = y / scale - 4
            pixels.append(0)
            var byte: UInt8 = 0
            for x in 0..<side {
                let column = x / scale - 4
                let dark = row >= 0 && row < size && column >= 0 && column < size && isDark(row: row, column: column)
                byte = byte << 1 | (dark ? 0 : 1)
                if x % 8 == 7 {
                    pixels.append(byte)
                    byte = 0
                }
            }
            if side % 8 != 0 { pixels.append(byte << UInt8(8 - side % 8)) }
        }

        var header: [UInt8] = []
        header += Self.bigEndian(UInt32(side))
        header += Self.bigEndian(UInt32(side))
        header += [1, 0, 0, 0, 0]  // bit depth 1, grayscale, deflate, adaptive filtering, no interlace
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += Self.chunk("IHDR", header)
        png += Self.chunk("IDAT", Self.zlibCompressed(pixels))
        png += Self.chunk("IEND", [])
        return png
    }

    private static func zlibCompressed(_ bytes: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &length, input.baseAddress, uLong(input.count), Z_BEST_COMPRESSION)
            }
        }
        // compressBound leaves room for any input, so only running out of memory could fail here.
        precondition(status == Z_OK, "zlib compress2 failed with \(status)")
        return Array(output.prefix(Int(length)))
    }

    /// Length, type, data and the CRC-32 of type and data (PNG §5.3).
    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeAndData = Array(type.utf8) + data
        let crc = typeAndData.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        return bigEndian(UInt32(data.count)) + typeAndData + bigEndian(UInt32(crc))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
