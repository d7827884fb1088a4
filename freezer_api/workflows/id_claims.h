#pragma once
// Ids of created and replaced documents: the one a create uses, and claiming it, so that an
// id stays with one project and a deleted record's id is never handed out again (upstream's
// answers).
#include <rapidjson/document.h>

#include <string>

#include "db/id_owner.h"

namespace freezer::api {

// The id a create uses: the document's `key` when it is a non-empty string, else a new one.
std::string given_or_new_id(const rapidjson::Value& body, const char* key);

// A create's id must be free: 409 `taken_by_live` when a live record holds it, and upstream's
// "Document with the specified ID already exists." when a deleted one does.
void claim_new_id(const db::IdOwner& owner, const std::string& taken_by_live);

// A replace rewrites the project's own live record (true) or claims a free id (false); an id
// held by another project or by a deleted record is a 409.
bool claim_id_to_replace(const db::IdOwner& owner, const std::string& project_id);

}  // namespace freezer::api
