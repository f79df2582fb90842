// Reading typed columns out of result rows.
#include "store/sql.hpp"

#include <fmt/format.h>
#include <charconv>

namespace village::store {

namespace {
[[noreturn]] void bad_column(std::size_t i, char const* want) {
    throw DbError(Error{Errc::internal,
                        "The server hit an unexpected database error",
                        {},
                        fmt::format("column {} is not {}", i, want)});
}
}  // namespace

bool Row::is_null(std::size_t i) const {
    return std::holds_alternative<std::nullptr_t>(columns_.at(i));
}

std::int64_t Row::i64(std::size_t i) const {
    auto const& v = columns_.at(i);
    if (auto const* n = std::get_if<std::int64_t>(&v)) return *n;
    if (std::holds_alternative<std::nullptr_t>(v)) return 0;
    if (auto const* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
    if (auto const* s = std::get_if<std::string>(&v)) {
        // PostgreSQL hands every value back as text.
        std::int64_t n = 0;
        if (*s == "t") return 1;
        if (*s == "f") return 0;
        auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), n);
        if (ec == std::errc{} && ptr == s->data() + s->size()) return n;
    }
    bad_column(i, "an integer");
}

double Row::f64(std::size_t i) const {
    auto const& v = columns_.at(i);
    if (auto const* d = std::get_if<double>(&v)) return *d;
    if (auto const* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
    if (std::holds_alternative<std::nullptr_t>(v)) return 0;
    if (auto const* s = std::get_if<std::string>(&v)) return std::stod(*s);
    bad_column(i, "a number");
}

std::string Row::text(std::size_t i) const {
    auto const& v = columns_.at(i);
    if (auto const* s = std::get_if<std::string>(&v)) return *s;
    if (std::holds_alternative<std::nullptr_t>(v)) return {};
    if (auto const* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
    bad_column(i, "text");
}

std::optional<std::int64_t> Row::opt_i64(std::size_t i) const {
    if (is_null(i)) return std::nullopt;
    return i64(i);
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
    if (is_null(i)) return std::nullopt;
    return text(i);
}

}  // namespace village::store
