#include "tests/support/api_server.h"

#include <stdexcept>

#include "common/json.h"

namespace freezer::testing {

ApiServer::ApiServer(const std::string& extra_config) {
  char pattern[] = "/tmp/freezer-api-test-XXXXXX";
  if (mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  db_path_ = dir_ / "freezer.db";
  auto config = common::Config::parse(
      "[DEFAULT]\nbind_host = 127.0.0.1\nbind_port = 0\n"
      "[api]\nauth_strategy = noauth\nworker_threads = 4\nio_threads = 1\n"
      "[database]\nconnection = sqlite:///" + db_path_.string() + "\n" + extra_config);
  service_ = std::make_unique<api::ApiService>(config, dir_.string());
  service_->driver().sync_schema();
  const auto& options = service_->options();
  api::http::ServerOptions server_options{"127.0.0.1", 0, options.io_threads,
                                          options.worker_threads, options.max_body_size};
  auto& app = service_->application();
  server_ = std::make_unique<api::http::Server>(
      server_options, [&app](api::http::Request& r) { return app.handle(r); });
  server_->start();
}

ApiServer::~ApiServer() {
  server_->shutdown();
  server_.reset();
  service_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string ApiServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(server_->port());
}

rapidjson::Document parse(const std::string& body) {
  rapidjson::Document doc;
  if (!common::parse_json(body, doc)) throw std::runtime_error("response is not JSON: " + body);
  return doc;
}

}  // namespace freezer::testing
