// Every input limit, named once. DESIGN.md lists the same numbers.
#pragma once

#include <cstddef>

namespace village::limits {

inline constexpr std::size_t kMaxBodyBytes = 1024 * 1024;         // JSON request body
inline constexpr std::size_t kMaxUploadBytes = 25 * 1024 * 1024;  // one uploaded file
inline constexpr std::size_t kMaxHeaderBytes = 16 * 1024;         // all request headers
inline constexpr std::size_t kMaxTitleChars = 512;                // card, list, board titles
inline constexpr std::size_t kMaxNameChars = 200;                 // display names, group names
inline constexpr std::size_t kMaxShortTextChars = 200;            // grade, site, location, labels
inline constexpr std::size_t kMaxMarkdownBytes = 64 * 1024;       // card bodies and comments
inline constexpr std::size_t kMaxEmailChars = 254;
inline constexpr std::size_t kMinPasswordChars = 10;
inline constexpr std::size_t kMaxPasswordChars = 256;
inline constexpr std::size_t kMaxPageItems = 200;
inline constexpr std::size_t kDefaultPageItems = 50;
inline constexpr std::size_t kMaxInterests = 30;
inline constexpr std::size_t kMaxEmojiChars = 32;
inline constexpr std::size_t kMaxIdsPerRequest = 200;  // e.g. assignees, labels

}  // namespace village::limits
