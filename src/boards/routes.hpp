// The boards module's HTTP face: spaces, boards, lists, cards, comments, reactions, activity.
#pragma once

#include <memory>

#include "boards/board_view.hpp"
#include "core/config.hpp"
#include "http/router.hpp"

namespace village::boards {

class BoardsRoutes {
  public:
    explicit BoardsRoutes(Config const& config)
        : config_(config), board_views_(std::make_shared<BoardViewCache>()) {}
    // Adds every boards route to the table. The handlers share ownership of this server's cache
    // of board reads, so they stay valid even if this object goes first.
    void add_to(http::Router& router);

  private:
    Config const& config_;
    std::shared_ptr<BoardViewCache> board_views_;
};

}  // namespace village::boards
