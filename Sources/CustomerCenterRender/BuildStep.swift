/// The steps of a build, in order (Publish's named steps): the progress line shows `[i/n] title`
/// and every `BuildError` carries the step that failed.
public enum BuildStep: Int, CaseIterable, Sendable, CustomStringConvertible {
    case loadConfiguration = 1
    case loadSecrets
    case loadTemplates
    case loadPages
    case checkCustomers
    case renderPages
    case removeStaleFiles

    /// What the step does, as the progress line and error messages say it.
    public var title: String {
        switch self {
        case .loadConfiguration: "load configuration"
        case .loadSecrets: "load secrets"
        case .loadTemplates: "load templates"
        case .loadPages: "load pages"
        case .checkCustomers: "check customers"
        case .renderPages: "render pages"
        case .removeStaleFiles: "remove stale files"
        }
    }

    public var description: String { title }
}
