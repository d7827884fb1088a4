#pragma once
#include <optional>
#include <string>
#include <vector>

namespace freezer::db {

// A row of `clients`. `id` is the primary key and always equals `uuid`; the API addresses
// clients by the `client_id` string.
struct ClientRecord {
  std::string id;
  std::string project_id;
  std::string user_id;
  std::string client_id;
  std::optional<std::string> hostname;
  std::optional<std::string> description;
  std::string uuid;
  std::vector<std::string> supported_actions;
  std::vector<std::string> supported_modes;
  std::vector<std::string> supported_storages;
  std::vector<std::string> supported_engines;
  bool is_central = false;
};

// Which updatable fields a registration carried: on re-registration the others keep their
// stored values.
struct ClientFieldsSent {
  bool description = false;
  bool supported_actions = false;
  bool supported_modes = false;
  bool supported_storages = false;
  bool supported_engines = false;
};

}  // namespace freezer::db
