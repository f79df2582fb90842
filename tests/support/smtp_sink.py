"""An SMTP sink for Village's mail tests, run by aiosmtpd:

    /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.Sink FOLDER

Each message the server accepts is parsed with Python's own MIME parser (the email package)
and written to FOLDER as NNNNNN.json (atomically), with the envelope, the decoded headers and
the decoded text and HTML parts, so tests read what a mail client would show.

    /usr/bin/python3 smtp_sink.py FILE.eml

prints the same summary for a mail written to a file (Village's .eml folder).
"""
import email
import email.policy
import json
import os
import threading


def summarize(data, mail_from=None, rcpt_tos=()):
    message = email.message_from_bytes(data, policy=email.policy.default)
    raw = email.message_from_bytes(data)  # compat32: headers as they were on the wire
    parts = {}
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        if kind in ("text/plain", "text/html") and kind not in parts:
            parts[kind] = part.get_content()
    return {
        "mail_from": mail_from,
        "rcpt_tos": list(rcpt_tos),
        # str() of a header under policy.default is the decoded text (RFC 2047 undone).
        "headers": {name: str(value) for name, value in message.items()},
        "raw_headers": {name: value for name, value in raw.items()},
        "content_type": message.get_content_type(),
        "is_multipart": message.is_multipart(),
        "text": parts.get("text/plain"),
        "html": parts.get("text/html"),
        "defects": [type(d).__name__ for d in message.defects],
    }


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.lock = threading.Lock()
        os.makedirs(folder, exist_ok=True)
        self.count = len([n for n in os.listdir(folder) if n.endswith(".json")])

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("smtp_sink.Sink needs one argument: the folder to write mails into")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        summary = summarize(data, envelope.mail_from, envelope.rcpt_tos)
        with self.lock:
            self.count += 1
            name = "%06d.json" % self.count
            temporary = os.path.join(self.folder, name + ".tmp")
            with open(temporary, "w", encoding="utf-8") as out:
                json.dump(summary, out)
            os.rename(temporary, os.path.join(self.folder, name))
        return "250 Message accepted for delivery"


if __name__ == "__main__":
    import sys
    with open(sys.argv[1], "rb") as f:
        print(json.dumps(summarize(f.read())))
