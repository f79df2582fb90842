// Mentions: reading them from markdown, and suggesting members to mention; see mentions.hpp.
#include "notifications/mentions.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

#include "boards/permissions.hpp"
#include "core/text.hpp"
#include "notifications/mentions_sql.hpp"

namespace village::notifications {

namespace bj = boost::json;

namespace {

constexpr std::string_view kOpen = "@[";
constexpr std::string_view kLink = "](member:";
constexpr std::size_t kMaxIdDigits = 18;
// Candidates read per round while looking for members who may see the board.
constexpr std::size_t kCandidateBatch = 200;

std::string like_pattern(std::string_view query) {
    std::string out = "%";
    for (char c : text::ascii_lower(query)) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    out += '%';
    return out;
}

// The name as it may stand between the brackets of a mention.
std::string bracket_safe(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c != '[' && c != ']' && c != '\n' && c != '\r') out += c;
    }
    return out;
}

}  // namespace

std::vector<MemberId> mentioned_members(std::string_view text) {
    std::vector<MemberId> out;
    std::size_t at = 0;
    while (out.size() < kMaxMentionsPerText) {
        auto const open = text.find(kOpen, at);
        if (open == std::string_view::npos) break;
        at = open + kOpen.size();
        auto const close = text.find(']', at);
        if (close == std::string_view::npos) break;
        auto const name = text.substr(at, close - at);
        if (name.find('\n') != std::string_view::npos || name.find('[') != std::string_view::npos) {
            continue;  // not one mention; a later "@[" may still be
        }
        if (text.substr(close, kLink.size()) != kLink) continue;
        auto const digits = close + kLink.size();
        auto const end = text.find(')', digits);
        if (end == std::string_view::npos || end == digits || end - digits > kMaxIdDigits) continue;
        std::int64_t id = 0;
        auto const [ptr, ec] = std::from_chars(text.data() + digits, text.data() + end, id);
        if (ec != std::errc{} || ptr != text.data() + end || id <= 0) continue;
        at = end + 1;
        MemberId const member{id};
        if (std::find(out.begin(), out.end(), member) == out.end()) out.push_back(member);
    }
    return out;
}

Result<std::vector<Mentionable>> mentionable(store::Db& db, Actor const& actor, BoardId board,
                                             std::string_view query, std::size_t limit) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    if (!text::valid_utf8(query) || text::char_count(query) > kMaxMentionQueryChars) {
        return fail(Errc::bad_request, "q must be a short piece of a name", "q");
    }
    auto access = boards::require_read(db, actor, board);
    if (!access) return fail(access.error());
    std::vector<Mentionable> out;
    auto const pattern = like_pattern(text::trim(query));
    // Read candidates by name until enough of them may see the board; bounded by the number of
    // members whose name matches.
    std::size_t offset = 0;
    while (out.size() < limit) {
        auto rows = db.query(sql::mention_candidates, pattern, kCandidateBatch, offset);
        for (std::size_t i = 0; i < rows.size() && out.size() < limit; ++i) {
            auto const& row = rows[i];
            Actor const member{MemberId{row.i64(0)}, parse_role(row.text(2)).value_or(Role::guest),
                               row.text(1)};
            if (!boards::load_access(db, member, board)) continue;
            out.push_back(Mentionable{member.id, member.display_name,
                                      "@[" + bracket_safe(member.display_name) +
                                          "](member:" + std::to_string(member.id.value) + ")"});
        }
        if (rows.size() < kCandidateBatch) break;
        offset += kCandidateBatch;
    }
    return out;
}

bj::object to_json(Mentionable const& m) {
    return bj::object{{"id", m.id.value}, {"display_name", m.display_name}, {"mention", m.mention}};
}

}  // namespace village::notifications
