// Placeholder: the boards module fills this in.
#include "boards/routes.hpp"

namespace village::boards {

void BoardsRoutes::add_to(http::Router&) {}

}  // namespace village::boards
