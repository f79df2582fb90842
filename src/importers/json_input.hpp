// Reading an uploaded or given file as JSON: size-checked, parsed in chunks with Boost.JSON's
// stream parser, with errors a person can act on ("the file ends early: was it cut short?").
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace village::importers {

// Exports of big boards run to tens of MB; 64 MiB leaves room above the 50 MB asked for.
inline constexpr std::size_t kMaxImportBytes = 64 * 1024 * 1024;

// 413 when over kMaxImportBytes, 400 when not JSON (saying where, and whether it is truncated).
[[nodiscard]] Result<boost::json::value> parse_import_json(std::string_view text);

// Reads a whole file, refusing one over kMaxImportBytes; 400 when it cannot be read.
[[nodiscard]] Result<std::string> read_import_file(std::string const& path);

}  // namespace village::importers
