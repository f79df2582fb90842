// The live hub's thread: commands, the activity pump and access re-checks; see hub.hpp.
#include "live/hub.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <tuple>

#include "accounts/sessions.hpp"
#include "activity/activity.hpp"
#include "boards/permissions.hpp"
#include "live/live_sql.hpp"
#include "live/messages.hpp"
#include "notifications/notifications.hpp"

namespace village::live {

namespace {

namespace bj = boost::json;

constexpr std::size_t kBatch = 500;  // activities read per query while catching up
constexpr std::chrono::milliseconds kRetryPause{500};  // after a database error

BoardEvent event_from(store::Row const& row) {
    BoardEvent e;
    e.entry.id = ActivityId{row.i64(0)};
    e.entry.at = row.i64(1);
    if (auto a = row.opt_i64(2)) e.entry.actor = MemberId{*a};
    e.entry.actor_name = row.text(3);
    e.entry.type = row.text(4);
    e.board = BoardId{row.i64(5)};
    if (auto v = row.opt_i64(6)) e.entry.list = ListId{*v};
    if (auto v = row.opt_i64(7)) e.entry.card = CardId{*v};
    if (auto v = row.opt_i64(8)) e.entry.comment = CommentId{*v};
    boost::system::error_code ec;
    auto data = bj::parse(row.text(9), ec);
    if (!ec && data.is_object()) e.entry.data = std::move(data.as_object());
    return e;
}

// What happens on a board's cards, lists and comments changes no one's access to it; every
// other activity (board settings and members, groups, members' roles, and any kind added later)
// may, so subscriptions are re-checked before it is delivered.
bool is_content(std::string_view type) {
    for (std::string_view prefix :
         {"card.", "comment.", "list.", "checklist.", "reaction.", "label."}) {
        if (type.starts_with(prefix)) return true;
    }
    return false;
}

bool same_credentials(Credentials const& a, Credentials const& b) {
    return a.bearer == b.bearer && a.cookie == b.cookie;
}

}  // namespace

Hub::Hub(store::Database& database) : database_(database) {}

Hub::~Hub() {
    stop();
}

void Hub::start() {
    {
        std::lock_guard lock(mutex_);
        if (started_) return;
        started_ = true;
    }
    // Every activity id announced (here after commit, or by another process) wakes the pump,
    // which reads from where it stopped, so the payload itself is not needed.
    listening_ = database_.listen(activity::kChannel, [this](store::Notice const&) { wake(); });
    thread_ = std::thread([this] { run(); });
}

void Hub::stop() {
    {
        std::lock_guard lock(mutex_);
        if (!started_ || stopping_) return;
        stopping_ = true;
    }
    changed_.notify_all();
    listening_.reset();
    if (thread_.joinable()) thread_.join();
    clients_.clear();
    boards_.clear();
}

Hub::ClientId Hub::connect(std::shared_ptr<http::SocketPeer> peer, Actor actor,
                           Credentials credentials) {
    auto const id = next_client_++;
    Command command{Command::Kind::connect, id};
    command.peer = std::move(peer);
    command.actor = std::move(actor);
    command.credentials = std::move(credentials);
    post(std::move(command));
    return id;
}

void Hub::subscribe(ClientId client, BoardId board, std::optional<std::int64_t> after) {
    Command command{Command::Kind::subscribe, client, board};
    command.after = after;
    post(std::move(command));
}

void Hub::unsubscribe(ClientId client, BoardId board) {
    post(Command{Command::Kind::unsubscribe, client, board});
}

void Hub::disconnect(ClientId client) {
    post(Command{Command::Kind::disconnect, client});
}

void Hub::post(Command command) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        commands_.push_back(std::move(command));
    }
    changed_.notify_one();
}

void Hub::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    changed_.notify_one();
}

void Hub::run() {
    auto next_recheck = std::chrono::steady_clock::now() + kRecheckInterval;
    std::vector<Command> commands;
    bool pending_wake = true;  // catch up once at start
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            changed_.wait_until(lock, next_recheck, [&] {
                return stopping_ || woken_ || pending_wake || !commands_.empty();
            });
            if (stopping_) return;
            // Commands left from a failed round go first, in their order.
            for (auto& c : commands_) commands.push_back(std::move(c));
            commands_.clear();
            pending_wake = pending_wake || woken_;
            woken_ = false;
        }
        std::size_t done = 0;
        try {
            store::Db db(database_);
            if (last_seen_ < 0) {
                last_seen_ = db.query_one(sql::last_activity_id)->i64(0);
                published_ = last_seen_;
            }
            // Commands first: a subscribe replays up to last_seen_ and the pump goes on from
            // there, so the two meet exactly.
            for (; done < commands.size(); ++done) apply(db, commands[done]);
            if (pending_wake) {
                pump(db);
                pending_wake = false;
            }
            if (std::chrono::steady_clock::now() >= next_recheck) {
                recheck(db, std::nullopt);
                next_recheck = std::chrono::steady_clock::now() + kRecheckInterval;
            }
        } catch (std::exception const& e) {
            // The database is away: keep what is not done yet and try again shortly.
            spdlog::warn("live: {}; retrying", e.what());
            pending_wake = true;
            commands.erase(commands.begin(), commands.begin() + static_cast<std::ptrdiff_t>(done));
            std::unique_lock lock(mutex_);
            changed_.wait_for(lock, kRetryPause, [&] { return stopping_; });
            if (stopping_) return;
            continue;
        }
        commands.clear();
    }
}

void Hub::apply(store::Db& db, Command& command) {
    switch (command.kind) {
        case Command::Kind::connect: {
            Client client{std::move(command.peer),
                          std::move(command.actor),
                          std::move(command.credentials),
                          {}};
            clients_.emplace(command.client, std::move(client));
            return;
        }
        case Command::Kind::disconnect: {
            auto it = clients_.find(command.client);
            if (it == clients_.end()) return;
            for (auto const& [board, _] : it->second.boards) {
                auto b = boards_.find(board);
                if (b == boards_.end()) continue;
                b->second.erase(command.client);
                if (b->second.empty()) boards_.erase(b);
            }
            clients_.erase(it);
            return;
        }
        case Command::Kind::subscribe: {
            auto it = clients_.find(command.client);
            if (it == clients_.end()) return;
            subscribe_now(db, command.client, it->second, command.board, command.after);
            return;
        }
        case Command::Kind::unsubscribe: {
            auto it = clients_.find(command.client);
            if (it == clients_.end()) return;
            if (it->second.boards.contains(command.board)) {
                drop_subscription(command.client, it->second, command.board, "requested");
            } else {
                it->second.peer->send(unsubscribed_message(command.board, "requested"));
            }
            return;
        }
    }
}

void Hub::subscribe_now(store::Db& db, ClientId id, Client& client, BoardId board,
                        std::optional<std::int64_t> after) {
    if (!client.boards.contains(board) && client.boards.size() >= kMaxBoardsPerSocket) {
        client.peer->send(error_message(
            Error{Errc::too_large, "A socket may follow at most 100 boards", "board_id"}));
        return;
    }
    auto const access = boards::load_access(db, client.actor, board);
    if (!access || !boards::can_read(*access)) {
        // Exactly as for a board that does not exist.
        client.boards.erase(board);
        if (auto b = boards_.find(board); b != boards_.end()) b->second.erase(id);
        client.peer->send(unsubscribed_message(board, "not_found"));
        return;
    }
    // Catch up with the log first, so a replay reaches what is committed now and the answer
    // does not depend on how far behind the notices the pump happens to be.
    if (after) pump(db);
    // Without `after`, live from now: what committed before this subscribe (even if the pump
    // has not reached it yet) is not sent.
    auto floor =
        after ? last_seen_ : std::max(last_seen_, db.query_one(sql::last_activity_id)->i64(0));
    if (after && *after < last_seen_) {
        auto const rows = db.query(sql::board_activity_between, board, *after, last_seen_,
                                   static_cast<std::int64_t>(kMaxReplay + 1));
        if (rows.size() > kMaxReplay) {
            client.peer->send(reload_message(board, last_seen_));
        } else {
            for (auto const& row : rows) client.peer->send(event_message(event_from(row)));
        }
    }
    // A client may be ahead of this process (it saw later ids through another process that
    // is sooner to hear of them): nothing up to what it has is sent again.
    if (after) floor = std::max(floor, *after);
    client.boards[board] = floor;
    boards_[board].insert(id);
    client.peer->send(subscribed_message(board, floor));
}

void Hub::drop_subscription(ClientId id, Client& client, BoardId board, std::string_view reason) {
    if (client.boards.erase(board) == 0) return;
    if (auto b = boards_.find(board); b != boards_.end()) {
        b->second.erase(id);
        if (b->second.empty()) boards_.erase(b);
    }
    client.peer->send(unsubscribed_message(board, reason));
}

void Hub::pump(store::Db& db) {
    for (;;) {
        auto const batch_after = last_seen_;
        auto const rows =
            db.query(sql::activity_after, last_seen_, static_cast<std::int64_t>(kBatch));
        for (auto const& row : rows) {
            auto const id = row.i64(0);
            auto const type = row.text(4);
            auto const board = row.opt_i64(5);
            if (!is_content(type)) {
                recheck(db, board ? std::optional<BoardId>(BoardId{*board}) : std::nullopt);
            }
            if (board) {
                if (auto it = boards_.find(BoardId{*board}); it != boards_.end()) {
                    // Serialised once, shared by every socket.
                    auto const message =
                        std::make_shared<std::string const>(event_message(event_from(row)));
                    for (auto const client_id : it->second) {
                        auto& client = clients_.at(client_id);
                        if (id <= client.boards.at(BoardId{*board})) continue;
                        client.peer->send(message);
                    }
                }
            }
            last_seen_ = id;
            published_ = id;
        }
        if (!rows.empty()) tell_notified(db, batch_after, last_seen_);
        if (rows.size() < kBatch) return;
    }
}

void Hub::tell_notified(store::Db& db, std::int64_t after, std::int64_t up_to) {
    // Most batches notify no one with a socket open: ask once, then walk the sockets only then.
    auto const notified = notifications::notified_between(db, after, up_to);
    if (notified.empty()) return;
    std::unordered_map<MemberId, bool> alert;
    for (auto const& n : notified) alert.emplace(n.member, n.alert);
    std::unordered_map<MemberId, std::shared_ptr<std::string const>> messages;
    for (auto& [_, client] : clients_) {
        if (!client.actor.signed_in()) continue;
        auto const it = alert.find(client.actor.id);
        if (it == alert.end()) continue;
        auto& message = messages[client.actor.id];
        if (!message) {
            auto const unread = notifications::unread_count(db, client.actor);
            if (!unread) continue;
            message = std::make_shared<std::string const>(notifications_message(*unread, it->second));
        }
        client.peer->send(message);
    }
}

void Hub::recheck(store::Db& db, std::optional<BoardId> only) {
    // Who each set of credentials is now, and what each (member, role, board) may see: asked
    // once per round however many sockets share them.
    std::vector<std::pair<Credentials, Actor>> identities;
    std::map<std::tuple<std::int64_t, int, std::int64_t>, bool> readable;
    auto identify = [&](Client const& client) {
        if (!client.credentials.bearer && !client.credentials.cookie) return Actor::anonymous();
        for (auto const& [credentials, actor] : identities) {
            if (same_credentials(credentials, client.credentials)) return actor;
        }
        auto const identity =
            accounts::sessions::identify(db, client.credentials.bearer, client.credentials.cookie);
        identities.emplace_back(client.credentials, identity.actor);
        return identity.actor;
    };
    auto may_read = [&](Actor const& actor, BoardId board) {
        auto const key = std::tuple{actor.id.value, static_cast<int>(actor.role), board.value};
        if (auto it = readable.find(key); it != readable.end()) return it->second;
        auto const access = boards::load_access(db, actor, board);
        bool const ok = access && boards::can_read(*access);
        readable.emplace(key, ok);
        return ok;
    };

    std::vector<ClientId> concerned;
    if (only) {
        if (auto it = boards_.find(*only); it != boards_.end()) {
            concerned.assign(it->second.begin(), it->second.end());
        }
    } else {
        for (auto const& [id, client] : clients_) {
            if (!client.boards.empty()) concerned.push_back(id);
        }
    }
    for (auto const id : concerned) {
        auto& client = clients_.at(id);
        client.actor = identify(client);
        std::vector<BoardId> lost;
        for (auto const& [board, _] : client.boards) {
            if (only && board != *only) continue;
            if (!may_read(client.actor, board)) lost.push_back(board);
        }
        for (auto const board : lost) drop_subscription(id, client, board, "not_found");
    }
}

}  // namespace village::live
