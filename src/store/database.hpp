// A database backend, and the per-job handles services work with: Db for reads, Tx for writes.
//
//   Result<Card> create(Db& db, ...) {
//       auto tx = db.begin();               // the one writer (SQLite) or a pooled connection
//       ... tx.query(...) ...               // db.query(...) inside also runs on the transaction
//       tx.commit();                        // after_commit callbacks run after this
//   }
//
// A Tx that is destroyed without commit() rolls back, so an early return or a thrown DbError
// never leaves half a change behind.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql.hpp"

namespace village::store {

// One connection of a backend.
class Connection : public Sql {
  public:
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
};

// A connection borrowed from a backend; the deleter gives it back.
using Lease = std::unique_ptr<Connection, std::function<void(Connection*)>>;

class Database {
  public:
    virtual ~Database() = default;
    [[nodiscard]] virtual std::string_view backend() const = 0;  // "sqlite" or "postgres"
    // A connection for reads outside a transaction.
    virtual Lease reader() = 0;
    // A connection for one transaction. With SQLite this is the single writer, held until the
    // lease is released, so writes are serialised in the order they ask.
    virtual Lease writer() = 0;
    // Applies the migrations not yet recorded, each in its own transaction.
    virtual void migrate() = 0;
    // Finishes outstanding work and closes every connection (SQLite checkpoints the WAL).
    virtual void close() = 0;
};

struct DatabaseOptions {
    int readers = 4;  // size of the reader pool; at least the number of worker threads
};

// "sqlite:///path/to/file.db", "sqlite://relative.db", a bare path, or ":memory:".
// PostgreSQL URLs ("postgresql://…") are handed to the PostgreSQL backend.
[[nodiscard]] Result<std::unique_ptr<Database>> open_database(std::string const& url,
                                                              DatabaseOptions const& options);

class Db;

class Tx : public Sql {
  public:
    Tx(Tx&& other) noexcept;
    Tx& operator=(Tx&&) = delete;
    ~Tx() override;

    std::int64_t run(std::string_view sql, std::span<Value const> params, Rows* out) override;
    // Makes the change durable; only then do after_commit callbacks run.
    void commit();
    // Work to do once the change is committed, never before (e.g. publish live events).
    void after_commit(std::function<void()> callback);

  private:
    friend class Db;
    Tx(Db& db, Lease connection);

    Db& db_;
    Lease connection_;
    bool finished_ = false;
    std::vector<std::function<void()>> after_commit_;
};

// What one job (one request, one CLI command) holds. Not shared between threads.
class Db : public Sql {
  public:
    explicit Db(Database& database) : database_(database) {}

    // Begins a write transaction. Only one may be open per Db at a time.
    [[nodiscard]] Tx begin();
    std::int64_t run(std::string_view sql, std::span<Value const> params, Rows* out) override;
    [[nodiscard]] Database& database() { return database_; }

  private:
    friend class Tx;
    Database& database_;
    Lease reader_;
    Tx* open_tx_ = nullptr;
};

}  // namespace village::store
