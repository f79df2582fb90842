#include "store/sql_text.hpp"

#include <gtest/gtest.h>

namespace village::store {
namespace {

TEST(SqlText, SkipsLiteralsQuotedNamesAndCommentsAndNothingElse) {
    std::string_view const sql = "SELECT 'a$1' , \"x\" -- $2\n/* $3 */ $4";
    EXPECT_EQ(skip_literal_or_comment(sql, 0), 0u);  // code: not skipped
    EXPECT_EQ(sql.substr(skip_literal_or_comment(sql, 7)), " , \"x\" -- $2\n/* $3 */ $4");
    EXPECT_EQ(sql.substr(skip_literal_or_comment(sql, 15)), " -- $2\n/* $3 */ $4");
    EXPECT_EQ(sql.substr(skip_literal_or_comment(sql, 19)), "\n/* $3 */ $4");
    EXPECT_EQ(sql.substr(skip_literal_or_comment(sql, 25)), " $4");
    // Unclosed: to the end.
    EXPECT_EQ(skip_literal_or_comment("'open", 0), 5u);
    EXPECT_EQ(skip_literal_or_comment("/* open", 0), 7u);
    EXPECT_EQ(skip_literal_or_comment("-- last line", 0), 12u);
}

}  // namespace
}  // namespace village::store
