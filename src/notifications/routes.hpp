// The notifications module's HTTP face: follows, notifications, the personal feed,
// announcements, quiet hours, the first-visit checklist and mention suggestions.
#pragma once

#include "http/router.hpp"

namespace village::notifications {

void add_routes(http::Router& router);

}  // namespace village::notifications
