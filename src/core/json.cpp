// Field readers for JSON request bodies; see json.hpp.
#include "core/json.hpp"

#include <fmt/format.h>

#include "core/limits.hpp"
#include "core/text.hpp"

namespace village::json {

namespace {

tl::unexpected<Error> wrong_type(std::string_view key, std::string_view what) {
    return fail(Errc::bad_request, fmt::format("{} must be {}", key, what), std::string(key));
}

bj::value const* find(bj::object const& in, std::string_view key) {
    auto it = in.find(key);
    return it == in.end() ? nullptr : &it->value();
}

Result<std::string> checked_text(bj::string const& raw, std::string_view key,
                                 std::size_t max_chars) {
    std::string_view const view(raw.data(), raw.size());
    if (!text::valid_utf8(view)) {
        return fail(Errc::bad_request, fmt::format("{} is not valid UTF-8", key), std::string(key));
    }
    if (text::char_count(view) > max_chars) {
        return fail(Errc::too_large, fmt::format("{} is longer than {} characters", key, max_chars),
                    std::string(key));
    }
    return std::string(view);
}

Result<std::int64_t> as_id(bj::value const& v, std::string_view key) {
    if (v.is_int64() && v.get_int64() > 0) return v.get_int64();
    if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX) &&
        v.get_uint64() > 0) {
        return static_cast<std::int64_t>(v.get_uint64());
    }
    return wrong_type(key, "a positive whole-number id");
}

}  // namespace

Result<bj::object> parse_object(std::string_view body) {
    if (body.size() > limits::kMaxBodyBytes) {
        return fail(Errc::too_large, "The request body is larger than 1 MiB");
    }
    bj::parse_options options;
    options.max_depth = 32;
    boost::system::error_code ec;
    bj::value value = bj::parse(body, ec, {}, options);
    if (ec) {
        std::string message = "The request body is not valid JSON";
        if (!text::valid_utf8(body)) message = "The request body is not valid UTF-8";
        return fail(Errc::bad_request, message);
    }
    if (!value.is_object())
        return fail(Errc::bad_request, "The request body must be a JSON object");
    return std::move(value.as_object());
}

Result<std::string> required_text(bj::object const& in, std::string_view key,
                                  std::size_t max_chars) {
    auto const* v = find(in, key);
    if (!v || v->is_null()) {
        return fail(Errc::bad_request, fmt::format("{} is required", key), std::string(key));
    }
    if (!v->is_string()) return wrong_type(key, "text");
    auto checked = checked_text(v->get_string(), key, max_chars);
    if (!checked) return checked;
    auto trimmed = text::trim(*checked);
    if (trimmed.empty()) {
        return fail(Errc::bad_request, fmt::format("{} may not be empty", key), std::string(key));
    }
    return trimmed;
}

Result<std::optional<std::string>> optional_text(bj::object const& in, std::string_view key,
                                                 std::size_t max_chars) {
    auto const* v = find(in, key);
    if (!v || v->is_null()) return std::optional<std::string>{};
    if (!v->is_string()) return wrong_type(key, "text");
    auto checked = checked_text(v->get_string(), key, max_chars);
    if (!checked) return fail(checked.error());
    return std::optional<std::string>(text::trim(*checked));
}

Result<Patch<std::string>> patch_text(bj::object const& in, std::string_view key,
                                      std::size_t max_chars, bool allow_null) {
    auto const* v = find(in, key);
    if (!v) return Patch<std::string>{};
    if (v->is_null()) {
        if (!allow_null) return wrong_type(key, "text");
        return Patch<std::string>{true, std::nullopt};
    }
    if (!v->is_string()) return wrong_type(key, "text");
    auto checked = checked_text(v->get_string(), key, max_chars);
    if (!checked) return fail(checked.error());
    return Patch<std::string>{true, text::trim(*checked)};
}

Result<std::optional<std::string>> optional_markdown(bj::object const& in, std::string_view key) {
    auto const* v = find(in, key);
    if (!v || v->is_null()) return std::optional<std::string>{};
    if (!v->is_string()) return wrong_type(key, "text");
    auto const& raw = v->get_string();
    if (raw.size() > limits::kMaxMarkdownBytes) {
        return fail(Errc::too_large, fmt::format("{} is longer than 64 KiB", key),
                    std::string(key));
    }
    std::string_view const view(raw.data(), raw.size());
    if (!text::valid_utf8(view)) {
        return fail(Errc::bad_request, fmt::format("{} is not valid UTF-8", key), std::string(key));
    }
    return std::optional<std::string>(std::string(view));
}

Result<std::optional<bool>> optional_bool(bj::object const& in, std::string_view key) {
    auto const* v = find(in, key);
    if (!v || v->is_null()) return std::optional<bool>{};
    if (!v->is_bool()) return wrong_type(key, "true or false");
    return std::optional<bool>(v->get_bool());
}

Result<std::optional<std::int64_t>> optional_int(bj::object const& in, std::string_view key,
                                                 std::int64_t min, std::int64_t max) {
    auto const* v = find(in, key);
    if (!v || v->is_null()) return std::optional<std::int64_t>{};
    std::int64_t n = 0;
    if (v->is_int64()) {
        n = v->get_int64();
    } else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(max)) {
        n = static_cast<std::int64_t>(v->get_uint64());
    } else {
        return wrong_type(key, fmt::format("a whole number from {} to {}", min, max));
    }
    if (n < min || n > max) {
        return wrong_type(key, fmt::format("a whole number from {} to {}", min, max));
    }
    return std::optional<std::int64_t>(n);
}

Result<Patch<Millis>> patch_time(bj::object const& in, std::string_view key) {
    auto const* v = find(in, key);
    if (!v) return Patch<Millis>{};
    if (v->is_null()) return Patch<Millis>{true, std::nullopt};
    if (!v->is_string()) return wrong_type(key, "a date and time like 2026-03-14T09:30:00Z");
    auto const& s = v->get_string();
    auto at = parse_iso8601(std::string_view(s.data(), s.size()), key);
    if (!at) return fail(at.error());
    return Patch<Millis>{true, *at};
}

Result<std::optional<std::int64_t>> optional_id(bj::object const& in, std::string_view key) {
    auto const* v = find(in, key);
    if (!v || v->is_null()) return std::optional<std::int64_t>{};
    auto id = as_id(*v, key);
    if (!id) return fail(id.error());
    return std::optional<std::int64_t>(*id);
}

Result<Patch<std::int64_t>> patch_id(bj::object const& in, std::string_view key) {
    auto const* v = find(in, key);
    if (!v) return Patch<std::int64_t>{};
    if (v->is_null()) return Patch<std::int64_t>{true, std::nullopt};
    auto id = as_id(*v, key);
    if (!id) return fail(id.error());
    return Patch<std::int64_t>{true, *id};
}

Result<std::optional<std::vector<std::int64_t>>> optional_ids(bj::object const& in,
                                                              std::string_view key) {
    auto const* v = find(in, key);
    if (!v || v->is_null()) return std::optional<std::vector<std::int64_t>>{};
    if (!v->is_array()) return wrong_type(key, "a list of ids");
    auto const& arr = v->get_array();
    if (arr.size() > limits::kMaxIdsPerRequest) {
        return fail(Errc::too_large,
                    fmt::format("{} may hold at most {} ids", key, limits::kMaxIdsPerRequest),
                    std::string(key));
    }
    std::vector<std::int64_t> ids;
    for (auto const& item : arr) {
        auto id = as_id(item, key);
        if (!id) return fail(id.error());
        ids.push_back(*id);
    }
    return std::optional<std::vector<std::int64_t>>(std::move(ids));
}

Result<std::optional<std::vector<std::string>>> optional_text_list(bj::object const& in,
                                                                   std::string_view key,
                                                                   std::size_t max_items,
                                                                   std::size_t max_chars) {
    auto const* v = find(in, key);
    if (!v || v->is_null()) return std::optional<std::vector<std::string>>{};
    if (!v->is_array()) return wrong_type(key, "a list of texts");
    auto const& arr = v->get_array();
    if (arr.size() > max_items) {
        return fail(Errc::too_large, fmt::format("{} may hold at most {} entries", key, max_items),
                    std::string(key));
    }
    std::vector<std::string> out;
    for (auto const& item : arr) {
        if (!item.is_string()) return wrong_type(key, "a list of texts");
        auto checked = checked_text(item.get_string(), key, max_chars);
        if (!checked) return fail(checked.error());
        auto trimmed = text::trim(*checked);
        if (!trimmed.empty()) out.push_back(std::move(trimmed));
    }
    return std::optional<std::vector<std::string>>(std::move(out));
}

bj::value time_or_null(std::optional<Millis> at) {
    if (!at) return nullptr;
    return bj::value(iso8601(*at));
}

bj::value text_or_null(std::optional<std::string> const& text) {
    if (!text) return nullptr;
    return bj::value(*text);
}

std::string error_body(Error const& error) {
    bj::object inner;
    inner["code"] = code_name(error.code);
    inner["message"] = error.message;
    if (error.field.empty()) {
        inner["field"] = nullptr;
    } else {
        inner["field"] = error.field;
    }
    bj::object outer;
    outer["error"] = std::move(inner);
    return bj::serialize(outer);
}

}  // namespace village::json
