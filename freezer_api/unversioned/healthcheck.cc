#include "freezer_api/unversioned/healthcheck.h"

#include <filesystem>

#include "db/errors.h"
#include "freezer_api/call.h"
#include "freezer_api/json_response.h"

namespace freezer::api {
namespace {

// Empty when healthy, else why not.
std::string problem(Services& services) {
  std::error_code ec;
  if (std::filesystem::exists(services.options.healthcheck_disable_file, ec))
    return "DISABLED BY FILE";
  try {
    auto status = services.db.schema_status();
    if (status.current_version < status.latest_version)
      return "DATABASE SCHEMA AT VERSION " + std::to_string(status.current_version) +
             ", EXPECTED " + std::to_string(status.latest_version);
  } catch (const std::exception& e) {
    return std::string("DATABASE UNAVAILABLE: ") + e.what();
  }
  return "";
}

http::Response report(Services& services, Call& call, bool head) {
  const std::string why = problem(services);
  const int status = why.empty() ? (head ? 204 : 200) : 503;
  if (head) {
    auto response = http::Response::no_content(status);
    return response;
  }
  const std::string reason = why.empty() ? "OK" : why;
  auto accept = call.request.headers.get("accept");
  if (accept && accept->find("application/json") != std::string_view::npos) {
    rapidjson::Document doc(rapidjson::kObjectType);
    auto& a = doc.GetAllocator();
    rapidjson::Value reasons(rapidjson::kArrayType);
    reasons.PushBack(json_string(reason, a), a);
    doc.AddMember("detailed", false, a);
    doc.AddMember("reasons", reasons, a);
    return json_response(status, doc);
  }
  auto response = http::Response::json(status, reason);
  response.content_type = "text/plain; charset=UTF-8";
  return response;
}

}  // namespace

void set_healthcheck(http::Router& router, Services& services) {
  router.add_public(http::Method::kGet, "/healthcheck",
                    [&](Call& call) { return report(services, call, false); });
  router.add_public(http::Method::kHead, "/healthcheck",
                    [&](Call& call) { return report(services, call, true); });
}

}  // namespace freezer::api
