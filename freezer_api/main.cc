// freezer-api: the Freezer REST API (v2) service.
#include <malloc.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <filesystem>
#include <iostream>

#include "common/api_option_catalog.h"
#include "common/config.h"
#include "common/logging.h"
#include "freezer_api/assembly.h"
#include "freezer_api/http/server.h"

namespace {

using namespace freezer;

// glibc gives the free top of each thread's heap back to the kernel as soon as it passes
// 128 KiB; requests free and reallocate about that much, so every few requests paid a
// madvise, a TLB shootdown on every core and fresh page faults (a tenth of GET job's profile).
// A fixed threshold keeps a few megabytes per arena instead.
void keep_freed_memory_for_reuse() {
  constexpr int kTrimThreshold = 8 * 1024 * 1024;
  mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
  mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
}

int serve(const common::Config& config, const std::string& config_dir) {
  keep_freed_memory_for_reuse();
  api::ApiAssembly service(config, config_dir);
  const auto& options = service.options();
  auto schema = service.driver().schema_status();
  if (schema.current_version < schema.latest_version) {
    spdlog::critical(
        "the database schema is at version {} but this release needs {}: run "
        "freezer-manage db sync",
        schema.current_version, schema.latest_version);
    return 1;
  }
  auto& app = service.application();

  // Signals are taken synchronously by this thread; every thread started below inherits the
  // blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  api::http::Server server(api::server_options(options),
                           [&app](api::http::Request& r) { return app.handle(r); });
  server.start();
  spdlog::info("freezer-api listening on {}:{} (storage {}, auth {}, {} workers)",
               options.bind_host, server.port(), service.driver().name(), options.auth_strategy,
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
  cli.set_version_flag("--version", std::string("freezer-api ") + FREEZER_VERSION);
  std::string config_file = "/etc/freezer/freezer-api.conf";
  std::optional<std::string> bind_host;
  std::optional<int> bind_port;
  cli.add_option("--config-file", config_file, "configuration file");
  cli.add_option("--bind-host", bind_host, "overrides [DEFAULT] bind_host");
  cli.add_option("--bind-port", bind_port, "overrides [DEFAULT] bind_port");
  bool print_sample = false;
  cli.add_flag("--print-config-sample", print_sample,
               "print every option at its default as a sample freezer-api.conf, then exit");
  CLI11_PARSE(cli, argc, argv);
  if (print_sample) {
    std::cout << common::api_option_catalog().sample();
    return 0;
  }
  try {
    auto config = common::Config::load_file(config_file);
    if (bind_host) config.set("DEFAULT", "bind_host", *bind_host);
    if (bind_port) config.set("DEFAULT", "bind_port", std::to_string(*bind_port));
    common::setup_logging(config, "freezer-api");
    return serve(config, std::filesystem::path(config_file).parent_path().string());
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    std::cerr << "freezer-api: " << e.what() << "\n";
    return 1;
  }
}
