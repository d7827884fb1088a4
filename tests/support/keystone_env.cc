#include "tests/support/keystone_env.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace freezer::testing {

std::string password_of(const std::string& user) { return user + "pass"; }

KeystoneEnv::KeystoneEnv() {
  const char* dir = std::getenv("FREEZER_TEST_KS_DIR");
  std::string path = std::string(dir ? dir : "/tmp/freezer-test-keystone") + "/ids.env";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("no test Keystone: " + path + " is missing");
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq != std::string::npos) ids_[line.substr(0, eq)] = line.substr(eq + 1);
  }
}

const std::string& KeystoneEnv::id(const std::string& key) const {
  auto it = ids_.find(key);
  if (it == ids_.end()) throw std::runtime_error("ids.env has no " + key);
  return it->second;
}

std::string KeystoneEnv::root_url() const {
  std::string u = url();
  return u.substr(0, u.size() - 3);
}

std::string KeystoneEnv::token(const std::string& user, const std::string& project) const {
  std::string body =
      R"({"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": ")" + user +
      R"(", "domain": {"id": "default"}, "password": ")" + password_of(user) +
      R"("}}}, "scope": {"project": {"name": ")" + project +
      R"(", "domain": {"id": "default"}}}}})";
  auto r = http_.request("POST", url() + "/auth/tokens?nocatalog",
                         {"Content-Type: application/json"}, body);
  if (r.status != 201) throw std::runtime_error("cannot get a token for " + user + ": " + r.body);
  return r.header("x-subject-token");
}

std::string KeystoneEnv::trust_token(const std::string& user, const std::string& trust_id) const {
  std::string body =
      R"({"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": ")" + user +
      R"(", "domain": {"id": "default"}, "password": ")" + password_of(user) +
      R"("}}}, "scope": {"OS-TRUST:trust": {"id": ")" + trust_id + R"("}}}})";
  auto r = http_.request("POST", url() + "/auth/tokens?nocatalog",
                         {"Content-Type: application/json"}, body);
  if (r.status != 201) throw std::runtime_error("cannot get a trust token: " + r.body);
  return r.header("x-subject-token");
}

common::HttpResponse KeystoneEnv::call(const std::string& method, const std::string& path,
                                       const std::string& token, const std::string& body) const {
  std::vector<std::string> headers{"X-Auth-Token: " + token};
  if (!body.empty()) headers.emplace_back("Content-Type: application/json");
  return http_.request(method, url() + path, headers, body);
}

std::string KeystoneEnv::api_config() const {
  return "[api]\nauth_strategy = keystone\n"
         "[keystone_authtoken]\nwww_authenticate_uri = " +
         root_url() + "\nauth_url = " + root_url() +
         "\nauth_type = password\nusername = freezer\npassword = freezerpass\n"
         "project_name = service\nuser_domain_name = Default\nproject_domain_name = Default\n"
         "region_name = RegionOne\nservice_token_roles_required = true\n";
}

}  // namespace freezer::testing
