// The mail module's HTTP face: magic-link sign-in, invitations, mail preferences and one-click
// unsubscribe. parse → service → respond; no rules here.
#pragma once

#include <string>
#include <vector>

#include "core/config.hpp"
#include "http/router.hpp"

namespace village::mail {

class MailRoutes {
  public:
    explicit MailRoutes(Config const& config) : config_(config) {}
    void add_to(http::Router& router);
    // POSTs that prove who one is with a mailed token instead of the session's CSRF token.
    [[nodiscard]] static std::vector<std::string> csrf_exempt_paths();

  private:
    Config const& config_;
};

}  // namespace village::mail
