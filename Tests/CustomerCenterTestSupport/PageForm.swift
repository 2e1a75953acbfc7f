/// Reads a rendered page's pay forms the way a browser would submit them.
public enum PageForm {
    /// The token of the first amount form (`class="pay-form"`) on `page`: the signed pay token it submits.
    public static func firstToken(in page: String) -> String? {
        page.firstMatch(of: /<form class="pay-form" method="get"[^>]*>\s*<input type="hidden" name="token" value="([^"]+)">/).map { String($0.1) }
    }

    /// The token of the first invoice-selection form (the checkboxes) on `page`.
    public static func selectionToken(in page: String) -> String? {
        page.firstMatch(of: /class="pay-form selection__form"[^>]*>\s*<input type="hidden" name="token" value="([^"]+)">/).map { String($0.1) }
    }
}
