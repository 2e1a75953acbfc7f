import CustomerCenterLogging
import Logging
import Synchronization
import Testing

@Suite struct LogLineTests {
    @Test func controlCharactersNeverStartALineOrMakeTheLogBinary() {
        let line = LogLine.format(time: "T", level: .warning, label: "cc", message: "callback refused",
                                  metadata: ["event": "evt_1\n2026-12-01T00:00:00Z info cc: booked customer=1001",
                                             "nul": "a\u{0}b", "bidi": "\u{202E}fdp.exe", "del": "\u{7F}\u{85}\u{2028}"])
        #expect(!line.contains("\n") && !line.contains("\r") && !line.unicodeScalars.contains { $0.value < 0x20 })
        #expect(line == #"T warning cc: callback refused bidi="\u{202E}fdp.exe" del="\u{7F}\u{85}\u{2028}" event="evt_1\n2026-12-01T00:00:00Z info cc: booked customer=1001" nul="a\u{0}b""#)
    }

    @Test func valuesThatCouldBeMisreadAreQuoted() {
        let line = LogLine.format(time: "T", level: .info, label: "cc", message: "m",
                                  metadata: ["a": "x=y", "b": "say \"hi\"", "c": "", "d": "plain", "e": "back\\slash",
                                             "f": .array(["1", "2"])])
        #expect(line == #"T info cc: m a="x=y" b="say \"hi\"" c="" d=plain e="back\\slash" f="[1, 2]""#)
    }

    @Test func theHandlerWritesOneEscapedLinePerEntry() {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "cc") { LogLineHandler(label: $0, sink: .lines { line in lines.withLock { $0.append(line) } }) }
        logger[metadataKey: "instance"] = "a"
        logger.warning("refused", metadata: ["id": "x\r\ny"])
        logger.debug("not shown at info")
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        #expect(written.first?.hasSuffix(#"warning cc: refused id="x\r\ny" instance=a"#) == true)
    }
}
