// Fresh databases for tests; see test_database.hpp.
#include "support/test_database.hpp"

#include <stdexcept>

namespace village::testing {

std::unique_ptr<store::Database> memory_database() {
    auto db = store::open_database(":memory:", {});
    if (!db) throw std::runtime_error(db.error().detail + db.error().message);
    (*db)->migrate();
    return std::move(*db);
}

std::string fresh_database_url(std::filesystem::path const& data_dir) {
    return "sqlite://" + (data_dir / "village.db").string();
}

}  // namespace village::testing
