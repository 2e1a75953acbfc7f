import CustomerCenterRender
import CustomerCenterTestSupport
import Foundation
import Testing

/// The PNG a GiroCode email carries, checked with a real decoder (zbarimg) and Python's zlib.
@Suite struct QRCodePNGTests {
    static let giroCode = "BCD\n002\n1\nSCT\nCOBADEFFXXX\nStadtwerke Sonnenfeld GmbH\nDE89370400440532013000\nEUR50.00\n\nRF18539007547034"

    @Test(arguments: [(giroCode, 6), (giroCode, 3), ("https://pay.example/p/Zm9vYmFy?x=1", 4), ("Grüße 🎉", 5)])
    func zbarimgReadsThePayloadBack(_ payload: String, scale: Int) throws {
        let code = try #require(QRCode(payload))
        let png = code.png(scale: scale)
        let folder = TemporaryFolder("qr-png")
        let path = folder.file("code.png")
        try Data(png).write(to: URL(fileURLWithPath: path))
        let result = try ToolRun("/usr/bin/zbarimg", ["--raw", "-q", "-Sbinary", path])
        #expect(result.status == 0, "\(result.errorText)")
        var text = String(decoding: result.output, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        #expect(text == payload)
    }

    @Test func isAValidOneBitGrayscalePNG() throws {
        let code = try #require(QRCode(Self.giroCode))
        let png = code.png()
        #expect(png.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let side = (code.size + 8) * 6
        #expect(side % 8 != 0, "exercises the padded last byte of each row")
        // Python walks the chunks, checks every CRC and inflates the image data.
        let folder = TemporaryFolder("qr-png")
        let path = folder.file("code.png")
        try Data(png).write(to: URL(fileURLWithPath: path))
        let script = """
        import struct, sys, zlib
        data = open(sys.argv[1], "rb").read()
        pos, chunks, idat = 8, [], b""
        while pos < len(data):
            length, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            crc, = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
            assert zlib.crc32(kind + body) == crc, kind
            chunks.append(kind.decode())
            if kind == b"IHDR": header = struct.unpack(">IIBBBBB", body)
            if kind == b"IDAT": idat += body
            pos += 12 + length
        width, height, depth, color, _, _, interlace = header
        raw = zlib.decompress(idat)
        assert len(raw) == height * (1 + (width + 7) // 8)
        print(",".join(chunks), width, height, depth, color, interlace)
        """
        let result = try ToolRun("/usr/bin/env", ["python3", "-c", script, path])
        #expect(result.status == 0, "\(result.errorText)")
        #expect(String(decoding: result.output, as: UTF8.self) == "IHDR,IDAT,IEND \(side) \(side) 1 0 0\n")
    }
}
