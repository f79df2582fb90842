// Markdown to HTML with cmark-gfm in safe mode, done once when a card or comment is written and
// stored beside its source; the browser never renders untrusted HTML of its own.
#pragma once

#include <string>
#include <string_view>

namespace village::boards {

// GitHub-flavoured markdown (tables, strikethrough, autolinks, tag filter) to HTML. Raw HTML is
// left out and unsafe links (javascript:, vbscript:, file:, most data:) lose their target.
// Single line breaks are kept, as people typing on a phone expect. Safe to call from any thread.
[[nodiscard]] std::string render_markdown(std::string_view source);

}  // namespace village::boards
