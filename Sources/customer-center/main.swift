import CustomerCenterCLI
import CustomerCenterLogging
import Logging

// Every log line of every command is escaped (LogLine): client-controlled values cannot forge lines.
LoggingSystem.bootstrap { LogLineHandler(label: $0) }

// Called from an async function, not from top-level code: there `main()` would resolve to the
// synchronous entry point, which cannot run asynchronous subcommands such as `serve`.
func runCommand() async {
    await CustomerCenterCommand.main()
}

await runCommand()
