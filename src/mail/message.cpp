// Composing RFC 5322 messages; see message.hpp.
#include "mail/message.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <chrono>

#include "accounts/secrets.hpp"
#include "core/text.hpp"

namespace village::mail {

namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::size_t kBase64LineChars = 76;
// "=?UTF-8?B?" + "?=" leaves 63 characters of base64 in a 75-character word: 45 bytes of text.
constexpr std::size_t kWordBytes = 45;

std::string base64(std::string_view bytes) {
    accounts::secrets::ensure_sodium();
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<unsigned char const*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.find('\0'));
    return out;
}

// Base64 in lines of 76 characters, each ended by CRLF (RFC 2045).
std::string base64_lines(std::string_view bytes) {
    auto const encoded = base64(bytes);
    std::string out;
    for (std::size_t i = 0; i < encoded.size(); i += kBase64LineChars) {
        out += encoded.substr(i, kBase64LineChars);
        out += kCrlf;
    }
    return out;
}

std::string without_line_breaks(std::string_view text) {
    std::string out(text);
    for (auto& c : out) {
        if (c == '\r' || c == '\n') c = ' ';
    }
    return out;
}

bool plain_ascii(std::string_view text) {
    for (unsigned char c : text) {
        if (c < 0x20 || c > 0x7e) return false;
    }
    return true;
}

// Bytes of `text` from `pos` that make at most `max` bytes without cutting a UTF-8 character.
std::size_t whole_chars(std::string_view text, std::size_t pos, std::size_t max) {
    auto end = std::min(text.size(), pos + max);
    // A continuation byte (10xxxxxx) at `end` belongs to the character before it.
    while (end > pos && end < text.size() &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;
    }
    return end == pos ? std::min(text.size() - pos, max) : end - pos;
}

std::string random_hex(std::size_t bytes) {
    accounts::secrets::ensure_sodium();
    std::vector<unsigned char> buf(bytes);
    randombytes_buf(buf.data(), buf.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), buf.data(), buf.size());
    hex.pop_back();
    return hex;
}

// A display name that needs no encoding may still need quotes: RFC 5322 "specials".
std::string quoted_name(std::string_view name) {
    if (name.find_first_of("()<>[]:;@\\,.\"") == std::string_view::npos) return std::string(name);
    std::string out = "\"";
    for (char c : name) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace

std::string rfc5322_date(Millis at) {
    namespace chr = std::chrono;
    static constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                              "Thu", "Fri", "Sat"};
    static constexpr std::array<std::string_view, 12> kMonths = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    auto const tp = chr::sys_time<chr::milliseconds>(chr::milliseconds(at));
    auto const day = chr::floor<chr::days>(tp);
    chr::year_month_day const ymd{day};
    chr::weekday const wd{day};
    chr::hh_mm_ss const hms{chr::floor<chr::seconds>(tp - day)};
    return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000", kDays[wd.c_encoding()],
                       static_cast<unsigned>(ymd.day()),
                       kMonths[static_cast<unsigned>(ymd.month()) - 1],
                       static_cast<int>(ymd.year()), hms.hours().count(), hms.minutes().count(),
                       hms.seconds().count());
}

std::string new_message_id(std::string_view domain) {
    return fmt::format("<{}@{}>", random_hex(16), domain.empty() ? "localhost" : domain);
}

std::string encode_word(std::string_view text) {
    auto const flat = without_line_breaks(text);
    if (plain_ascii(flat)) return flat;
    std::string out;
    std::string_view rest = flat;
    std::size_t pos = 0;
    while (pos < rest.size()) {
        auto const n = whole_chars(rest, pos, kWordBytes);
        if (!out.empty()) out += "\r\n ";  // folded: each word on its own line
        out += "=?UTF-8?B?" + base64(rest.substr(pos, n)) + "?=";
        pos += n;
    }
    return out;
}

std::string format_address(Address const& address) {
    auto const email = without_line_breaks(address.email);
    auto const name = text::trim(without_line_breaks(address.name));
    if (name.empty()) return "<" + email + ">";
    if (plain_ascii(name)) return quoted_name(name) + " <" + email + ">";
    return encode_word(name) + " <" + email + ">";
}

Address parse_address(std::string_view text) {
    auto const open = text.rfind('<');
    auto const close = text.rfind('>');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
        return Address{text::trim(text), {}};
    }
    auto name = text::trim(text.substr(0, open));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
        name = name.substr(1, name.size() - 2);
    }
    return Address{text::trim(text.substr(open + 1, close - open - 1)), name};
}

std::string compose(Message const& m) {
    auto const boundary = "=_village_" + random_hex(12);
    std::string out;
    auto header = [&](std::string_view name, std::string_view value) {
        out += name;
        out += ": ";
        out += value;
        out += kCrlf;
    };
    header("Date", rfc5322_date(m.date));
    header("From", format_address(m.from));
    header("To", format_address(m.to));
    header("Subject", encode_word(m.content.subject));
    header("Message-ID", m.message_id);
    header("MIME-Version", "1.0");
    for (auto const& h : m.headers) header(h.name, without_line_breaks(h.value));
    header("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
    out += kCrlf;
    out += "--" + boundary + std::string(kCrlf);
    out += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    out += base64_lines(m.content.text);
    out += "--" + boundary + std::string(kCrlf);
    out += "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    out += base64_lines(m.content.html);
    out += "--" + boundary + "--" + std::string(kCrlf);
    return out;
}

}  // namespace village::mail
