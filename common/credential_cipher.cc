#include "common/credential_cipher.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "common/base64.h"

namespace freezer::common {
namespace {

constexpr int kKeyBytes = 32;
constexpr int kNonceBytes = 12;
constexpr int kTagBytes = 16;
constexpr const char* kPrefix = "aes-256-gcm:v";

std::string unbase64(const std::string& text) {
  auto raw = base64_decode(text);
  if (!raw) throw CipherError("invalid base64");
  return *raw;
}

std::map<int, std::string> read_keys(const std::string& path) {
  std::ifstream in(path);
  std::map<int, std::string> keys;
  if (!in) return keys;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    auto colon = line.find(':');
    try {
      if (colon == std::string::npos) throw CipherError("expected <version>:<base64 key>");
      int version = std::stoi(line.substr(0, colon));
      std::string key = unbase64(line.substr(colon + 1));
      if (version <= 0 || key.size() != kKeyBytes)
        throw CipherError("need a positive version and a 32-byte key");
      keys[version] = key;
    } catch (const std::exception& e) {
      throw CipherError(path + " line " + std::to_string(number) + ": " + e.what());
    }
  }
  return keys;
}

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

}  // namespace

CredentialCipher::CredentialCipher(std::string key_file) : key_file_(std::move(key_file)) {
  if (enabled()) reload_if_changed();
}

void CredentialCipher::reload_if_changed() {
  struct stat st {};
  if (::stat(key_file_.c_str(), &st) != 0) {
    if (keys_.empty()) throw CipherError("cannot read the credentials key file " + key_file_);
    return;  // keep the keys we have
  }
  // add_key() replaces the file by rename: a new inode, even within one mtime tick.
  const std::string identity = std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
                               std::to_string(st.st_mtim.tv_sec) + "." +
                               std::to_string(st.st_mtim.tv_nsec);
  if (!keys_.empty() && identity == loaded_identity_) return;
  auto keys = read_keys(key_file_);
  if (keys.empty()) throw CipherError("no keys in " + key_file_);
  keys_ = std::move(keys);
  loaded_identity_ = identity;
}

Sealed CredentialCipher::seal(const std::string& plaintext) {
  if (!enabled()) return {plaintext, "none"};
  std::lock_guard lock(mutex_);
  reload_if_changed();
  const auto& [version, key] = *keys_.rbegin();
  unsigned char nonce[kNonceBytes];
  if (RAND_bytes(nonce, kNonceBytes) != 1) throw CipherError("no randomness");
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out(reinterpret_cast<char*>(nonce), kNonceBytes);
  std::string body(plaintext.size(), '\0');
  int len = 0;
  unsigned char tag[kTagBytes];
  bool ok = EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr,
                               reinterpret_cast<const unsigned char*>(key.data()), nonce) == 1 &&
            EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(body.data()), &len,
                              reinterpret_cast<const unsigned char*>(plaintext.data()),
                              static_cast<int>(plaintext.size())) == 1;
  const int written = len;
  ok = ok &&
       EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(body.data()) + written,
                           &len) == 1 &&
       EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, tag) == 1;
  if (!ok) throw CipherError("encryption failed");
  out += body;
  out.append(reinterpret_cast<char*>(tag), kTagBytes);
  return {base64_encode(out), kPrefix + std::to_string(version)};
}

std::string CredentialCipher::open(const std::string& value, const std::string& method) {
  if (method == "none") return value;
  if (method.rfind(kPrefix, 0) != 0) throw CipherError("unknown decrypt method '" + method + "'");
  const int version = std::stoi(method.substr(std::string(kPrefix).size()));
  std::lock_guard lock(mutex_);
  if (!enabled()) throw CipherError("credentials are encrypted but no key file is configured");
  if (!keys_.count(version)) {
    loaded_identity_.clear();  // a newer file may have the key
    reload_if_changed();
  }
  auto key = keys_.find(version);
  if (key == keys_.end()) throw CipherError("no key version " + std::to_string(version));
  std::string raw = unbase64(value);
  if (raw.size() < kNonceBytes + kTagBytes) throw CipherError("sealed value too short");
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  const int body_size = static_cast<int>(raw.size()) - kNonceBytes - kTagBytes;
  std::string plain(static_cast<std::size_t>(body_size), '\0');
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr,
                         reinterpret_cast<const unsigned char*>(key->second.data()), bytes) != 1 ||
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &len,
                        bytes + kNonceBytes, body_size) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes,
                          const_cast<unsigned char*>(bytes + kNonceBytes + body_size)) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + len, &len) !=
          1)
    throw CipherError("decryption failed (wrong key or tampered value)");
  return plain;
}

int CredentialCipher::add_key(const std::string& key_file) {
  std::map<int, std::string> keys;
  if (std::filesystem::exists(key_file)) keys = read_keys(key_file);
  const int version = keys.empty() ? 1 : keys.rbegin()->first + 1;
  unsigned char key[kKeyBytes];
  if (RAND_bytes(key, kKeyBytes) != 1) throw CipherError("no randomness");
  keys[version] = std::string(reinterpret_cast<char*>(key), kKeyBytes);
  const std::string temp = key_file + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    if (!out) throw CipherError("cannot write " + temp);
    out << "# freezer credentials keys: <version>:<base64 key>; the newest encrypts\n";
    for (const auto& [v, k] : keys) out << v << ":" << base64_encode(k) << "\n";
  }
  ::chmod(temp.c_str(), 0600);
  std::filesystem::rename(temp, key_file);
  return version;
}

}  // namespace freezer::common
