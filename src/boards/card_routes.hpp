// HTTP routes for cards, comments, reactions, labels and checklists. The boards routes call
// add_card_routes once while building the route table.
#pragma once

#include "core/config.hpp"
#include "http/router.hpp"

namespace village::boards {

void add_card_routes(http::Router& router, Config const& config);

}  // namespace village::boards
