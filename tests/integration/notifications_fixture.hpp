// The cards world (a community board "Teaching" with one signed-in client per kind of person),
// plus what the notifications tests read: a person's notifications, unread count and feed.
#pragma once

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "cards_fixture.hpp"

namespace village::notifications_testing {

using cards_testing::CardsWorld;
using cards_testing::id_of;
using cards_testing::id_path;
using cards_testing::Persona;
using testing::HttpResponse;
namespace bj = boost::json;

// One notification as a person sees it in their list.
struct Seen {
    std::string kind;
    std::int64_t card = 0;
    bool push = true;
    bool operator==(Seen const&) const = default;
};

inline std::ostream& operator<<(std::ostream& os, Seen const& s) {
    return os << "{" << s.kind << " card " << s.card << (s.push ? " push" : " quiet") << "}";
}

class NotifyWorld : public CardsWorld {
  public:
    // Every notification of a person, newest first.
    std::vector<Seen> notifications(Persona p) {
        auto r = as(p).get("/api/v1/me/notifications?limit=200");
        if (r.status != 200) throw std::runtime_error("notifications: " + r.body);
        std::vector<Seen> out;
        auto const body = r.json();
        for (auto const& n : body.at("notifications").as_array()) {
            auto const& card = n.at("card");
            out.push_back(Seen{std::string(n.at("kind").as_string()),
                               card.is_null() ? 0 : card.at("id").as_int64(),
                               n.at("push").as_bool()});
        }
        return out;
    }
    std::int64_t unread(Persona p) {
        auto r = as(p).get("/api/v1/me/notifications/unread_count");
        if (r.status != 200) throw std::runtime_error("unread: " + r.body);
        return r.json().at("unread").as_int64();
    }
    void follow(Persona p, std::string const& type, std::int64_t id, std::string const& level) {
        auto r = as(p).put("/api/v1/follows/" + type + "/" + std::to_string(id),
                           bj::object{{"level", level}});
        if (r.status != 200) throw std::runtime_error("follow: " + r.body);
    }
    // Feed items as (type, card) pairs, newest first, one page.
    bj::object feed(Persona p, std::string const& query = {}) {
        auto r = as(p).get("/api/v1/me/feed" + query);
        if (r.status != 200) throw std::runtime_error("feed: " + r.body);
        return r.json().as_object();
    }
    std::int64_t count(std::string const& sql) {
        store::Db db(server.database());
        return db.query_one(sql)->i64(0);
    }
    // Rows in every table this module writes, to prove a refused request wrote nothing.
    std::map<std::string, std::int64_t> module_rows() {
        store::Db db(server.database());
        std::map<std::string, std::int64_t> out;
        for (auto table :
             {"follows", "notifications", "feed_items", "feed_marks", "announcements",
              "announcement_groups", "announcement_recipients", "quiet_hours", "activity"}) {
            out[table] = db.query_one(std::string("SELECT COUNT(*) FROM ") + table)->i64(0);
        }
        out["read"] =
            db.query_one("SELECT COUNT(*) FROM notifications WHERE read_at IS NOT NULL")->i64(0);
        out["levels"] =
            db.query_one("SELECT COUNT(*) FROM follows WHERE level = 'watching'")->i64(0);
        out["acks"] = db.query_one(
                            "SELECT COUNT(*) FROM announcement_recipients "
                            "WHERE acknowledged_at IS NOT NULL OR seen_at IS NOT NULL")
                          ->i64(0);
        return out;
    }
};

}  // namespace village::notifications_testing
