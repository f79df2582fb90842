// Seeds the demo community through the same services the API uses, so every card has its
// rendered markdown, ordering keys and activity rows exactly as if people had posted them.
#include "demo/seed.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <map>
#include <stdexcept>

#include "accounts/groups.hpp"
#include "accounts/members.hpp"
#include "accounts/passwords.hpp"
#include "boards/boards.hpp"
#include "boards/cards.hpp"
#include "boards/checklists.hpp"
#include "boards/comments.hpp"
#include "boards/labels.hpp"
#include "boards/lists.hpp"
#include "boards/spaces.hpp"
#include "demo/content.hpp"

namespace village::demo {

namespace {

// The demo is fixed data: a failure here is a bug in the seed, not bad input.
template <class T>
T must(Result<T> result, std::string_view what) {
    if (!result) {
        throw std::runtime_error(fmt::format("demo seed: {}: {}", what, result.error().message));
    }
    if constexpr (!std::is_void_v<T>) return std::move(*result);
}

Actor actor_of(std::vector<accounts::Member> const& people, int index) {
    return people.at(static_cast<std::size_t>(index)).actor();
}

// Who posts a card: the owner on notice boards; on open boards, people take turns.
int author_of(DemoBoard const& board, std::size_t card_number) {
    if (board.default_role == "viewer" || board.visibility != "community") return board.owner;
    std::size_t const trainees_and_trainers = 26;  // indexes 2..27
    return static_cast<int>(2 + (card_number * 7) % trainees_and_trainers);
}

}  // namespace

bool seed_if_empty(store::Database& database, Config const&) {
    store::Db db(database);
    if (db.query_one("SELECT id FROM members LIMIT 1")) return false;
    spdlog::info("seeding the demo community");

    std::string const hash = accounts::passwords::hash(kDemoPassword);
    std::vector<accounts::Member> people;
    for (auto const& m : members()) {
        accounts::NewMember in;
        in.email = m.email;
        in.display_name = m.name;
        in.role = parse_role(m.role).value_or(Role::trainee);
        in.grade = std::string(m.grade);
        in.site = std::string(m.site);
        for (auto interest : m.interests) in.interests.emplace_back(interest);
        people.push_back(must(accounts::members::create_with_password_hash(db, in, hash), m.email));
    }
    Actor const organiser = actor_of(people, 0);

    std::map<std::string_view, GroupId> group_ids;
    for (auto const& g : groups()) {
        auto created = must(accounts::groups::create(
                                db, organiser, {std::string(g.name), std::string(g.description)}),
                            g.name);
        group_ids[g.name] = created.group.id;
        for (int member : g.members) {
            must(accounts::groups::add_member(db, organiser, created.group.id,
                                              people.at(static_cast<std::size_t>(member)).id),
                 g.name);
        }
    }

    std::map<std::string_view, SpaceId> space_ids;
    for (auto const& s : spaces()) {
        auto space = must(boards::create_space(
                              db, organiser, {std::string(s.name), std::string(s.description), {}}),
                          s.name);
        space_ids[s.name] = space.id;
    }

    std::size_t card_count = 0;
    for (auto const& b : boards()) {
        Actor const owner = actor_of(people, b.owner);
        boards::NewBoard nb;
        nb.name = b.name;
        nb.description = b.description;
        if (!b.space.empty()) nb.space = space_ids.at(b.space);
        nb.visibility = boards::parse_visibility(b.visibility);
        nb.default_role =
            boards::parse_board_role(b.default_role).value_or(boards::BoardRole::member);
        for (auto g : b.groups) nb.groups.push_back(group_ids.at(g));
        auto board = must(boards::create_board(db, owner, nb), b.name);

        std::map<std::string_view, std::int64_t> label_ids;
        for (auto const& l : b.labels) {
            auto label = must(boards::create_label(db, owner, board.id,
                                                   {std::string(l.name), std::string(l.color)}),
                              l.name);
            label_ids[l.name] = label.id.value;
        }
        for (auto const& l : b.lists) {
            auto list =
                must(boards::create_list(db, owner, board.id, {std::string(l.name), {}}), l.name);
            for (auto const& c : l.cards) {
                Actor const author = actor_of(people, author_of(b, card_count++));
                boards::NewCard nc;
                nc.title = c.title;
                nc.body = c.body;
                if (!c.start.empty()) nc.start_at = must(parse_iso8601(c.start, "start"), c.title);
                if (!c.location.empty()) nc.location = std::string(c.location);
                std::vector<std::int64_t> labels;
                for (auto name : c.labels) labels.push_back(label_ids.at(name));
                nc.label_ids = labels;
                nc.pinned = c.pinned;
                auto card = must(boards::create_card(db, author, list.id, nc), c.title);
                if (!c.checklist.empty()) {
                    auto checklist = must(
                        boards::create_checklist(db, author, card.id, {"Checklist", {}}), c.title);
                    for (auto item : c.checklist) {
                        bool const done = item.starts_with("x ");
                        if (done) item.remove_prefix(2);
                        auto added = must(boards::add_checklist_item(db, author, checklist.id,
                                                                     {std::string(item), {}}),
                                          item);
                        if (done) {
                            boards::ChecklistItemPatch tick;
                            tick.done = true;
                            must(boards::update_checklist_item(db, author, added.id, tick), item);
                        }
                    }
                }
                for (auto const& comment : c.comments) {
                    must(boards::add_comment(db, actor_of(people, comment.author), card.id,
                                             std::string(comment.body)),
                         c.title);
                }
            }
        }
    }
    spdlog::info("demo community ready: {} members, {} boards, {} cards", people.size(),
                 boards().size(), card_count);
    return true;
}

}  // namespace village::demo
