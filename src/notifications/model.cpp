// Names of the notifications module's enums, in JSON and in the database.
#include "notifications/model.hpp"

#include <array>
#include <utility>

namespace village::notifications {

namespace {

template <class E, std::size_t N>
std::optional<E> find_name(std::array<std::pair<E, std::string_view>, N> const& names,
                           std::string_view text) {
    for (auto const& [value, name] : names) {
        if (name == text) return value;
    }
    return std::nullopt;
}

template <class E, std::size_t N>
std::string_view name_of(std::array<std::pair<E, std::string_view>, N> const& names, E value) {
    for (auto const& [v, name] : names) {
        if (v == value) return name;
    }
    return "";
}

constexpr std::array<std::pair<TargetType, std::string_view>, 3> kTargetTypes{
    {{TargetType::space, "space"}, {TargetType::board, "board"}, {TargetType::card, "card"}}};
constexpr std::array<std::pair<TargetType, std::string_view>, 3> kTargetPaths{
    {{TargetType::space, "spaces"}, {TargetType::board, "boards"}, {TargetType::card, "cards"}}};
constexpr std::array<std::pair<Level, std::string_view>, 3> kLevels{
    {{Level::watching, "watching"}, {Level::normal, "normal"}, {Level::muted, "muted"}}};
constexpr std::array<std::pair<Origin, std::string_view>, 4> kOrigins{
    {{Origin::chosen, "chosen"},
     {Origin::interest, "interest"},
     {Origin::author, "author"},
     {Origin::commenter, "commenter"}}};
constexpr std::array<std::pair<Kind, std::string_view>, 6> kKinds{
    {{Kind::mention, "mention"},
     {Kind::reply, "reply"},
     {Kind::comment, "comment"},
     {Kind::card, "card"},
     {Kind::assigned, "assigned"},
     {Kind::announcement, "announcement"}}};

}  // namespace

std::string_view target_type_name(TargetType t) {
    return name_of(kTargetTypes, t);
}
std::optional<TargetType> parse_target_type(std::string_view text) {
    return find_name(kTargetTypes, text);
}
std::optional<TargetType> parse_target_path(std::string_view text) {
    return find_name(kTargetPaths, text);
}
std::string_view level_name(Level l) {
    return name_of(kLevels, l);
}
std::optional<Level> parse_level(std::string_view text) {
    return find_name(kLevels, text);
}
std::string_view origin_name(Origin o) {
    return name_of(kOrigins, o);
}
std::optional<Origin> parse_origin(std::string_view text) {
    return find_name(kOrigins, text);
}
std::string_view kind_name(Kind k) {
    return name_of(kKinds, k);
}
std::optional<Kind> parse_kind(std::string_view text) {
    return find_name(kKinds, text);
}

}  // namespace village::notifications
