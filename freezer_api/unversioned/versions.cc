#include "freezer_api/unversioned/versions.h"

#include "freezer_api/call.h"
#include "freezer_api/json_response.h"

namespace freezer::api {

void set_versions(http::Router& router) {
  router.add_public(http::Method::kGet, "/", [](Call& call) {
    // The link is built per request from the Host the client used.
    const std::string host = call.request.host.empty() ? "localhost" : call.request.host;
    rapidjson::Document doc(rapidjson::kObjectType);
    auto& a = doc.GetAllocator();
    rapidjson::Value link(rapidjson::kObjectType);
    link.AddMember(
        "href",
        json_string(call.request.scheme + "://" + host + call.request.script_name + "/v2/", a), a);
    link.AddMember("rel", "self", a);
    rapidjson::Value links(rapidjson::kArrayType);
    links.PushBack(link, a);
    rapidjson::Value v2(rapidjson::kObjectType);
    v2.AddMember("id", "v2", a);
    v2.AddMember("status", "CURRENT", a);
    v2.AddMember("updated", "2018-02-21T13:30:00", a);
    v2.AddMember("links", links, a);
    rapidjson::Value versions(rapidjson::kArrayType);
    versions.PushBack(v2, a);
    doc.AddMember("versions", versions, a);
    return json_response(300, doc);
  });
}

}  // namespace freezer::api
