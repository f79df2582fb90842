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
#include <map>
#include <memory>
#include <mutex>
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
    // Inside a transaction: tells other processes sharing the database of `payload` on
    // `channel`, once (and only if) the transaction commits. A backend only one process uses
    // has no one else to tell: the default does nothing.
    virtual void notify(std::string_view channel, std::string_view payload) {
        (void)channel;
        (void)payload;
    }
};

// A message sent with Tx::notify, as a listener receives it.
struct Notice {
    std::string channel;
    std::string payload;
    // Set (with no payload) when notices may have been missed, e.g. after the listening
    // connection was lost and made again: the listener should re-read what it follows.
    bool resync = false;
};
using NoticeHandler = std::function<void(Notice const&)>;

// Listening lasts as long as this handle; destroying it stops the handler being called.
class Listening {
  public:
    virtual ~Listening() = default;
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

    // Calls `handler` for every Tx::notify on `channel` committed in this process and, when the
    // backend is shared (PostgreSQL), in every other process on the same database. Handlers run
    // on the committing thread or a thread of the backend's: keep them short.
    [[nodiscard]] std::unique_ptr<Listening> listen(std::string channel, NoticeHandler handler);
    // Hands a committed notice to this process's listeners (Tx::commit calls it).
    void deliver_local(Notice const& notice);

  protected:
    // Listening to other processes: PostgreSQL LISTENs on a connection of its own, which it
    // makes again by itself when lost (then sends a `resync` notice). The default, for a
    // backend only one process uses, does nothing.
    virtual std::unique_ptr<Listening> listen_remote(std::string const& channel,
                                                     NoticeHandler handler);

  private:
    class LocalListening;
    std::mutex listeners_mutex_;
    std::map<std::uint64_t, std::pair<std::string, std::shared_ptr<NoticeHandler>>> listeners_;
    std::uint64_t next_listener_ = 1;
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
    // Tells the channel's listeners, in this process and in others sharing the database, of
    // `payload` once the transaction commits; nothing is sent if it rolls back.
    void notify(std::string_view channel, std::string_view payload);

  private:
    friend class Db;
    Tx(Db& db, Lease connection);

    Db& db_;
    Lease connection_;
    bool finished_ = false;
    std::vector<std::function<void()>> after_commit_;
    std::vector<Notice> notices_;
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
