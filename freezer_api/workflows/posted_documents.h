#pragma once
// What a posted document gets before it is stored: the fields the server sets, then its
// contract (the resource's JSON schema); and a PATCH body without the keys clients may not set.
#include <rapidjson/document.h>

#include <initializer_list>
#include <string>

#include "freezer_api/call.h"
#include "freezer_api/services.h"

namespace freezer::api {

// Sets the document's `id_key` to `id`, its user_id to the caller's and its project_id to the
// URL's, then validates it against `schema` (400 naming the failing field).
void stamp_and_validate(const Services& services, const Call& call, rapidjson::Document& body,
                        const char* schema, const char* id_key, const std::string& id);

// The body of a PATCH without the keys the server sets (`server_set`, ignored as upstream
// does); 400 unless it is a JSON object. Not validated yet.
rapidjson::Document patch_body(const Call& call, std::initializer_list<const char*> server_set);

}  // namespace freezer::api
