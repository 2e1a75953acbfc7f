import CustomerCenterBanking
import Foundation

// compare-csv-readers cases FIXTURE_FOLDER    every rule case and fixture, read by each reader; exit 1 if ours misreads one
// compare-csv-readers generate ROWS FILE      write a large statement CSV (Inputs.statement)
// compare-csv-readers huge-field MIB FILE     write a statement with one field of MIB MiB (Inputs.hugeField)
// compare-csv-readers speed FILE [RUNS]       each reader's best time over RUNS (default 3) on FILE, in one process
// compare-csv-readers count READER FILE       read FILE with READER only and print the field count (for its peak memory)

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("compare-csv-readers: " + message + "\n").utf8))
    exit(2)
}

func fileBytes(_ path: String) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    return bytes
}

func write(_ bytes: [UInt8], to path: String) {
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { fail("cannot write \(path)") }
}

func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }

func runCases(fixtures folder: String) -> Int32 {
    let cases = ReaderCase.rules + ReaderCase.fixtures(in: folder)
    let readers = CandidateReader.all
    print(pad("case", 48) + readers.map { pad($0.name, 24) }.joined())
    var details: [String] = []
    var oursWrong = 0
    for item in cases {
        var row = pad(item.name, 48)
        for reader in readers {
            let outcome = reader.read(item.bytes, item.delimiter)
            let verdict = item.verdict(outcome)
            row += pad(verdict.rawValue, 24)
            if verdict != .right {
                details.append("\(item.name), \(reader.name):\n    expected \(item.expected.normalized.summary)\n    read     \(outcome.normalized.summary)")
            }
            if reader.name == OurReader.candidate.name, verdict != .right { oursWrong += 1 }
        }
        print(row)
    }
    // Not a reader's job here (CSVStatementParser refuses non-UTF-8 by line before reading), but a library's
    // own file API would meet such files first: a Windows-1252 "ü" (0xFC) in the second row.
    let latin1 = Array("a,b\n1,M".utf8) + [0xFC] + Array("ller\n2,x\n".utf8)
    let stream = CSVSwiftReader.readStream(latin1)
    print("\nWindows-1252 \"ü\" in row 2, CSV.swift's file API (CSVReader(stream:)): rows \(stream.rows), error kept aside: \(stream.error ?? "none")")
    print("\n" + details.joined(separator: "\n"))
    if oursWrong > 0 { print("\nours misreads \(oursWrong) case(s)") }
    return oursWrong == 0 ? 0 : 1
}

func runSpeed(file: String, runs: Int) {
    guard let data = FileManager.default.contents(atPath: file) else { fail("cannot read \(file)") }
    let bytes = fileBytes(file)
    let delimiter = ReaderCase.headerDelimiter(bytes)
    let megabytes = Double(bytes.count) / 1_000_000
    print(String(format: "%@: %.1f MB", file, megabytes))
    func time(_ label: String, _ body: () -> Int) {
        var best = Duration.seconds(1_000_000)
        var result = 0
        for _ in 0..<runs {
            let start = ContinuousClock.now
            result = body()
            best = min(best, ContinuousClock.now - start)
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        print(pad(label, 40) + String(format: "%8.3f s %8.1f MB/s   %@", seconds, megabytes / seconds, "\(result)"))
    }
    for reader in CandidateReader.all {
        time("\(reader.name): records (fields)") { reader.countFields(bytes, delimiter) }
    }
    time("ours: CSVStatementParser.parse (entries)") {
        (try? CSVStatementParser.parse(data, path: file))?.entries.count ?? -1
    }
}

let arguments = CommandLine.arguments.dropFirst()
switch (arguments.first, arguments.count) {
case ("cases", 2):
    exit(runCases(fixtures: arguments[2]))
case ("generate", 3):
    guard let rows = Int(arguments[2]) else { fail("ROWS must be a number") }
    write(Inputs.statement(rows: rows), to: arguments[3])
case ("huge-field", 3):
    guard let mebibytes = Int(arguments[2]) else { fail("MIB must be a number") }
    write(Inputs.hugeField(mebibytes: mebibytes), to: arguments[3])
case ("speed", 2), ("speed", 3):
    runSpeed(file: arguments[2], runs: arguments.count == 3 ? Int(arguments[3]) ?? 3 : 3)
case ("count", 3):
    guard let reader = CandidateReader.all.first(where: { $0.name == arguments[2] }) else { fail("unknown reader \(arguments[2])") }
    let bytes = fileBytes(arguments[3])
    print(reader.countFields(bytes, ReaderCase.headerDelimiter(bytes)))
default:
    fail("usage: cases FIXTURE_FOLDER | generate ROWS FILE | huge-field MIB FILE | speed FILE [RUNS] | count READER FILE")
}
