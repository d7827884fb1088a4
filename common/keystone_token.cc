#include "common/keystone_token.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <ctime>

#include "common/json.h"

namespace freezer::common {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void key_value(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

// {"id": ...} or {"name": ..., "domain": {"id"|"name": ...}}.
void reference(Writer& w, const std::string& id, const std::string& name,
               const std::string& domain_id, const std::string& domain_name) {
  if (!id.empty()) {
    key_value(w, "id", id);
    return;
  }
  key_value(w, "name", name);
  w.Key("domain");
  w.StartObject();
  if (!domain_id.empty()) {
    key_value(w, "id", domain_id);
  } else {
    key_value(w, "name", domain_name.empty() ? "Default" : domain_name);
  }
  w.EndObject();
}

}  // namespace

std::string member_id(const rapidjson::Value& obj, const char* key) {
  if (!obj.IsObject()) return "";
  auto it = obj.FindMember(key);
  return it == obj.MemberEnd() ? "" : string_member_or_empty(it->value, "id");
}

KeystoneCredentials read_keystone_credentials(
    const std::function<std::string(const std::string& name)>& option) {
  KeystoneCredentials c;
  c.username = option("username");
  c.password = option("password");
  c.user_domain_id = option("user_domain_id");
  c.user_domain_name = option("user_domain_name");
  c.project_id = option("project_id");
  c.project_name = option("project_name");
  c.project_domain_id = option("project_domain_id");
  c.project_domain_name = option("project_domain_name");
  return c;
}

std::string keystone_v3_url(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.size() < 3 || url.compare(url.size() - 3, 3, "/v3") != 0) url += "/v3";
  return url;
}

std::string keystone_auth_body(const KeystoneCredentials& c) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  const bool application_credential = !c.application_credential_secret.empty();
  bool password = !application_credential && (!c.password.empty() || c.token.empty());
  w.StartObject();
  w.Key("auth");
  w.StartObject();
  w.Key("identity");
  w.StartObject();
  w.Key("methods");
  w.StartArray();
  w.String(application_credential ? "application_credential" : password ? "password" : "token");
  w.EndArray();
  if (application_credential) {
    w.Key("application_credential");
    w.StartObject();
    if (!c.application_credential_id.empty()) {
      key_value(w, "id", c.application_credential_id);
    } else {
      key_value(w, "name", c.application_credential_name);
      w.Key("user");
      w.StartObject();
      reference(w, c.user_id, c.username, c.user_domain_id, c.user_domain_name);
      w.EndObject();
    }
    key_value(w, "secret", c.application_credential_secret);
    w.EndObject();
  } else if (password) {
    w.Key("password");
    w.StartObject();
    w.Key("user");
    w.StartObject();
    reference(w, c.user_id, c.username, c.user_domain_id, c.user_domain_name);
    key_value(w, "password", c.password);
    w.EndObject();
    w.EndObject();
  } else {
    w.Key("token");
    w.StartObject();
    key_value(w, "id", c.token);
    w.EndObject();
  }
  w.EndObject();
  if (application_credential) {
    // scoped by the credential itself
  } else if (!c.trust_id.empty()) {
    w.Key("scope");
    w.StartObject();
    w.Key("OS-TRUST:trust");
    w.StartObject();
    key_value(w, "id", c.trust_id);
    w.EndObject();
    w.EndObject();
  } else if (!c.project_id.empty() || !c.project_name.empty()) {
    w.Key("scope");
    w.StartObject();
    w.Key("project");
    w.StartObject();
    reference(w, c.project_id, c.project_name, c.project_domain_id, c.project_domain_name);
    w.EndObject();
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return buffer.GetString();
}

IssuedToken issue_keystone_token(const HttpClient& http, const std::string& v3_url,
                                 const KeystoneCredentials& credentials, bool with_catalog) {
  auto response =
      http.request("POST", v3_url + (with_catalog ? "/auth/tokens" : "/auth/tokens?nocatalog"),
                   {"Content-Type: application/json", "Accept: application/json"},
                   keystone_auth_body(credentials));
  if (response.status != 201) {
    std::string detail;
    rapidjson::Document error;
    if (parse_json(response.body, error) && error.IsObject() && error.HasMember("error"))
      detail = string_member_or_empty(error["error"], "message");
    throw KeystoneError(response.status, "Keystone refused to issue a token (HTTP " +
                                             std::to_string(response.status) + ")" +
                                             (detail.empty() ? "" : ": " + detail));
  }
  IssuedToken issued;
  issued.token = response.header("x-subject-token");
  rapidjson::Document doc;
  if (issued.token.empty() || !parse_json(response.body, doc) || !doc.IsObject() ||
      !doc.HasMember("token") || !doc["token"].IsObject())
    throw KeystoneError(response.status, "Keystone issued no token");
  const auto& token = doc["token"];
  issued.user_id = member_id(token, "user");
  issued.project_id = member_id(token, "project");
  auto expires = parse_keystone_time(string_member_or_empty(token, "expires_at"));
  if (!expires) throw KeystoneError(response.status, "Keystone issued a token without expires_at");
  issued.expires_at = *expires;
  if (auto catalog = token.FindMember("catalog");
      catalog != token.MemberEnd() && catalog->value.IsArray())
    for (const auto& service : catalog->value.GetArray()) {
      auto endpoints = service.IsObject() ? service.FindMember("endpoints") : service.MemberEnd();
      if (!service.IsObject() || endpoints == service.MemberEnd() || !endpoints->value.IsArray())
        continue;
      for (const auto& e : endpoints->value.GetArray()) {
        std::string region = string_member_or_empty(e, "region_id");
        if (region.empty()) region = string_member_or_empty(e, "region");
        issued.catalog.push_back({string_member_or_empty(service, "type"),
                                  string_member_or_empty(e, "interface"), region,
                                  string_member_or_empty(e, "url")});
      }
    }
  return issued;
}

std::optional<std::string> find_endpoint(const std::vector<CatalogEndpoint>& catalog,
                                         const std::string& type, const std::string& interface,
                                         const std::string& region) {
  for (const auto& e : catalog)
    if (e.type == type && e.interface == interface && (region.empty() || e.region == region))
      return e.url;
  return std::nullopt;
}

std::optional<std::chrono::system_clock::time_point> parse_keystone_time(const std::string& text) {
  std::tm tm{};
  const char* rest = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (rest == nullptr) return std::nullopt;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

}  // namespace freezer::common
