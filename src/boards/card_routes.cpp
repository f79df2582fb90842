// HTTP routes for cards, comments, reactions, labels and checklists; see card_routes.hpp.
#include "boards/card_routes.hpp"

namespace village::boards {

void add_card_routes(http::Router&, Config const&) {}

}  // namespace village::boards
