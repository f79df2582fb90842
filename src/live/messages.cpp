// Parsing client messages and building server messages; see messages.hpp and docs/api/live.md.
#include "live/messages.hpp"

#include <boost/json.hpp>

namespace village::live {

namespace bj = boost::json;

namespace {

Error bad(std::string message, std::string field = {}) {
    return Error{Errc::bad_request, std::move(message), std::move(field)};
}

// A positive whole number under `key`.
Result<std::int64_t> positive_id(bj::object const& in, std::string_view key) {
    auto const* value = in.if_contains(key);
    if (value == nullptr) return fail(bad(std::string(key) + " is required", std::string(key)));
    if (value->is_int64() && value->as_int64() > 0) return value->as_int64();
    if (value->is_uint64() && value->as_uint64() > 0 &&
        value->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(value->as_uint64());
    }
    return fail(bad(std::string(key) + " must be a positive whole number", std::string(key)));
}

}  // namespace

Result<Command> parse_command(std::string_view text) {
    boost::system::error_code ec;
    auto parsed = bj::parse(text, ec);
    if (ec || !parsed.is_object()) return fail(bad("A message must be a JSON object"));
    auto const& in = parsed.as_object();
    auto const* type = in.if_contains("type");
    if (type == nullptr || !type->is_string()) return fail(bad("type is required", "type"));
    auto const& name = type->as_string();
    Command command;
    if (name == "ping") {
        command.kind = Command::Kind::ping;
        return command;
    }
    if (name == "subscribe") {
        command.kind = Command::Kind::subscribe;
    } else if (name == "unsubscribe") {
        command.kind = Command::Kind::unsubscribe;
    } else {
        return fail(bad("type must be subscribe, unsubscribe or ping", "type"));
    }
    auto board = positive_id(in, "board_id");
    if (!board) return fail(board.error());
    command.board = BoardId{*board};
    if (command.kind == Command::Kind::subscribe) {
        auto const* after = in.if_contains("after");
        if (after != nullptr && !after->is_null()) {
            if (after->is_int64() && after->as_int64() >= 0) {
                command.after = after->as_int64();
            } else if (after->is_uint64() &&
                       after->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
                command.after = static_cast<std::int64_t>(after->as_uint64());
            } else {
                return fail(
                    bad("after must be an activity id (a whole number, 0 or more)", "after"));
            }
        }
    }
    return command;
}

std::string event_message(BoardEvent const& event) {
    auto body = activity::to_json(event.entry);
    bj::object out;
    out["type"] = "event";
    out["event"] = event.entry.type;
    out["board_id"] = event.board.value;
    for (auto& field : body) {
        if (field.key() == "type") continue;  // named "event" here: "type" says what a message is
        out[field.key()] = std::move(field.value());
    }
    return bj::serialize(out);
}

std::string welcome_message(Actor const& actor, std::int64_t last_activity_id) {
    bj::object out{{"type", "welcome"}, {"last_activity_id", last_activity_id}};
    if (actor.signed_in()) {
        out["member"] = bj::object{{"id", actor.id.value}, {"display_name", actor.display_name}};
    } else {
        out["member"] = nullptr;
    }
    return bj::serialize(out);
}

std::string subscribed_message(BoardId board, std::int64_t last_activity_id) {
    return bj::serialize(bj::object{
        {"type", "subscribed"}, {"board_id", board.value}, {"last_activity_id", last_activity_id}});
}

std::string unsubscribed_message(BoardId board, std::string_view reason) {
    return bj::serialize(
        bj::object{{"type", "unsubscribed"}, {"board_id", board.value}, {"reason", reason}});
}

std::string reload_message(BoardId board, std::int64_t last_activity_id) {
    return bj::serialize(bj::object{
        {"type", "reload"}, {"board_id", board.value}, {"last_activity_id", last_activity_id}});
}

std::string notifications_message(std::int64_t unread, bool alert) {
    return bj::serialize(
        bj::object{{"type", "notifications"}, {"unread", unread}, {"alert", alert}});
}

std::string error_message(Error const& error) {
    bj::object out{{"type", "error"}, {"code", code_name(error.code)}, {"message", error.message}};
    out["field"] = error.field.empty() ? bj::value(nullptr) : bj::value(error.field);
    return bj::serialize(out);
}

std::string pong_message() {
    return R"({"type":"pong"})";
}

}  // namespace village::live
