// The importers' HTTP face: uploading a Trello or Village export as a new board, and
// downloading a board as Village's JSON or a CSV of its cards.
#pragma once

#include "http/router.hpp"

namespace village::importers {

void add_routes(http::Router& router);

}  // namespace village::importers
