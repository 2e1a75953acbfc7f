import CustomerCenterModel

/// Checks that span customer files: account ids and invoice numbers are unique across all customers,
/// since pay links and bank references name them.
///
/// Memory matters here: a build holds the index for every customer at once (650,000 invoice numbers at
/// 100,000 customers). So ids are kept as 64-bit FNV-1a hashes pointing at the owning file's number,
/// not as strings. A hash that is already taken is checked against the owner's actual ids, which the
/// index keeps only for the (rare) files involved, so a hash collision is never reported as a duplicate.
public struct ContentIndex: Sendable {
    private var files: [String] = []
    private var accountOwners: [UInt64: Int32] = [:]
    private var invoiceOwners: [UInt64: Int32] = [:]
    /// Ids of files involved in a hash hit, kept to tell a real duplicate from a collision.
    private var remembered: [Int32: (accounts: Set<String>, invoices: Set<String>)] = [:]
    /// The customer being added, for hits inside one file.
    private var current: (accounts: Set<String>, invoices: Set<String>) = ([], [])

    /// An empty index.
    public init() {}

    /// The hashes of one customer's account ids (first `accountCount`) and invoice numbers, in file
    /// order: what the index records of a customer, kept by the build cache so that an unchanged file
    /// is checked against the others without being parsed again.
    public struct Keys: Sendable, Equatable {
        public var hashes: [UInt64]
        public var accountCount: Int

        public init(hashes: [UInt64], accountCount: Int) {
            self.hashes = hashes
            self.accountCount = accountCount
        }

        /// The keys of `customer`.
        public init(_ customer: Customer) {
            var hashes = customer.accounts.map { ContentIndex.hash($0.id) }
            accountCount = hashes.count
            for account in customer.accounts { hashes += account.invoices.map { ContentIndex.hash($0.number) } }
            self.hashes = hashes
        }
    }

    /// Records the customer of `file` by its `keys` alone, when none of them is taken (by another file
    /// or twice in these keys) and returns true. Otherwise records nothing and returns false: the
    /// caller parses the file and adds the customer, so a duplicate is reported with its ids and
    /// fields exactly as `add(_:file:resolve:)` words it.
    public mutating func add(_ keys: Keys, file: String) -> Bool {
        let accounts = keys.hashes.prefix(keys.accountCount)
        let invoices = keys.hashes.dropFirst(keys.accountCount)
        guard accounts.allSatisfy({ accountOwners[$0] == nil }), invoices.allSatisfy({ invoiceOwners[$0] == nil }),
              !Self.hasRepeats(accounts), !Self.hasRepeats(invoices) else { return false }
        let number = Int32(files.count)
        files.append(file)
        current = ([], [])
        for key in accounts { accountOwners[key] = number }
        for key in invoices { invoiceOwners[key] = number }
        return true
    }

    /// Records `customer` from `file`; returns a problem for every id already taken by another file.
    /// `resolve` reads a file that was added before, to confirm a hash hit (the index keeps no strings).
    public mutating func add(_ customer: Customer, file: String,
                             resolve: (String) -> Customer? = { _ in nil }) -> [ContentError] {
        var problems: [ContentError] = []
        let number = Int32(files.count)
        files.append(file)
        current = ([], [])
        for (accountIndex, account) in customer.accounts.enumerated() {
            let key = Self.hash(account.id)
            if let owner = accountOwners[key], owns(owner, account: account.id, resolve: resolve) {
                problems.append(ContentError(file: file, field: "accounts[\(accountIndex)].id",
                                             reason: "account id \"\(account.id)\" is already used in \(files[Int(owner)])"))
            } else if accountOwners[key] == nil {
                accountOwners[key] = number
            }
            current.accounts.insert(account.id)
            for (invoiceIndex, invoice) in account.invoices.enumerated() {
                let key = Self.hash(invoice.number)
                if let owner = invoiceOwners[key], owns(owner, invoice: invoice.number, resolve: resolve) {
                    let place = owner == number ? "appears twice in this file" : "is already used in \(files[Int(owner)])"
                    problems.append(ContentError(file: file, field: "accounts[\(accountIndex)].invoices[\(invoiceIndex)].number",
                                                 reason: "duplicate invoice number: \"\(invoice.number)\" \(place)"))
                } else if invoiceOwners[key] == nil {
                    invoiceOwners[key] = number
                }
                current.invoices.insert(invoice.number)
            }
        }
        return problems
    }

    /// Whether file `owner` really holds account `id` (a hash hit is a duplicate, or a collision).
    private mutating func owns(_ owner: Int32, account id: String? = nil, invoice number: String? = nil,
                               resolve: (String) -> Customer?) -> Bool {
        if Int(owner) == files.count - 1 {
            if let id { return current.accounts.contains(id) }
            if let number { return current.invoices.contains(number) }
        }
        if remembered[owner] == nil {
            // Without a way to read the owner again, a hit counts as a duplicate (64-bit collisions
            // among a few million ids are about one in a million).
            guard let customer = resolve(files[Int(owner)]) else { return true }
            remembered[owner] = (Set(customer.accounts.map(\.id)), Set(customer.accounts.flatMap { $0.invoices.map(\.number) }))
        }
        guard let ids = remembered[owner] else { return true }
        if let id { return ids.accounts.contains(id) }
        if let number { return ids.invoices.contains(number) }
        return false
    }

    private static func hasRepeats(_ keys: ArraySlice<UInt64>) -> Bool {
        // A customer has a handful of ids: comparing pairs costs less than building a set.
        guard keys.count > 32 else {
            for (offset, key) in keys.enumerated() where keys.dropFirst(offset + 1).contains(key) { return true }
            return false
        }
        return Set(keys).count != keys.count
    }

    /// 64-bit FNV-1a: stable, cheap, and good enough with the collision check above.
    static func hash(_ text: String) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
        return value
    }
}
