// Importing real Trello exports (../shared/data/trello) and hand-made ones for each quirk, over
// HTTP as an admin would, then reading the board back as the web app does. What to expect is
// computed here from the export's JSON itself: lists and cards in `pos` order (file order on
// ties), archived flags, labels with names and colours, checklists with item states, comments
// on the right cards in time order with their dates and authors, attachments.
#include <algorithm>
#include <set>

#include "core/text.hpp"
#include "core/time.hpp"
#include "imports_fixture.hpp"

namespace village::imports_testing {
namespace {

// --- what the export says, read here independently of the importer -------------------------

double pos_of(bj::object const& o) {
    auto const* p = o.if_contains("pos");
    return p && p->is_number() ? p->to_number<double>() : 0.0;
}

std::vector<bj::object const*> by_pos(std::vector<bj::object const*> items) {
    std::stable_sort(items.begin(), items.end(),
                     [](auto const* a, auto const* b) { return pos_of(*a) < pos_of(*b); });
    return items;
}

std::vector<bj::object const*> objects(bj::value const* array) {
    std::vector<bj::object const*> out;
    if (!array || !array->is_array()) return out;
    for (auto const& v : array->as_array()) out.push_back(&v.as_object());
    return out;
}

std::string colour(bj::value const& c) {
    static std::set<std::string> const palette{"green", "yellow", "orange", "red",  "purple",
                                               "blue",  "sky",    "lime",   "pink", "black"};
    if (!c.is_string()) return "grey";
    std::string s(c.as_string());
    for (std::string suffix : {"_dark", "_light"}) {
        if (s.size() > suffix.size() && s.ends_with(suffix)) s.resize(s.size() - suffix.size());
    }
    return palette.contains(s) ? s : "grey";
}

struct ExpectedComment {
    std::string body;
    Millis at = 0;
    std::string author;
};

struct Expected {
    std::string id;
    std::string title;
    bool archived = false;
    std::multiset<std::pair<std::string, std::string>> labels;  // name, colour
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, bool>>>> checklists;
    std::vector<ExpectedComment> comments;
    std::vector<std::pair<std::string, std::string>> attachments;  // name, url
};

struct ExpectedList {
    std::string name;
    bool archived = false;
    std::vector<Expected> cards;
};

struct ExpectedBoard {
    std::vector<ExpectedList> lists;
    std::size_t cards = 0, comments = 0, checklists = 0, items = 0, attachments = 0;
};

ExpectedBoard expect_from(bj::object const& trello) {
    ExpectedBoard out;
    std::map<std::string, std::pair<std::string, std::string>> labels;
    auto note_label = [&](bj::object const& l) {
        auto const id = str(l.at("id"));
        if (!labels.contains(id)) {
            auto const* name = l.if_contains("name");
            labels[id] = {name && name->is_string() ? str(*name) : "", colour(l.at("color"))};
        }
    };
    for (auto const* l : objects(trello.if_contains("labels"))) note_label(*l);
    for (auto const* c : objects(trello.if_contains("cards"))) {
        for (auto const* l : objects(c->if_contains("labels"))) note_label(*l);
    }
    std::map<std::string, std::string> people;
    for (auto const* m : objects(trello.if_contains("members"))) {
        people[str(m->at("id"))] = str(m->at("fullName"));
    }
    for (auto const* a : objects(trello.if_contains("actions"))) {
        if (auto const* m = a->if_contains("memberCreator"); m && m->is_object()) {
            people.emplace(str(m->at("id")), str(m->at("fullName")));
        }
    }
    auto const actions = objects(trello.if_contains("actions"));
    for (auto const* l : by_pos(objects(trello.if_contains("lists")))) {
        ExpectedList list{str(l->at("name")), l->at("closed").as_bool(), {}};
        std::vector<bj::object const*> cards;
        for (auto const* c : objects(trello.if_contains("cards"))) {
            if (c->at("idList") == l->at("id")) cards.push_back(c);
        }
        for (auto const* c : by_pos(cards)) {
            Expected e;
            e.id = str(c->at("id"));
            e.title = text::trim(str(c->at("name")));
            e.archived = c->at("closed").as_bool();
            std::vector<std::string> ids;
            if (auto const* id_labels = c->if_contains("idLabels")) {
                for (auto const& v : id_labels->as_array()) ids.push_back(str(v));
            } else {
                for (auto const* lab : objects(c->if_contains("labels")))
                    ids.push_back(str(lab->at("id")));
            }
            for (auto const& id : ids) {
                if (labels.contains(id)) e.labels.insert(labels.at(id));
            }
            std::vector<bj::object const*> checklists;
            for (auto const* k : objects(trello.if_contains("checklists"))) {
                if (str(k->at("idCard")) == e.id) checklists.push_back(k);
            }
            for (auto const* k : by_pos(checklists)) {
                std::vector<std::pair<std::string, bool>> items;
                for (auto const* i : by_pos(objects(k->if_contains("checkItems")))) {
                    items.emplace_back(str(i->at("name")), str(i->at("state")) == "complete");
                }
                out.items += items.size();
                e.checklists.emplace_back(str(k->at("name")), std::move(items));
            }
            out.checklists += e.checklists.size();
            // Actions are newest first: walk them backwards for time order, then sort by date
            // (stable, so equal dates keep that order).
            for (auto it = actions.rbegin(); it != actions.rend(); ++it) {
                auto const& a = **it;
                if (str(a.at("type")) != "commentCard") continue;
                auto const& data = a.at("data").as_object();
                if (str(data.at("card").at("id")) != e.id) continue;
                auto const author = people.contains(str(a.at("idMemberCreator")))
                                        ? people.at(str(a.at("idMemberCreator")))
                                        : std::string();
                e.comments.push_back(ExpectedComment{
                    str(data.at("text")), *parse_iso8601(str(a.at("date")), "date"), author});
            }
            std::stable_sort(e.comments.begin(), e.comments.end(),
                             [](auto const& x, auto const& y) { return x.at < y.at; });
            out.comments += e.comments.size();
            for (auto const* a : objects(c->if_contains("attachments"))) {
                auto const* url = a->if_contains("url");
                if (!url || !url->is_string() || url->as_string().empty()) continue;
                auto const u = str(*url);
                if (!u.starts_with("https://") && !u.starts_with("http://")) continue;
                auto name = a->if_contains("name") ? str(a->at("name")) : std::string();
                e.attachments.emplace_back(text::trim(name).empty() ? u : name, u);
            }
            out.attachments += e.attachments.size();
            list.cards.push_back(std::move(e));
        }
        out.cards += list.cards.size();
        out.lists.push_back(std::move(list));
    }
    return out;
}

// --- comparing what Village shows with what the export says --------------------------------

void expect_board_matches(ReadBoard const& got, ExpectedBoard const& want) {
    ASSERT_EQ(got.lists.size(), want.lists.size());
    for (std::size_t i = 0; i < want.lists.size(); ++i) {
        auto const& gl = got.lists[i];
        auto const& wl = want.lists[i];
        SCOPED_TRACE("list " + wl.name);
        EXPECT_EQ(gl.name, text::trim(wl.name));
        EXPECT_EQ(gl.archived, wl.archived);
        ASSERT_EQ(gl.cards.size(), wl.cards.size());
        for (std::size_t j = 0; j < wl.cards.size(); ++j) {
            auto const& g = gl.cards[j];
            auto const& w = wl.cards[j];
            SCOPED_TRACE("card " + std::to_string(j) + " " + w.title);
            EXPECT_EQ(str(g.card.at("title")), w.title);
            EXPECT_EQ(g.card.at("archived").as_bool(), w.archived);

            std::multiset<std::pair<std::string, std::string>> labels;
            for (auto const& l : g.card.at("labels").as_array()) {
                labels.emplace(str(l.at("name")), str(l.at("color")));
            }
            EXPECT_EQ(labels, w.labels);

            auto const& checklists = g.card.at("checklists").as_array();
            ASSERT_EQ(checklists.size(), w.checklists.size());
            for (std::size_t k = 0; k < checklists.size(); ++k) {
                EXPECT_EQ(str(checklists[k].at("name")), text::trim(w.checklists[k].first));
                auto const& items = checklists[k].at("items").as_array();
                ASSERT_EQ(items.size(), w.checklists[k].second.size());
                for (std::size_t n = 0; n < items.size(); ++n) {
                    EXPECT_EQ(str(items[n].at("text")), w.checklists[k].second[n].first);
                    EXPECT_EQ(items[n].at("done").as_bool(), w.checklists[k].second[n].second);
                }
            }

            ASSERT_EQ(g.comments.size(), w.comments.size());
            for (std::size_t k = 0; k < g.comments.size(); ++k) {
                auto const& gc = g.comments[k];
                EXPECT_EQ(str(gc.at("body")), w.comments[k].body);
                EXPECT_EQ(*parse_iso8601(str(gc.at("created_at")), "t"), w.comments[k].at);
                auto const shown = gc.at("author").is_null()
                                       ? str(gc.at("imported_author"))
                                       : str(gc.at("author").at("display_name"));
                EXPECT_EQ(shown, w.comments[k].author);
            }

            auto const& attachments = g.card.at("attachments").as_array();
            ASSERT_EQ(attachments.size(), w.attachments.size());
            for (std::size_t k = 0; k < attachments.size(); ++k) {
                EXPECT_EQ(str(attachments[k].at("name")), w.attachments[k].first);
                EXPECT_EQ(str(attachments[k].at("url")), w.attachments[k].second);
            }
        }
    }
}

class TrelloImport : public ::testing::Test {
  protected:
    testing::TestServer server;
    testing::Community people = testing::create_community(server.database());
    HttpClient admin = testing::sign_in(server, "admin@example.org");

    // Imports the file over HTTP and checks the board against the export's own JSON.
    bj::object import_and_check(fs::path const& file) {
        auto const text = read_file(file);
        auto report =
            json_of(upload(admin, "/api/v1/imports/trello", text), 201).at("report").as_object();
        auto const want = expect_from(bj::parse(text).as_object());
        auto const board = report.at("board_id").as_int64();
        expect_board_matches(read_back(admin, board), want);
        auto const& counts = report.at("counts").as_object();
        EXPECT_EQ(counts.at("lists").as_int64(), static_cast<std::int64_t>(want.lists.size()));
        EXPECT_EQ(counts.at("cards").as_int64(), static_cast<std::int64_t>(want.cards));
        EXPECT_EQ(counts.at("comments").as_int64(), static_cast<std::int64_t>(want.comments));
        EXPECT_EQ(counts.at("checklists").as_int64(), static_cast<std::int64_t>(want.checklists));
        EXPECT_EQ(counts.at("checklist_items").as_int64(), static_cast<std::int64_t>(want.items));
        EXPECT_EQ(counts.at("attachments").as_int64(), static_cast<std::int64_t>(want.attachments));
        return report;
    }
};

TEST_F(TrelloImport, EverySharedExportArrivesWhole) {
    std::vector<fs::path> files;
    for (auto const& entry : fs::directory_iterator(shared_exports_dir())) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    ASSERT_GE(files.size(), 3u) << "no exports in " << shared_exports_dir();
    for (auto const& file : files) {
        SCOPED_TRACE(file.filename().string());
        import_and_check(file);
    }
}

TEST_F(TrelloImport, TheReportCountsWhatTheExportLacks) {
    // Skiitr's board: cards whose badges count more comments than the export's actions hold.
    auto const file = shared_exports_dir() / "Skiitr__trello-data-reporter-node__trello.json";
    auto const doc = bj::parse(read_file(file)).as_object();
    std::map<std::string, std::int64_t> present;
    for (auto const& a : doc.at("actions").as_array()) {
        if (str(a.at("type")) == "commentCard") ++present[str(a.at("data").at("card").at("id"))];
    }
    std::size_t short_cards = 0;
    for (auto const& c : doc.at("cards").as_array()) {
        if (c.at("badges").at("comments").to_number<std::int64_t>() > present[str(c.at("id"))]) {
            ++short_cards;
        }
    }
    auto report = import_and_check(file);
    std::size_t noted = 0;
    for (auto const& d : report.at("discrepancies").as_array()) {
        if (str(d.at("why")).find("comments, the export holds") != std::string::npos) ++noted;
    }
    EXPECT_EQ(noted, short_cards);
}

TEST_F(TrelloImport, EachQuirkFixtureArrivesWhole) {
    for (std::string name : {"no_labels_array", "label_colours", "archived_list_open_cards",
                             "equal_pos", "unicode", "custom_fields", "attachments", "people"}) {
        SCOPED_TRACE(name);
        import_and_check(fixtures_dir() / (name + ".json"));
    }
}

TEST_F(TrelloImport, AnArchivedListKeepsItsOpenCardsOpen) {
    auto report = json_of(upload(admin, "/api/v1/imports/trello",
                                 read_file(fixtures_dir() / "archived_list_open_cards.json")),
                          201)
                      .at("report");
    auto const board = report.at("board_id").as_int64();
    // Without ?archived=true the board shows only the open list and its open card.
    auto doc = json_of(admin.get("/api/v1/boards/" + std::to_string(board)), 200);
    ASSERT_EQ(doc.at("lists").as_array().size(), 1u);
    ASSERT_EQ(doc.at("cards").as_array().size(), 1u);
    auto const all = read_back(admin, board);
    ASSERT_EQ(all.lists.size(), 2u);
    EXPECT_TRUE(all.lists[1].archived);
    EXPECT_FALSE(all.lists[1].cards.at(0).card.at("archived").as_bool());
    EXPECT_TRUE(all.lists[1].cards.at(1).card.at("archived").as_bool());
    EXPECT_EQ(report.at("counts").at("archived_lists").as_int64(), 1);
    EXPECT_EQ(report.at("counts").at("archived_cards").as_int64(), 1);
}

TEST_F(TrelloImport, UnicodeArrivesByteForByte) {
    auto const text = read_file(fixtures_dir() / "unicode.json");
    auto const trello = bj::parse(text).as_object();
    auto report = json_of(upload(admin, "/api/v1/imports/trello", text), 201).at("report");
    auto const board = read_back(admin, report.at("board_id").as_int64());
    EXPECT_EQ(str(board.board.at("name")), str(trello.at("name")));
    auto const& card = board.lists.at(0).cards.at(0);
    auto const& tcard = trello.at("cards").at(0);
    EXPECT_EQ(str(card.card.at("title")), str(tcard.at("name")));
    EXPECT_EQ(str(card.card.at("body")), str(tcard.at("desc")));  // \r\n kept as written
    EXPECT_NE(str(card.card.at("body_html")).find("한국어"), std::string::npos);
    EXPECT_EQ(str(card.comments.at(0).at("body")),
              str(trello.at("actions").at(0).at("data").at("text")));
}

TEST_F(TrelloImport, LabelColoursMapToThePalette) {
    auto const text = read_file(fixtures_dir() / "label_colours.json");
    auto report = json_of(upload(admin, "/api/v1/imports/trello", text), 201).at("report");
    auto const board = read_back(admin, report.at("board_id").as_int64());
    std::vector<std::pair<std::string, std::string>> got;
    for (auto const& l : board.board.at("labels").as_array()) {
        got.emplace_back(str(l.at("name")), str(l.at("color")));
    }
    std::vector<std::pair<std::string, std::string>> const want{
        {"No colour", "grey"}, {"", "green"},   {"Dark blue", "blue"}, {"Light sky", "sky"},
        {"", "purple"},        {"Odd", "grey"}, {"Black", "black"}};
    EXPECT_EQ(got, want);
}

TEST_F(TrelloImport, CustomFieldsBecomeAReadableSectionOfTheBody) {
    auto report = json_of(upload(admin, "/api/v1/imports/trello",
                                 read_file(fixtures_dir() / "custom_fields.json")),
                          201)
                      .at("report");
    auto const board = read_back(admin, report.at("board_id").as_int64());
    auto const body = str(board.lists.at(0).cards.at(0).card.at("body"));
    EXPECT_EQ(body,
              "The body.\n\n---\n\n**Custom fields (from Trello)**\n\n"
              "- **Done?:** yes\n- **When:** 2025-05-06T09:00:00Z\n- **Size:** Large\n"
              "- **Hours:** 7.5\n- **Room:** Seminar room 2\n");
    auto const html = str(board.lists.at(0).cards.at(0).card.at("body_html"));
    EXPECT_NE(html.find("<strong>Custom fields (from Trello)</strong>"), std::string::npos);
    EXPECT_EQ(str(board.lists.at(0).cards.at(1).card.at("body")), "");
}

TEST_F(TrelloImport, AttachmentsAreLinksUploadsCarryANoteAndCoversNeedAPublicUrl) {
    auto report = json_of(upload(admin, "/api/v1/imports/trello",
                                 read_file(fixtures_dir() / "attachments.json")),
                          201)
                      .at("report");
    auto const board = read_back(admin, report.at("board_id").as_int64());
    auto const& cards = board.lists.at(0).cards;
    auto const& links = cards.at(0).card.at("attachments").as_array();
    ASSERT_EQ(links.size(), 2u);  // the one without a URL and the javascript: one are skipped
    EXPECT_NE(str(links[0].at("note")).find("Trello login"), std::string::npos);
    EXPECT_EQ(str(links[1].at("note")), "");
    EXPECT_EQ(str(cards.at(0).card.at("cover_url")), "https://example.org/poster.png");
    EXPECT_TRUE(cards.at(1).card.at("cover_url").is_null());  // an upload needs a login
    EXPECT_EQ(str(cards.at(2).card.at("cover_url")),
              "https://trello-backgrounds.s3.amazonaws.com/big.jpg");
    std::string skipped;
    for (auto const& s : report.at("skipped").as_array()) skipped += str(s.at("why")) + "\n";
    EXPECT_NE(skipped.find("has no URL"), std::string::npos);
    EXPECT_NE(skipped.find("not an http(s) link"), std::string::npos);
    EXPECT_NE(skipped.find("needs a Trello login"), std::string::npos);
    EXPECT_EQ(report.at("counts").at("covers").as_int64(), 2);
}

TEST_F(TrelloImport, PeopleWhoMatchAMemberAreCreditedAndOthersKeptByName) {
    // Trello's "trainer" is trainer@example.org by username; Ana matches nobody.
    auto report =
        json_of(upload(admin, "/api/v1/imports/trello", read_file(fixtures_dir() / "people.json")),
                201)
            .at("report");
    auto const board = read_back(admin, report.at("board_id").as_int64());
    auto const& card = board.lists.at(0).cards.at(0);
    ASSERT_EQ(card.card.at("assignees").as_array().size(), 1u);
    EXPECT_EQ(card.card.at("assignees").at(0).at("id").as_int64(), people.trainer.value);
    ASSERT_EQ(card.card.at("imported_assignees").as_array().size(), 1u);
    EXPECT_EQ(str(card.card.at("imported_assignees").at(0)), "Ana Ñandú");
    ASSERT_EQ(card.comments.size(), 2u);
    EXPECT_TRUE(card.comments[0].at("author").is_null());
    EXPECT_EQ(str(card.comments[0].at("imported_author")), "Ana Ñandú");
    EXPECT_EQ(card.comments[1].at("author").at("id").as_int64(), people.trainer.value);
    EXPECT_TRUE(card.comments[1].at("imported_author").is_null());
    EXPECT_EQ(report.at("members_imported").as_array().size(), 1u);
    EXPECT_EQ(report.at("members_matched").as_array().size(), 1u);
}

TEST_F(TrelloImport, IntoASpaceTheBoardIsACommunityBoardThere) {
    auto space = json_of(admin.post("/api/v1/spaces", bj::object{{"name", "Neonatology"}}), 201)
                     .at("id")
                     .as_int64();
    auto report = json_of(upload(admin, "/api/v1/imports/trello?space_id=" + std::to_string(space),
                                 read_file(fixtures_dir() / "equal_pos.json")),
                          201)
                      .at("report");
    auto trainee = testing::sign_in(server, "trainee@example.org");
    auto board = json_of(
        trainee.get("/api/v1/boards/" + std::to_string(report.at("board_id").as_int64())), 200);
    EXPECT_EQ(board.at("board").at("space_id").as_int64(), space);
    EXPECT_EQ(str(board.at("board").at("visibility")), "community");
}

}  // namespace
}  // namespace village::imports_testing
