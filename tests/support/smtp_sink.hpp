// A real SMTP server for mail tests: Debian's aiosmtpd on a free loopback port, with the
// handler in tests/support/smtp_sink.py, which parses each accepted mail with Python's MIME
// parser and leaves a JSON summary for the test to read.
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace village::testing {

// One received mail, as the MIME parser read it.
struct ReceivedMail {
    std::string mail_from;
    std::vector<std::string> rcpt_tos;
    boost::json::object headers;      // decoded: Subject as a person reads it
    boost::json::object raw_headers;  // as on the wire: RFC 2047 words still encoded
    std::string content_type;         // of the whole message
    std::string text;                 // the text/plain part
    std::string html;                 // the text/html part
    std::vector<std::string> defects;

    [[nodiscard]] std::string header(std::string const& name) const;
    [[nodiscard]] std::string raw_header(std::string const& name) const;
};

class SmtpSink {
  public:
    // How the sink talks: plain SMTP; STARTTLS required before any mail (aiosmtpd's
    // require_starttls); or TLS from the first byte (SMTPS). For the TLS modes a self-signed
    // certificate for 127.0.0.1 is made with openssl when the sink is created.
    enum class Security { none, starttls, implicit_tls };

    explicit SmtpSink(Security security = Security::none);  // starts it on a free port
    ~SmtpSink();
    [[nodiscard]] std::uint16_t port() const { return port_; }
    // The PEM certificate the sink presents (TLS modes only), for the client to trust.
    [[nodiscard]] std::filesystem::path certificate() const { return dir_ / "cert.pem"; }
    // Stops the server (mails already received stay readable); start() brings it back on the
    // same port.
    void stop();
    void start();
    // Everything received so far, oldest first.
    [[nodiscard]] std::vector<ReceivedMail> received() const;
    // Waits until at least `count` mails have arrived; returns what has arrived by then.
    std::vector<ReceivedMail> wait_for(
        std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(20));

  private:
    std::filesystem::path dir_;
    Security security_;
    std::uint16_t port_ = 0;
    std::unique_ptr<ChildProcess> process_;
};

// A mail written to a file (the .eml folder), read by the same MIME parser.
[[nodiscard]] ReceivedMail parse_mail_file(std::filesystem::path const& path);

// The link in `text` that starts with `prefix`, up to the next space, quote or line end.
[[nodiscard]] std::string find_link(std::string const& text, std::string const& prefix);

}  // namespace village::testing
