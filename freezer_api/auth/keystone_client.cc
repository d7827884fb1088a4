#include "freezer_api/auth/keystone_client.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <ctime>

#include "common/json.h"

namespace freezer::api {
namespace {

const char* kJson = "Content-Type: application/json";

using common::member_id;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

void string(rapidjson::Writer<rapidjson::StringBuffer>& w, const std::string& value) {
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

}  // namespace

std::string trust_request_body(const std::string& trustor_user_id,
                               const std::string& trustee_user_id, const std::string& project_id,
                               const std::vector<std::string>& roles) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("trust");
  w.StartObject();
  w.Key("trustor_user_id");
  string(w, trustor_user_id);
  w.Key("trustee_user_id");
  string(w, trustee_user_id);
  w.Key("project_id");
  string(w, project_id);
  w.Key("impersonation");
  w.Bool(false);
  w.Key("allow_redelegation");
  w.Bool(false);
  w.Key("roles");
  w.StartArray();
  for (const auto& role : roles) {
    w.StartObject();
    w.Key("name");
    string(w, role);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return buffer.GetString();
}

KeystoneClient::KeystoneClient(KeystoneOptions options)
    : options_(std::move(options)),
      v3_url_(options_.v3_url()),
      http_(common::HttpClientOptions{options_.http_connect_timeout, options_.http_request_timeout,
                                      !options_.insecure, options_.cafile}) {}

IssuedToken KeystoneClient::authenticate_service_user() const {
  return common::issue_keystone_token(http_, v3_url_, options_.credentials, false);
}

std::optional<std::string> KeystoneClient::validation_body(const std::string& service_token,
                                                           const std::string& subject_token,
                                                           bool allow_expired) const {
  auto response =
      http_.request("GET",
                    v3_url_ + (allow_expired ? "/auth/tokens?nocatalog&allow_expired=1"
                                             : "/auth/tokens?nocatalog"),
                    {"X-Auth-Token: " + service_token, "X-Subject-Token: " + subject_token});
  if (response.status == 404) return std::nullopt;
  if (response.status != 200)
    throw KeystoneError(response.status,
                        "token validation failed (HTTP " + std::to_string(response.status) + ")");
  return std::move(response.body);
}

std::optional<TokenInfo> parse_validation(std::string_view body) {
  rapidjson::Document doc;
  if (!common::parse_json(body, doc) || !doc.IsObject() || !doc.HasMember("token") ||
      !doc["token"].IsObject())
    return std::nullopt;
  const auto& token = doc["token"];
  TokenInfo info;
  auto& id = info.identity;
  id.user_id = member_id(token, "user");
  if (auto user = token.FindMember("user"); user != token.MemberEnd() && user->value.IsObject())
    id.user_domain_id = member_id(user->value, "domain");
  if (auto project = token.FindMember("project");
      project != token.MemberEnd() && project->value.IsObject()) {
    id.project_id = member_id(token, "project");
    id.project_domain_id = member_id(project->value, "domain");
  }
  id.domain_id = member_id(token, "domain");
  if (auto roles = token.FindMember("roles"); roles != token.MemberEnd() && roles->value.IsArray())
    for (const auto& role : roles->value.GetArray())
      if (role.IsObject() && role.HasMember("name") && role["name"].IsString())
        id.roles.push_back(lower(role["name"].GetString()));
  if (auto trust = token.FindMember("OS-TRUST:trust");
      trust != token.MemberEnd() && trust->value.IsObject()) {
    TrustScope scope;
    if (trust->value.HasMember("id") && trust->value["id"].IsString())
      scope.trust_id = trust->value["id"].GetString();
    scope.trustor_user_id = member_id(trust->value, "trustor_user");
    scope.trustee_user_id = member_id(trust->value, "trustee_user");
    id.trust = scope;
  }
  auto expires = token.FindMember("expires_at");
  auto when = expires != token.MemberEnd() && expires->value.IsString()
                  ? parse_keystone_time(expires->value.GetString())
                  : std::nullopt;
  if (!when) return std::nullopt;
  info.expires_at = *when;
  return info;
}

namespace {

KeystoneClient::Trust trust_from_json(const rapidjson::Value& t) {
  KeystoneClient::Trust trust;
  auto text = [&t](const char* key) { return common::string_member_or_empty(t, key); };
  trust.id = text("id");
  trust.trustor_user_id = text("trustor_user_id");
  trust.trustee_user_id = text("trustee_user_id");
  trust.project_id = text("project_id");
  if (auto roles = t.FindMember("roles"); roles != t.MemberEnd() && roles->value.IsArray())
    for (const auto& role : roles->value.GetArray())
      if (role.IsObject() && role.HasMember("name") && role["name"].IsString())
        trust.roles.push_back(lower(role["name"].GetString()));
  if (auto expires = t.FindMember("expires_at");
      expires != t.MemberEnd() && expires->value.IsString())
    if (auto when = parse_keystone_time(expires->value.GetString()))
      trust.expired = *when <= std::chrono::system_clock::now();
  if (auto uses = t.FindMember("remaining_uses"); uses != t.MemberEnd() && !uses->value.IsNull())
    trust.limited_uses = true;
  return trust;
}

}  // namespace

std::vector<KeystoneClient::Trust> KeystoneClient::list_trusts(
    const std::string& token, const std::string& trustor_user_id,
    const std::string& trustee_user_id) const {
  auto response = http_.request("GET",
                                v3_url_ + "/OS-TRUST/trusts?trustor_user_id=" + trustor_user_id +
                                    "&trustee_user_id=" + trustee_user_id,
                                {"X-Auth-Token: " + token});
  if (response.status != 200)
    throw KeystoneError(response.status,
                        "listing trusts failed (HTTP " + std::to_string(response.status) + ")");
  rapidjson::Document doc;
  std::vector<Trust> out;
  if (!common::parse_json(response.body, doc) || !doc.IsObject() || !doc.HasMember("trusts") ||
      !doc["trusts"].IsArray())
    throw KeystoneError(response.status, "Keystone answered an unreadable trust list");
  for (const auto& t : doc["trusts"].GetArray())
    if (t.IsObject()) out.push_back(trust_from_json(t));
  return out;
}

std::optional<KeystoneClient::Trust> KeystoneClient::get_trust(const std::string& token,
                                                               const std::string& trust_id) const {
  auto response =
      http_.request("GET", v3_url_ + "/OS-TRUST/trusts/" + trust_id, {"X-Auth-Token: " + token});
  if (response.status == 404) return std::nullopt;
  rapidjson::Document doc;
  if (response.status != 200 || !common::parse_json(response.body, doc) || !doc.HasMember("trust"))
    throw KeystoneError(response.status, "reading trust " + trust_id + " failed (HTTP " +
                                             std::to_string(response.status) + ")");
  return trust_from_json(doc["trust"]);
}

KeystoneClient::Trust KeystoneClient::create_trust(const std::string& token,
                                                   const std::string& trustor_user_id,
                                                   const std::string& trustee_user_id,
                                                   const std::string& project_id,
                                                   const std::vector<std::string>& roles) const {
  auto response =
      http_.request("POST", v3_url_ + "/OS-TRUST/trusts", {"X-Auth-Token: " + token, kJson},
                    trust_request_body(trustor_user_id, trustee_user_id, project_id, roles));
  rapidjson::Document doc;
  if (response.status != 201 || !common::parse_json(response.body, doc) || !doc.HasMember("trust"))
    throw KeystoneError(response.status, "creating the trust failed (HTTP " +
                                             std::to_string(response.status) +
                                             "): " + response.body);
  return trust_from_json(doc["trust"]);
}

bool KeystoneClient::delete_trust(const std::string& token, const std::string& trust_id) const {
  auto response =
      http_.request("DELETE", v3_url_ + "/OS-TRUST/trusts/" + trust_id, {"X-Auth-Token: " + token});
  return response.status == 204 || response.status == 404;
}

}  // namespace freezer::api
