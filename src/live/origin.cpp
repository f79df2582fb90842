// The Origin check of the live socket; see origin.hpp.
#include "live/origin.hpp"

#include <cctype>
#include <string>

namespace village::live {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// "https://Example.org:8443/some/path" → "https://example.org:8443", with the scheme's default
// port left out, as browsers write an Origin.
std::string origin_of(std::string_view url) {
    auto const scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return {};
    auto const scheme = lower(url.substr(0, scheme_end));
    auto rest = url.substr(scheme_end + 3);
    rest = rest.substr(0, rest.find('/'));
    auto authority = lower(rest);
    auto const drop = [&](std::string_view suffix) {
        if (authority.ends_with(suffix)) authority.resize(authority.size() - suffix.size());
    };
    if (scheme == "http") drop(":80");
    if (scheme == "https") drop(":443");
    return scheme + "://" + authority;
}

}  // namespace

bool origin_allowed(std::optional<std::string_view> origin, std::optional<std::string_view> host,
                    std::string_view base_url) {
    if (!origin) return true;
    auto const sent = origin_of(*origin);
    if (sent.empty()) return false;  // "null" (a sandboxed frame, a file) or garbage
    if (sent == origin_of(base_url)) return true;
    if (!host || host->empty()) return false;
    // Behind a proxy that ends TLS the server itself sees plain HTTP: the Host decides, with
    // the scheme the browser used.
    auto const scheme = sent.substr(0, sent.find("://"));
    return origin_of(scheme + "://" + std::string(*host)) == sent;
}

}  // namespace village::live
