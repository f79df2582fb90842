// Delivering a composed mail: over SMTP with libcurl, or, with no SMTP server configured, as
// an .eml file in the data folder (so a demo or a laptop works offline).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/config.hpp"
#include "core/result.hpp"
#include "mail/outbox.hpp"

namespace village::mail {

class Transport {
  public:
    virtual ~Transport() = default;
    // Success only once the server (or the disk) has taken the whole message.
    [[nodiscard]] virtual Result<void> deliver(Queued const& mail) = 0;
};

struct SmtpSettings {
    std::string host;
    std::uint16_t port = 587;
    std::string security = "starttls";  // "starttls", "tls" or "none"
    std::string user;
    std::string password;
    std::string from;  // the envelope sender (bare address)
    std::string ca_file;  // PEM certificates to trust; empty: the system's
};

class SmtpTransport : public Transport {
  public:
    explicit SmtpTransport(SmtpSettings settings);
    Result<void> deliver(Queued const& mail) override;

  private:
    SmtpSettings settings_;
};

// Writes <folder>/<outbox id>-<kind>.eml (atomically: a temporary file renamed into place).
class EmlFolder : public Transport {
  public:
    explicit EmlFolder(std::filesystem::path folder);
    Result<void> deliver(Queued const& mail) override;

  private:
    std::filesystem::path folder_;
};

// SMTP when smtp_host is set, else .eml files in <data_dir>/mail.
[[nodiscard]] std::unique_ptr<Transport> transport_from(Config const& config);

}  // namespace village::mail
