// Text checks shared by every module: UTF-8 validity, lengths in characters, emails.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace village::text {

[[nodiscard]] bool valid_utf8(std::string_view text);
// Number of Unicode code points; the text must be valid UTF-8.
[[nodiscard]] std::size_t char_count(std::string_view text);
// Leading and trailing ASCII whitespace removed.
[[nodiscard]] std::string trim(std::string_view text);
// Lower-cased, trimmed email if it looks like one (something@something.tld), else a 400 on `field`.
[[nodiscard]] Result<std::string> normalise_email(std::string_view email, std::string_view field);
[[nodiscard]] std::string ascii_lower(std::string_view text);

}  // namespace village::text
