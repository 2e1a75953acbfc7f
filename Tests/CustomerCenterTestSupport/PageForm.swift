/// Reads a rendered page's pay form the way a browser would submit it.
public enum PageForm {
    /// The value of the first `token` field on `page`: the signed pay token its form submits.
    public static func firstToken(in page: String) -> String? {
        page.firstMatch(of: /name="token" value="([^"]+)"/).map { String($0.1) }
    }
}
