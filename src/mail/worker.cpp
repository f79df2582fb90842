// The mail worker's loop; see worker.hpp.
#include "mail/worker.hpp"

#include <spdlog/spdlog.h>

#include "mail/outbox.hpp"

namespace village::mail {

Worker::Worker(store::Database& database, Config const& config,
               std::unique_ptr<Transport> transport)
    : database_(database),
      retry_base_ms_(static_cast<Millis>(config.mail_retry_seconds) * 1000),
      transport_(std::move(transport)) {}

Worker::~Worker() {
    stop();
}

void Worker::add_job(Job job) {
    jobs_.push_back(std::move(job));
}

void Worker::start() {
    if (thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    thread_ = std::thread([this] { run(); });
}

void Worker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Worker::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

void Worker::run() {
    while (true) {
        bool busy = false;
        try {
            busy = round();
        } catch (std::exception const& e) {
            // The database away (503) or a bug: log it, and try again at the next tick.
            spdlog::warn("mail worker: {}", e.what());
        }
        std::unique_lock lock(mutex_);
        if (stopping_) return;
        if (!busy) wake_.wait_for(lock, kPollInterval, [&] { return stopping_ || woken_; });
        woken_ = false;
        if (stopping_) return;
    }
}

bool Worker::round() {
    for (auto const& job : jobs_) {
        store::Db db(database_);
        try {
            job(db);
        } catch (store::DbError const& e) {
            spdlog::warn("mail job: {}", e.what());
        }
    }
    store::Db db(database_);
    auto const batch = outbox::claim(db, kBatch);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        auto const& mail = batch[i];
        {
            std::lock_guard lock(mutex_);
            if (stopping_) {
                // Shutting down: hand the rest back at once rather than when their claim ends.
                for (auto j = i; j < batch.size(); ++j) outbox::release(db, batch[j].id);
                break;
            }
        }
        auto const delivered = transport_->deliver(mail);
        if (delivered) {
            outbox::mark_sent(db, mail.id);
            spdlog::info("mail {} ({}) to {} sent", mail.message_id, mail.kind, mail.to_address);
        } else {
            auto const& error = delivered.error();
            auto const detail = error.detail.empty() ? error.message : error.detail;
            outbox::mark_failed(db, mail, detail, retry_base_ms_);
            spdlog::warn("mail {} ({}) to {} not sent (attempt {}): {}; retrying in {} s",
                         mail.message_id, mail.kind, mail.to_address, mail.attempts, detail,
                         outbox::backoff_ms(mail.attempts, retry_base_ms_) / 1000);
        }
    }
    return batch.size() == kBatch;
}

}  // namespace village::mail
