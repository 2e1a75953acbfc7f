import CustomerCenterApplication
import Logging

/// Opens the workspace and the use cases for the merchant commands that change money and pages
/// (`approve`, `reject`, `request-transfer`, `import-statement`, `assign`, `emails --retry`) and the
/// mailings (`send-links`, `remind`, `rotate-link`): the
/// application only, never the receiver. Nothing but what the command needs is opened: no check pass
/// over every customer, no provider secret. Pages the ledger still marks (a crash) are rewritten on
/// the way, so a command never leaves a stale page behind.
struct WorkspaceAccess {
    let workspace: Workspace
    let pages: PageRegenerator
    let mailer: Mailer

    /// The workspace of `site` writing into `output`.
    static func open(site: SiteOptions, output: String) async throws -> WorkspaceAccess {
        // Log lines go to standard error at error level: the command's own output is the report.
        var logger = Logger(label: "customer-center")
        logger.logLevel = .error
        let workspace = Workspace(options: WorkspaceOptions(contentPath: site.content, templatesPath: site.templates, outputPath: output),
                                  logger: logger)
        do {
            let access = WorkspaceAccess(workspace: workspace, pages: try PageRegenerator(workspace: workspace),
                                         mailer: try Mailer(workspace: workspace))
            await access.pages.recoverMarkedPages()
            return access
        } catch {
            throw fail(error.problems)
        }
    }

    /// Bank transfers over this workspace.
    func transfers() throws -> BankTransfers {
        do { return try BankTransfers(workspace: workspace, mailer: mailer, pages: pages) } catch { throw fail(error.problems) }
    }

    /// Personal-link mailings over this workspace.
    func linkMailing() throws -> LinkMailing {
        do { return try LinkMailing(workspace: workspace, mailer: mailer) } catch { throw fail(error.problems) }
    }

    /// Reminders of overdue invoices over this workspace.
    func reminders() throws -> OverdueReminders {
        do { return try OverdueReminders(workspace: workspace, mailer: mailer) } catch { throw fail(error.problems) }
    }

    /// Waits for pages and emails in progress, before the command exits.
    func finish() async {
        await pages.idle()
        pages.releaseSpares()
        await mailer.idle()
    }
}
