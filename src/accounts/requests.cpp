// Request parsing for the accounts routes; see requests.hpp.
#include "accounts/requests.hpp"

#include <fmt/format.h>

#include <charconv>

#include "core/json.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"

namespace village::accounts::requests {

namespace bj = boost::json;

namespace {

constexpr std::size_t kMaxTokenChars = 200;  // setup tokens are 43 characters

// Passwords are taken exactly as typed: never trimmed.
Result<std::optional<std::string>> password_field(bj::object const& in, std::string_view key) {
    auto it = in.find(key);
    if (it == in.end() || it->value().is_null()) return std::optional<std::string>{};
    if (!it->value().is_string()) {
        return fail(Errc::bad_request, fmt::format("{} must be text", key), std::string(key));
    }
    auto const& raw = it->value().get_string();
    std::string_view const view(raw.data(), raw.size());
    if (!text::valid_utf8(view)) {
        return fail(Errc::bad_request, fmt::format("{} is not valid UTF-8", key), std::string(key));
    }
    if (text::char_count(view) > limits::kMaxPasswordChars) {
        return fail(Errc::too_large,
                    fmt::format("{} is longer than {} characters", key, limits::kMaxPasswordChars),
                    std::string(key));
    }
    return std::optional<std::string>(std::string(view));
}

Result<std::string> required_password(bj::object const& in, std::string_view key) {
    auto password = password_field(in, key);
    if (!password) return fail(password.error());
    if (!*password || (*password)->empty()) {
        return fail(Errc::bad_request, fmt::format("{} is required", key), std::string(key));
    }
    return **password;
}

// A field a new person may leave out, as a Patch (present when given).
Result<json::Patch<std::string>> optional_field(bj::object const& in, std::string_view key,
                                                std::size_t max_chars) {
    auto text = json::optional_text(in, key, max_chars);
    if (!text) return fail(text.error());
    return json::Patch<std::string>{text->has_value(), *text};
}

}  // namespace

Result<std::optional<Role>> role_field(bj::object const& in) {
    auto text = json::optional_text(in, "role", 20);
    if (!text) return fail(text.error());
    if (!*text) return std::optional<Role>{};
    auto role = parse_role(**text);
    if (!role) {
        return fail(Errc::bad_request, "role must be one of admin, trainer, trainee, guest",
                    "role");
    }
    return std::optional<Role>(*role);
}

Result<ProfileFields> profile_fields(bj::object const& in, Form form) {
    ProfileFields out;
    if (form == Form::create) {
        auto name = json::required_text(in, "display_name", limits::kMaxNameChars);
        if (!name) return fail(name.error());
        out.display_name = *name;
    } else {
        auto name = json::patch_text(in, "display_name", limits::kMaxNameChars, false);
        if (!name) return fail(name.error());
        out.display_name = name->value;
    }
    auto field = [&](std::string_view key) {
        return form == Form::create ? optional_field(in, key, limits::kMaxShortTextChars)
                                    : json::patch_text(in, key, limits::kMaxShortTextChars);
    };
    auto grade = field("grade");
    if (!grade) return fail(grade.error());
    out.grade = *grade;
    auto site = field("site");
    if (!site) return fail(site.error());
    out.site = *site;
    auto interests = json::optional_text_list(in, "interests", limits::kMaxInterests,
                                              limits::kMaxShortTextChars);
    if (!interests) return fail(interests.error());
    out.interests = *interests;
    return out;
}

Result<sessions::Credentials> credentials(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    auto email = json::required_text(*in, "email", limits::kMaxEmailChars);
    if (!email) return fail(email.error());
    auto password = required_password(*in, "password");
    if (!password) return fail(password.error());
    return sessions::Credentials{*email, *password};
}

Result<setup::FirstAdmin> first_admin(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    auto token = json::required_text(*in, "token", kMaxTokenChars);
    if (!token) return fail(token.error());
    auto email = json::required_text(*in, "email", limits::kMaxEmailChars);
    if (!email) return fail(email.error());
    auto name = json::required_text(*in, "display_name", limits::kMaxNameChars);
    if (!name) return fail(name.error());
    auto password = required_password(*in, "password");
    if (!password) return fail(password.error());
    return setup::FirstAdmin{*token, *email, *name, *password};
}

Result<NewMember> new_member(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    NewMember out;
    auto email = json::required_text(*in, "email", limits::kMaxEmailChars);
    if (!email) return fail(email.error());
    out.email = *email;
    auto fields = profile_fields(*in, Form::create);
    if (!fields) return fail(fields.error());
    out.display_name = *fields->display_name;
    auto role = role_field(*in);
    if (!role) return fail(role.error());
    out.role = role->value_or(Role::trainee);
    out.grade = fields->grade.value;
    out.site = fields->site.value;
    out.interests = fields->interests.value_or(std::vector<std::string>{});
    auto password = password_field(*in, "password");
    if (!password) return fail(password.error());
    out.password = *password;
    return out;
}

Result<ProfilePatch> profile_patch(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    for (auto key : {"email", "role", "deactivated"}) {
        if (in->contains(key)) {
            return fail(Errc::forbidden, fmt::format("Only a community admin can change {}", key),
                        key);
        }
    }
    ProfilePatch out;
    auto fields = profile_fields(*in, Form::patch);
    if (!fields) return fail(fields.error());
    out.display_name = fields->display_name;
    out.grade = fields->grade;
    out.site = fields->site;
    out.interests = fields->interests;
    auto password = password_field(*in, "password");
    if (!password) return fail(password.error());
    out.password = *password;
    auto current = password_field(*in, "current_password");
    if (!current) return fail(current.error());
    out.current_password = *current;
    return out;
}

Result<AdminMemberPatch> admin_member_patch(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    AdminMemberPatch out;
    auto fields = profile_fields(*in, Form::patch);
    if (!fields) return fail(fields.error());
    out.display_name = fields->display_name;
    out.grade = fields->grade;
    out.site = fields->site;
    out.interests = fields->interests;
    auto role = role_field(*in);
    if (!role) return fail(role.error());
    out.role = *role;
    auto deactivated = json::optional_bool(*in, "deactivated");
    if (!deactivated) return fail(deactivated.error());
    out.deactivated = *deactivated;
    return out;
}

Result<NewGroup> new_group(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    auto name = json::required_text(*in, "name", limits::kMaxNameChars);
    if (!name) return fail(name.error());
    auto description = json::optional_text(*in, "description", kMaxGroupDescriptionChars);
    if (!description) return fail(description.error());
    return NewGroup{*name, description->value_or("")};
}

Result<GroupPatch> group_patch(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    auto name = json::patch_text(*in, "name", limits::kMaxNameChars, false);
    if (!name) return fail(name.error());
    auto description = json::patch_text(*in, "description", kMaxGroupDescriptionChars);
    if (!description) return fail(description.error());
    GroupPatch out;
    out.name = name->value;
    if (description->present) out.description = description->value.value_or("");
    return out;
}

Result<std::string> token_name(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    return json::required_text(*in, "name", limits::kMaxNameChars);
}

Result<PageRequest> page(http::Request const& req) {
    PageRequest out;
    out.limit = limits::kDefaultPageItems;
    auto limit = http::query_int(req, "limit", 1, static_cast<std::int64_t>(limits::kMaxPageItems));
    if (!limit) return fail(limit.error());
    if (*limit) out.limit = static_cast<std::size_t>(**limit);
    auto before = http::query_int(req, "before", 1, INT64_MAX);
    if (!before) return fail(before.error());
    out.before = before->value_or(0);
    return out;
}

Result<MemberQuery> member_query(http::Request const& req) {
    auto p = page(req);
    if (!p) return fail(p.error());
    MemberQuery out{*p, {}};
    if (auto q = req.query("q")) {
        if (!text::valid_utf8(*q) || text::char_count(*q) > limits::kMaxNameChars) {
            return fail(Errc::bad_request, "q must be valid text of at most 200 characters", "q");
        }
        out.name = text::trim(*q);
    }
    return out;
}

}  // namespace village::accounts::requests
