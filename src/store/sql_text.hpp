// Reading SQL text as SQL: the parts that are not code (string literals, quoted names, comments),
// for the few places that look for something in a statement (placeholders, row-lock clauses).
#pragma once

#include <cstddef>
#include <string_view>

namespace village::store {

// When sql[i] starts a string literal, a quoted name or a comment, the index just past it
// (sql.size() when it is not closed); otherwise i itself.
[[nodiscard]] std::size_t skip_literal_or_comment(std::string_view sql, std::size_t i);

}  // namespace village::store
