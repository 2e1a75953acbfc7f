#!/usr/bin/env python3
"""Turns an .eml from the outbox into one HTML file a browser can show, as a mail client would:
the HTML part with its inline images (cid:) embedded as data URIs. Standard library only.

    scripts/preview-email.py .customer-center/outbox/20261129-081200-1a2b3c4d.eml [OUT.html]
"""
import base64
import email
import sys
from email import policy


def main() -> int:
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip(), file=sys.stderr)
        return 64
    with open(sys.argv[1], "rb") as f:
        message = email.message_from_binary_file(f, policy=policy.default)
    body = message.get_body(preferencelist=("html", "plain"))
    if body is None:
        print(f"{sys.argv[1]}: no text or HTML part", file=sys.stderr)
        return 1
    html = body.get_content()
    if body.get_content_type() == "text/plain":
        from html import escape
        html = "<pre>" + escape(html) + "</pre>"
    for part in message.walk():
        content_id = part.get("Content-ID")
        if content_id and not part.is_multipart():
            data = base64.b64encode(part.get_content()).decode()
            html = html.replace("cid:" + content_id.strip("<>"), f"data:{part.get_content_type()};base64,{data}")
    header = (f"<div style=\"font:14px sans-serif;padding:8px 16px;background:#eee;border-bottom:1px solid #ccc\">"
              f"<b>From:</b> {escape_text(message['From'])}<br><b>To:</b> {escape_text(message['To'])}<br>"
              f"<b>Subject:</b> {escape_text(message['Subject'])}</div>")
    html = inject(html, header)
    out = sys.argv[2] if len(sys.argv) == 3 else sys.argv[1].rsplit(".", 1)[0] + ".html"
    with open(out, "w", encoding="utf-8") as f:
        f.write(html)
    print(out)
    return 0


def escape_text(value) -> str:
    from html import escape
    return escape(str(value or ""))


def inject(html: str, header: str) -> str:
    """Puts the envelope header right after the opening body tag."""
    start = html.find("<body")
    if start < 0:
        return header + html
    end = html.find(">", start)
    return html[: end + 1] + header + html[end + 1 :]


if __name__ == "__main__":
    sys.exit(main())
