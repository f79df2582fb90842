// Password rules and argon2id hashing. Hashing costs about 80 ms and 64 MiB, so at most
// kConcurrentHashes run at once and none may run while a write transaction is open.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace village::accounts::passwords {

inline constexpr int kConcurrentHashes = 2;

// At least limits::kMinPasswordChars characters, at most kMaxPasswordChars, valid UTF-8.
// Passwords are never trimmed.
[[nodiscard]] Result<void> check_rules(std::string_view password, std::string_view field);

// An argon2id hash string with libsodium's interactive limits (salt and parameters inside).
[[nodiscard]] std::string hash(std::string_view password);
// True when `password` matches `stored`; false for a wrong password or a malformed hash.
[[nodiscard]] bool verify(std::string_view stored, std::string_view password);
// Takes as long as verify() against a real hash; used for unknown accounts, so an attacker
// cannot tell from the answer time whether an email has an account.
void verify_dummy(std::string_view password);

}  // namespace village::accounts::passwords
