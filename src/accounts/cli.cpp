// `village user …`: managing members from the server's command line, and the first-admin link.
#include "accounts/cli.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "accounts/members.hpp"
#include "accounts/setup.hpp"
#include "core/actor.hpp"
#include "store/command_errors.hpp"

namespace village::accounts {

namespace {

using DatabaseFn = std::function<store::Database&()>;

struct CreateOptions {
    std::string email;
    std::string name;
    std::string role;
    std::string grade;
    std::string site;
    std::string password;
};

struct MemberOptions {
    std::string email;
    std::string role;
    std::string password;
};

// --password, or else one line of standard input (so it stays out of the shell history).
Result<std::string> password_from(std::string const& given) {
    if (!given.empty()) return given;
    std::string line;
    if (!std::getline(std::cin, line)) line.clear();
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
        return fail(Errc::bad_request,
                    "Give the password with --password or as one line on standard input",
                    "password");
    }
    return line;
}

Result<Role> role_from(std::string const& text) {
    auto role = parse_role(text);
    if (!role) {
        return fail(Errc::bad_request, "The role must be one of admin, trainer, trainee, guest",
                    "role");
    }
    return *role;
}

int create(store::Database& database, CreateOptions const& o) {
    auto role = role_from(o.role);
    if (!role) return store::report_error(role.error());
    auto password = password_from(o.password);
    if (!password) return store::report_error(password.error());
    NewMember in{o.email, o.name, *role, {}, {}, {}, *password};
    if (!o.grade.empty()) in.grade = o.grade;
    if (!o.site.empty()) in.site = o.site;
    store::Db db(database);
    auto member = members::create_as_operator(db, std::move(in));
    if (!member) return store::report_error(member.error());
    fmt::print("Created member {}: {} <{}>, {}\n", member->id.value, member->display_name,
               member->email, role_name(member->role));
    return 0;
}

int list(store::Database& database) {
    store::Db db(database);
    auto const all = members::list_all(db);
    if (all.empty()) {
        fmt::print("No members yet.\n");
        return 0;
    }
    fmt::print("{:>5}  {:<32}  {:<8}  {:<24}  {:<6}  {}\n", "id", "email", "role", "name", "grade",
               "status");
    for (auto const& m : all) {
        fmt::print("{:>5}  {:<32}  {:<8}  {:<24}  {:<6}  {}\n", m.id.value, m.email,
                   role_name(m.role), m.display_name, m.grade.value_or("-"),
                   m.deactivated() ? "deactivated" : "active");
    }
    return 0;
}

int set_role(store::Database& database, MemberOptions const& o) {
    auto role = role_from(o.role);
    if (!role) return store::report_error(role.error());
    store::Db db(database);
    auto member = members::set_role_as_operator(db, o.email, *role);
    if (!member) return store::report_error(member.error());
    fmt::print("{} <{}> is now {}\n", member->display_name, member->email, role_name(member->role));
    return 0;
}

int set_password(store::Database& database, MemberOptions const& o) {
    auto password = password_from(o.password);
    if (!password) return store::report_error(password.error());
    store::Db db(database);
    auto member = members::set_password_as_operator(db, o.email, *password);
    if (!member) return store::report_error(member.error());
    fmt::print("Set the password of {} <{}>; their sessions were signed out\n",
               member->display_name, member->email);
    return 0;
}

}  // namespace

void add_user_commands(CLI::App& root, DatabaseFn database, int& exit_code) {
    auto* user = root.add_subcommand("user", "Create and change members");
    user->require_subcommand(1);

    auto create_opts = std::make_shared<CreateOptions>();
    auto* create_cmd = user->add_subcommand("create", "Create a member");
    create_cmd->add_option("--email", create_opts->email, "Email address")->required();
    create_cmd->add_option("--name", create_opts->name, "Display name")->required();
    create_cmd->add_option("--role", create_opts->role, "admin, trainer, trainee or guest")
        ->required();
    create_cmd->add_option("--grade", create_opts->grade, "Grade, e.g. ST3");
    create_cmd->add_option("--site", create_opts->site, "Hospital or site");
    create_cmd->add_option("--password", create_opts->password,
                           "Password (else read as one line from standard input)");
    create_cmd->callback([=, &exit_code] {
        exit_code = store::guarded([&] { return create(database(), *create_opts); });
    });

    auto* list_cmd = user->add_subcommand("list", "List every member");
    list_cmd->callback(
        [=, &exit_code] { exit_code = store::guarded([&] { return list(database()); }); });

    auto role_opts = std::make_shared<MemberOptions>();
    auto* role_cmd = user->add_subcommand("set-role", "Change a member's role");
    role_cmd->add_option("email", role_opts->email, "The member's email")->required();
    role_cmd->add_option("role", role_opts->role, "admin, trainer, trainee or guest")->required();
    role_cmd->callback([=, &exit_code] {
        exit_code = store::guarded([&] { return set_role(database(), *role_opts); });
    });

    auto password_opts = std::make_shared<MemberOptions>();
    auto* password_cmd = user->add_subcommand("set-password", "Set a member's password");
    password_cmd->add_option("email", password_opts->email, "The member's email")->required();
    password_cmd->add_option("--password", password_opts->password,
                             "Password (else read as one line from standard input)");
    password_cmd->callback([=, &exit_code] {
        exit_code = store::guarded([&] { return set_password(database(), *password_opts); });
    });
}

std::optional<std::string> first_admin_link(store::Database& database, Config const& config) {
    store::Db db(database);
    auto token = setup::first_admin_token(db);
    if (!token) return std::nullopt;
    return config.effective_base_url() + "/setup?token=" + *token;
}

}  // namespace village::accounts
