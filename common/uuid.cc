#include "common/uuid.h"

#include <uuid/uuid.h>

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
  uuid_t id;
  uuid_generate_random(id);
  char text[37];
  uuid_unparse_lower(id, text);
  return text;
}

}  // namespace freezer::common
