// Markdown is rendered safely: what a reader's browser would receive.
#include "boards/markdown.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace village::boards {

TEST(Markdown, RawScriptIsOmitted) {
    auto const html =
        render_markdown("Hello <script>alert(1)</script> there\n\n<script>x()</script>");
    EXPECT_EQ(html.find("<script"), std::string::npos) << html;
    EXPECT_NE(html.find("raw HTML omitted"), std::string::npos) << html;
    EXPECT_NE(html.find("Hello"), std::string::npos);
}

TEST(Markdown, InlineEventHandlersAndIframesDoNotSurvive) {
    auto const html =
        render_markdown("<img src=x onerror=alert(1)>\n\n<iframe src=\"https://evil\"></iframe>");
    EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
    EXPECT_EQ(html.find("<iframe"), std::string::npos) << html;
}

TEST(Markdown, JavascriptLinksLoseTheirHref) {
    auto const html = render_markdown("[click](javascript:alert(1)) and [ok](https://rcpch.ac.uk)");
    EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
    EXPECT_NE(html.find("<a href=\"\">click</a>"), std::string::npos) << html;
    EXPECT_NE(html.find("<a href=\"https://rcpch.ac.uk\">ok</a>"), std::string::npos) << html;
}

TEST(Markdown, TablesRender) {
    auto const html = render_markdown("| Day | Topic |\n| --- | --- |\n| Tue | Sepsis |\n");
    EXPECT_NE(html.find("<table>"), std::string::npos) << html;
    EXPECT_NE(html.find("<th>Topic</th>"), std::string::npos) << html;
    EXPECT_NE(html.find("<td>Sepsis</td>"), std::string::npos) << html;
}

TEST(Markdown, BareLinksBecomeLinksAndStrikethroughRenders) {
    auto const html = render_markdown("See www.rcpch.ac.uk or https://example.org/a?b=1 ~~old~~");
    EXPECT_NE(html.find("<a href=\"http://www.rcpch.ac.uk\">www.rcpch.ac.uk</a>"),
              std::string::npos)
        << html;
    EXPECT_NE(html.find("<a href=\"https://example.org/a?b=1\">"), std::string::npos) << html;
    EXPECT_NE(html.find("<del>old</del>"), std::string::npos) << html;
}

TEST(Markdown, SingleLineBreaksAreKept) {
    EXPECT_EQ(render_markdown("Room 4\nBring a laptop"), "<p>Room 4<br />\nBring a laptop</p>\n");
    EXPECT_EQ(render_markdown(""), "");
}

TEST(Markdown, RendersFromManyThreadsAtOnce) {
    std::vector<std::thread> threads;
    std::vector<std::string> results(8);
    for (std::size_t i = 0; i < results.size(); ++i) {
        threads.emplace_back([&results, i] {
            for (int k = 0; k < 50; ++k) results[i] = render_markdown("| a |\n| - |\n| ~~b~~ |");
        });
    }
    for (auto& t : threads) t.join();
    for (auto const& html : results) EXPECT_NE(html.find("<del>b</del>"), std::string::npos);
}

}  // namespace village::boards
