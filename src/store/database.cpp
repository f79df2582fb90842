// Db and Tx: the per-job handles over a backend's connections.
#include "store/database.hpp"

#include <spdlog/spdlog.h>
#include <cassert>

namespace village::store {

Tx::Tx(Db& db, Lease connection) : db_(db), connection_(std::move(connection)) {
    connection_->begin();
    db_.open_tx_ = this;
}

Tx::Tx(Tx&& other) noexcept
    : db_(other.db_),
      connection_(std::move(other.connection_)),
      finished_(other.finished_),
      after_commit_(std::move(other.after_commit_)),
      notices_(std::move(other.notices_)) {
    other.finished_ = true;
    if (db_.open_tx_ == &other) db_.open_tx_ = this;
}

Tx::~Tx() {
    if (finished_) return;
    db_.open_tx_ = nullptr;
    try {
        connection_->rollback();
    } catch (std::exception const& e) {
        spdlog::warn("rollback failed: {}", e.what());
    }
}

std::int64_t Tx::run(std::string_view sql, std::span<Value const> params, Rows* out) {
    assert(!finished_);
    return connection_->run(sql, params, out);
}

void Tx::commit() {
    assert(!finished_);
    connection_->commit();
    finished_ = true;
    db_.open_tx_ = nullptr;
    connection_.reset();  // hand the writer back before running callbacks
    for (auto const& notice : notices_) db_.database_.deliver_local(notice);
    for (auto& callback : after_commit_) callback();
}

void Tx::after_commit(std::function<void()> callback) {
    after_commit_.push_back(std::move(callback));
}

void Tx::notify(std::string_view channel, std::string_view payload) {
    assert(!finished_);
    connection_->notify(channel, payload);
    notices_.push_back(Notice{std::string(channel), std::string(payload)});
}

class Database::LocalListening : public Listening {
  public:
    LocalListening(Database& database, std::uint64_t id, std::unique_ptr<Listening> remote)
        : database_(database), id_(id), remote_(std::move(remote)) {}
    ~LocalListening() override {
        remote_.reset();
        std::lock_guard lock(database_.listeners_mutex_);
        database_.listeners_.erase(id_);
    }

  private:
    Database& database_;
    std::uint64_t id_;
    std::unique_ptr<Listening> remote_;
};

std::unique_ptr<Listening> Database::listen(std::string channel, NoticeHandler handler) {
    auto shared = std::make_shared<NoticeHandler>(std::move(handler));
    std::uint64_t id = 0;
    {
        std::lock_guard lock(listeners_mutex_);
        id = next_listener_++;
        listeners_.emplace(id, std::pair{channel, shared});
    }
    auto remote = listen_remote(channel, [shared](Notice const& notice) { (*shared)(notice); });
    return std::make_unique<LocalListening>(*this, id, std::move(remote));
}

void Database::deliver_local(Notice const& notice) {
    std::vector<std::shared_ptr<NoticeHandler>> handlers;
    {
        std::lock_guard lock(listeners_mutex_);
        for (auto const& [id, entry] : listeners_) {
            if (entry.first == notice.channel) handlers.push_back(entry.second);
        }
    }
    for (auto const& handler : handlers) (*handler)(notice);
}

std::unique_ptr<Listening> Database::listen_remote(std::string const&, NoticeHandler) {
    return nullptr;
}

Tx Db::begin() {
    assert(open_tx_ == nullptr);
    // Give the reader back first: a job never holds two connections, so pools cannot deadlock.
    reader_.reset();
    return Tx(*this, database_.writer());
}

std::int64_t Db::run(std::string_view sql, std::span<Value const> params, Rows* out) {
    if (open_tx_ != nullptr) return open_tx_->run(sql, params, out);
    if (!reader_) reader_ = database_.reader();
    return reader_->run(sql, params, out);
}

}  // namespace village::store
