import ArgumentParser

/// The `customer-center` command: configures the subcommands, does nothing itself.
public struct CustomerCenterCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "customer-center",
        abstract: "Personal payment pages for a merchant's customers, published as static HTML.",
        discussion: """
            Content (configuration, customers, Markdown pages) lives in content/, templates in Templates/,
            and the generated site in site/. Exit status: 0 ok, 1 a problem in content, templates or files
            (each printed as one line naming the file), 64 a usage error.
            """,
        subcommands: [BuildCommand.self, CheckCommand.self, LinksCommand.self, RotateLinkCommand.self, ImportCommand.self,
                      ServeCommand.self, PaymentsCommand.self, UnmatchedCommand.self, AssignCommand.self, SendTestCallbackCommand.self,
                      TransfersCommand.self, RequestTransferCommand.self, ApproveCommand.self, RejectCommand.self, ImportStatementCommand.self, EmailsCommand.self,
                      AgingCommand.self, SendLinksCommand.self, RemindCommand.self, LedgerCommand.self]
    )

    public init() {}
}
