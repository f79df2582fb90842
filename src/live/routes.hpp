// The live module's HTTP face: GET /api/v1/live, which upgrades to the live socket.
#pragma once

#include "core/config.hpp"
#include "http/router.hpp"
#include "live/hub.hpp"

namespace village::live {

class LiveRoutes {
  public:
    LiveRoutes(Config const& config, Hub& hub) : config_(config), hub_(hub) {}
    void add_to(http::Router& router);

  private:
    Config const& config_;
    Hub& hub_;
};

}  // namespace village::live
