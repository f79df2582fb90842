// Settings of one village process. Defaults work with no config at all; village.toml,
// VILLAGE_* environment variables and command-line flags override them, in that order.
#pragma once

#include <cstdint>
#include <string>

namespace village {

struct Config {
    std::string data_dir = "./village-data";
    std::string web_dir;   // empty: web/dist of the source tree, or share/village/web
    std::string database;  // empty: sqlite://<data_dir>/village.db
    std::string listen = "127.0.0.1";
    std::uint16_t port = 8080;
    int threads = 0;       // 0: one per core
    std::string base_url;  // empty: http://<listen>:<port>; used in links and cookie flags
    std::string log_level = "info";
    int idle_timeout_seconds = 60;
    int request_timeout_seconds = 30;
    int session_days = 30;
    bool trust_proxy = false;  // take the client address from X-Forwarded-For

    // Outgoing mail. With no smtp_host, mails are written as .eml files into <data_dir>/mail.
    std::string smtp_host;
    std::uint16_t smtp_port = 587;
    std::string smtp_security = "starttls";  // "starttls", "tls" (implicit, smtps) or "none"
    std::string smtp_user;
    std::string smtp_password;
    std::string smtp_ca_file;  // certificates to trust for the SMTP server; empty: the system's
    std::string mail_from;        // empty: "Village <village@HOST>", HOST from the base URL
    int mail_retry_seconds = 30;  // first retry after a failed send; doubles up to an hour

    [[nodiscard]] std::string database_url() const;
    [[nodiscard]] std::string effective_base_url() const;
    [[nodiscard]] bool secure_cookies() const;  // base URL is https
    [[nodiscard]] int effective_threads() const;
    [[nodiscard]] std::string effective_mail_from() const;
};

}  // namespace village
