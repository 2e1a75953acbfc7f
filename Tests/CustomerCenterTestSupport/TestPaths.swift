import Foundation

/// Paths of the repository and of shared reference data, for tests.
public enum TestPaths {
    /// The repository root (three levels above this file).
    public static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `content/` of the demo.
    public static var demoContent: String { repository + "/content" }
    /// `Templates/`.
    public static var templates: String { repository + "/Templates" }
    /// `../shared/` beside the repository (test vectors, benchmark data generator).
    public static var shared: String { URL(fileURLWithPath: repository).deletingLastPathComponent().path + "/shared" }

    /// The built `customer-center` executable next to the test bundle.
    public static var executable: String {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("customer-center").path,
            Bundle.main.bundleURL.appendingPathComponent("customer-center").path,
            repository + "/.build/debug/customer-center",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }
}
