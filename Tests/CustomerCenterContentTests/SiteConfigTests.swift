import CustomerCenterContent
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
