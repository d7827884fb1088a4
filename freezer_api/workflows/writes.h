#pragma once
// What the create and replace routes of the resources share: choosing and claiming ids, and
// the server-set fields a posted document gets before it is validated.
#include <rapidjson/document.h>

#include <initializer_list>
#include <string>

#include "db/id_owner.h"
#include "freezer_api/call.h"
#include "freezer_api/services.h"

namespace freezer::api {

// The id a create uses: the document's `key` when it is a non-empty string, else a new one.
std::string given_or_new_id(const rapidjson::Value& body, const char* key);

// Sets the document's `id_key` to `id`, its user_id to the caller's and its project_id to the
// URL's, then validates it against `schema` (400 naming the failing field).
void stamp_and_validate(const Services& services, const Call& call, rapidjson::Document& body,
                        const char* schema, const char* id_key, const std::string& id);

// The body of a PATCH without the keys the server sets (`server_set`, ignored as upstream
// does); 400 unless it is a JSON object. Not validated yet.
rapidjson::Document patch_body(const Call& call, std::initializer_list<const char*> server_set);

// A create's id must be free: 409 `taken_by_live` when a live record holds it, and upstream's
// "Document with the specified ID already exists." when a deleted one does.
void claim_new_id(const db::IdOwner& owner, const std::string& taken_by_live);

// A replace rewrites the project's own live record (true) or claims a free id (false); an id
// held by another project or by a deleted record is a 409.
bool claim_id_to_replace(const db::IdOwner& owner, const std::string& project_id);

}  // namespace freezer::api
