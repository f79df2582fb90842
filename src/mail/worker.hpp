// The loop in each village process that sends queued mail and runs the mail jobs (digests).
// Several processes on one PostgreSQL each run one; the outbox's claim gives every mail to one
// of them. Started by App, stopped before the database closes.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/config.hpp"
#include "mail/smtp.hpp"
#include "store/database.hpp"

namespace village::mail {

class Worker {
  public:
    // A periodic job run on the worker's thread before each round of sending (e.g. queuing
    // digests that are due). It gets its own Db; a DbError it throws is logged, not fatal.
    using Job = std::function<void(store::Db&)>;

    Worker(store::Database& database, Config const& config, std::unique_ptr<Transport> transport);
    ~Worker();  // stops
    Worker(Worker const&) = delete;
    Worker& operator=(Worker const&) = delete;

    void add_job(Job job);  // before start()
    void start();
    // Finishes the mail in hand, then returns; idempotent.
    void stop();
    // Looks at the queue now rather than at the next tick (after a commit that queued mail).
    void wake();

    // How often an idle worker looks at the queue.
    static constexpr std::chrono::milliseconds kPollInterval{250};
    // Mails claimed at once.
    static constexpr std::size_t kBatch = 20;

  private:
    void run();
    // One round: jobs, then every due mail; true when it sent or failed something.
    bool round();

    store::Database& database_;
    Millis retry_base_ms_;
    std::unique_ptr<Transport> transport_;
    std::vector<Job> jobs_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool woken_ = false;
    std::thread thread_;
};

}  // namespace village::mail
