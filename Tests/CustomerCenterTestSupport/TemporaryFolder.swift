import Foundation

/// A fresh folder under the system's temporary directory, removed when the value is released.
public final class TemporaryFolder: @unchecked Sendable {
    /// The folder's path.
    public let path: String

    /// Creates a new empty folder.
    public init(_ label: String = "test") {
        path = NSTemporaryDirectory() + "customer-center-\(label)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `path/relative`.
    public func file(_ relative: String) -> String { path + "/" + relative }

    /// Writes `text` to `relative`, creating folders.
    public func write(_ text: String, to relative: String) {
        let target = file(relative)
        try! FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        try! text.write(toFile: target, atomically: true, encoding: .utf8)
    }

    /// Reads `relative` as UTF-8.
    public func read(_ relative: String) -> String {
        (try? String(contentsOfFile: file(relative), encoding: .utf8)) ?? ""
    }

    /// Copies the repository's demo `content/`, `Templates/` and `demo-secrets.toml` into this folder,
    /// so a test can change them freely. Returns self for chaining.
    @discardableResult
    public func copyDemo() -> TemporaryFolder {
        let fileManager = FileManager.default
        for name in ["content", "Templates", "demo-secrets.toml"] {
            try! fileManager.copyItem(atPath: TestPaths.repository + "/" + name, toPath: file(name))
        }
        return self
    }

    /// Every regular file under `relative` (relative paths, sorted).
    public func files(under relative: String = "") -> [String] {
        let root = relative.isEmpty ? path : file(relative)
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var result: [String] = []
        while let item = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue {
                result.append(item)
            }
        }
        return result.sorted()
    }
}
