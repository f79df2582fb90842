// Fresh databases for tests; see test_database.hpp.
#include "support/test_database.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <sodium.h>

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cstdlib>
#include <stdexcept>

namespace village::testing {

std::unique_ptr<store::Database> memory_database() {
    auto db = store::open_database(":memory:", {});
    if (!db) throw std::runtime_error(db.error().detail + db.error().message);
    (*db)->migrate();
    return std::move(*db);
}

std::optional<std::string> test_postgres_url() {
    char const* url = std::getenv("VILLAGE_TEST_DATABASE_URL");
    if (url == nullptr || *url == '\0') return std::nullopt;
    return std::string(url);
}

std::string create_postgres_database() {
    auto const admin = test_postgres_url();
    if (!admin) throw std::runtime_error("VILLAGE_TEST_DATABASE_URL is not set");
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    auto const name = fmt::format("village_test_{:016x}",
                                  randombytes_random() * 0x100000000ULL + randombytes_random());

    PGconn* conn = PQconnectdb(admin->c_str());
    std::string problem;
    if (PQstatus(conn) != CONNECTION_OK) {
        problem = PQerrorMessage(conn);
    } else {
        PGresult* result = PQexec(conn, fmt::format("CREATE DATABASE {}", name).c_str());
        if (PQresultStatus(result) != PGRES_COMMAND_OK) problem = PQresultErrorMessage(result);
        PQclear(result);
    }
    PQfinish(conn);
    if (!problem.empty()) throw std::runtime_error("creating a test database: " + problem);

    auto parsed = boost::urls::parse_uri(*admin);
    if (!parsed) throw std::runtime_error("VILLAGE_TEST_DATABASE_URL is not a URL: " + *admin);
    boost::urls::url url(*parsed);
    url.set_path("/" + name);
    return std::string(url.buffer());
}

std::string fresh_database_url(std::filesystem::path const& data_dir) {
    if (test_postgres_url()) return create_postgres_database();
    return "sqlite://" + (data_dir / "village.db").string();
}

std::vector<std::string> backends() {
    return {"sqlite", "postgres"};
}

std::unique_ptr<store::Database> fresh_database(std::string_view backend) {
    if (backend == "sqlite") return memory_database();
    if (!test_postgres_url()) return nullptr;
    auto db = store::open_database(create_postgres_database(), {});
    if (!db) throw std::runtime_error(db.error().detail + db.error().message);
    (*db)->migrate();
    return std::move(*db);
}

}  // namespace village::testing
