// Random secrets (session cookies, CSRF tokens, access tokens, setup links) and their stored
// hashes. Only hashes of bearer secrets ever reach the database.
#pragma once

#include <string>
#include <string_view>

namespace village::accounts::secrets {

// Initialises libsodium once per process; every function here calls it.
void ensure_sodium();

// 32 random bytes as unpadded base64url (43 characters).
[[nodiscard]] std::string random_token();
// BLAKE2b-256 of the secret, as 64 hex digits: what the database stores and looks up.
[[nodiscard]] std::string hash_token(std::string_view secret);
// Constant-time equality; false when the lengths differ or either is empty.
[[nodiscard]] bool equal(std::string_view a, std::string_view b);

}  // namespace village::accounts::secrets
