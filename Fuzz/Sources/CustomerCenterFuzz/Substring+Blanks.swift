extension Substring {
    /// Without leading and trailing spaces and tabs: the oracle's own reading of a header part.
    var withoutBlanks: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
