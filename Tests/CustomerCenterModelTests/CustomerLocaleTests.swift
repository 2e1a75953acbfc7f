import CustomerCenterModel
import Testing

@Suite struct CustomerLocaleTests {
    @Test func acceptsGermanAndEnglishTags() {
        #expect(CustomerLocale("de-DE")?.identifier == "de-DE")
        #expect(CustomerLocale("de_at")?.identifier == "de-AT")
        #expect(CustomerLocale("en")?.identifier == "en")
        #expect(CustomerLocale("fr-FR") == nil)
        #expect(CustomerLocale("de-DEU") == nil)
    }
}
