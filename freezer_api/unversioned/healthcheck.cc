#include "freezer_api/unversioned/healthcheck.h"

#include <sys/utsname.h>

#include <chrono>
#include <filesystem>
#include <optional>

#include "db/errors.h"
#include "freezer_api/call.h"
#include "freezer_api/json_response.h"

namespace freezer::api {
namespace {

// What the checks found: `problem` empty when healthy.
struct Findings {
  std::string problem;
  bool disabled_by_file = false;
  std::optional<db::SchemaStatus> schema;  // absent: the database did not answer
  std::string database_error;
  double database_ms = 0;
};

Findings check(Services& services) {
  Findings found;
  std::error_code ec;
  if (std::filesystem::exists(services.options.healthcheck_disable_file, ec)) {
    found.disabled_by_file = true;
    found.problem = "DISABLED BY FILE";
    return found;
  }
  const auto started = std::chrono::steady_clock::now();
  try {
    found.schema = services.db.schema_status();
    if (found.schema->current_version < found.schema->latest_version)
      found.problem = "DATABASE SCHEMA AT VERSION " +
                      std::to_string(found.schema->current_version) + ", EXPECTED " +
                      std::to_string(found.schema->latest_version);
  } catch (const std::exception& e) {
    found.database_error = e.what();
    found.problem = "DATABASE UNAVAILABLE: " + found.database_error;
  }
  found.database_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return found;
}

// UTC as Python's str(datetime) writes it: "2026-12-06 06:11:59.419267".
std::string now_utc() {
  const auto now = std::chrono::system_clock::now();
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch() %
                                                                            std::chrono::seconds(1))
                          .count();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  const auto n = std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &utc);
  std::snprintf(text + n, sizeof text - n, ".%06lld", static_cast<long long>(micros));
  return text;
}

std::string platform() {
  utsname names{};
  if (uname(&names) != 0) return "";
  return std::string(names.sysname) + "-" + names.release + "-" + names.machine;
}

// oslo.middleware's detailed JSON (detailed, now, platform, reasons with reason, details and
// class), with the backends this service depends on in place of Python's gc and threads.
rapidjson::Document detailed_body(Services& services, const Findings& found) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  const std::string reason = found.problem.empty() ? "OK" : found.problem;
  doc.AddMember("detailed", true, a);
  doc.AddMember("now", json_string(now_utc(), a), a);
  doc.AddMember("platform", json_string(platform(), a), a);
  rapidjson::Value result(rapidjson::kObjectType);
  result.AddMember("reason", json_string(reason, a), a);
  result.AddMember("details", json_string(found.database_error, a), a);
  result.AddMember("class", "HealthcheckResult", a);
  rapidjson::Value reasons(rapidjson::kArrayType);
  reasons.PushBack(result, a);
  doc.AddMember("reasons", reasons, a);

  rapidjson::Value database(rapidjson::kObjectType);
  database.AddMember("driver", json_string(services.db.name(), a), a);
  database.AddMember("reachable", found.schema.has_value() || found.disabled_by_file, a);
  if (found.schema) {
    database.AddMember("schema_version", found.schema->current_version, a);
    database.AddMember("schema_version_expected", found.schema->latest_version, a);
    database.AddMember("response_ms", found.database_ms, a);
  }
  if (!found.database_error.empty())
    database.AddMember("error", json_string(found.database_error, a), a);
  rapidjson::Value disable_file(rapidjson::kObjectType);
  disable_file.AddMember("path", json_string(services.options.healthcheck_disable_file, a), a);
  disable_file.AddMember("present", found.disabled_by_file, a);
  rapidjson::Value backends(rapidjson::kObjectType);
  if (!found.disabled_by_file) backends.AddMember("database", database, a);
  backends.AddMember("disable_by_file", disable_file, a);
  doc.AddMember("backends", backends, a);
  return doc;
}

http::Response report(Services& services, Call& call, bool head) {
  const Findings found = check(services);
  const int status = found.problem.empty() ? (head ? 204 : 200) : 503;
  if (head) return http::Response::no_content(status);
  const std::string reason = found.problem.empty() ? "OK" : found.problem;
  auto accept = call.request.headers.get("accept");
  if (accept && accept->find("application/json") != std::string_view::npos) {
    if (services.options.healthcheck_detailed && call.context.is_admin())
      return json_response(status, detailed_body(services, found));
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
  // Only with [healthcheck] detailed does a token sent here cost a validation.
  const auto access = services.options.healthcheck_detailed ? http::Access::kPublicCallerKnown
                                                            : http::Access::kPublic;
  router.add_public(
      http::Method::kGet, "/healthcheck", [&](Call& call) { return report(services, call, false); },
      access);
  router.add_public(
      http::Method::kHead, "/healthcheck", [&](Call& call) { return report(services, call, true); },
      access);
}

}  // namespace freezer::api
