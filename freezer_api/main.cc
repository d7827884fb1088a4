// freezer-api: the Freezer REST API (v2) service.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>

#include "common/config.h"
#include "common/logging.h"
#include "db/driver_factory.h"
#include "freezer_api/api_options.h"
#include "freezer_api/application.h"
#include "freezer_api/auth/noauth_context_builder.h"
#include "freezer_api/http/server.h"
#include "freezer_api/schema_registry.h"

namespace {

using namespace freezer;

std::unique_ptr<api::ContextBuilder> make_context_builder(const api::ApiOptions& options) {
  if (options.auth_strategy == "noauth") {
    if (!api::is_loopback_address(options.bind_host) && !options.allow_noauth_on_public_address)
      throw common::ConfigError(
          "refusing to serve without authentication on " + options.bind_host +
          ": bind to a loopback address, or set [api] allow_noauth_on_public_address = true");
    spdlog::warn("auth_strategy=noauth: callers are trusted to say who they are (X-User-Id, "
                 "X-Project-Id, X-Roles)");
    return std::make_unique<api::NoAuthContextBuilder>();
  }
  throw common::ConfigError(
      "[api] auth_strategy = keystone is not available in this build yet; use noauth on a "
      "loopback address");
}

int serve(const common::Config& config) {
  auto options = api::ApiOptions::from_config(config);
  auto auth = make_context_builder(options);
  auto driver = db::make_driver(config, options.worker_threads);
  auto schema = driver->schema_status();
  if (schema.current_version < schema.latest_version) {
    spdlog::critical("the database schema is at version {} but this release needs {}: run "
                     "freezer-manage db sync",
                     schema.current_version, schema.latest_version);
    return 1;
  }
  api::SchemaRegistry schemas;
  api::Application app(api::Services{*driver, schemas, options}, *auth);

  // Signals are taken synchronously by this thread; every thread started below inherits the
  // blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  api::http::ServerOptions server_options{options.bind_host, options.bind_port, options.io_threads,
                                          options.worker_threads, options.max_body_size};
  api::http::Server server(server_options, [&app](api::http::Request& r) { return app.handle(r); });
  server.start();
  spdlog::info("freezer-api listening on {}:{} (storage {}, auth {}, {} workers)",
               options.bind_host, server.port(), driver->name(), options.auth_strategy,
               options.worker_threads);

  int received = 0;
  sigwait(&signals, &received);
  spdlog::info("received signal {}, shutting down", received);
  server.shutdown();
  spdlog::info("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Freezer API service"};
  std::string config_file = "/etc/freezer/freezer-api.conf";
  std::optional<std::string> bind_host;
  std::optional<int> bind_port;
  cli.add_option("--config-file", config_file, "configuration file");
  cli.add_option("--bind-host", bind_host, "overrides [DEFAULT] bind_host");
  cli.add_option("--bind-port", bind_port, "overrides [DEFAULT] bind_port");
  CLI11_PARSE(cli, argc, argv);
  try {
    auto config = common::Config::load_file(config_file);
    if (bind_host) config.set("DEFAULT", "bind_host", *bind_host);
    if (bind_port) config.set("DEFAULT", "bind_port", std::to_string(*bind_port));
    common::setup_logging(config, "freezer-api");
    return serve(config);
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    std::cerr << "freezer-api: " << e.what() << "\n";
    return 1;
  }
}
