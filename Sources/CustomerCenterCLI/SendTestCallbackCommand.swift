import ArgumentParser
import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterApplication
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `customer-center send-test-callback --provider NAME`: posts a correctly signed payment event to a
/// receiver, as the provider would, so a merchant can test a deployment end to end.
struct SendTestCallbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-test-callback",
        abstract: "Sign a payment event exactly as a provider would and post it to the receiver."
    )

    @OptionGroup var site: ContentOptions

    @Option(name: .long, help: "The configured provider to impersonate.")
    var provider: String

    @Option(name: .long, help: "The amount, e.g. 12.34.")
    var amount: String = "1.00"

    @Option(name: .long, help: "The account to pay (default: the first account of the first customer).")
    var account: String?

    @Option(name: .long, help: "The invoice to name, if any.")
    var invoice: String?

    @Option(name: .long, help: "The receiver's base URL.")
    var url: String = "http://127.0.0.1:8080"

    func run() async throws {
        let content = ContentFolder(path: site.content)
        let config: SiteConfig
        do { config = try content.loadConfig() } catch { throw fail([error.description]) }
        guard let settings = config.providers[provider] else {
            throw fail(["no provider \"\(provider)\" in [providers] of \(content.configPath)"])
        }
        let secret: String
        do {
            let source = try SecretSource(config: config, contentFolder: site.content)
            guard let first = try source.values(settings.secretName).first else { throw fail(["no secret for \(provider)"]) }
            secret = first
        } catch let error as SecretSource.MissingSecret {
            throw fail([error.description])
        } catch let error as ContentError {
            throw fail([error.description])
        }
        let (customer, target) = try findAccount(content: content, config: config)
        let money: Money
        do { money = try Money.parse(amount, currency: target.currency) } catch { throw fail(["--amount \(amount): \(error)"]) }
        let callback = TestCallback(provider: settings, secret: secret, amount: money, customerID: customer.id, accountID: target.id,
                                    invoiceNumber: invoice, timestamp: Int(Date().timeIntervalSince1970))
        var trimmed = url
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let endpoint = URL(string: "\(trimmed)/callbacks/\(provider)") else { throw fail(["--url \(url) is not a URL"]) }
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.httpBody = Data(callback.body)
        for header in callback.headers { request.setValue(header.value, forHTTPHeaderField: header.name) }
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            print("POST \(endpoint.absoluteString) \(callback.eventID): \(status) \(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
            if !(200..<300).contains(status) { throw ExitCode(1) }
        } catch let error as ExitCode {
            throw error
        } catch {
            throw fail(["cannot reach \(endpoint.absoluteString): \(error.localizedDescription)"])
        }
    }

    private func findAccount(content: ContentFolder, config: SiteConfig) throws -> (Customer, Account) {
        let defaults = ContentDefaults(config)
        let files: [String]
        do { files = try content.customerFiles() } catch { throw fail([error.description]) }
        for file in files {
            guard let customer = try? CustomerFile.load(path: file, defaults: defaults) else { continue }
            if let account {
                if let match = customer.accounts.first(where: { $0.id == account }) { return (customer, match) }
            } else if let first = customer.accounts.first {
                return (customer, first)
            }
        }
        throw fail([account.map { "no account \"\($0)\" in \(content.customersPath)" } ?? "no customers in \(content.customersPath)"])
    }
}
