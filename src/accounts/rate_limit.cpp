// Sign-in throttling over the signin_failures table; see rate_limit.hpp.
#include "accounts/rate_limit.hpp"

#include <algorithm>

#include "accounts/signin_sql.hpp"

namespace village::accounts::rate_limit {

namespace {

constexpr std::string_view kAccountScope = "account";
constexpr std::string_view kAddressScope = "address";

std::vector<Millis> failures_in_window(store::Sql& sql, std::string_view scope,
                                       std::string_view key, Policy policy, Millis now) {
    std::vector<Millis> out;
    for (auto const& row : sql.query(sql::failures_since, scope, key, now - policy.window_ms)) {
        out.push_back(row.i64(0));
    }
    return out;
}

}  // namespace

int wait_seconds(std::vector<Millis> const& failures, Policy policy, Millis now) {
    if (failures.size() < policy.max_failures) return 0;
    // Attempts open again when enough of the oldest failures have left the window that fewer
    // than max_failures remain.
    Millis const frees_at = failures[failures.size() - policy.max_failures] + policy.window_ms;
    Millis const wait_ms = std::max<Millis>(frees_at - now, 1);
    return static_cast<int>((wait_ms + 999) / 1000);
}

int retry_after(store::Sql& sql, std::string_view account, std::string_view address, Millis now) {
    int wait = wait_seconds(failures_in_window(sql, kAccountScope, account, kPerAccount, now),
                            kPerAccount, now);
    if (!address.empty()) {
        wait = std::max(
            wait, wait_seconds(failures_in_window(sql, kAddressScope, address, kPerAddress, now),
                               kPerAddress, now));
    }
    return wait;
}

void record_failure(store::Tx& tx, std::string_view account, std::string_view address, Millis now) {
    tx.exec(sql::prune_failures, kAccountScope, account, now - kPerAccount.window_ms);
    tx.exec(sql::insert_failure, kAccountScope, account, now);
    if (!address.empty()) {
        tx.exec(sql::prune_failures, kAddressScope, address, now - kPerAddress.window_ms);
        tx.exec(sql::insert_failure, kAddressScope, address, now);
    }
}

void clear_account(store::Tx& tx, std::string_view account) {
    tx.exec(sql::clear_failures, kAccountScope, account);
}

}  // namespace village::accounts::rate_limit
