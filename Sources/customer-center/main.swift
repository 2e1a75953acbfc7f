import CustomerCenterCLI

// Called from an async function, not from top-level code: there `main()` would resolve to the
// synchronous entry point, which cannot run asynchronous subcommands such as `serve`.
func runCommand() async {
    await CustomerCenterCommand.main()
}

await runCommand()
