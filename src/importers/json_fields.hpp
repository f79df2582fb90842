// Reading fields of an imported JSON document with errors that name the place in the file
// ("cards[3].name must be text"). Absent and null both read as "not given"; any other value of
// the wrong type is a 400.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace village::importers::fields {

namespace bj = boost::json;

[[nodiscard]] tl::unexpected<Error> malformed(std::string const& path, std::string_view what);
// "cards[3]" and "cards[3].name".
[[nodiscard]] std::string at(std::string const& path, std::string_view key);
[[nodiscard]] std::string at(std::string const& path, std::size_t index);

[[nodiscard]] Result<std::optional<std::string>> opt_string(bj::object const& o,
                                                            std::string_view key,
                                                            std::string const& path);
[[nodiscard]] Result<std::string> req_string(bj::object const& o, std::string_view key,
                                             std::string const& path);
[[nodiscard]] Result<std::optional<double>> opt_number(bj::object const& o, std::string_view key,
                                                       std::string const& path);
// Absent or null is false.
[[nodiscard]] Result<bool> opt_bool(bj::object const& o, std::string_view key,
                                    std::string const& path);
[[nodiscard]] Result<bj::array const*> opt_array(bj::object const& o, std::string_view key,
                                                 std::string const& path);
[[nodiscard]] Result<bj::object const*> opt_object(bj::object const& o, std::string_view key,
                                                   std::string const& path);
[[nodiscard]] Result<bj::object const*> element_object(bj::array const& a, std::size_t i,
                                                       std::string const& path);
// ISO 8601 text, strictly: anything else is a 400.
[[nodiscard]] Result<std::optional<Millis>> opt_time(bj::object const& o, std::string_view key,
                                                     std::string const& path);

}  // namespace village::importers::fields
