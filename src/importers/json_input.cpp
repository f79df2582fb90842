// Size-checked, chunked JSON reading for imports; see json_input.hpp.
#include "importers/json_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/stream_parser.hpp>
#include <filesystem>
#include <fstream>

#include "core/text.hpp"

namespace village::importers {

namespace bj = boost::json;

namespace {

constexpr std::size_t kChunkBytes = 1 << 20;

// 1-based line and column of a byte offset, for the error message.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    auto const before = text.substr(0, offset);
    auto const line = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')) + 1;
    auto const last_newline = before.rfind('\n');
    auto const column = last_newline == std::string_view::npos ? offset + 1 : offset - last_newline;
    return {line, column};
}

}  // namespace

Result<bj::value> parse_import_json(std::string_view text) {
    if (text.size() > kMaxImportBytes) {
        return fail(Errc::too_large, fmt::format("The file is larger than {} MiB",
                                                 kMaxImportBytes / (1024 * 1024)));
    }
    if (text::trim(text).empty()) return fail(Errc::bad_request, "The file is empty");
    bj::parse_options options;
    options.max_depth = 64;
    bj::stream_parser parser({}, options);
    boost::system::error_code ec;
    std::size_t offset = 0;
    while (offset < text.size() && !ec) {
        auto const n = std::min(kChunkBytes, text.size() - offset);
        auto const used = parser.write_some(text.data() + offset, n, ec);
        offset += used;
        if (!ec && used < n) break;  // a complete value followed by more text
    }
    if (!ec && offset < text.size()) {
        auto const [line, column] = line_and_column(text, offset);
        return fail(Errc::bad_request,
                    fmt::format("The file is not valid JSON: unexpected text after the end of the "
                                "data at line {}, column {}",
                                line, column));
    }
    if (!ec) parser.finish(ec);
    if (ec) {
        if (ec == bj::error::incomplete || offset >= text.size()) {
            return fail(Errc::bad_request,
                        "The file ends before its JSON does: it looks truncated (was the "
                        "download or upload cut short?)");
        }
        if (!text::valid_utf8(text)) {
            return fail(Errc::bad_request, "The file is not valid UTF-8 text");
        }
        auto const [line, column] = line_and_column(text, offset);
        return fail(Errc::bad_request, fmt::format("The file is not valid JSON ({}) at line {}, "
                                                   "column {}",
                                                   ec.message(), line, column));
    }
    return parser.release();
}

Result<std::string> read_import_file(std::string const& path) {
    std::error_code ec;
    auto const size = std::filesystem::file_size(path, ec);
    if (ec) return fail(Errc::bad_request, fmt::format("Cannot read {}: {}", path, ec.message()));
    if (size > kMaxImportBytes) {
        return fail(Errc::too_large, fmt::format("{} is larger than {} MiB", path,
                                                 kMaxImportBytes / (1024 * 1024)));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(Errc::bad_request, fmt::format("Cannot open {}", path));
    std::string text(size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::size_t>(in.gcount()) != size) {
        return fail(Errc::bad_request, fmt::format("Cannot read all of {}", path));
    }
    return text;
}

}  // namespace village::importers
