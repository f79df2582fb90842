// Composing one mail as RFC 5322 text: multipart/alternative plain text and HTML, RFC 2047
// encoded headers for non-ASCII text, and the Date and Message-ID every good mail carries.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.hpp"

namespace village::mail {

struct Address {
    std::string email;
    std::string name;  // may be empty; any text (encoded when it is not plain ASCII)
};

// What a mail says, in both forms.
struct Content {
    std::string subject;
    std::string text;  // text/plain, UTF-8
    std::string html;  // text/html, UTF-8, a whole document
};

struct Header {
    std::string name;
    std::string value;  // ASCII; CR and LF are removed
};

struct Message {
    Address from;
    Address to;
    Content content;
    std::vector<Header> headers;  // extra, e.g. List-Unsubscribe
    Millis date = 0;
    std::string message_id;  // "<…@host>"
};

// "Fri, 04 Dec 2026 19:33:31 +0000"
[[nodiscard]] std::string rfc5322_date(Millis at);
// A new globally unique id, "<random@domain>".
[[nodiscard]] std::string new_message_id(std::string_view domain);
// The text as is when it is printable ASCII, else RFC 2047 encoded-words (UTF-8, base64), each
// at most 75 characters and never splitting a character. CR and LF become spaces first.
[[nodiscard]] std::string encode_word(std::string_view text);
// "Name <email>" with the name encoded or quoted as needed; just "<email>" without a name.
[[nodiscard]] std::string format_address(Address const& address);
// Parses "Name <email>" or a bare "email"; the mail_from setting.
[[nodiscard]] Address parse_address(std::string_view text);
// The whole message, CRLF line endings, both bodies base64 so any UTF-8 survives any server.
[[nodiscard]] std::string compose(Message const& message);

}  // namespace village::mail
