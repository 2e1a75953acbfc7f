import CustomerCenterCLI
import CustomerCenterLogging
import Glibc
import Logging

// glibc gives each thread that allocates its own heap arena (up to 8 per core), and a build renders
// on every core: with two arenas the peak memory of a build of 10,000 customers was 78 MiB, with
// the default up to 96 MiB (docs/performance.md). Allocation is not what limits a build.
// (`mallopt` and `M_ARENA_MAX` = -8 are in <malloc.h>, which Glibc's Swift module does not include.)
if let mallopt = dlsym(nil, "mallopt") {
    _ = unsafeBitCast(mallopt, to: (@convention(c) (Int32, Int32) -> Int32).self)(-8, 2)
}

// Every log line of every command is escaped (LogLine): client-controlled values cannot forge lines.
LoggingSystem.bootstrap { LogLineHandler(label: $0) }

// Called from an async function, not from top-level code: there `main()` would resolve to the
// synchronous entry point, which cannot run asynchronous subcommands such as `serve`.
func runCommand() async {
    await CustomerCenterCommand.main()
}

await runCommand()
