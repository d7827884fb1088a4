#pragma once
// The `user_credentials` table <-> CredentialRecord mapping, written once.
#include <soci/soci.h>

#include "db/credential_record.h"
#include "db/sql/row_values.h"

namespace freezer::db::sql {

inline constexpr const char* kCredentialColumns =
    "id, decrypt_method, trust_id, trustor_user_id, job_id";

inline void read_record(const ColumnReader& row, CredentialRecord& c) {
  c.id = row.text("id");
  c.decrypt_method = row.text("decrypt_method");
  c.trust_id = row.text("trust_id");
  c.trustor_user_id = row.text("trustor_user_id");
  c.job_id = row.text("job_id");
}

}  // namespace freezer::db::sql

namespace soci {

template <>
struct type_conversion<freezer::db::CredentialRecord> {
  using base_type = values;

  static void from_base(const values& row, indicator, freezer::db::CredentialRecord& c) {
    freezer::db::sql::read_record(freezer::db::sql::ColumnReader(row), c);
  }

  static void to_base(const freezer::db::CredentialRecord& c, values& row, indicator& ind) {
    row.set("id", c.id);
    row.set("decrypt_method", c.decrypt_method);
    row.set("trust_id", c.trust_id);
    row.set("trustor_user_id", c.trustor_user_id);
    row.set("job_id", c.job_id);
    ind = i_ok;
  }
};

}  // namespace soci
