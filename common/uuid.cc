#include "common/uuid.h"

#include <uuid/uuid.h>

#include <cstring>
#include <random>

namespace freezer::common {

std::string uuid4_hex() {
  uuid_t id;
  uuid_generate_random(id);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    out[2 * i] = kHex[id[i] >> 4];
    out[2 * i + 1] = kHex[id[i] & 0x0f];
  }
  return out;
}

std::string uuid4_dashed() {
  thread_local std::mt19937_64 generator = [] {
    std::random_device system;
    std::seed_seq seed{system(), system(), system(), system(), system(), system()};
    return std::mt19937_64(seed);
  }();
  const std::uint64_t halves[2] = {generator(), generator()};
  uuid_t id;
  std::memcpy(id, halves, sizeof id);
  id[6] = static_cast<unsigned char>((id[6] & 0x0f) | 0x40);  // version 4
  id[8] = static_cast<unsigned char>((id[8] & 0x3f) | 0x80);  // RFC 4122 variant
  char text[37];
  uuid_unparse_lower(id, text);
  return text;
}

}  // namespace freezer::common
