// Time as milliseconds since the Unix epoch (UTC), stored as an integer in every backend.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace village {

using Millis = std::int64_t;

[[nodiscard]] Millis now_ms();
// "2026-12-04T16:00:00Z", with ".123" before the Z when there are milliseconds.
[[nodiscard]] std::string iso8601(Millis at);
// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z" or "+HH:MM"/"-HH:MM".
[[nodiscard]] Result<Millis> parse_iso8601(std::string_view text, std::string_view field);

}  // namespace village
