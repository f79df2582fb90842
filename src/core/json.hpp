// Reading JSON request bodies field by field, with a 400 naming the field on any mistake.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace village::json {

namespace bj = boost::json;

// A PATCH field: absent (leave as is), null (clear it) or a value.
template <class T>
struct Patch {
    bool present = false;
    std::optional<T> value;
    [[nodiscard]] bool clears() const { return present && !value; }
};

// The body must be one JSON object, valid UTF-8, no deeper than 32 levels.
[[nodiscard]] Result<bj::object> parse_object(std::string_view body);

// Text fields: must be strings of valid UTF-8 with at most `max_chars` characters (or
// `max_bytes` bytes for markdown). Required text is trimmed and may not be empty.
[[nodiscard]] Result<std::string> required_text(bj::object const& in, std::string_view key,
                                                std::size_t max_chars);
[[nodiscard]] Result<std::optional<std::string>> optional_text(bj::object const& in,
                                                               std::string_view key,
                                                               std::size_t max_chars);
[[nodiscard]] Result<Patch<std::string>> patch_text(bj::object const& in, std::string_view key,
                                                    std::size_t max_chars, bool allow_null = true);
[[nodiscard]] Result<std::optional<std::string>> optional_markdown(bj::object const& in,
                                                                   std::string_view key);
[[nodiscard]] Result<std::optional<bool>> optional_bool(bj::object const& in, std::string_view key);
[[nodiscard]] Result<std::optional<std::int64_t>> optional_int(bj::object const& in,
                                                               std::string_view key,
                                                               std::int64_t min, std::int64_t max);
// Times are ISO 8601 strings; null clears.
[[nodiscard]] Result<Patch<Millis>> patch_time(bj::object const& in, std::string_view key);
// Ids are positive integers (JSON numbers); anything else is a 400 on the field.
[[nodiscard]] Result<std::optional<std::int64_t>> optional_id(bj::object const& in,
                                                              std::string_view key);
[[nodiscard]] Result<Patch<std::int64_t>> patch_id(bj::object const& in, std::string_view key);
[[nodiscard]] Result<std::optional<std::vector<std::int64_t>>> optional_ids(bj::object const& in,
                                                                            std::string_view key);
[[nodiscard]] Result<std::optional<std::vector<std::string>>> optional_text_list(
    bj::object const& in, std::string_view key, std::size_t max_items, std::size_t max_chars);

// Output helpers.
[[nodiscard]] bj::value time_or_null(std::optional<Millis> at);
[[nodiscard]] bj::value text_or_null(std::optional<std::string> const& text);
[[nodiscard]] std::string error_body(Error const& error);  // {"error":{"code","message","field"}}

}  // namespace village::json
