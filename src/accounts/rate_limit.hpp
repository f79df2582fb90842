// Sign-in throttling: failed attempts counted per account and per address over a sliding
// window. Checked before a password is verified, so a locked-out guesser costs no hashing.
#pragma once

#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "store/database.hpp"

namespace village::accounts::rate_limit {

struct Policy {
    std::size_t max_failures;
    Millis window_ms;
};

inline constexpr Policy kPerAccount{5, 15 * 60 * 1000};
inline constexpr Policy kPerAddress{20, 15 * 60 * 1000};

// The pure rule: seconds to wait before another attempt (0: go ahead), given the times of
// the failures inside the window, oldest first.
[[nodiscard]] int wait_seconds(std::vector<Millis> const& failures, Policy policy, Millis now);

// Seconds to wait for this account (lower-cased email) and address; 0 when allowed. An empty
// address (the command line, unit tests) is not limited per address.
[[nodiscard]] int retry_after(store::Sql& sql, std::string_view account, std::string_view address,
                              Millis now);

// Counts one failure against both; forgets failures older than the window.
void record_failure(store::Tx& tx, std::string_view account, std::string_view address, Millis now);

// After a successful sign-in the account's count starts again (the address's does not).
void clear_account(store::Tx& tx, std::string_view account);

}  // namespace village::accounts::rate_limit
