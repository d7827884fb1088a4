#include "common/hash_ring.h"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <set>
#include <stdexcept>

namespace freezer::common {
namespace {

using Context = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

Context new_md5() {
  Context ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_md5(), nullptr) != 1)
    throw std::runtime_error("MD5 is unavailable");
  return ctx;
}

void feed(EVP_MD_CTX* ctx, std::string_view data) {
  if (EVP_DigestUpdate(ctx, data.data(), data.size()) != 1)
    throw std::runtime_error("MD5 update failed");
}

// The digest so far, leaving the running hash as it is (Python's hash.hexdigest()).
template <typename Digest>
Digest peek(const EVP_MD_CTX* ctx) {
  Context copy(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  Digest out{};
  unsigned int size = 0;
  if (!copy || EVP_MD_CTX_copy_ex(copy.get(), ctx) != 1 ||
      EVP_DigestFinal_ex(copy.get(), out.data(), &size) != 1 || size != out.size())
    throw std::runtime_error("MD5 digest failed");
  return out;
}

}  // namespace

HashRing::HashRing(const std::vector<std::string>& members, int partitions) {
  // tooz adds set(nodes): duplicates count once. Later points overwrite equal digests, as in
  // its dict; with MD5 that never happens in practice.
  for (const auto& member : std::set<std::string>(members.begin(), members.end())) {
    auto ctx = new_md5();
    feed(ctx.get(), member);
    for (int r = 0; r < partitions; ++r) {
      feed(ctx.get(), member);
      points_.emplace_back(peek<Digest>(ctx.get()), member);
    }
  }
  std::sort(points_.begin(), points_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
}

const std::string& HashRing::owner(std::string_view key) const {
  static const std::string none;
  if (points_.empty()) return none;
  auto ctx = new_md5();
  feed(ctx.get(), key);
  Digest hashed = peek<Digest>(ctx.get());
  // bisect.bisect: the first point strictly greater than the key's hash.
  auto it = std::upper_bound(points_.begin(), points_.end(), hashed,
                             [](const Digest& h, const auto& point) { return h < point.first; });
  return it == points_.end() ? points_.front().second : it->second;
}

}  // namespace freezer::common
