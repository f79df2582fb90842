// argon2id through libsodium, bounded by a counting semaphore; see passwords.hpp.
#include "accounts/passwords.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <semaphore>
#include <stdexcept>

#include "accounts/secrets.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"

namespace village::accounts::passwords {

namespace {

std::counting_semaphore<kConcurrentHashes>& hash_slots() {
    static std::counting_semaphore<kConcurrentHashes> slots(kConcurrentHashes);
    return slots;
}

// Holds one of the hashing slots for the life of a scope.
struct Slot {
    Slot() { hash_slots().acquire(); }
    ~Slot() { hash_slots().release(); }
    Slot(Slot const&) = delete;
    Slot& operator=(Slot const&) = delete;
};

std::string const& dummy_hash() {
    static std::string const stored = hash("not a password anyone has: dummy");
    return stored;
}

}  // namespace

Result<void> check_rules(std::string_view password, std::string_view field) {
    if (!text::valid_utf8(password)) {
        return fail(Errc::bad_request, "The password is not valid UTF-8", std::string(field));
    }
    auto const chars = text::char_count(password);
    if (chars < limits::kMinPasswordChars) {
        return fail(
            Errc::unprocessable,
            fmt::format("Choose a password of at least {} characters", limits::kMinPasswordChars),
            std::string(field));
    }
    if (chars > limits::kMaxPasswordChars) {
        return fail(
            Errc::too_large,
            fmt::format("A password may have at most {} characters", limits::kMaxPasswordChars),
            std::string(field));
    }
    return {};
}

std::string hash(std::string_view password) {
    secrets::ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    int rc = 0;
    {
        Slot slot;
        rc = crypto_pwhash_str(out, password.data(), password.size(),
                               crypto_pwhash_OPSLIMIT_INTERACTIVE,
                               crypto_pwhash_MEMLIMIT_INTERACTIVE);
    }
    if (rc != 0) throw std::runtime_error("out of memory while hashing a password");
    return std::string(out);
}

bool verify(std::string_view stored, std::string_view password) {
    secrets::ensure_sodium();
    // libsodium wants a NUL-terminated hash string.
    std::string const terminated(stored);
    if (terminated.empty() || terminated.size() >= crypto_pwhash_STRBYTES) return false;
    Slot slot;
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void verify_dummy(std::string_view password) {
    [[maybe_unused]] bool const ignored = verify(dummy_hash(), password);
}

}  // namespace village::accounts::passwords
