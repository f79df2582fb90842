// Which boards one member may see, asked once per board while building a page of notifications,
// feed items or follows, so a card the member lost access to never shows through them.
#pragma once

#include <map>

#include "boards/permissions.hpp"
#include "core/actor.hpp"
#include "store/sql.hpp"

namespace village::notifications {

class BoardVisibility {
  public:
    BoardVisibility(store::Sql& sql, Actor actor) : sql_(sql), actor_(std::move(actor)) {}

    [[nodiscard]] bool visible(BoardId board) {
        auto [it, fresh] = seen_.emplace(board, false);
        if (fresh) it->second = boards::load_access(sql_, actor_, board).has_value();
        return it->second;
    }

  private:
    store::Sql& sql_;
    Actor actor_;
    std::map<BoardId, bool> seen_;
};

}  // namespace village::notifications
