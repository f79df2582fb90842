// cmark-gfm rendering; see markdown.hpp.
#include "boards/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>
#include <stdexcept>

namespace village::boards {

namespace {

// Never CMARK_OPT_UNSAFE: safe mode is what drops raw HTML and dangerous link targets.
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_HARDBREAKS | CMARK_OPT_VALIDATE_UTF8;
constexpr char const* kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter"};

void register_extensions() {
    // The extension registry is global; filling it is not thread-safe, reading it afterwards is.
    static std::once_flag once;
    std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

struct ParserFree {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};

}  // namespace

std::string render_markdown(std::string_view source) {
    if (source.empty()) return {};
    register_extensions();
    // cmark-gfm keeps the inline parser's table of special characters in one global array:
    // a parser adds an extension's characters ('~' for strikethrough) while it parses and
    // removes them when it finishes, so two parses at once can lose each other's '~'.
    // Rendering is short and happens only on writes: one at a time is cheap and correct.
    static std::mutex one_parse_at_a_time;
    std::lock_guard lock(one_parse_at_a_time);
    std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(kOptions));
    if (!parser) throw std::bad_alloc();
    for (char const* name : kExtensions) {
        if (auto* extension = cmark_find_syntax_extension(name)) {
            cmark_parser_attach_syntax_extension(parser.get(), extension);
        }
    }
    cmark_parser_feed(parser.get(), source.data(), source.size());
    std::unique_ptr<cmark_node, NodeFree> document(cmark_parser_finish(parser.get()));
    if (!document) throw std::bad_alloc();
    char* html = cmark_render_html(document.get(), kOptions,
                                   cmark_parser_get_syntax_extensions(parser.get()));
    if (!html) throw std::bad_alloc();
    std::string out(html);
    cmark_get_default_mem_allocator()->free(html);
    return out;
}

}  // namespace village::boards
