// Fractional ordering keys and placing items in ordered collections; see position.hpp.
#include "boards/position.hpp"

#include <stdexcept>

namespace village::boards {

namespace {

constexpr std::string_view kDigits =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr int kBase = 62;

int value_of(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    if (c >= 'a' && c <= 'z') return c - 'a' + 36;
    return -1;
}

char digit(int value) {
    return kDigits[static_cast<std::size_t>(value)];
}

// Digit i of the fraction; digits past the end are zero.
int digit_at(std::string_view key, std::size_t i) {
    return i < key.size() ? value_of(key[i]) : 0;
}

// A key between the fractions a and b (a < b); an empty b stands for 1.0, an empty a for 0.
std::string midpoint(std::string_view a, std::string_view b) {
    std::string out;
    if (!b.empty()) {
        std::size_t n = 0;
        while (n < b.size() && digit_at(a, n) == value_of(b[n])) ++n;
        if (n == b.size()) throw std::invalid_argument("position keys out of order");
        out.append(b.substr(0, n));
        a = n < a.size() ? a.substr(n) : std::string_view{};
        b = b.substr(n);
    }
    int const low = a.empty() ? 0 : value_of(a[0]);
    int const high = b.empty() ? kBase : value_of(b[0]);
    if (high - low > 1) {
        out += digit((low + high) / 2);
        return out;
    }
    // Neighbouring first digits. b's first digit alone is smaller than b when b goes on.
    if (b.size() > 1) {
        out += b[0];
        return out;
    }
    out += digit(low);
    out += midpoint(a.empty() ? std::string_view{} : a.substr(1), {});
    return out;
}

void require_valid(std::string_view key) {
    if (!valid_position(key)) throw std::invalid_argument("invalid position key");
}

}  // namespace

bool valid_position(std::string_view key) {
    if (key.empty() || key.back() == '0') return false;
    for (char c : key) {
        if (value_of(c) < 0) return false;
    }
    return true;
}

std::string key_after_last(std::optional<std::string_view> last) {
    if (!last) return std::string(1, digit(kBase / 2));
    require_valid(*last);
    // Raise the first digit that can be raised and drop the rest: short, and past `last`.
    for (std::size_t i = 0; i < last->size(); ++i) {
        int const v = value_of((*last)[i]);
        if (v < kBase - 1) return std::string(last->substr(0, i)) + digit(v + 1);
    }
    return std::string(*last) + digit(1);
}

std::string key_before_first(std::optional<std::string_view> first) {
    if (!first) return std::string(1, digit(kBase / 2));
    require_valid(*first);
    std::size_t i = 0;
    while (value_of((*first)[i]) == 0) ++i;  // a valid key has a non-zero digit
    std::string prefix(first->substr(0, i));
    int const v = value_of((*first)[i]);
    if (v > 1) return prefix + digit(v - 1);
    if (i + 1 < first->size()) return prefix + digit(1);
    return prefix + digit(0) + digit(kBase - 1);
}

std::string key_between(std::optional<std::string_view> before,
                        std::optional<std::string_view> after) {
    if (!after) return key_after_last(before);
    if (!before) return key_before_first(after);
    require_valid(*before);
    require_valid(*after);
    if (!(*before < *after)) throw std::invalid_argument("position keys out of order");
    return midpoint(*before, *after);
}

std::vector<std::string> evenly_spaced_keys(std::size_t count) {
    std::vector<std::string> keys;
    if (count == 0) return keys;
    // The shortest length that leaves at least one free key between neighbours.
    std::size_t length = 1;
    std::uint64_t span = kBase;
    while (span < 2 * (static_cast<std::uint64_t>(count) + 1)) {
        span *= kBase;
        ++length;
    }
    std::uint64_t const step = span / (count + 1);
    keys.reserve(count);
    for (std::size_t i = 1; i <= count; ++i) {
        std::uint64_t n = step * i;
        std::string key(length, '0');
        for (std::size_t d = length; d-- > 0;) {
            key[d] = digit(static_cast<int>(n % kBase));
            n /= kBase;
        }
        while (key.back() == '0') key.pop_back();
        keys.push_back(std::move(key));
    }
    return keys;
}

void renumber(store::Tx& tx, Ordering const& ordering, std::int64_t parent) {
    auto const rows = tx.query(ordering.all, parent);
    auto const keys = evenly_spaced_keys(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) tx.exec(ordering.set, rows[i].i64(0), keys[i]);
}

Result<std::string> place(store::Tx& tx, Ordering const& ordering, std::int64_t parent,
                          std::optional<Anchor> anchor, std::int64_t moving) {
    if (anchor && anchor->id == moving) {
        return fail(Errc::unprocessable, "An item cannot be placed next to itself",
                    anchor->field());
    }
    // Second round only after renumbering, when every key is valid, distinct and short.
    for (int round = 0; round < 2; ++round) {
        std::optional<std::string> before;
        std::optional<std::string> after;
        if (!anchor) {
            if (auto row = tx.query_one(ordering.last, parent, moving)) before = row->text(0);
        } else {
            auto row = tx.query_one(ordering.anchor, anchor->id, parent);
            if (!row) {
                return fail(Errc::unprocessable, "That item is not in the place you are moving to",
                            anchor->field());
            }
            std::string const at = row->text(0);
            if (anchor->side == Side::after) {
                before = at;
                if (auto next = tx.query_one(ordering.next, parent, at, anchor->id, moving)) {
                    after = next->text(0);
                }
            } else {
                after = at;
                if (auto prev = tx.query_one(ordering.previous, parent, at, anchor->id, moving)) {
                    before = prev->text(0);
                }
            }
        }
        bool const usable = (!before || valid_position(*before)) &&
                            (!after || valid_position(*after)) &&
                            (!before || !after || *before < *after);
        if (usable) {
            auto key = key_between(before, after);
            if (key.size() <= kMaxPositionChars || round == 1) return key;
        }
        renumber(tx, ordering, parent);
    }
    return fail(Errc::internal, "Could not find a place for the item");  // unreachable
}

}  // namespace village::boards
