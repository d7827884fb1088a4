#pragma once
// Clients as documents: the record a registration makes, and rendering it back.
#include <rapidjson/document.h>

#include <string>

#include "db/client_record.h"
#include "freezer_api/json_response.h"

namespace freezer::api {

// The record of a validated client document (the `client` object of a registration) in
// `project_id`, by `user_id`. Capability lists keep the order given without duplicates; a
// list the client did not declare is the full list (and `sent` says which were declared).
db::ClientRecord client_from_document(const rapidjson::Value& client, const std::string& project_id,
                                      const std::string& user_id, bool is_central,
                                      db::ClientFieldsSent& sent);

// {"project_id", "user_id", "client": {...}}: the shape of GET item and of list elements.
void render_client(const db::ClientRecord& c, rapidjson::Value& out, Allocator& a);

}  // namespace freezer::api
