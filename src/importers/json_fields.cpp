// Field readers for imported JSON; see json_fields.hpp.
#include "importers/json_fields.hpp"

#include <fmt/format.h>

namespace village::importers::fields {

tl::unexpected<Error> malformed(std::string const& path, std::string_view what) {
    return fail(Errc::bad_request, fmt::format("The file is malformed: {} must be {}", path, what));
}

std::string at(std::string const& path, std::string_view key) {
    return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::string at(std::string const& path, std::size_t index) {
    return fmt::format("{}[{}]", path, index);
}

Result<std::optional<std::string>> opt_string(bj::object const& o, std::string_view key,
                                              std::string const& path) {
    auto const* v = o.if_contains(key);
    if (!v || v->is_null()) return std::optional<std::string>{};
    if (!v->is_string()) return malformed(at(path, key), "text");
    return std::optional<std::string>(std::string(v->get_string()));
}

Result<std::string> req_string(bj::object const& o, std::string_view key, std::string const& path) {
    auto v = opt_string(o, key, path);
    if (!v) return fail(v.error());
    if (!*v) return malformed(at(path, key), "text");
    return std::move(**v);
}

Result<std::optional<double>> opt_number(bj::object const& o, std::string_view key,
                                         std::string const& path) {
    auto const* v = o.if_contains(key);
    if (!v || v->is_null()) return std::optional<double>{};
    if (!v->is_number()) return malformed(at(path, key), "a number");
    return std::optional<double>(v->to_number<double>());
}

Result<bool> opt_bool(bj::object const& o, std::string_view key, std::string const& path) {
    auto const* v = o.if_contains(key);
    if (!v || v->is_null()) return false;
    if (!v->is_bool()) return malformed(at(path, key), "true or false");
    return v->get_bool();
}

Result<bj::array const*> opt_array(bj::object const& o, std::string_view key,
                                   std::string const& path) {
    auto const* v = o.if_contains(key);
    if (!v || v->is_null()) return static_cast<bj::array const*>(nullptr);
    if (!v->is_array()) return malformed(at(path, key), "a list");
    return &v->get_array();
}

Result<bj::object const*> opt_object(bj::object const& o, std::string_view key,
                                     std::string const& path) {
    auto const* v = o.if_contains(key);
    if (!v || v->is_null()) return static_cast<bj::object const*>(nullptr);
    if (!v->is_object()) return malformed(at(path, key), "an object");
    return &v->get_object();
}

Result<bj::object const*> element_object(bj::array const& a, std::size_t i,
                                         std::string const& path) {
    if (!a[i].is_object()) return malformed(at(path, i), "an object");
    return &a[i].get_object();
}

Result<std::optional<Millis>> opt_time(bj::object const& o, std::string_view key,
                                       std::string const& path) {
    auto text = opt_string(o, key, path);
    if (!text) return fail(text.error());
    if (!*text) return std::optional<Millis>{};
    auto parsed = parse_iso8601(**text, key);
    if (!parsed) return malformed(at(path, key), "a date and time (ISO 8601)");
    return std::optional<Millis>(*parsed);
}

}  // namespace village::importers::fields
