#pragma once
// Encryption at rest of stored credentials (trust ids): AES-256-GCM with keys from a key file
// of `<version>:<base64 32-byte key>` lines. The newest version encrypts; every listed
// version decrypts, so keys can be rotated while services run: the file is re-read when it
// changes. Without a key file, values are stored as they are (method "none").
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>

namespace freezer::common {

class CipherError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Sealed {
  std::string value;   // base64(nonce | ciphertext | tag), or the plaintext for "none"
  std::string method;  // "aes-256-gcm:v<version>" or "none"
};

class CredentialCipher {
 public:
  // Empty path: no encryption. Throws CipherError when the file exists but is invalid.
  explicit CredentialCipher(std::string key_file);

  bool enabled() const { return !key_file_.empty(); }
  Sealed seal(const std::string& plaintext);
  // Throws CipherError when the key version is unknown or the value was tampered with.
  std::string open(const std::string& value, const std::string& method);

  // Appends a new random key (version = newest + 1), creating the file if needed; returns the
  // new version. Written atomically (temp file + rename), mode 0600.
  static int add_key(const std::string& key_file);

 private:
  void reload_if_changed();

  std::string key_file_;
  std::mutex mutex_;
  std::map<int, std::string> keys_;  // version -> 32 raw bytes
  std::string loaded_identity_;      // inode, size and mtime of the file the keys came from
};

}  // namespace freezer::common
