// Whether a WebSocket upgrade's Origin may open a socket with this site's cookie: a page of
// another site must not act with a member's session (cross-site WebSocket hijacking).
#pragma once

#include <optional>
#include <string_view>

namespace village::live {

// True when `origin` is absent (not a browser) or names this site: the configured base URL's
// scheme, host and port, or the Host the request was sent to. Compared case-insensitively.
[[nodiscard]] bool origin_allowed(std::optional<std::string_view> origin,
                                  std::optional<std::string_view> host, std::string_view base_url);

}  // namespace village::live
