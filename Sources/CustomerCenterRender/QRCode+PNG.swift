import CZlib

/// PNG output for emails, where inline SVG is not shown: the only file that uses zlib.
extension QRCode {
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
