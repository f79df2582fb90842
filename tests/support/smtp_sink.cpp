// The aiosmtpd sink for mail tests; see smtp_sink.hpp.
#include "support/smtp_sink.hpp"

#include <stdlib.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace village::testing {

namespace bj = boost::json;

namespace {

std::string str(bj::object const& o, char const* key) {
    auto const* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

ReceivedMail mail_from_json(bj::object const& value) {
    ReceivedMail mail;
    mail.mail_from = str(value, "mail_from");
    for (auto const& r : value.at("rcpt_tos").as_array()) mail.rcpt_tos.emplace_back(r.as_string());
    mail.headers = value.at("headers").as_object();
    mail.raw_headers = value.at("raw_headers").as_object();
    mail.content_type = str(value, "content_type");
    mail.text = str(value, "text");
    mail.html = str(value, "html");
    for (auto const& d : value.at("defects").as_array()) mail.defects.emplace_back(d.as_string());
    return mail;
}

std::string read_text(std::filesystem::path const& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

std::string ReceivedMail::header(std::string const& name) const {
    for (auto const& [k, v] : headers) {
        if (k == name && v.is_string()) return std::string(v.as_string());
    }
    return {};
}

std::string ReceivedMail::raw_header(std::string const& name) const {
    for (auto const& [k, v] : raw_headers) {
        if (k == name && v.is_string()) return std::string(v.as_string());
    }
    return {};
}

SmtpSink::SmtpSink(Security security) : security_(security) {
    auto pattern = (std::filesystem::temp_directory_path() / "village-smtp-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::system_error(errno, std::generic_category(), "mkdtemp");
    }
    dir_ = pattern;
    port_ = free_port();
    if (security_ != Security::none) {
        ChildProcess openssl({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                              "-keyout", (dir_ / "key.pem").string(), "-out",
                              certificate().string(), "-days", "2", "-subj", "/CN=127.0.0.1",
                              "-addext", "subjectAltName=IP:127.0.0.1"},
                             {}, (dir_ / "openssl.log").string());
        auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (openssl.running() && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (openssl.stop() != 0 || !std::filesystem::exists(certificate())) {
            throw std::runtime_error("openssl could not make the sink's certificate: " +
                                     read_text(dir_ / "openssl.log"));
        }
    }
    start();
}

SmtpSink::~SmtpSink() {
    stop();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

void SmtpSink::start() {
    if (process_ && process_->running()) return;
    std::vector<std::string> args{"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l",
                                  "127.0.0.1:" + std::to_string(port_)};
    auto const key = (dir_ / "key.pem").string();
    if (security_ == Security::starttls) {
        args.insert(args.end(), {"--tlscert", certificate().string(), "--tlskey", key});
    } else if (security_ == Security::implicit_tls) {
        args.insert(args.end(), {"--smtpscert", certificate().string(), "--smtpskey", key});
    }
    args.insert(args.end(), {"-c", "smtp_sink.Sink", (dir_ / "inbox").string()});
    process_ = std::make_unique<ChildProcess>(
        std::move(args),
        std::map<std::string, std::string>{{"PYTHONPATH", VILLAGE_TEST_SUPPORT_DIR}},
        (dir_ / "sink.log").string());
    if (!wait_for_port(port_, std::chrono::seconds(20))) {
        std::ifstream log(dir_ / "sink.log");
        std::stringstream text;
        text << log.rdbuf();
        throw std::runtime_error("the SMTP sink did not start: " + text.str());
    }
}

void SmtpSink::stop() {
    if (process_) process_->stop();
    process_.reset();
}

std::vector<ReceivedMail> SmtpSink::received() const {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (auto const& entry : std::filesystem::directory_iterator(dir_ / "inbox", ec)) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::ranges::sort(files);
    std::vector<ReceivedMail> out;
    for (auto const& file : files) {
        auto mail = mail_from_json(bj::parse(read_text(file)).as_object());
        out.push_back(std::move(mail));
    }
    return out;
}

std::vector<ReceivedMail> SmtpSink::wait_for(std::size_t count, std::chrono::milliseconds timeout) {
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        auto mails = received();
        if (mails.size() >= count || std::chrono::steady_clock::now() > deadline) return mails;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

ReceivedMail parse_mail_file(std::filesystem::path const& path) {
    auto const out = path.string() + ".parsed.json";
    ChildProcess parser({"/usr/bin/python3",
                         std::string(VILLAGE_TEST_SUPPORT_DIR) + "/smtp_sink.py", path.string()},
                        {}, out);
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (parser.running() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    auto const text = read_text(out);
    std::filesystem::remove(out);
    return mail_from_json(bj::parse(text).as_object());
}

std::string find_link(std::string const& text, std::string const& prefix) {
    auto const start = text.find(prefix);
    if (start == std::string::npos) return {};
    auto const end = text.find_first_of(" \t\r\n\"'<>", start);
    return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace village::testing
