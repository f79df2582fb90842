// Shared helpers for the import and export tests: where the test files are, importing one over
// HTTP, reading a board back the way the web app does, and counting rows to show that a refused
// import wrote nothing.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "support/http_client.hpp"
#include "support/people.hpp"
#include "support/test_server.hpp"

namespace village::imports_testing {

namespace bj = boost::json;
namespace fs = std::filesystem;
using testing::HttpClient;
using testing::HttpResponse;

// This checkout's root (the compiler may name this file relative to the build folder, where
// the tests run).
inline fs::path checkout_dir() {
    return fs::weakly_canonical(fs::absolute(__FILE__)).parent_path().parent_path().parent_path();
}

// tests/fixtures/trello in this checkout.
inline fs::path fixtures_dir() {
    return checkout_dir() / "tests" / "fixtures" / "trello";
}

// The real exports: $VILLAGE_TRELLO_EXPORTS, else ../shared/data/trello beside the checkout.
inline fs::path shared_exports_dir() {
    if (auto const* dir = std::getenv("VILLAGE_TRELLO_EXPORTS"); dir && *dir) return dir;
    // Copies of ../shared/data/trello (MIT-licensed public exports, unchanged; see the README
    // beside them), kept in the repository so a clean clone alone can run these tests.
    return checkout_dir() / "tests" / "fixtures" / "trello-real";
}

inline std::string read_file(fs::path const& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline HttpResponse upload(HttpClient& client, std::string const& target, std::string const& body) {
    return client.request("POST", target, body, {{"Content-Type", "application/json"}});
}

// Rows in every table an import writes: all zero changes means nothing was written.
inline std::map<std::string, std::int64_t> row_counts(store::Database& database) {
    store::Db db(database);
    std::map<std::string, std::int64_t> out;
    for (std::string table : {"boards", "board_members", "lists", "labels", "cards", "card_labels",
                              "card_assignees", "card_imported_assignees", "checklists",
                              "checklist_items", "comments", "card_attachments", "activity"}) {
        out[table] = db.query_one("SELECT COUNT(*) FROM " + table)->i64(0);
    }
    return out;
}

inline bj::value json_of(HttpResponse const& r, int status) {
    if (r.status != status) {
        throw std::runtime_error("expected " + std::to_string(status) + ", got " +
                                 std::to_string(r.status) + ": " + r.body.substr(0, 500));
    }
    return r.json();
}

// A board as the web app sees it: lists in order, each with its cards (archived included) in
// order, each card as GET /api/v1/cards/{id} answers with every comment (oldest first) added.
struct ReadCard {
    bj::object card;
    std::vector<bj::object> comments;
};
struct ReadList {
    std::string name;
    bool archived = false;
    std::vector<ReadCard> cards;
};
struct ReadBoard {
    bj::object board;
    std::vector<ReadList> lists;
};

inline std::vector<bj::object> all_comments(HttpClient& client, std::int64_t card) {
    std::vector<bj::object> out;
    std::string before;
    while (true) {
        auto page = json_of(client.get("/api/v1/cards/" + std::to_string(card) +
                                       "/comments?limit=200" + before),
                            200)
                        .as_object();
        std::vector<bj::object> older;
        for (auto const& c : page.at("comments").as_array()) older.push_back(c.as_object());
        out.insert(out.begin(), older.begin(), older.end());
        if (page.at("next_before").is_null()) break;
        before = "&before=" + std::to_string(page.at("next_before").as_int64());
    }
    return out;
}

inline ReadBoard read_back(HttpClient& client, std::int64_t board) {
    auto doc =
        json_of(client.get("/api/v1/boards/" + std::to_string(board) + "?archived=true"), 200)
            .as_object();
    ReadBoard out;
    out.board = doc.at("board").as_object();
    std::map<std::int64_t, std::size_t> index;
    for (auto const& l : doc.at("lists").as_array()) {
        index[l.at("id").as_int64()] = out.lists.size();
        out.lists.push_back(
            ReadList{std::string(l.at("name").as_string()), l.at("archived").as_bool(), {}});
    }
    for (auto const& c : doc.at("cards").as_array()) {
        auto const id = c.at("id").as_int64();
        auto card = json_of(client.get("/api/v1/cards/" + std::to_string(id)), 200).as_object();
        out.lists.at(index.at(c.at("list_id").as_int64()))
            .cards.push_back(ReadCard{std::move(card), all_comments(client, id)});
    }
    return out;
}

inline std::string str(bj::value const& v) {
    return v.is_null() ? std::string() : std::string(v.as_string());
}

}  // namespace village::imports_testing
