// The one interface modules use to run SQL, whatever the backend.
//
// SQL is written once with PostgreSQL-style numbered placeholders ($1, $2, …), which SQLite
// also understands. Values are null, 64-bit integers, doubles or text; times are epoch
// milliseconds and flags are 0/1 integers in every backend.
//
// Database failures are exceptional for a service: they throw DbError, carrying a typed
// Error (unique violation → conflict, database away → unavailable, …). The job runner turns it
// into the error response, and the open transaction rolls back as it unwinds.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"

namespace village::store {

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

class DbError : public std::runtime_error {
  public:
    explicit DbError(Error error)
        : std::runtime_error(error.detail.empty() ? error.message : error.detail),
          error_(std::move(error)) {}
    [[nodiscard]] Error const& error() const { return error_; }

  private:
    Error error_;
};

// One result row. Columns are read by position, in the order of the SELECT list.
class Row {
  public:
    explicit Row(std::vector<Value> columns) : columns_(std::move(columns)) {}

    [[nodiscard]] bool is_null(std::size_t i) const;
    [[nodiscard]] std::int64_t i64(std::size_t i) const;  // null reads as 0
    [[nodiscard]] double f64(std::size_t i) const;
    [[nodiscard]] bool flag(std::size_t i) const { return i64(i) != 0; }
    [[nodiscard]] std::string text(std::size_t i) const;  // null reads as ""
    [[nodiscard]] std::optional<std::int64_t> opt_i64(std::size_t i) const;
    [[nodiscard]] std::optional<std::string> opt_text(std::size_t i) const;
    template <class IdT>
    [[nodiscard]] IdT id(std::size_t i) const {
        return IdT{i64(i)};
    }
    [[nodiscard]] std::size_t size() const { return columns_.size(); }
    // The value as the backend returned it, for code that copies values without knowing them.
    [[nodiscard]] Value const& value(std::size_t i) const { return columns_.at(i); }

  private:
    std::vector<Value> columns_;
};

using Rows = std::vector<Row>;

// Turns the C++ values services hold into SQL values.
inline Value to_value(std::nullptr_t) {
    return nullptr;
}
inline Value to_value(bool b) {
    return std::int64_t{b ? 1 : 0};
}
inline Value to_value(double d) {
    return d;
}
inline Value to_value(std::string s) {
    return s;
}
inline Value to_value(std::string_view s) {
    return std::string(s);
}
inline Value to_value(char const* s) {
    return std::string(s);
}
inline Value to_value(Value v) {
    return v;
}
template <class I>
requires std::is_integral_v<I>
inline Value to_value(I i) {
    return static_cast<std::int64_t>(i);
}
template <class Tag>
inline Value to_value(Id<Tag> id) {
    return id.value;
}
template <class T>
inline Value to_value(std::optional<T> const& v) {
    return v ? to_value(*v) : Value(nullptr);
}

// Something SQL can run on: a reader connection, or an open transaction.
class Sql {
  public:
    virtual ~Sql() = default;

    // Runs one statement; appends result rows to `out` when given; returns rows changed.
    virtual std::int64_t run(std::string_view sql, std::span<Value const> params, Rows* out) = 0;

    template <class... A>
    Rows query(std::string_view sql, A&&... args) {
        std::vector<Value> params{to_value(std::forward<A>(args))...};
        Rows rows;
        run(sql, params, &rows);
        return rows;
    }
    template <class... A>
    std::optional<Row> query_one(std::string_view sql, A&&... args) {
        auto rows = query(sql, std::forward<A>(args)...);
        if (rows.empty()) return std::nullopt;
        return std::move(rows.front());
    }
    template <class... A>
    std::int64_t exec(std::string_view sql, A&&... args) {
        std::vector<Value> params{to_value(std::forward<A>(args))...};
        return run(sql, params, nullptr);
    }
    // For queries built from filters: the parameters already gathered.
    Rows query_values(std::string_view sql, std::vector<Value> const& params) {
        Rows rows;
        run(sql, params, &rows);
        return rows;
    }
};

}  // namespace village::store
