#pragma once
// The `clients` table <-> ClientRecord mapping, written once.
#include <soci/soci.h>

#include "common/capabilities.h"
#include "db/client_record.h"
#include "db/sql/row_values.h"

namespace freezer::db::sql {

inline constexpr const char* kClientColumns =
    "id, project_id, user_id, client_id, hostname, description, uuid, supported_actions, "
    "supported_modes, supported_storages, supported_engines, is_central";

inline std::vector<std::string> stored_list(const soci::values& row, const std::string& column,
                                            const std::vector<std::string>& fallback) {
  // Rows written before capabilities existed hold NULL: upstream backfills the full lists.
  auto text = optional_string(row, column);
  if (!text) return fallback;
  auto list = decode_string_list(*text);
  return list ? *list : fallback;
}

}  // namespace freezer::db::sql

namespace soci {

template <>
struct type_conversion<freezer::db::ClientRecord> {
  using base_type = values;

  static void from_base(const values& row, indicator, freezer::db::ClientRecord& c) {
    using namespace freezer::db::sql;
    c.id = row.get<std::string>("id");
    c.project_id = optional_string(row, "project_id").value_or("");
    c.user_id = row.get<std::string>("user_id");
    c.client_id = row.get<std::string>("client_id");
    c.hostname = optional_string(row, "hostname");
    c.description = optional_string(row, "description");
    c.uuid = row.get<std::string>("uuid");
    c.supported_actions = stored_list(row, "supported_actions", freezer::common::all_actions());
    c.supported_modes = stored_list(row, "supported_modes", freezer::common::all_modes());
    c.supported_storages = stored_list(row, "supported_storages", freezer::common::all_storages());
    c.supported_engines = stored_list(row, "supported_engines", freezer::common::all_engines());
    c.is_central = optional_integer(row, "is_central").value_or(0) != 0;
  }

  static void to_base(const freezer::db::ClientRecord& c, values& row, indicator& ind) {
    using namespace freezer::db::sql;
    row.set("id", c.id);
    row.set("project_id", c.project_id);
    row.set("user_id", c.user_id);
    row.set("client_id", c.client_id);
    set_optional(row, "hostname", c.hostname);
    set_optional(row, "description", c.description);
    row.set("uuid", c.uuid);
    row.set("supported_actions", encode_string_list(c.supported_actions));
    row.set("supported_modes", encode_string_list(c.supported_modes));
    row.set("supported_storages", encode_string_list(c.supported_storages));
    row.set("supported_engines", encode_string_list(c.supported_engines));
    row.set("is_central", c.is_central ? 1 : 0);
    ind = i_ok;
  }
};

}  // namespace soci
