import Foundation

/// What Python's standard-library MIME parser (`email.policy.default`) reads from a rendered message: the
/// independent decoder the tests check our encoder against.
public struct ParsedMessage: Decodable, Sendable {
    public struct Mailbox: Decodable, Equatable, Sendable {
        public var name: String
        public var address: String

        public init(name: String, address: String) {
            self.name = name
            self.address = address
        }
    }

    public struct Part: Decodable, Sendable {
        public var type: String
        public var encoding: String?
        public var charset: String?
        public var text: String?
        public var base64: String?
        public var contentID: String?
        public var filename: String?
        public var disposition: String?
        public var defects: [String]

        /// The decoded bytes of a non-text leaf.
        public var bytes: [UInt8] { base64.flatMap { Data(base64Encoded: $0) }.map { Array($0) } ?? [] }
    }

    public var subject: String?
    public var from: [Mailbox]
    public var to: [Mailbox]
    public var replyTo: [Mailbox]
    public var messageID: String?
    public var date: String?
    public var timestamp: Double?
    public var headers: [String: String]
    /// E.g. `multipart/alternative(text/plain,multipart/related(text/html,image/png))`.
    public var structure: String
    public var parts: [Part]
    public var defects: [String]
    /// From, To, Reply-To and Subject as RFC 2047's rules decode them (`email.header.decode_header`).
    public var legacyDecoded: [String: String]

    /// The first leaf of MIME type `type`.
    public func part(_ type: String) -> Part? { parts.first { $0.type == type } }

    /// Parses `bytes` (written to a temporary file) with Python.
    public static func parse(_ bytes: [UInt8]) throws -> ParsedMessage {
        let folder = TemporaryFolder("mail-parse")
        folder.write(script, to: "parse_message.py")
        let path = folder.file("message.eml")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = try ToolRun("/usr/bin/env", ["python3", folder.file("parse_message.py"), path])
        guard result.status == 0 else { throw ToolFailure("python3 failed: \(result.errorText)") }
        return try JSONDecoder().decode(ParsedMessage.self, from: Data(result.output))
    }

    /// Parses every file of `paths` with one run of Python, in that order (an outbox of many messages).
    public static func parse(files paths: [String]) throws -> [ParsedMessage] {
        guard !paths.isEmpty else { return [] }
        let folder = TemporaryFolder("mail-parse-all")
        folder.write(script, to: "parse_message.py")
        let result = try ToolRun("/usr/bin/env", ["python3", folder.file("parse_message.py"), "--all"] + paths)
        guard result.status == 0 else { throw ToolFailure("python3 failed: \(result.errorText)") }
        return try JSONDecoder().decode([ParsedMessage].self, from: Data(result.output))
    }

    private static let script = #"""
    import base64, email, json, sys
    from email import policy
    from email.header import decode_header, make_header
    from email.parser import BytesParser

    def parse(path):
        with open(path, "rb") as f:
            raw = f.read()
        return describe(raw)

    def describe(raw):
      msg = BytesParser(policy=policy.default).parsebytes(raw)
      # The legacy decoder follows RFC 2047 6.2 and drops whitespace between adjacent encoded-words,
      # which the modern address parser keeps.
      legacy = email.message_from_bytes(raw, policy=policy.compat32)
      defects = [type(d).__name__ for d in msg.defects]

      def mailboxes(name):
          header = msg[name]
          if header is None:
              return []
          defects.extend(type(d).__name__ for d in header.defects)
          return [{"name": a.display_name, "address": a.addr_spec} for a in header.addresses]

      def structure(part):
          if part.is_multipart():
              return part.get_content_type() + "(" + ",".join(structure(p) for p in part.iter_parts()) + ")"
          return part.get_content_type()

      parts = []
      for part in msg.walk():
          if part.is_multipart():
              defects.extend(type(d).__name__ for d in part.defects)
              continue
          entry = {
              "type": part.get_content_type(),
              "encoding": part.get("content-transfer-encoding"),
              "charset": part.get_content_charset(),
              "contentID": part.get("content-id"),
              "filename": part.get_filename(),
              "disposition": part.get_content_disposition(),
              "defects": [type(d).__name__ for d in part.defects],
          }
          if part.get_content_maintype() == "text":
              entry["text"] = part.get_content()
          else:
              entry["base64"] = base64.b64encode(part.get_content()).decode()
          parts.append(entry)

      subject = msg["subject"]
      if subject is not None:
          defects.extend(type(d).__name__ for d in subject.defects)
      date = msg["date"]
      result = {
          "subject": None if subject is None else str(subject),
          "from": mailboxes("from"),
          "to": mailboxes("to"),
          "replyTo": mailboxes("reply-to"),
          "messageID": None if msg["message-id"] is None else str(msg["message-id"]),
          "date": None if date is None else str(date),
          "timestamp": None if date is None or date.datetime is None else date.datetime.timestamp(),
          "headers": {k.lower(): str(v) for k, v in msg.items()},
          "structure": structure(msg),
          "parts": parts,
          "defects": defects,
          "legacyDecoded": {n: str(make_header(decode_header(legacy[n].replace("\r\n", "")))) for n in ("from", "to", "reply-to", "subject") if legacy[n] is not None},
      }
      return result

    if sys.argv[1] == "--all":
        json.dump([parse(path) for path in sys.argv[2:]], sys.stdout)
    else:
        json.dump(parse(sys.argv[1]), sys.stdout)
    """#
}
