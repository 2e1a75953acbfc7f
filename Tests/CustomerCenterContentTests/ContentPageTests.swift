import CustomerCenterContent
import CustomerCenterTestSupport
import Testing

@Suite struct ContentPageTests {
    @Test func readsFrontMatterOrFirstHeading() throws {
        let withFrontMatter = try ContentPage.parse("+++\ntitle = \"Hilfe\"\norder = 3\n+++\n# Ganz anders\nText", file: "hilfe.md", language: "de", slug: "hilfe")
        #expect(withFrontMatter.title == "Hilfe")
        #expect(withFrontMatter.order == 3)
        #expect(withFrontMatter.markdown == "# Ganz anders\nText")
        #expect(withFrontMatter.sitePath == "de/hilfe/")
        let plain = try ContentPage.parse("Intro\n# Impressum\n", file: "impressum.md", language: "de", slug: "impressum")
        #expect(plain.title == "Impressum")
    }

    @Test func keepsLineBreaksWhenThePageAsks() throws {
        let imprint = try ContentPage.parse("+++\nkeep_line_breaks = true\n+++\n# Impressum\nA\nB\n", file: "impressum.md", language: "de", slug: "impressum")
        #expect(imprint.keepLineBreaks)
        #expect(!(try ContentPage.parse("# Hilfe\n", file: "hilfe.md", language: "de", slug: "hilfe")).keepLineBreaks)
        let error = #expect(throws: ContentError.self) {
            try ContentPage.parse("+++\nkeep_line_breaks = \"yes\"\n+++\n# X\n", file: "content/pages/de/x.md", language: "de", slug: "x")
        }
        #expect(error?.description == "content/pages/de/x.md: keep_line_breaks: expected true or false, found a string")
    }

    @Test func namesTheLineOfAFrontMatterError() {
        let error = #expect(throws: ContentError.self) {
            try ContentPage.parse("+++\ntitle = \"Hilfe\"\norder = drei\n+++\n", file: "content/pages/de/hilfe.md", language: "de", slug: "hilfe")
        }
        #expect(error?.line == 3)
        #expect(error?.file == "content/pages/de/hilfe.md")
    }

    @Test func refusesAnUntitledPageAndAnUnclosedFrontMatter() {
        #expect(throws: ContentError.self) { try ContentPage.parse("just text", file: "x.md", language: "de", slug: "x") }
        #expect(throws: ContentError.self) { try ContentPage.parse("+++\ntitle = \"x\"\n", file: "x.md", language: "de", slug: "x") }
    }

    @Test func loadsTheDemoPagesInBothLanguages() throws {
        let pages = try ContentFolder(path: TestPaths.demoContent).loadPages()
        #expect(Set(pages.map(\.language)) == ["de", "en"])
        #expect(pages.filter { $0.language == "de" }.map(\.slug) == ["hilfe", "zahlungshinweise", "impressum", "datenschutz"])
    }

    @Test func refusesAPageInAnUnknownLanguage() {
        let folder = TemporaryFolder()
        folder.write("# Aide\n", to: "content/pages/fr/aide.md")
        let error = #expect(throws: ContentProblems.self) { try ContentFolder(path: folder.file("content")).loadPages() }
        #expect(error?.problems.first?.reason == "unknown page language \"fr\"; use de or en")
    }
}
