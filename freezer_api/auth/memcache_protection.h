#pragma once
// keystonemiddleware's memcache_security_strategy, in its own format, so that entries are
// read and written the way its Python instances do:
//   keys  = HMAC-SHA384(memcache_secret_key, token + strategy), split into three 16-byte
//           parts: the cache key, the MAC key and the AES-128 key;
//   key   = "tokens/" + base64(cache key part);
//   value = base64(HMAC-SHA384(MAC key, b64)) + b64, where b64 = base64(data) for MAC and
//           base64(iv + AES-128-CBC(data, PKCS#7 padding)) for ENCRYPT.
// Without a strategy the key is "tokens/" + hex SHA-256 of the token and the value the data.
#include <optional>
#include <string>
#include <string_view>

namespace freezer::api {

enum class MemcacheStrategy { kNone, kMac, kEncrypt };

// "MAC" / "ENCRYPT" in any case, or "" / "none"; nullopt for anything else.
std::optional<MemcacheStrategy> memcache_strategy_named(std::string_view name);

class MemcacheProtection {
 public:
  MemcacheProtection(MemcacheStrategy strategy, std::string secret_key);

  // Everything needed to read or write the entry of one token.
  struct Entry {
    std::string cache_key;
    std::string mac_key;
    std::string encryption_key;
  };
  Entry entry_for(std::string_view token) const;

  std::string protect(const Entry& entry, std::string_view data) const;
  // nullopt when the MAC does not match or the value cannot be decrypted (tampered with, or
  // written with another secret): the entry counts as absent.
  std::optional<std::string> unprotect(const Entry& entry, std::string_view stored) const;

  MemcacheStrategy strategy() const { return strategy_; }

 private:
  MemcacheStrategy strategy_;
  std::string secret_key_;
};

}  // namespace freezer::api
