/// Rendering a message as RFC 5322/MIME bytes.
extension EmailMessage {
    private static let crlf: [UInt8] = [0x0D, 0x0A]

    /// The complete message with CRLF line endings: header fields folded to 78 characters with non-ASCII
    /// text as RFC 2047 encoded-words, then the body. Text only gives one `text/plain` part; with HTML a
    /// `multipart/alternative` (text first), whose HTML becomes a `multipart/related` with the inline
    /// images. Throws for line breaks in any header input, invalid addresses and unusable extra headers.
    public func rendered() throws(MailError) -> [UInt8] {
        let fields = try headerFields()
        let (contentFields, body) = try bodyPart().rendered()
        var out: [UInt8] = []
        out.reserveCapacity(body.count + 2048)
        for field in fields + ["MIME-Version: 1.0"] + extraHeaderFields() + contentFields {
            out += Array(field.utf8) + Self.crlf
        }
        out += Self.crlf
        out += body
        return out
    }

    /// Date, From, To, Reply-To, Message-ID and Subject, validated and folded.
    private func headerFields() throws(MailError) -> [String] {
        guard !to.isEmpty else { throw .noRecipients }
        try from.validate(field: "From")
        for recipient in to { try recipient.validate(field: "To") }
        try replyTo?.validate(field: "Reply-To")
        try FoldedHeader.refuseLineBreaks(subject, field: "Subject")
        try validateMessageID()
        for header in extraHeaders { try header.validate() }

        var fields = ["Date: " + MailDate.format(date, timeZone: timeZone)]
        var fromField = FoldedHeader(name: "From")
        from.write(to: &fromField)
        fields.append(fromField.rendered)
        var toField = FoldedHeader(name: "To")
        for (index, recipient) in to.enumerated() {
            recipient.write(to: &toField, suffix: index < to.count - 1 ? "," : "")
        }
        fields.append(toField.rendered)
        if let replyTo {
            var replyField = FoldedHeader(name: "Reply-To")
            replyTo.write(to: &replyField)
            fields.append(replyField.rendered)
        }
        fields.append("Message-ID: " + messageID)
        var subjectField = FoldedHeader(name: "Subject")
        subjectField.appendText(subject)
        fields.append(subjectField.rendered)
        return fields
    }

    /// `<left@right>` in printable ASCII without spaces: what threading and duplicate detection rely on.
    private func validateMessageID() throws(MailError) {
        try FoldedHeader.refuseLineBreaks(messageID, field: "Message-ID")
        let bytes = Array(messageID.utf8)
        let inner = bytes.dropFirst().dropLast()
        guard bytes.count <= 250, bytes.first == UInt8(ascii: "<"), bytes.last == UInt8(ascii: ">"),
              inner.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }),
              inner.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false).count == 2,
              inner.first != UInt8(ascii: "@"), inner.last != UInt8(ascii: "@")
        else { throw .invalidHeader(field: "Message-ID", reason: "\"\(messageID)\" is not <left@right> in printable ASCII") }
    }

    private func extraHeaderFields() -> [String] {
        extraHeaders.map { header in
            var field = FoldedHeader(name: header.name)
            field.appendText(header.value)
            return field.rendered
        }
    }

    /// The MIME tree for the bodies and images.
    private func bodyPart() throws(MailError) -> MIMEPart {
        let textPart = Self.textPart(text, subtype: "plain")
        guard let html else {
            guard inlineImages.isEmpty else { throw .inlineImagesWithoutHTML }
            return textPart
        }
        let htmlPart = Self.textPart(html, subtype: "html")
        guard !inlineImages.isEmpty else {
            return .multipart(subtype: "alternative", parameters: [], parts: [textPart, htmlPart])
        }
        var seen: Set<String> = []
        var imageParts: [MIMEPart] = []
        for image in inlineImages {
            try image.validate()
            guard seen.insert(image.contentID).inserted else {
                throw .invalidHeader(field: "Content-ID", reason: "\"\(image.contentID)\" is used by two inline images")
            }
            imageParts.append(Self.imagePart(image))
        }
        let related = MIMEPart.multipart(subtype: "related", parameters: ["type=\"text/html\""], parts: [htmlPart] + imageParts)
        return .multipart(subtype: "alternative", parameters: [], parts: [textPart, related])
    }

    private static func textPart(_ text: String, subtype: String) -> MIMEPart {
        .leaf(headers: ["Content-Type: text/\(subtype); charset=UTF-8", "Content-Transfer-Encoding: quoted-printable"],
              body: TransferEncoding.quotedPrintable(text))
    }

    private static func imagePart(_ image: InlineImage) -> MIMEPart {
        var type = FoldedHeader(name: "Content-Type")
        type.append(image.mimeType + ";")
        type.append(InlineImage.parameter("name", image.filename))
        var disposition = FoldedHeader(name: "Content-Disposition")
        disposition.append("inline;")
        disposition.append(InlineImage.parameter("filename", image.filename))
        return .leaf(headers: [type.rendered, "Content-Transfer-Encoding: base64", "Content-ID: <\(image.contentID)>",
                               disposition.rendered],
                     body: TransferEncoding.base64(image.bytes))
    }
}
