// Random secrets and their hashes, with libsodium; see secrets.hpp.
#include "accounts/secrets.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace village::accounts::secrets {

void ensure_sodium() {
    static int const status = sodium_init();  // thread-safe once; 1 means "already done"
    if (status < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string random_token() {
    ensure_sodium();
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::string out(
        sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.find('\0'));
    sodium_memzero(bytes.data(), bytes.size());
    return out;
}

std::string hash_token(std::string_view secret) {
    ensure_sodium();
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash(digest.data(), digest.size(),
                       reinterpret_cast<unsigned char const*>(secret.data()), secret.size(),
                       nullptr, 0);
    std::string hex(digest.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    hex.pop_back();
    return hex;
}

bool equal(std::string_view a, std::string_view b) {
    ensure_sodium();
    if (a.size() != b.size() || a.empty()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace village::accounts::secrets
