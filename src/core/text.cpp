// UTF-8 and email checks; see text.hpp.
#include "core/text.hpp"

#include <fmt/format.h>

#include "core/limits.hpp"

namespace village::text {

bool valid_utf8(std::string_view text) {
    auto const* s = reinterpret_cast<unsigned char const*>(text.data());
    std::size_t const n = text.size();
    std::size_t i = 0;
    while (i < n) {
        unsigned char const c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n) return false;
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
            return false;
        }
        i += len;
    }
    return true;
}

std::size_t char_count(std::string_view text) {
    std::size_t count = 0;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    }
    return count;
}

std::string trim(std::string_view text) {
    auto const space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && space(text.front())) text.remove_prefix(1);
    while (!text.empty() && space(text.back())) text.remove_suffix(1);
    return std::string(text);
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

Result<std::string> normalise_email(std::string_view email, std::string_view field) {
    auto const bad = [&] {
        return fail(Errc::bad_request, "Enter an email address like name@example.org",
                    std::string(field));
    };
    std::string const trimmed = trim(email);
    if (trimmed.empty() || trimmed.size() > limits::kMaxEmailChars || !valid_utf8(trimmed)) {
        return bad();
    }
    auto const at = trimmed.find('@');
    if (at == 0 || at == std::string::npos || trimmed.find('@', at + 1) != std::string::npos) {
        return bad();
    }
    auto const domain = std::string_view(trimmed).substr(at + 1);
    auto const dot = domain.find('.');
    if (dot == 0 || dot == std::string_view::npos || domain.back() == '.') return bad();
    for (char c : trimmed) {
        if (c == ' ' || c == '\t' || c == '<' || c == '>' || c == ',' || c == '"') return bad();
    }
    return ascii_lower(trimmed);
}

}  // namespace village::text
