#pragma once
// tooz's consistent hash ring (tooz.hashring.HashRing, as tooz.partitioner uses it), so that
// a pool of schedulers splits jobs exactly as tooz-based services would, and the API lists a
// member's share the same way: each member places `partitions` points on a 128-bit ring (the
// MD5 of its id repeated 2, 3, ... times), and an object belongs to the member of the first
// point after the MD5 of its key (wrapping to the first point).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace freezer::common {

class HashRing {
 public:
  static constexpr int kDefaultPartitions = 32;  // tooz's DEFAULT_PARTITION_NUMBER

  explicit HashRing(const std::vector<std::string>& members, int partitions = kDefaultPartitions);

  // The member an object belongs to; "" when the ring is empty.
  const std::string& owner(std::string_view key) const;
  bool empty() const { return points_.empty(); }

 private:
  using Digest = std::array<std::uint8_t, 16>;  // big-endian, so it orders as tooz's integers
  std::vector<std::pair<Digest, std::string>> points_;  // sorted by digest
};

}  // namespace freezer::common
