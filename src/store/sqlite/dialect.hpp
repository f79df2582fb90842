// What SQLite reads differently from the PostgreSQL-style SQL modules write once.
#pragma once

#include <string>
#include <string_view>

namespace village::store::sqlite {

// Row locks ("FOR UPDATE", "FOR UPDATE SKIP LOCKED") hand each queued job to one of several
// PostgreSQL processes. SQLite has no such clause and needs none: its single writer already
// runs one claiming transaction at a time. Returns the SQL with those clauses blanked out
// (outside string literals, quoted names and comments); other text is left as it is.
[[nodiscard]] std::string without_row_locks(std::string_view sql);

}  // namespace village::store::sqlite
