#pragma once
// Every option of freezer-api.conf, read by freezer-api and freezer-manage.
#include "common/option_catalog.h"

namespace freezer::common {

const OptionCatalog& api_option_catalog();

}  // namespace freezer::common
