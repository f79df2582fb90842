// The import report as JSON (HTTP, the web app) and as text (the command line).
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "importers/model.hpp"

namespace village::importers {

[[nodiscard]] boost::json::object to_json(Report const& report);
[[nodiscard]] std::string to_text(Report const& report);

}  // namespace village::importers
