// The cards world (a community board, a list, one signed-in client per kind of person) plus
// live sockets opened as those people.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "cards_fixture.hpp"
#include "support/ws_client.hpp"

namespace village::live_testing {

namespace bj = boost::json;
using cards_testing::id_path;
using cards_testing::Persona;
using testing::WsClient;
using testing::WsOptions;

class LiveWorld : public cards_testing::CardsWorld {
  public:
    [[nodiscard]] std::string origin() const {
        return "http://127.0.0.1:" + std::to_string(server.port());
    }

    // A live socket signed in as `who` by its session cookie, from this site's pages.
    WsClient socket(Persona who, WsOptions options = {}) {
        options.cookies = as(who).cookies();
        if (!options.origin) options.origin = origin();
        WsClient client(server.port(), options);
        (void)client.expect("welcome");
        return client;
    }

    // The newest activity id of a board, as the REST API tells it.
    std::int64_t newest_activity(std::int64_t board_id) {
        auto page = as(Persona::community_admin)
                        .get(id_path("/api/v1/boards/", board_id, "/activity?limit=1"))
                        .json();
        return page.at("activity").as_array().at(0).at("id").as_int64();
    }
};

}  // namespace village::live_testing
