#pragma once
#include <string>

namespace freezer::common {

// uuid4 as 32 lowercase hex characters, the id format of every freezer resource.
std::string uuid4_hex();
// uuid4 in the canonical dashed form, for ids that must be unique but need not be
// unguessable (request ids): drawn from a per-thread generator seeded from the system's
// randomness, not from a getrandom() call each (that was 4% of a GET of a job).
std::string uuid4_dashed();

}  // namespace freezer::common
