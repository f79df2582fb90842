// The boards module's HTTP face: spaces, boards, lists, cards, comments, reactions, activity.
#pragma once

#include "core/config.hpp"
#include "http/router.hpp"

namespace village::boards {

class BoardsRoutes {
public:
    explicit BoardsRoutes(Config const& config) : config_(config) {}
    void add_to(http::Router& router);

private:
    Config const& config_;
};

}  // namespace village::boards
