#pragma once
// Helpers for mapping rows to records in SOCI type_conversion specialisations.
#include <soci/values.h>

#include <optional>
#include <string>
#include <vector>

namespace freezer::db::sql {

std::optional<std::string> optional_string(const soci::values& row, const std::string& column);
// Integer-like columns (INTEGER, BOOLEAN) whatever width the backend reports them in.
std::optional<long long> optional_integer(const soci::values& row, const std::string& column);

void set_optional(soci::values& row, const std::string& column,
                  const std::optional<std::string>& value);
void set_optional(soci::values& row, const std::string& column,
                  const std::optional<long long>& value);

// Naive UTC timestamp 'YYYY-MM-DD HH:MM:SS', as upstream stores created_at/updated_at.
std::string utc_now();

// JSON list of strings in Python's json.dumps layout (["a", "b"]), the stored format of
// clients.supported_*.
std::string encode_string_list(const std::vector<std::string>& items);
// nullopt when the text is not a JSON list of strings.
std::optional<std::vector<std::string>> decode_string_list(const std::string& text);

}  // namespace freezer::db::sql
