// Fresh in-memory databases for unit tests.
#include "support/test_database.hpp"

#include <stdexcept>

namespace village::testing {

std::unique_ptr<store::Database> memory_database() {
    auto db = store::open_database(":memory:", {});
    if (!db) throw std::runtime_error(db.error().detail + db.error().message);
    (*db)->migrate();
    return std::move(*db);
}

}  // namespace village::testing
