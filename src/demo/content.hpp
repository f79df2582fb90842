// The demo community's content, as plain data: who, which spaces and boards, which cards.
#pragma once

#include <string_view>
#include <vector>

namespace village::demo {

struct DemoMember {
    std::string_view email;
    std::string_view name;
    std::string_view role;  // admin, trainer, trainee, guest
    std::string_view grade;
    std::string_view site;
    std::vector<std::string_view> interests;
};

struct DemoComment {
    int author;  // index into members()
    std::string_view body;
};

struct DemoCard {
    std::string_view title;
    std::string_view body;
    std::string_view start;  // ISO 8601, or empty
    std::string_view location;
    std::vector<std::string_view> labels;  // label names of the board
    std::vector<DemoComment> comments;
    std::vector<std::string_view> checklist;  // items; a leading "x " marks one done
    bool pinned = false;
};

struct DemoList {
    std::string_view name;
    std::vector<DemoCard> cards;
};

struct DemoLabel {
    std::string_view name;
    std::string_view color;
};

struct DemoBoard {
    std::string_view space;  // empty: no space
    std::string_view name;
    std::string_view description;
    std::string_view visibility;    // public, community, groups, private
    std::string_view default_role;  // member or viewer
    int owner;                      // index into members(): the board's admin
    std::vector<DemoLabel> labels;
    std::vector<DemoList> lists;
    std::vector<std::string_view> groups;  // for `groups` boards
};

struct DemoSpace {
    std::string_view name;
    std::string_view description;
};

struct DemoGroup {
    std::string_view name;
    std::string_view description;
    std::vector<int> members;  // indexes into members()
};

std::vector<DemoMember> const& members();
std::vector<DemoGroup> const& groups();
std::vector<DemoSpace> const& spaces();
// Boards, with their cards; regional teaching days are generated from a timetable.
std::vector<DemoBoard> boards();

inline constexpr std::string_view kDemoPassword = "village-demo-2026";

}  // namespace village::demo
