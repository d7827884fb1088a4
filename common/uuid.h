#pragma once
#include <string>

namespace freezer::common {

// uuid4 as 32 lowercase hex characters, the id format of every freezer resource.
std::string uuid4_hex();
// uuid4 in the canonical dashed form (request ids use it).
std::string uuid4_dashed();

}  // namespace freezer::common
