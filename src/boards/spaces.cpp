// Spaces: parsing, rules and storage; see spaces.hpp.
#include "boards/spaces.hpp"

#include "activity/activity.hpp"
#include "boards/permissions.hpp"
#include "boards/spaces_sql.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"

namespace village::boards {

namespace bj = boost::json;

namespace {

constexpr Ordering kSpaces{sql::space_anchor, sql::space_next, sql::space_previous,
                           sql::space_last,   sql::space_all,  sql::space_set_position};

// What the visibility queries take for "who is asking".
std::string community_role(Actor const& actor) {
    return actor.signed_in() ? std::string(role_name(actor.role)) : std::string();
}

Result<void> require_space_admin(Actor const& actor) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    if (!can_manage_spaces(actor)) {
        return fail(Errc::forbidden, "Only community admins may change spaces");
    }
    return {};
}

Space read_space(store::Row const& row) {
    return Space{row.id<SpaceId>(0), row.text(1), row.text(2), row.text(3), row.i64(4)};
}

std::optional<Space> find_space(store::Sql& sql, SpaceId id) {
    auto row = sql.query_one(sql::space_by_id, id);
    if (!row) return std::nullopt;
    return read_space(*row);
}

tl::unexpected<Error> name_taken() {
    return fail(Errc::conflict, "A space with that name already exists", "name");
}

}  // namespace

Result<std::optional<Anchor>> parse_anchor(json::bj::object const& in) {
    auto before = json::optional_id(in, "before_id");
    if (!before) return fail(before.error());
    auto after = json::optional_id(in, "after_id");
    if (!after) return fail(after.error());
    if (*before && *after) {
        return fail(Errc::bad_request, "Give before_id or after_id, not both", "before_id");
    }
    if (*before) return std::optional<Anchor>(Anchor{**before, Side::before});
    if (*after) return std::optional<Anchor>(Anchor{**after, Side::after});
    return std::optional<Anchor>{};
}

Result<NewSpace> parse_new_space(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    NewSpace out;
    auto name = json::required_text(*in, "name", limits::kMaxNameChars);
    if (!name) return fail(name.error());
    out.name = std::move(*name);
    auto description = json::optional_text(*in, "description", kMaxSpaceDescriptionChars);
    if (!description) return fail(description.error());
    out.description = description->value_or("");
    auto anchor = parse_anchor(*in);
    if (!anchor) return fail(anchor.error());
    out.anchor = *anchor;
    return out;
}

Result<SpacePatch> parse_space_patch(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    SpacePatch out;
    auto name = json::patch_text(*in, "name", limits::kMaxNameChars, false);
    if (!name) return fail(name.error());
    if (name->present) {
        if (name->value->empty()) return fail(Errc::bad_request, "name may not be empty", "name");
        out.name = std::move(name->value);
    }
    auto description = json::patch_text(*in, "description", kMaxSpaceDescriptionChars);
    if (!description) return fail(description.error());
    if (description->present) out.description = description->value.value_or("");
    auto anchor = parse_anchor(*in);
    if (!anchor) return fail(anchor.error());
    out.anchor = *anchor;
    return out;
}

std::vector<Space> visible_spaces(store::Sql& sql, Actor const& actor) {
    std::vector<Space> out;
    for (auto const& row : sql.query(sql::visible_spaces, actor.id, community_role(actor))) {
        out.push_back(read_space(row));
    }
    return out;
}

Result<Space> create_space(store::Db& db, Actor const& actor, NewSpace const& in) {
    if (auto allowed = require_space_admin(actor); !allowed) return fail(allowed.error());
    auto tx = db.begin();
    auto position = place(tx, kSpaces, 0, in.anchor);
    if (!position) return fail(position.error());
    std::int64_t id = 0;
    try {
        id = tx.query_one(sql::insert_space, in.name, text::ascii_lower(in.name), in.description,
                          *position, actor.id, now_ms())
                 ->i64(0);
    } catch (store::DbError const& e) {
        if (e.error().code == Errc::conflict) return name_taken();
        throw;
    }
    activity::Event event{"space.created", SpaceId{id}};
    event.data = {{"name", in.name}};
    activity::record(tx, actor, event);
    auto space = find_space(tx, SpaceId{id});
    tx.commit();
    return *space;
}

Result<Space> update_space(store::Db& db, Actor const& actor, SpaceId id, SpacePatch const& in) {
    if (auto allowed = require_space_admin(actor); !allowed) return fail(allowed.error());
    auto tx = db.begin();
    auto space = find_space(tx, id);
    if (!space) return fail(Errc::not_found, "Space not found");
    bj::object changed;
    if (in.name && *in.name != space->name) {
        changed["name"] = *in.name;
        space->name = *in.name;
    }
    if (in.description && *in.description != space->description) {
        changed["description"] = *in.description;
        space->description = *in.description;
    }
    if (!changed.empty()) {
        try {
            tx.exec(sql::update_space, id, space->name, text::ascii_lower(space->name),
                    space->description);
        } catch (store::DbError const& e) {
            if (e.error().code == Errc::conflict) return name_taken();
            throw;
        }
    }
    if (in.anchor) {
        auto position = place(tx, kSpaces, 0, in.anchor, id.value);
        if (!position) return fail(position.error());
        tx.exec(sql::space_set_position, id, *position);
        changed["position"] = *position;
    }
    if (!changed.empty()) {
        activity::Event event{"space.updated", id};
        event.data = std::move(changed);
        activity::record(tx, actor, event);
    }
    auto updated = find_space(tx, id);
    tx.commit();
    return *updated;
}

Result<void> delete_space(store::Db& db, Actor const& actor, SpaceId id) {
    if (auto allowed = require_space_admin(actor); !allowed) return fail(allowed.error());
    auto tx = db.begin();
    auto space = find_space(tx, id);
    if (!space) return fail(Errc::not_found, "Space not found");
    // Each board loses its space: a change to the board, so it is recorded (and bumps the
    // board's version, so no cached board read keeps the old space).
    for (auto const& row : tx.query(sql::boards_in_space, id)) {
        activity::Event moved{"board.updated", id, BoardId{row.i64(0)}};
        moved.data = {{"space_id", nullptr}};
        activity::record(tx, actor, moved);
    }
    activity::Event event{"space.deleted", id};
    event.data = {{"name", space->name}};
    activity::record(tx, actor, event);
    tx.exec(sql::delete_space, id);
    tx.commit();
    return {};
}

bj::object to_json(Space const& space) {
    return bj::object{{"id", space.id.value},
                      {"name", space.name},
                      {"description", space.description},
                      {"position", space.position},
                      {"created_at", iso8601(space.created_at)}};
}

}  // namespace village::boards
