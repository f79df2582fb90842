// The live hub: follows the activity log as it commits and fans each board's activity out to
// the sockets subscribed to that board, deciding access through boards::load_access.
//
// One thread of its own does all of it in order: subscriptions, replays and deliveries. It wakes
// when an activity id is announced on activity::kChannel (in this process after commit, or from
// another process through the store's listen), then reads every activity after the last one it
// handled, so a lost or repeated notice loses or repeats nothing. A subscribe replays what the
// client missed up to that same point, so replay and live meet with no gap and no duplicate.
// Access is checked on subscribe and again, for every subscription concerned, whenever an
// activity that may change access is handled (board settings and members, groups, members'
// roles; anything not card/list/comment content), before that activity is delivered; and every
// kRecheckInterval, which also notices sessions signed out or expired.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/actor.hpp"
#include "core/ids.hpp"
#include "http/websocket.hpp"
#include "store/database.hpp"

namespace village::live {

// A client further behind than this on one board is told to reload it instead of a replay.
inline constexpr std::size_t kMaxReplay = 200;
inline constexpr std::size_t kMaxBoardsPerSocket = 100;
inline constexpr std::chrono::seconds kRecheckInterval{60};

// What a socket proved itself with at the upgrade, kept to prove it again on a re-check.
struct Credentials {
    std::optional<std::string> bearer;
    std::optional<std::string> cookie;
};

class Hub {
  public:
    using ClientId = std::uint64_t;

    explicit Hub(store::Database& database);
    ~Hub();  // stops
    Hub(Hub const&) = delete;
    Hub& operator=(Hub const&) = delete;

    // Starts the thread and listens for new activity. Idempotent.
    void start();
    // Ends the thread; sockets still connected get nothing more. Idempotent.
    void stop();

    // A socket opened; messages for it go to `peer`. Cheap, never blocks on the database.
    ClientId connect(std::shared_ptr<http::SocketPeer> peer, Actor actor, Credentials credentials);
    void subscribe(ClientId client, BoardId board, std::optional<std::int64_t> after);
    void unsubscribe(ClientId client, BoardId board);
    void disconnect(ClientId client);

    // The last activity id handled (delivered to whoever was subscribed).
    [[nodiscard]] std::int64_t last_activity_id() const { return published_.load(); }

  private:
    struct Command {
        enum class Kind { connect, subscribe, unsubscribe, disconnect } kind;
        ClientId client = 0;
        BoardId board;
        std::optional<std::int64_t> after;
        std::shared_ptr<http::SocketPeer> peer;
        Actor actor;
        Credentials credentials;
    };
    struct Client {
        std::shared_ptr<http::SocketPeer> peer;
        Actor actor;
        Credentials credentials;
        // Board → the last activity id this client has of it; later ones are sent.
        std::unordered_map<BoardId, std::int64_t> boards;
    };

    void post(Command command);
    void wake();
    void run();
    void apply(store::Db& db, Command& command);
    void subscribe_now(store::Db& db, ClientId id, Client& client, BoardId board,
                       std::optional<std::int64_t> after);
    void drop_subscription(ClientId id, Client& client, BoardId board, std::string_view reason);
    void pump(store::Db& db);
    // Tells the members notified by activities in (after, up_to] their new unread count.
    void tell_notified(store::Db& db, std::int64_t after, std::int64_t up_to);
    // Re-proves identities and re-decides access: for one board's subscribers, or for all.
    void recheck(store::Db& db, std::optional<BoardId> board);

    store::Database& database_;
    std::unique_ptr<store::Listening> listening_;
    std::thread thread_;
    std::atomic<ClientId> next_client_{1};
    std::atomic<std::int64_t> published_{0};

    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<Command> commands_;
    bool woken_ = false;
    bool stopping_ = false;
    bool started_ = false;

    // The hub thread's own: no lock.
    std::int64_t last_seen_ = -1;  // -1: not yet read from the database
    std::unordered_map<ClientId, Client> clients_;
    std::unordered_map<BoardId, std::unordered_set<ClientId>> boards_;
};

}  // namespace village::live
