// HMAC-signed tokens; see signing.hpp.
#include "mail/signing.hpp"

#include <sodium.h>

#include <array>

#include "accounts/secrets.hpp"
#include "core/time.hpp"
#include "mail/signing_sql.hpp"

namespace village::mail::signing {

namespace {

constexpr std::string_view kKeyName = "mail_links";
using Key = std::array<unsigned char, crypto_auth_hmacsha256_KEYBYTES>;

std::string to_base64url(unsigned char const* bytes, std::size_t size) {
    std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                    '\0');
    sodium_bin2base64(out.data(), out.size(), bytes, size,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.find('\0'));
    return out;
}

std::optional<std::string> from_base64url(std::string_view text) {
    std::string out(text.size(), '\0');
    std::size_t size = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &size, nullptr,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
        return std::nullopt;
    }
    out.resize(size);
    return out;
}

std::optional<Key> key_from_hex(std::string const& hex) {
    Key key{};
    std::size_t size = 0;
    if (sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &size, nullptr) !=
            0 ||
        size != key.size()) {
        return std::nullopt;
    }
    return key;
}

std::string mac(Key const& key, std::string_view payload) {
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> out{};
    crypto_auth_hmacsha256(out.data(), reinterpret_cast<unsigned char const*>(payload.data()),
                           payload.size(), key.data());
    return to_base64url(out.data(), out.size());
}

}  // namespace

std::string sign(store::Tx& tx, std::string_view payload) {
    accounts::secrets::ensure_sodium();
    Key fresh{};
    crypto_auth_hmacsha256_keygen(fresh.data());
    std::string hex(fresh.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), fresh.data(), fresh.size());
    hex.pop_back();
    // The first process to sign creates the key; every later one reads that same key.
    tx.exec(sql::insert_signing_key, kKeyName, hex, now_ms());
    auto const key = key_from_hex(tx.query_one(sql::signing_key, kKeyName)->text(0));
    auto const body =
        to_base64url(reinterpret_cast<unsigned char const*>(payload.data()), payload.size());
    return body + "." + mac(*key, payload);
}

std::optional<std::string> verify(store::Sql& db, std::string_view token) {
    accounts::secrets::ensure_sodium();
    auto const dot = token.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    auto payload = from_base64url(token.substr(0, dot));
    if (!payload) return std::nullopt;
    auto row = db.query_one(sql::signing_key, kKeyName);
    if (!row) return std::nullopt;
    auto const key = key_from_hex(row->text(0));
    if (!key) return std::nullopt;
    auto const expected = mac(*key, *payload);
    if (!accounts::secrets::equal(expected, token.substr(dot + 1))) return std::nullopt;
    return payload;
}

}  // namespace village::mail::signing
