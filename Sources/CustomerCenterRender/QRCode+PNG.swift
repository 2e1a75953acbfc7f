import CZlib

/// PNG output for pages and emails: the only file that uses zlib.
extension QRCode {
    /// The code as an `<img>` for pages: a 1-bit PNG with one pixel per module and the 4-module quiet
    /// zone, inline as a data URI. A few hundred bytes where an SVG path of the same code took several
    /// kilobytes (most of a page's weight); the style sheet's `image-rendering: pixelated` keeps the
    /// modules sharp at any size, and `width`/`height` give `pixelsPerModule` pixels per module until it loads.
    public func imageTag(label: String, pixelsPerModule: Int = 4) -> String {
        QRCode.imageTag(png: png(scale: 1), size: size, label: label, pixelsPerModule: pixelsPerModule)
    }

    /// `imageTag` of a code of `size` modules whose `png(scale: 1)` is `png` (kept from an earlier render).
    static func imageTag(png: [UInt8], size: Int, label: String, pixelsPerModule: Int = 4) -> String {
        let side = (size + 8) * pixelsPerModule
        // Our own markup: numbers, base64 and a label of fixed text and an RF reference only.
        return "<img class=\"qr\" src=\"data:image/png;base64," + QRCode.base64(png)
            + "\" width=\"\(side)\" height=\"\(side)\" alt=\"\(label)\">"
    }

    /// Standard base64 with padding (RFC 4648 §4), as a data URI wants it.
    static func base64(_ bytes: [UInt8]) -> String {
        // A page holds a few codes and a build draws tens of thousands: no allocation but the result.
        let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        return alphabet.withUTF8Buffer { alphabet in
            String(unsafeUninitializedCapacity: (bytes.count + 2) / 3 * 4) { out in
                var written = 0
                var index = 0
                while index + 3 <= bytes.count {
                    let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
                    out[written] = alphabet[Int(value >> 18 & 63)]
                    out[written + 1] = alphabet[Int(value >> 12 & 63)]
                    out[written + 2] = alphabet[Int(value >> 6 & 63)]
                    out[written + 3] = alphabet[Int(value & 63)]
                    written += 4
                    index += 3
                }
                let rest = bytes.count - index
                if rest > 0 {
                    let value = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
                    out[written] = alphabet[Int(value >> 18 & 63)]
                    out[written + 1] = alphabet[Int(value >> 12 & 63)]
                    out[written + 2] = rest == 2 ? alphabet[Int(value >> 6 & 63)] : UInt8(ascii: "=")
                    out[written + 3] = UInt8(ascii: "=")
                    written += 4
                }
                return written
            }
        }
    }

    /// A 1-bit grayscale PNG, black on white, with the 4-module quiet zone and `scale` pixels per module.
    public func png(scale: Int = 6) -> [UInt8] {
        let scale = max(1, scale)
        let side = (size + 8) * scale
        let rowBytes = (side + 7) / 8
        // Scanlines, each a filter byte (0: none) and the pixels, 8 to a byte, most significant bit first;
        // in 1-bit grayscale 0 is black. One scanline per row of modules, repeated `scale` times.
        // Filled in place: white everywhere (filter bytes 0), then the dark modules' pixels cleared.
        var pixels = [UInt8](repeating: 0xFF, count: (rowBytes + 1) * side)
        modules.withUnsafeBufferPointer { dark in
            pixels.withUnsafeMutableBufferPointer { pixels in
                for y in 0..<side { pixels[y * (rowBytes + 1)] = 0 }
                for row in 0..<size {
                    let first = (row + 4) * scale * (rowBytes + 1) + 1
                    for column in 0..<size where dark[row * size + column] {
                        for x in (column + 4) * scale ..< (column + 5) * scale { pixels[first + (x >> 3)] &= ~(0x80 >> UInt8(x & 7)) }
                    }
                    // The row's further scanlines are copies of its first.
                    for copy in 1..<scale {
                        let target = first + copy * (rowBytes + 1)
                        for offset in 0..<rowBytes { pixels[target + offset] = pixels[first + offset] }
                    }
                }
            }
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

    /// The zlib stream of `bytes`. A code's pixels are a few hundred bytes (a few kilobytes in emails'
    /// larger images), so a small window and hash table lose nothing and spare setting up zlib's
    /// default quarter megabyte for every code; and a code's modules are close to random, so zlib's
    /// fastest level compresses them nearly as well as its best, at a fraction of the work.
    private static func zlibCompressed(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        // 2^12 = 4 KiB window; memory level 3: a 1 KiB hash table.
        var status = deflateInit2_(&stream, Z_BEST_SPEED, Z_DEFLATED, 12, 3, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        // Only running out of memory could fail here.
        precondition(status == Z_OK, "zlib deflateInit2 failed with \(status)")
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        var input = bytes
        status = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        // deflateBound leaves room for any input, so one call finishes the stream.
        precondition(status == Z_STREAM_END, "zlib deflate ended with \(status)")
        return Array(output.prefix(Int(stream.total_out)))
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
