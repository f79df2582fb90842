// JSON for the accounts module; see views.hpp.
#include "accounts/views.hpp"

#include "core/json.hpp"

namespace village::accounts::views {

namespace bj = boost::json;

namespace {

bj::value next_cursor(std::optional<std::int64_t> next) {
    return next ? bj::value(*next) : bj::value(nullptr);
}

}  // namespace

bj::object member(Member const& m, MemberView view) {
    bj::array interests;
    for (auto const& i : m.interests) interests.emplace_back(i);
    bj::object o{{"id", m.id.value},
                 {"display_name", m.display_name},
                 {"role", role_name(m.role)},
                 {"grade", json::text_or_null(m.grade)},
                 {"site", json::text_or_null(m.site)},
                 {"interests", std::move(interests)}};
    if (view == MemberView::full) {
        o["email"] = m.email;
        o["deactivated"] = m.deactivated();
        o["has_password"] = m.has_password;
        o["created_at"] = iso8601(m.created_at);
        o["last_seen_at"] = json::time_or_null(m.last_seen_at);
    }
    return o;
}

bj::object member_page(Page<Member> const& page, Actor const& viewer) {
    bj::array items;
    for (auto const& m : page.items) items.emplace_back(member(m, view_of(viewer, m.id)));
    return {{"members", std::move(items)}, {"next_before", next_cursor(page.next_before)}};
}

bj::object group(Group const& g) {
    return {{"id", g.id.value},
            {"name", g.name},
            {"description", g.description},
            {"member_count", g.member_count},
            {"created_at", iso8601(g.created_at)}};
}

bj::object group_detail(GroupDetail const& g) {
    auto o = group(g.group);
    bj::array members;
    for (auto const& m : g.members) {
        members.emplace_back(bj::object{
            {"id", m.id.value}, {"display_name", m.display_name}, {"role", role_name(m.role)}});
    }
    o["members"] = std::move(members);
    return o;
}

bj::object group_page(Page<Group> const& page) {
    bj::array items;
    for (auto const& g : page.items) items.emplace_back(group(g));
    return {{"groups", std::move(items)}, {"next_before", next_cursor(page.next_before)}};
}

bj::object token(AccessToken const& t) {
    return {{"id", t.id.value},
            {"name", t.name},
            {"created_at", iso8601(t.created_at)},
            {"last_used_at", json::time_or_null(t.last_used_at)}};
}

bj::object new_token(NewAccessToken const& t) {
    auto o = token(t.token);
    o["token"] = t.secret;
    return o;
}

bj::object token_list(std::vector<AccessToken> const& tokens) {
    bj::array items;
    for (auto const& t : tokens) items.emplace_back(token(t));
    return {{"tokens", std::move(items)}};
}

bj::object session(Member const& m, std::optional<std::string> const& csrf_token) {
    return {{"member", member(m, MemberView::full)},
            {"csrf_token", json::text_or_null(csrf_token)}};
}

}  // namespace village::accounts::views
