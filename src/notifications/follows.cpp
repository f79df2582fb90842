// Follows: rules and storage; see follows.hpp.
#include "notifications/follows.hpp"

#include <boost/json.hpp>
#include <set>

#include "boards/cards.hpp"
#include "boards/permissions.hpp"
#include "boards/spaces.hpp"
#include "core/text.hpp"
#include "notifications/follows_sql.hpp"
#include "notifications/visibility.hpp"

namespace village::notifications {

namespace bj = boost::json;

namespace {

Follow follow_from(store::Row const& row) {
    Follow f;
    f.target.type = parse_target_type(row.text(0)).value_or(TargetType::space);
    f.target.id = row.i64(1);
    f.level = parse_level(row.text(2)).value_or(Level::normal);
    f.origin = parse_origin(row.text(3)).value_or(Origin::chosen);
    f.created_at = row.i64(4);
    f.updated_at = row.i64(5);
    return f;
}

bool space_visible(store::Sql& sql, Actor const& actor, std::int64_t id) {
    for (auto const& space : boards::visible_spaces(sql, actor)) {
        if (space.id.value == id) return true;
    }
    return false;
}

// The place a target names, when the actor may see it; nullopt reads as "not found".
std::optional<Place> visible_place(store::Sql& sql, Actor const& actor, Target target) {
    switch (target.type) {
        case TargetType::space:
            if (!space_visible(sql, actor, target.id)) return std::nullopt;
            return Place{SpaceId{target.id}, BoardId{}, std::nullopt};
        case TargetType::board: {
            if (!boards::load_access(sql, actor, BoardId{target.id})) return std::nullopt;
            BoardId const board{target.id};
            return Place{space_of_board(sql, board), board, std::nullopt};
        }
        case TargetType::card: {
            auto card = boards::card_for_read(sql, actor, CardId{target.id});
            if (!card) return std::nullopt;
            auto const board = card->card.board;
            return Place{space_of_board(sql, board), board, CardId{target.id}};
        }
    }
    return std::nullopt;
}

EffectiveFollow state_of(store::Sql& sql, MemberId member, Target target, Place const& place) {
    EffectiveFollow out;
    if (auto row =
            sql.query_one(sql::follow_of, member, target_type_name(target.type), target.id)) {
        out.own = follow_from(*row);
    }
    auto const card = place.card ? place.card->value : 0;
    auto const board = place.board.value;
    auto const space = place.space ? place.space->value : 0;
    // The most specific follow among the target and the places that hold it.
    int best = -1;
    for (auto const& row : sql.query(sql::member_place_follows, member, card, board, space)) {
        auto const type = parse_target_type(row.text(0)).value_or(TargetType::space);
        int const rank = static_cast<int>(type);  // space 0 < board 1 < card 2
        if (rank > best) {
            best = rank;
            out.level = parse_level(row.text(1));
            out.source = type;
        }
    }
    return out;
}

Result<Place> require_place(store::Sql& sql, Actor const& actor, Target target) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    auto place = visible_place(sql, actor, target);
    if (!place) return fail(Errc::not_found, std::string(kTargetNotFound));
    return *place;
}

}  // namespace

std::optional<SpaceId> space_of_board(store::Sql& sql, BoardId board) {
    auto row = sql.query_one(sql::space_of_board, board);
    if (!row || row->is_null(0)) return std::nullopt;
    return SpaceId{row->i64(0)};
}

Result<EffectiveFollow> set_follow(store::Db& db, Actor const& actor, Target target, Level level) {
    auto tx = db.begin();
    auto place = require_place(tx, actor, target);
    if (!place) return fail(place.error());
    tx.exec(sql::upsert_follow, actor.id, target_type_name(target.type), target.id,
            level_name(level), now_ms());
    auto state = state_of(tx, actor.id, target, *place);
    tx.commit();
    return state;
}

Result<EffectiveFollow> clear_follow(store::Db& db, Actor const& actor, Target target) {
    auto tx = db.begin();
    auto place = require_place(tx, actor, target);
    if (!place) return fail(place.error());
    tx.exec(sql::delete_follow, actor.id, target_type_name(target.type), target.id);
    auto state = state_of(tx, actor.id, target, *place);
    tx.commit();
    return state;
}

Result<EffectiveFollow> follow_state(store::Db& db, Actor const& actor, Target target) {
    auto place = require_place(db, actor, target);
    if (!place) return fail(place.error());
    return state_of(db, actor.id, target, *place);
}

Result<std::vector<Follow>> my_follows(store::Db& db, Actor const& actor,
                                       std::optional<TargetType> type) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    std::set<std::int64_t> spaces;
    for (auto const& space : boards::visible_spaces(db, actor)) spaces.insert(space.id.value);
    BoardVisibility boards(db, actor);
    std::vector<Follow> out;
    std::string const filter = type ? std::string(target_type_name(*type)) : std::string();
    for (auto const& row : db.query(sql::member_follows, actor.id, filter)) {
        auto follow = follow_from(row);
        follow.target_name = row.text(6);
        bool visible = false;
        switch (follow.target.type) {
            case TargetType::space:
                visible = spaces.contains(follow.target.id);
                break;
            case TargetType::board:
                visible = boards.visible(BoardId{follow.target.id});
                break;
            case TargetType::card:
                visible = !row.is_null(7) && boards.visible(BoardId{row.i64(7)});
                break;
        }
        if (visible) out.push_back(std::move(follow));
    }
    return out;
}

std::map<MemberId, Listener> listeners(store::Sql& sql, Place const& place) {
    std::map<MemberId, Listener> out;
    std::map<MemberId, int> rank;
    auto const card = place.card ? place.card->value : 0;
    auto const space = place.space ? place.space->value : 0;
    for (auto const& row : sql.query(sql::place_follows, card, place.board, space)) {
        MemberId const member{row.i64(0)};
        auto const type = parse_target_type(row.text(1)).value_or(TargetType::space);
        int const r = static_cast<int>(type);
        auto [it, fresh] = rank.emplace(member, r);
        if (!fresh && it->second >= r) continue;
        it->second = r;
        out[member] = Listener{parse_level(row.text(2)).value_or(Level::normal), type};
    }
    return out;
}

void follow_if_absent(store::Tx& tx, MemberId member, Target target, Level level, Origin origin,
                      Millis now) {
    tx.exec(sql::insert_follow_if_absent, member, target_type_name(target.type), target.id,
            level_name(level), origin_name(origin), now);
}

namespace {

std::set<std::string> interest_keys(std::string const& stored) {
    std::set<std::string> out;
    boost::system::error_code ec;
    auto value = bj::parse(stored, ec);
    if (ec || !value.is_array()) return out;
    for (auto const& item : value.as_array()) {
        if (item.is_string())
            out.insert(text::ascii_lower(text::trim(std::string_view(item.as_string()))));
    }
    return out;
}

}  // namespace

void sync_interest_follows(store::Tx& tx, MemberId member, Millis now) {
    auto row = tx.query_one(sql::member_interests, member);
    if (!row) return;
    std::set<std::int64_t> wanted;
    for (auto const& key : interest_keys(row->text(0))) {
        if (auto space = tx.query_one(sql::space_by_name_key, key)) wanted.insert(space->i64(0));
    }
    for (auto const& current : tx.query(sql::interest_follows_of, member)) {
        if (!wanted.contains(current.i64(0))) {
            tx.exec(sql::delete_interest_follow, member, current.i64(0));
        }
    }
    for (auto const space : wanted) {
        follow_if_absent(tx, member, Target{TargetType::space, space}, Level::normal,
                         Origin::interest, now);
    }
}

void follow_new_space(store::Tx& tx, SpaceId space, std::string const& name, Millis now) {
    auto const key = text::ascii_lower(text::trim(name));
    for (auto const& row : tx.query(sql::active_members_interests)) {
        if (interest_keys(row.text(1)).contains(key)) {
            follow_if_absent(tx, MemberId{row.i64(0)}, Target{TargetType::space, space.value},
                             Level::normal, Origin::interest, now);
        }
    }
}

void drop_target_follows(store::Tx& tx, Target target) {
    tx.exec(sql::delete_target_follows, target_type_name(target.type), target.id);
}

bj::object to_json(Follow const& f) {
    return bj::object{{"target_type", target_type_name(f.target.type)},
                      {"target_id", f.target.id},
                      {"target_name", f.target_name},
                      {"level", level_name(f.level)},
                      {"origin", origin_name(f.origin)},
                      {"created_at", iso8601(f.created_at)},
                      {"updated_at", iso8601(f.updated_at)}};
}

bj::object to_json(EffectiveFollow const& s) {
    bj::object o;
    if (s.own) {
        o["level"] = level_name(s.own->level);
        o["origin"] = origin_name(s.own->origin);
    } else {
        o["level"] = nullptr;
        o["origin"] = nullptr;
    }
    o["effective_level"] = s.level ? bj::value(level_name(*s.level)) : bj::value(nullptr);
    o["effective_from"] = s.source ? bj::value(target_type_name(*s.source)) : bj::value(nullptr);
    return o;
}

}  // namespace village::notifications
