#pragma once
#include "db/client_store.h"
#include "db/sql/connection/connection_source.h"

namespace freezer::db::sql {

class SqlClientStore final : public ClientStore {
 public:
  explicit SqlClientStore(ConnectionSource source) : source_(source) {}

  std::vector<ClientRecord> list_visible(const std::string& project_id, const Page& page) override;
  std::optional<ClientRecord> find_visible(const std::string& project_id,
                                           const std::string& client_id) override;
  ClientRegistration register_client(const ClientRecord& record,
                                     const ClientFieldsSent& sent) override;
  bool soft_delete(const std::string& project_id, const std::string& id) override;

 private:
  ConnectionSource source_;
};

}  // namespace freezer::db::sql
