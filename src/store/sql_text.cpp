// Skipping what is not code in SQL text; see sql_text.hpp.
#include "store/sql_text.hpp"

namespace village::store {

std::size_t skip_literal_or_comment(std::string_view sql, std::size_t i) {
    auto const n = sql.size();
    if (i >= n) return i;
    char const c = sql[i];
    if (c == '\'' || c == '"') {
        auto const close = sql.find(c, i + 1);
        return close == std::string_view::npos ? n : close + 1;
    }
    if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
        auto const end = sql.find('\n', i);
        return end == std::string_view::npos ? n : end;
    }
    if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
        auto const end = sql.find("*/", i + 2);
        return end == std::string_view::npos ? n : end + 2;
    }
    return i;
}

}  // namespace village::store
