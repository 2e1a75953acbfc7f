/// Problems collected while reading one file.
final class ProblemList {
    private(set) var items: [ContentError] = []
    func add(_ problem: ContentError) { items.append(problem) }
    var isEmpty: Bool { items.isEmpty }
}
