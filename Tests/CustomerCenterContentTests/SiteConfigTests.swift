import CustomerCenterContent
import Foundation
import CustomerCenterTestSupport
import Testing

@Suite struct SiteConfigTests {
    static let valid = """
        [site]
        base_url = "https://kunden.example.de/"
        receiver_url = "https://pay.example.de"

        [merchant]
        name = "Beispiel GmbH"
        email = "info@example.de"

        [bank]
        holder = "Beispiel GmbH"
        iban = "DE89 3704 0044 0532 0130 00"
        bic = "cobadeffxxx"
        """

    @Test func readsTheDemoConfiguration() throws {
        let config = try SiteConfig.load(from: TestPaths.demoContent + "/config.toml")
        #expect(config.merchant.name == "Stadtwerke Sonnenfeld GmbH")
        #expect(config.bank.iban == "DE89370400440532013000")
        #expect(config.paymentMethods == [.paypal, .sofort, .card, .transfer])
        #expect(config.secrets.file?.hasSuffix("content/../demo-secrets.toml") == true)
    }

    @Test func appliesDefaultsAndNormalises() throws {
        let config = try SiteConfig.parse(Self.valid, file: "config.toml")
        #expect(config.baseURL == "https://kunden.example.de")
        #expect(config.siteRootURL == "https://kunden.example.de/")
        #expect(config.defaultLocale.identifier == "de-DE")
        #expect(config.defaultCurrency.code == "EUR")
        #expect(config.bank.bic == "COBADEFFXXX")
        #expect(config.title == "Beispiel GmbH")
    }

    @Test func namesTheLineOfATOMLSyntaxError() {
        let text = Self.valid.replacingOccurrences(of: "name = \"Beispiel GmbH\"", with: "name = \"Beispiel GmbH")
        let error = #expect(throws: ContentError.self) { try SiteConfig.parse(text, file: "content/config.toml") }
        #expect(error?.file == "content/config.toml")
        #expect(error?.line == 6)
        #expect(error?.description.hasPrefix("content/config.toml:6: invalid TOML") == true)
    }

    @Test(arguments: [
        ("iban = \"DE89 3704 0044 0532 0130 00\"", "iban = \"DE88 3704 0044 0532 0130 00\"",
         "content/config.toml: [bank].iban: \"DE88370400440532013000\" is not a valid IBAN (wrong length or check digits)"),
        ("bic = \"cobadeffxxx\"", "bic = \"COBA\"", "content/config.toml: [bank].bic: \"COBA\" is not a BIC (8 or 11 letters and digits)"),
        ("receiver_url = \"https://pay.example.de\"", "receiver_url = \"pay.example.de\"",
         "content/config.toml: [site].receiver_url: \"pay.example.de\" is not an absolute http(s) URL without query"),
        ("[merchant]", "[merchant]\nnmae = \"x\"", "content/config.toml: [merchant].nmae: unknown key; expected one of: address, email, name, phone, vat_id, website"),
        ("email = \"info@example.de\"", "", "content/config.toml: [merchant].email: missing; it is required"),
        ("[site]", "[site]\ndefault_currency = \"EURO\"", "content/config.toml: [site].default_currency: \"EURO\" is not an ISO 4217 currency code"),
    ])
    func explainsInvalidFields(original: String, replacement: String, message: String) {
        let text = Self.valid.replacingOccurrences(of: original, with: replacement)
        let error = #expect(throws: ContentError.self) { try SiteConfig.parse(text, file: "content/config.toml") }
        #expect(error?.description == message)
    }

    @Test func namesAMissingConfigurationFile() {
        let folder = TemporaryFolder()
        let error = #expect(throws: ContentError.self) { try ContentFolder(path: folder.path).loadConfig() }
        #expect(error?.description == "\(folder.path)/config.toml: cannot read the configuration file (no such file)")
    }

    /// Found by fuzzing (config): a table header that does not start with a key, such as
    /// `` [`payments] ``, made toml++ 3.4.0 (inside TOMLKit) abort the process on an assertion.
    /// It is an error with its line now.
    @Test func aTableHeaderWithoutAKeyIsAnErrorNotAnAbort() throws {
        // The fuzzer's input: the demo configuration, mutated; line 25 is `` [`payments] ``.
        let found = try #require(Data(base64Encoded: Self.fuzzedConfiguration, options: .ignoreUnknownCharacters))
        let error = #expect(throws: ContentError.self) { try SiteConfig.parse(String(decoding: found, as: UTF8.self), file: "content/config.toml") }
        #expect(error?.line == 25)
        #expect(error?.reason == "invalid TOML: Error while parsing table header: expected a bare key or a quoted key after '['")
        for (text, line) in [("[`a]", 1), ("a = 1\n\n[[[a]]]", 3), ("[ \t#]", 1), ("[\n", 1), ("[[=", 1)] {
            let error = #expect(throws: ContentError.self) { try SiteConfig.parse(text, file: "c.toml") }
            #expect(error?.line == line, "\(text.debugDescription)")
            #expect(error?.reason.hasPrefix("invalid TOML:") == true)
        }
        // `[` inside values and strings is no header; headers with quoted keys are fine.
        let valid = Self.valid + """

            [payments]
            methods = [
              "card", # [`not a header
              "paypal",
            ]
            [providers."sandbox"]
            scheme = "standard-webhooks"
            [providers.'stripe']
            scheme = "stripe" # [`
            [email]
            from_name = \"\"\"
            [`not a header either
            \"\"\"
            """
        let config = try SiteConfig.parse(valid, file: "c.toml")
        #expect(config.paymentMethods == [.card, .paypal])
        #expect(config.providers.keys.sorted() == ["sandbox", "stripe"])
        #expect(config.email.fromName == "[`not a header either")
    }

    static let fuzzedConfiguration = """
        IyBTaXRlIGNvbmZpZ3VyYXRpYmljb2YgdGhlIGRlbW8gbWVyY2hhbnQuIEZvcm1sZWRnZXJhdDogIyBTaXRlKGNvbmZpZ3VyYXRpb24gb2YgdG
        hlIGRlbW8gbWVyY2hhbnQuIEZvcm1hdDogZG9jcy9jb250ZW50LWZvcm1hdC5tZAojIE5vIHNlY3JldHMgaGVyZTogdGhpcyBmb2xkZXIgaXMg
        c2hhcmVkIGFuZCBjb21taXR0ZWQuIFNlZSBbc2VjcmV0c10gYmVsb3cuCgpbc2l0ZV0KdGl0bGUgPSAiS3VuZGVucG9ydGFsIFN0YWR0d2Vya2
        UgU29ubmVuZmVsZCIKYmFzZV91cmwgPSAiaHR0cHM6Ly9rdW5kZW4uc3RhZHR3ZXJrZS1zb25uZW5mZWxkLmV4YW1wbGUiICAgICAjIHdoZXJl
        IHNpdGUvIGlzIHB1Ymxpc2hlZApyZWNlaXZlcl91cmwgPSAiaHR0cHM6Ly96YWhsdW5nLnNcdTAwMDBya2Utc29ubmVuZmVsZC5leGFtcGxlIi
        AjIHdoZXJlIGBjdXN0b21lci1jZW50ZXIgc2VydmVgIHJ1bnMKZGVmYXVsdF9sb2NhbGUgPSAiZGUtREUiCmRlZmF1bHRfY3VycmVuY3kgPSAi
        RVVSIgp0aW1lem9uZSA9ICJFdXJvcGUvQmVybGluIgoKW21lcmNoYW50XQpuYW1lID0gIlN0YWR0d2Vya2UgU29ubmVuZmVsZCBHbWJIIgphZG
        RyZXNzID0gWyJMaW5kZW5hbGxlZSAxMiIsICI3OTA5OCBTb25uZW5mZWxkIl0KZW1haWwgPSAia3VuZGVuc2VydmljZUBzdGFkdHdlcmtlLXNv
        bm5lbmZlbGQuZXhhbXBsZSIKcGhvbmUgPSAiKzQ5IDc2MSA1NTUgMDEwMCIKd2Vic2l0ZSA9ICJodHRwZCBhbmQgcmV0cmllZCBsYXRlcHVibG
        lzaF9jb21tYW5kICAgYXRfaWQgPSDcu7rOzczLyjY3ODkiCgpbYmFua10KaG9sZGVyID0gIlN0YWR0d2Vya2UgU29ubmVuZmVsZCBHbWJIIgpp
        YmFuID0gIkRFNDQgMzcwNCAwMDQ0IDA1MzIgMDEzMCAwMCIKYmljID0gIkNPQkFERUZGWFhYIgpiYW5rX25hbWUgPSAiQ29tbWVyemJhbmsiCg
        pbYHBheW1lbnRzXQptZXRob2RzID0gWyJwYXlwYWwiLCAic29mb3J0IiwgImNhcmQiLCAidHJhbnNmZXIiXQojIFRoZSBwcm92aWRlciB0aGF0
        IHRha2VzIFBheVBhbCwgU29mb3J0IGFuZCBjYXJkIHBheW1lbnRzOiAic2FuZG9jcy9jb250ZW50LWZvcm1hdC5tZAojIE5vIHNlY3JldHMgaG
        VyZTogdGhpcyBmb2xkZXIgaXMgc2hhcmVkIGFuZCBjb21taWRib3giIGZvciB0aGUgZGVtbywgInN0cmk0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0
        NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0ND
        Q0NDQ0NDQ0NDQ0NDQ0NDQ0NDRwZSIgaW4gcHJvZHVjdGlvbi4KcHJvdmlkZXIgPSAic2FuZGJveCIKbWluX2Ftb3VudCA9ICIxLjAwIgptYXhf
        YW1vdW50ID0gIjEwMDAwLjAwIgptYXhfbXVsdGlwbGVfb2Zfb3BlbiA9IDMgICAgICAgICMgYXR0dGVkLiBTZWUgbW8=
        """
}

@Suite struct SecretSourceTests {
    func config(secretsFile: String?) throws -> SiteConfig {
        var config = try SiteConfig.parse(SiteConfigTests.valid, file: "config.toml")
        config.secrets.file = secretsFile
        return config
    }

    @Test func environmentWinsOverTheFile() throws {
        let folder = TemporaryFolder()
        folder.write("link_secret = \"from-file\"\n", to: "secrets.toml")
        let fromFile = try SecretSource(config: config(secretsFile: folder.file("secrets.toml")),
                                        contentFolder: folder.file("content"), environment: [:])
        #expect(try fromFile.value("link_secret") == "from-file")
        let fromEnvironment = try SecretSource(config: config(secretsFile: folder.file("secrets.toml")),
                                               contentFolder: folder.file("content"),
                                               environment: ["CUSTOMER_CENTER_LINK_SECRET": "from-env"])
        #expect(try fromEnvironment.value("link_secret") == "from-env")
    }

    @Test func aMissingSecretNamesTheVariable() throws {
        let source = try SecretSource(config: config(secretsFile: nil), contentFolder: "content", environment: [:])
        let error = #expect(throws: SecretSource.MissingSecret.self) { try source.value("link_secret") }
        #expect(error?.description == "missing secret link_secret: set the environment variable CUSTOMER_CENTER_LINK_SECRET (or name a secrets file in [secrets].file)")
    }

    @Test func refusesASecretsFileInsideTheContentFolder() throws {
        let folder = TemporaryFolder()
        folder.write("link_secret = \"x\"\n", to: "content/secrets.toml")
        let error = #expect(throws: ContentError.self) {
            try SecretSource(config: config(secretsFile: folder.file("content/secrets.toml")),
                             contentFolder: folder.file("content"), environment: [:])
        }
        #expect(error?.reason.hasPrefix("the secrets file is inside the content folder") == true)
    }
}

@Suite struct ProviderConfigurationTests {
    @Test func readsProvidersAndReceiverSettings() throws {
        let config = try SiteConfig.load(from: TestPaths.demoContent + "/config.toml")
        #expect(config.providers["sandbox"]?.scheme == "standard-webhooks")
        #expect(config.providers["sandbox"]?.format == .sandbox)
        #expect(config.providers["stripe"]?.format == .stripe)
        #expect(config.receiver.timestampToleranceSeconds == 300)
        #expect(config.receiver.publishCommand == nil)
        #expect(config.receiver.ledgerPath.hasSuffix("content/../.customer-center/ledger.sqlite"))
    }

    @Test func publishTimeoutHasADefaultAndABound() throws {
        #expect(try SiteConfig.parse(SiteConfigTests.valid, file: "config.toml").receiver.publishTimeoutSeconds == 300)
        let set = SiteConfigTests.valid + "\n[receiver]\npublish_timeout_seconds = 45\n"
        #expect(try SiteConfig.parse(set, file: "config.toml").receiver.publishTimeoutSeconds == 45)
        for value in ["0", "3601"] {
            let text = SiteConfigTests.valid + "\n[receiver]\npublish_timeout_seconds = \(value)\n"
            let error = #expect(throws: ContentError.self) { try SiteConfig.parse(text, file: "config.toml") }
            #expect(error?.description == "config.toml: [receiver].publish_timeout_seconds: must be between 1 and 3600")
        }
    }

    @Test func theReminderIntervalHasADefaultAndZeroOrLessIsRefusedNamingTheKey() throws {
        #expect(try SiteConfig.parse(SiteConfigTests.valid, file: "config.toml").reminders.intervalDays == 14)
        let set = SiteConfigTests.valid + "\n[reminders]\ninterval_days = 7\n"
        #expect(try SiteConfig.parse(set, file: "config.toml").reminders.intervalDays == 7)
        for value in ["0", "-3", "366"] {
            let text = SiteConfigTests.valid + "\n[reminders]\ninterval_days = \(value)\n"
            let error = #expect(throws: ContentError.self) { try SiteConfig.parse(text, file: "config.toml") }
            #expect(error?.description == "config.toml: [reminders].interval_days: must be between 1 and 365")
        }
        let text = SiteConfigTests.valid + "\n[reminders]\ninterval_days = \"14\"\n"
        let error = #expect(throws: ContentError.self) { try SiteConfig.parse(text, file: "config.toml") }
        #expect(error?.description == "config.toml: [reminders].interval_days: expected a whole number, found a string")
        let unknown = SiteConfigTests.valid + "\n[reminders]\nintervall_days = 14\n"
        let misspelt = #expect(throws: ContentError.self) { try SiteConfig.parse(unknown, file: "config.toml") }
        #expect(misspelt?.description.contains("[reminders].intervall_days: unknown key; expected one of: interval_days") == true,
                "\(misspelt.map(\.description) ?? "")")
    }

    @Test func refusesAnUnknownSignatureScheme() {
        let text = SiteConfigTests.valid + "\n[providers.acme]\nscheme = \"md5\"\n"
        let error = #expect(throws: ContentError.self) { try SiteConfig.parse(text, file: "config.toml") }
        #expect(error?.description == "config.toml: [providers.acme].scheme: unknown signature scheme \"md5\"; use stripe, standard-webhooks or hmac-sha256")
    }

    @Test func severalSecretsForRotation() throws {
        let folder = TemporaryFolder()
        folder.write("provider_stripe_secrets = [\"whsec_new\", \"whsec_old\"]\n", to: "secrets.toml")
        var config = try SiteConfig.parse(SiteConfigTests.valid, file: "config.toml")
        config.secrets.file = folder.file("secrets.toml")
        let fromFile = try SecretSource(config: config, contentFolder: folder.file("content"), environment: [:])
        #expect(try fromFile.values("provider_stripe_secrets") == ["whsec_new", "whsec_old"])
        let fromEnvironment = try SecretSource(config: config, contentFolder: folder.file("content"),
                                               environment: ["CUSTOMER_CENTER_PROVIDER_STRIPE_SECRETS": "a secret with spaces, whsec_2"])
        #expect(try fromEnvironment.values("provider_stripe_secrets") == ["a secret with spaces", "whsec_2"])
    }

    @Test func providerNamesWithADashGiveAShellVariableAndFileSecretsMayHoldCommas() throws {
        #expect(SecretSource.variable(for: "provider_my-psp_secrets") == "CUSTOMER_CENTER_PROVIDER_MY_PSP_SECRETS")
        let folder = TemporaryFolder()
        folder.write("provider_plain_secrets = \"a,b c\"\n", to: "secrets.toml")
        var config = try SiteConfig.parse(SiteConfigTests.valid, file: "config.toml")
        config.secrets.file = folder.file("secrets.toml")
        let source = try SecretSource(config: config, contentFolder: folder.file("content"), environment: [:])
        #expect(try source.values("provider_plain_secrets") == ["a,b c"])
    }
}
