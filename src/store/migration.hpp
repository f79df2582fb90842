// A numbered schema change, compiled into the binary from store/migrations/<backend>/.
#pragma once

#include <string_view>
#include <vector>

namespace village::store {

struct Migration {
    int version;
    std::string_view title;
    std::string_view sql;
};

}  // namespace village::store
