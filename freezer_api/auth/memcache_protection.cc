#include "freezer_api/auth/memcache_protection.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>

#include "common/base64.h"

namespace freezer::api {
namespace {

constexpr std::size_t kPart = 16;       // a third of a SHA-384 digest
constexpr std::size_t kMacBase64 = 64;  // base64 of a 48-byte digest
constexpr std::size_t kBlock = 16;      // AES block, and the IV's size

std::string hmac_sha384(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!HMAC(EVP_sha384(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &length))
    throw std::runtime_error("HMAC-SHA384 failed");
  return {reinterpret_cast<char*>(digest), length};
}

std::string hex_sha256(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xf];
  }
  return out;
}

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

// AES-128-CBC with PKCS#7 padding: OpenSSL's default padding is the one keystonemiddleware
// writes by hand (n bytes of value n, 1 <= n <= 16).
std::optional<std::string> aes_cbc(bool encrypt, std::string_view key, std::string_view iv,
                                   std::string_view in) {
  CipherContext context(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  const auto* k = reinterpret_cast<const unsigned char*>(key.data());
  const auto* v = reinterpret_cast<const unsigned char*>(iv.data());
  if (!context ||
      EVP_CipherInit_ex(context.get(), EVP_aes_128_cbc(), nullptr, k, v, encrypt ? 1 : 0) != 1)
    return std::nullopt;
  std::string out(in.size() + kBlock, '\0');
  int written = 0;
  int last = 0;
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  if (EVP_CipherUpdate(context.get(), o, &written,
                       reinterpret_cast<const unsigned char*>(in.data()),
                       static_cast<int>(in.size())) != 1 ||
      EVP_CipherFinal_ex(context.get(), o + written, &last) != 1)
    return std::nullopt;
  out.resize(static_cast<std::size_t>(written + last));
  return out;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<MemcacheStrategy> memcache_strategy_named(std::string_view name) {
  auto lowered = lower_ascii(name);
  if (lowered.empty() || lowered == "none") return MemcacheStrategy::kNone;
  if (lowered == "mac") return MemcacheStrategy::kMac;
  if (lowered == "encrypt") return MemcacheStrategy::kEncrypt;
  return std::nullopt;
}

MemcacheProtection::MemcacheProtection(MemcacheStrategy strategy, std::string secret_key)
    : strategy_(strategy), secret_key_(std::move(secret_key)) {}

MemcacheProtection::Entry MemcacheProtection::entry_for(std::string_view token) const {
  if (strategy_ == MemcacheStrategy::kNone) return {"tokens/" + hex_sha256(token), "", ""};
  std::string derived(token);
  derived += strategy_ == MemcacheStrategy::kMac ? "MAC" : "ENCRYPT";
  auto digest = hmac_sha384(secret_key_, derived);
  return {"tokens/" + common::base64_encode(digest.substr(0, kPart)), digest.substr(kPart, kPart),
          digest.substr(2 * kPart, kPart)};
}

std::string MemcacheProtection::protect(const Entry& entry, std::string_view data) const {
  if (strategy_ == MemcacheStrategy::kNone) return std::string(data);
  std::string payload(data);
  if (strategy_ == MemcacheStrategy::kEncrypt) {
    std::string iv(kBlock, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(iv.data()), kBlock) != 1)
      throw std::runtime_error("no randomness for the cache entry's IV");
    auto sealed = aes_cbc(true, entry.encryption_key, iv, data);
    if (!sealed) throw std::runtime_error("AES-128-CBC encryption failed");
    payload = iv + *sealed;
  }
  auto encoded = common::base64_encode(payload);
  return common::base64_encode(hmac_sha384(entry.mac_key, encoded)) + encoded;
}

std::optional<std::string> MemcacheProtection::unprotect(const Entry& entry,
                                                         std::string_view stored) const {
  if (strategy_ == MemcacheStrategy::kNone) return std::string(stored);
  if (stored.size() < kMacBase64) return std::nullopt;
  auto encoded = stored.substr(kMacBase64);
  auto expected = common::base64_encode(hmac_sha384(entry.mac_key, encoded));
  if (CRYPTO_memcmp(expected.data(), stored.data(), kMacBase64) != 0) return std::nullopt;
  auto payload = common::base64_decode(encoded);
  if (!payload) return std::nullopt;
  if (strategy_ == MemcacheStrategy::kMac) return payload;
  if (payload->size() < 2 * kBlock) return std::nullopt;
  return aes_cbc(false, entry.encryption_key, std::string_view(*payload).substr(0, kBlock),
                 std::string_view(*payload).substr(kBlock));
}

}  // namespace freezer::api
