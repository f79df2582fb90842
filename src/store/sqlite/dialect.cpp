// Blanking PostgreSQL row-lock clauses for SQLite; see dialect.hpp.
#include "store/sqlite/dialect.hpp"

#include <array>
#include <cctype>

#include "store/sql_text.hpp"

namespace village::store::sqlite {

namespace {

bool word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// The keyword `word` (any case) at `pos`, standing alone; returns the position after it.
std::size_t keyword_at(std::string_view sql, std::size_t pos, std::string_view word) {
    if (pos + word.size() > sql.size()) return 0;
    if (pos > 0 && word_char(sql[pos - 1])) return 0;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (std::toupper(static_cast<unsigned char>(sql[pos + i])) != word[i]) return 0;
    }
    auto const end = pos + word.size();
    if (end < sql.size() && word_char(sql[end])) return 0;
    return end;
}

std::size_t skip_space(std::string_view sql, std::size_t pos) {
    while (pos < sql.size() && std::isspace(static_cast<unsigned char>(sql[pos])) != 0) ++pos;
    return pos;
}

// "FOR UPDATE [SKIP LOCKED | NOWAIT]" at `pos`: the position after it, or 0.
std::size_t row_lock_at(std::string_view sql, std::size_t pos) {
    auto end = keyword_at(sql, pos, "FOR");
    if (end == 0) return 0;
    end = keyword_at(sql, skip_space(sql, end), "UPDATE");
    if (end == 0) return 0;
    auto const after_update = end;
    if (auto skip = keyword_at(sql, skip_space(sql, end), "SKIP")) {
        if (auto locked = keyword_at(sql, skip_space(sql, skip), "LOCKED")) return locked;
    }
    if (auto nowait = keyword_at(sql, skip_space(sql, end), "NOWAIT")) return nowait;
    return after_update;
}

}  // namespace

std::string without_row_locks(std::string_view sql) {
    std::string out(sql);
    std::size_t i = 0;
    auto const n = sql.size();
    while (i < n) {
        if (auto const past = skip_literal_or_comment(sql, i); past != i) {
            i = past;
            continue;
        }
        if (auto end = row_lock_at(sql, i); end != 0) {
            for (auto j = i; j < end; ++j) out[j] = ' ';
            i = end;
        } else {
            ++i;
        }
    }
    return out;
}

}  // namespace village::store::sqlite
