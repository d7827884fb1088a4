#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/client_record.h"
#include "db/page.h"

namespace freezer::db {

enum class ClientRegistration {
  kCreated,
  kUpdated,  // description or capabilities changed
  kUnchanged,
  kOwnedByAnotherProject  // nothing written
};

// Clients visible from a project are its own plus every central client.
class ClientStore {
 public:
  virtual ~ClientStore() = default;

  virtual std::vector<ClientRecord> list_visible(const std::string& project_id,
                                                 const Page& page) = 0;
  // Own project's client first when a central client shares the client_id.
  virtual std::optional<ClientRecord> find_visible(const std::string& project_id,
                                                   const std::string& client_id) = 0;
  // Atomically: find the existing registration (central: same client_id and hostname in any
  // project; otherwise same client_id in the project or central), then update its
  // description and capabilities (those in `sent`), or insert `record`.
  virtual ClientRegistration register_client(const ClientRecord& record,
                                             const ClientFieldsSent& sent) = 0;
  // false when the project has no such live client.
  virtual bool soft_delete(const std::string& project_id, const std::string& id) = 0;
};

}  // namespace freezer::db
