import CLibFuzzer
#if canImport(Glibc)
import Glibc
#endif

/// The executable's entry point: `customer-center-fuzz TARGET [libFuzzer flags] [CORPUS_DIR | FILE ...]`,
/// or `customer-center-fuzz --list`. SwiftPM links an executable with `main` aliased to
/// `<Module>_main`, so this module defines that symbol rather than a `main.swift`.
@_cdecl("CustomerCenterFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    guard argc >= 2, let argv, let first = argv[1] else {
        Property.printError("usage: customer-center-fuzz TARGET [libFuzzer flags] [CORPUS_DIR | FILE ...]\n"
            + "       customer-center-fuzz --list\n")
        return 2
    }
    let name = String(cString: first)
    if name == "--list" {
        for target in FuzzTargets.all { print("\(target.name)\t\(target.checks)") }
        return 0
    }
    guard let target = FuzzTargets.all.first(where: { $0.name == name }) else {
        Property.printError("customer-center-fuzz: unknown target \"\(name)\"; --list prints the targets\n")
        return 2
    }
    // libFuzzer reads its flags and corpus folders from argv: drop the target's name, keep argv[0].
    var arguments: [UnsafeMutablePointer<CChar>?] = [argv[0]]
    for index in 2..<Int(argc) { arguments.append(argv[index]) }
    arguments.append(nil)
    var count = argc - 1
    return arguments.withUnsafeMutableBufferPointer { buffer in
        var pointer = buffer.baseAddress
        return LLVMFuzzerRunDriver(&count, &pointer, target.entry)
    }
}

/// libFuzzer's own `main` object refers to this symbol, so it must exist. It is never called: the
/// targets run through `LLVMFuzzerRunDriver` from `fuzzMain`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { 0 }
