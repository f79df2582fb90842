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
      after_commit_(std::move(other.after_commit_)) {
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
    for (auto& callback : after_commit_) callback();
}

void Tx::after_commit(std::function<void()> callback) {
    after_commit_.push_back(std::move(callback));
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
