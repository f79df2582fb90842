// Reading a card's links and imported assignees; see attachments.hpp.
#include "boards/attachments.hpp"

#include "boards/attachments_sql.hpp"

namespace village::boards {

std::vector<Attachment> card_attachments(store::Sql& sql, CardId card) {
    std::vector<Attachment> out;
    for (auto const& row : sql.query(sql::card_attachments, card)) {
        out.push_back(Attachment{row.i64(0), row.text(1), row.text(2), row.text(3)});
    }
    return out;
}

std::vector<std::string> imported_assignees(store::Sql& sql, CardId card) {
    std::vector<std::string> out;
    for (auto const& row : sql.query(sql::card_imported_assignees, card)) {
        out.push_back(row.text(0));
    }
    return out;
}

boost::json::object to_json(Attachment const& a) {
    return boost::json::object{
        {"id", a.id}, {"name", a.name}, {"url", a.url}, {"note", a.note}};
}

}  // namespace village::boards
