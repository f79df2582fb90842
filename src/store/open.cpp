// Chooses a backend from a database URL.
#include <filesystem>

#include "store/database.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace village::store {

Result<std::unique_ptr<Database>> open_database(std::string const& url,
                                                DatabaseOptions const& options) {
    std::string path = url;
    if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        try {
            return std::make_unique<postgres::PostgresDatabase>(url, options);
        } catch (DbError const& e) {
            return fail(e.error());
        }
    }
    if (url.starts_with("sqlite://")) path = url.substr(9);
    if (path.empty()) return fail(Errc::bad_request, "The SQLite path is empty", "database");
    try {
        if (path != ":memory:") {
            auto const parent = std::filesystem::path(path).parent_path();
            if (!parent.empty()) std::filesystem::create_directories(parent);
        }
        return std::make_unique<sqlite::SqliteDatabase>(path, options);
    } catch (DbError const& e) {
        return fail(e.error());
    } catch (std::filesystem::filesystem_error const& e) {
        return fail(
            Error{Errc::unavailable, "Cannot create the data folder", "database", e.what()});
    }
}

}  // namespace village::store
