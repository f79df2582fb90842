// What a card holds from an import: attachments as links (name, URL and a note such as "needs
// a Trello login"), and assignees who matched no Village member, kept by name. Read with the
// card (card_view.hpp); written by the importers.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "store/sql.hpp"

namespace village::boards {

struct Attachment {
    std::int64_t id = 0;
    std::string name;
    std::string url;
    std::string note;
};

[[nodiscard]] std::vector<Attachment> card_attachments(store::Sql& sql, CardId card);
[[nodiscard]] std::vector<std::string> imported_assignees(store::Sql& sql, CardId card);

[[nodiscard]] boost::json::object to_json(Attachment const& attachment);

}  // namespace village::boards
