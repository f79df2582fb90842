// The activity fan-out: turns each recorded activity into follows, notifications and feed items,
// inside the activity's own transaction; see fanout.hpp.
#include "notifications/fanout.hpp"

#include <boost/json.hpp>
#include <map>

#include "activity/activity.hpp"
#include "boards/permissions.hpp"
#include "notifications/announcements.hpp"
#include "notifications/feed.hpp"
#include "notifications/feed_sql.hpp"
#include "notifications/follows.hpp"
#include "notifications/mentions.hpp"
#include "notifications/notifications.hpp"
#include "notifications/notifications_sql.hpp"

namespace village::notifications {

namespace bj = boost::json;

namespace {

// When one activity gives a member several reasons, the strongest names the notification.
int strength(Kind k) {
    switch (k) {
        case Kind::mention:
            return 6;
        case Kind::announcement:
            return 5;
        case Kind::assigned:
            return 4;
        case Kind::reply:
            return 3;
        case Kind::comment:
            return 2;
        case Kind::card:
            return 1;
    }
    return 0;
}

// Who hears of one activity, and why; sent once everyone is known.
class Recipients {
  public:
    void add(MemberId member, Kind kind) {
        auto [it, fresh] = kinds_.emplace(member, kind);
        if (!fresh && strength(kind) > strength(it->second)) it->second = kind;
    }
    void send(store::Tx& tx, Cause const& cause) const {
        for (auto const& [member, kind] : kinds_) notify(tx, member, kind, cause);
    }

  private:
    std::map<MemberId, Kind> kinds_;
};

Cause cause_of(activity::Recorded const& r) {
    Cause c;
    c.activity = r.id;
    c.at = r.at;
    if (r.actor.signed_in()) c.actor = r.actor.id;
    c.board = r.event.board;
    c.card = r.event.card;
    c.comment = r.event.comment;
    return c;
}

bool is_actor(activity::Recorded const& r, MemberId member) {
    return r.actor.signed_in() && r.actor.id == member;
}

// May this member see the board now? Deactivated members see nothing.
bool may_see(store::Sql& sql, MemberId member, BoardId board) {
    auto who = member_actor(sql, member);
    return who && boards::load_access(sql, *who, board).has_value();
}

// Mentions in `text` that may reach their member: visible card, not muted there, not the actor.
void add_mentions(store::Tx& tx, activity::Recorded const& r, std::string_view text,
                  std::map<MemberId, Listener> const& follows, bool card_body,
                  Recipients& recipients) {
    for (auto member : mentioned_members(text)) {
        if (is_actor(r, member)) continue;
        if (auto f = follows.find(member); f != follows.end() && f->second.level == Level::muted) {
            continue;
        }
        if (!may_see(tx, member, *r.event.board)) continue;
        // An edited card body tells each member of their mention once.
        if (card_body && tx.query_one(sql::mentioned_before, member, *r.event.card)) continue;
        recipients.add(member, Kind::mention);
    }
}

Place place_of(store::Sql& sql, activity::Event const& e) {
    return Place{space_of_board(sql, *e.board), *e.board, e.card};
}

void on_card_created(store::Tx& tx, activity::Recorded const& r) {
    auto const& e = r.event;
    if (r.actor.signed_in()) {
        follow_if_absent(tx, r.actor.id, Target{TargetType::card, e.card->value}, Level::watching,
                         Origin::author, r.at);
    }
    auto const follows = listeners(tx, place_of(tx, e));
    Recipients recipients;
    for (auto const& [member, listener] : follows) {
        if (is_actor(r, member) || listener.level == Level::muted) continue;
        if (!may_see(tx, member, *e.board)) continue;
        recipients.add(member, Kind::card);  // watching and normal both hear of new cards
        add_to_feed(tx, member, r.id, *e.board, *e.card);
    }
    if (auto body = tx.query_one(sql::card_body, *e.card)) {
        add_mentions(tx, r, body->text(0), follows, true, recipients);
    }
    recipients.send(tx, cause_of(r));
}

void on_comment_added(store::Tx& tx, activity::Recorded const& r) {
    auto const& e = r.event;
    auto const follows = listeners(tx, place_of(tx, e));
    Recipients recipients;
    for (auto const& [member, listener] : follows) {
        if (is_actor(r, member) || listener.level == Level::muted) continue;
        if (!may_see(tx, member, *e.board)) continue;
        if (listener.level == Level::watching) {
            // Watching the card itself (its author, its commenters, or by choice) is a reply.
            recipients.add(member,
                           listener.source == TargetType::card ? Kind::reply : Kind::comment);
        }
        add_to_feed(tx, member, r.id, *e.board, *e.card);
    }
    if (auto body = tx.query_one(sql::comment_body, *e.comment)) {
        add_mentions(tx, r, body->text(0), follows, false, recipients);
    }
    recipients.send(tx, cause_of(r));
    if (r.actor.signed_in()) {
        follow_if_absent(tx, r.actor.id, Target{TargetType::card, e.card->value}, Level::watching,
                         Origin::commenter, r.at);
    }
}

bool changed_field(bj::object const& data, std::string_view field) {
    auto it = data.find("fields");
    if (it == data.end() || !it->value().is_array()) return false;
    for (auto const& f : it->value().as_array()) {
        if (f.is_string() && f.as_string() == field) return true;
    }
    return false;
}

void on_card_updated(store::Tx& tx, activity::Recorded const& r) {
    auto const& e = r.event;
    if (!changed_field(e.data, "body")) return;
    auto const follows = listeners(tx, place_of(tx, e));
    Recipients recipients;
    if (auto body = tx.query_one(sql::card_body, *e.card)) {
        add_mentions(tx, r, body->text(0), follows, true, recipients);
    }
    auto cause = cause_of(r);
    cause.comment.reset();
    recipients.send(tx, cause);
}

void on_card_assigned(store::Tx& tx, activity::Recorded const& r) {
    auto it = r.event.data.find("added");
    if (it == r.event.data.end() || !it->value().is_array()) return;
    Recipients recipients;
    for (auto const& id : it->value().as_array()) {
        if (!id.is_int64()) continue;
        MemberId const member{id.as_int64()};
        // Assignment is addressed to the member: a mute does not silence it.
        if (!is_actor(r, member) && may_see(tx, member, *r.event.board)) {
            recipients.add(member, Kind::assigned);
        }
    }
    recipients.send(tx, cause_of(r));
}

void on_card_deleted(store::Tx& tx, activity::Recorded const& r) {
    auto const card = *r.event.card;
    tx.exec(sql::delete_card_notifications, card);
    tx.exec(sql::delete_card_feed_items, card);
    drop_target_follows(tx, Target{TargetType::card, card.value});
}

std::optional<MemberId> member_in(bj::object const& data) {
    auto it = data.find("member_id");
    if (it == data.end() || !it->value().is_int64()) return std::nullopt;
    return MemberId{it->value().as_int64()};
}

void on_activity(store::Tx& tx, activity::Recorded const& r) {
    auto const& e = r.event;
    auto const& type = e.type;
    bool const on_card = e.board && e.card;
    if (type == "card.created" && on_card) {
        on_card_created(tx, r);
    } else if (type == "comment.added" && on_card && e.comment) {
        on_comment_added(tx, r);
    } else if (type == "card.updated" && on_card) {
        on_card_updated(tx, r);
    } else if (type == "card.assigned" && on_card) {
        on_card_assigned(tx, r);
    } else if (type == "card.deleted" && e.card) {
        on_card_deleted(tx, r);
    } else if (type == "member.created") {
        if (auto member = member_in(e.data)) sync_interest_follows(tx, *member, r.at);
    } else if (type == "member.updated") {
        if (auto member = member_in(e.data); member && changed_field(e.data, "interests")) {
            sync_interest_follows(tx, *member, r.at);
        }
    } else if (type == "space.created" && e.space) {
        auto name = e.data.find("name");
        if (name != e.data.end() && name->value().is_string()) {
            follow_new_space(tx, *e.space, std::string(name->value().as_string()), r.at);
        }
    } else if (type == "space.deleted" && e.space) {
        drop_target_follows(tx, Target{TargetType::space, e.space->value});
    } else if (type == "board.deleted" && e.board) {
        drop_target_follows(tx, Target{TargetType::board, e.board->value});
    } else if (type == kAnnouncedEvent && on_card) {
        on_card_announced(tx, r);
    }
}

}  // namespace

void install() {
    activity::subscribe(&on_activity);
}

}  // namespace village::notifications
