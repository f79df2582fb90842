// SMTP with libcurl, and the .eml folder; see smtp.hpp.
#include "mail/smtp.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstring>
#include <fstream>
#include <mutex>

namespace village::mail {

namespace {

constexpr long kConnectTimeoutSeconds = 10;
constexpr long kTransferTimeoutSeconds = 60;

void ensure_curl() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// libcurl pulls the message through this, a piece at a time.
struct Upload {
    std::string_view rest;
};

std::size_t read_piece(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    auto const n = std::min(size * count, upload->rest.size());
    std::memcpy(buffer, upload->rest.data(), n);
    upload->rest.remove_prefix(n);
    return n;
}

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

SmtpTransport::SmtpTransport(SmtpSettings settings) : settings_(std::move(settings)) {
    ensure_curl();
}

Result<void> SmtpTransport::deliver(Queued const& mail) {
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) return fail(Errc::unavailable, "libcurl could not start");
    auto const scheme = settings_.security == "tls" ? "smtps" : "smtp";
    auto const url = fmt::format("{}://{}:{}", scheme, settings_.host, settings_.port);
    auto const from = "<" + settings_.from + ">";
    auto const to = "<" + mail.to_address + ">";
    std::unique_ptr<curl_slist, ListDeleter> recipients(curl_slist_append(nullptr, to.c_str()));
    Upload upload{mail.message};
    char error[CURL_ERROR_SIZE] = {};

    auto* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, kConnectTimeoutSeconds);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, kTransferTimeoutSeconds);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    if (settings_.security == "starttls") curl_easy_setopt(c, CURLOPT_USE_SSL, CURLUSESSL_ALL);
    // The server's certificate is always verified (libcurl's default); this only says whom to
    // trust besides, or instead of, the system's certificates.
    if (!settings_.ca_file.empty()) {
        curl_easy_setopt(c, CURLOPT_CAINFO, settings_.ca_file.c_str());
    }
    if (!settings_.user.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, settings_.user.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_piece);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    auto const rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        return fail(Error{Errc::unavailable,
                          "The mail server did not take the mail",
                          {},
                          fmt::format("{} ({})", error[0] ? error : curl_easy_strerror(rc),
                                      static_cast<int>(rc))});
    }
    return {};
}

EmlFolder::EmlFolder(std::filesystem::path folder) : folder_(std::move(folder)) {}

Result<void> EmlFolder::deliver(Queued const& mail) {
    std::error_code ec;
    std::filesystem::create_directories(folder_, ec);
    auto const name = fmt::format("{:08}-{}.eml", mail.id, mail.kind);
    auto const path = folder_ / name;
    auto const temporary = folder_ / (name + ".tmp");
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << mail.message;
        out.flush();
        if (!out) {
            return fail(Error{Errc::unavailable,
                              "The mail could not be written",
                              {},
                              "writing " + temporary.string()});
        }
    }
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        return fail(Error{Errc::unavailable,
                          "The mail could not be written",
                          {},
                          "renaming to " + path.string() + ": " + ec.message()});
    }
    spdlog::info("mail to {} ({}) written to {} (no smtp_host is set)", mail.to_address,
                 mail.subject, path.string());
    return {};
}

std::unique_ptr<Transport> transport_from(Config const& config) {
    if (config.smtp_host.empty()) {
        return std::make_unique<EmlFolder>(std::filesystem::path(config.data_dir) / "mail");
    }
    SmtpSettings settings{config.smtp_host,     config.smtp_port,
                          config.smtp_security, config.smtp_user,
                          config.smtp_password, parse_address(config.effective_mail_from()).email,
                          config.smtp_ca_file};
    return std::make_unique<SmtpTransport>(std::move(settings));
}

}  // namespace village::mail
