// Request bodies of the mail module; see requests.hpp.
#include "mail/requests.hpp"

#include <fmt/format.h>

#include "accounts/requests.hpp"
#include "core/json.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"

namespace village::mail::requests {

namespace {

// The whole pasted list: generous, but well inside the 1 MiB body limit.
constexpr std::size_t kMaxPasteChars = 200'000;

}  // namespace

Result<std::string> email(std::string const& body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    return json::required_text(*in, "email", limits::kMaxEmailChars);
}

Result<std::string> token(std::string const& body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    return json::required_text(*in, "token", kMaxTokenChars);
}

Result<invitations::NewInvitation> new_invitation(std::string const& body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    invitations::NewInvitation out;
    auto email = json::required_text(*in, "email", limits::kMaxEmailChars);
    if (!email) return fail(email.error());
    out.email = *email;
    // The same fields, limits and messages as a member an admin adds directly.
    auto fields = accounts::requests::profile_fields(*in, accounts::requests::Form::create);
    if (!fields) return fail(fields.error());
    out.display_name = *fields->display_name;
    auto role = accounts::requests::role_field(*in);
    if (!role) return fail(role.error());
    out.role = role->value_or(Role::trainee);
    out.grade = fields->grade.value;
    out.site = fields->site.value;
    auto groups = json::optional_ids(*in, "group_ids");
    if (!groups) return fail(groups.error());
    if (*groups) {
        for (auto id : **groups) out.groups.push_back(GroupId{id});
    }
    return out;
}

Result<std::string> pasted_list(std::string const& body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    auto const* v = in->if_contains("text");
    if (!v || !v->is_string()) {
        return fail(Errc::bad_request, "text must be the pasted list, one person per line", "text");
    }
    std::string text(v->as_string());
    if (!text::valid_utf8(text)) return fail(Errc::bad_request, "text is not valid UTF-8", "text");
    if (text::char_count(text) > kMaxPasteChars) {
        return fail(Errc::too_large,
                    fmt::format("text is longer than {} characters", kMaxPasteChars), "text");
    }
    return text;
}

Result<invitations::Acceptance> acceptance(std::string const& body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    invitations::Acceptance out;
    auto token = json::required_text(*in, "token", kMaxTokenChars);
    if (!token) return fail(token.error());
    out.token = *token;
    // Read as a member's own profile change; accepting sets only the name, grade and interests.
    auto fields = accounts::requests::profile_fields(*in, accounts::requests::Form::patch);
    if (!fields) return fail(fields.error());
    out.display_name = fields->display_name;
    out.grade = fields->grade;
    out.interests = fields->interests.value_or(std::vector<std::string>{});
    return out;
}

Result<preferences::Patch> preferences_patch(std::string const& body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    preferences::Patch out;
    auto notify = json::optional_text(*in, "notify", 20);
    if (!notify) return fail(notify.error());
    if (*notify) {
        out.notify = preferences::parse_notify(**notify);
        if (!out.notify) {
            return fail(Errc::bad_request, "notify must be immediately, daily, weekly or never",
                        "notify");
        }
    }
    auto time = json::optional_text(*in, "digest_time", 5);
    if (!time) return fail(time.error());
    if (*time) {
        auto minutes = time_of_day(**time, "digest_time");
        if (!minutes) return fail(minutes.error());
        out.digest_minute = *minutes;
    }
    auto zone = json::patch_text(*in, "time_zone", 64);
    if (!zone) return fail(zone.error());
    out.time_zone = *zone;
    return out;
}

Result<int> time_of_day(std::string const& text, std::string_view field) {
    auto const bad = [&] {
        return fail(Errc::bad_request, fmt::format("{} must be a time of day, HH:MM", field),
                    std::string(field));
    };
    if (text.size() != 5 || text[2] != ':') return bad();
    for (std::size_t i : {0u, 1u, 3u, 4u}) {
        if (text[i] < '0' || text[i] > '9') return bad();
    }
    int const hours = (text[0] - '0') * 10 + (text[1] - '0');
    int const minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours > 23 || minutes > 59) return bad();
    return hours * 60 + minutes;
}

std::string time_of_day_text(int minutes) {
    return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

}  // namespace village::mail::requests
