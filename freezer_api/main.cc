// freezer-api: the Freezer REST API (v2) service.
#include <malloc.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

#include "common/api_option_catalog.h"
#include "common/config.h"
#include "common/log_options.h"
#include "common/logging.h"
#include "common/service_config.h"
#include "db/errors.h"
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

// Whether the database's schema is this release's; nullopt while the database is unreachable.
std::optional<bool> schema_is_current(db::Driver& driver) {
  try {
    auto schema = driver.schema_status();
    if (schema.current_version >= schema.latest_version) return true;
    spdlog::critical(
        "the database schema is at version {} but this release needs {}: run "
        "freezer-manage db sync",
        schema.current_version, schema.latest_version);
    return false;
  } catch (const db::Error& e) {
    if (e.kind() != db::Error::Kind::kUnavailable) throw;
    return std::nullopt;
  }
}

// Started without its database ([database] max_retries = -1): checks the schema once the
// database answers, and stops the service (SIGTERM to itself) when it is outdated.
std::jthread watch_for_the_database(db::Driver& driver, std::chrono::seconds interval,
                                    std::atomic<bool>& outdated) {
  return std::jthread([&driver, interval, &outdated](const std::stop_token& stop) {
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    while (!wake.wait_for(lock, stop, interval, [] { return false; })) {
      std::optional<bool> current;
      try {
        current = schema_is_current(driver);
      } catch (const std::exception& e) {
        spdlog::error("checking the database schema: {}", e.what());
      }
      if (!current) continue;
      if (*current) {
        spdlog::info("the database is reachable and its schema is current");
      } else {
        outdated = true;
        kill(getpid(), SIGTERM);
      }
      return;
    }
  });
}

int serve(const common::Config& config, const std::string& config_dir) {
  keep_freed_memory_for_reuse();
  api::ApiAssembly service(config, config_dir);
  const auto& options = service.options();
  const auto schema_current = schema_is_current(service.driver());
  if (schema_current == false) return 1;
  auto& app = service.application();

  // Signals are taken synchronously by this thread; every thread started below inherits the
  // blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::atomic<bool> schema_outdated{false};
  std::jthread database_watch;
  if (!schema_current)
    database_watch = watch_for_the_database(
        service.driver(),
        std::chrono::seconds(std::max<long>(
            1, common::api_option_catalog().get_int(config, "database", "retry_interval"))),
        schema_outdated);

  api::http::Server server(api::server_options(options),
                           [&app](api::http::Request& r) { return app.handle(r); });
  server.start();
  spdlog::info("freezer-api listening on {}:{} (storage {}, auth {}, {} workers)",
               options.bind_host, server.port(), service.driver().name(), options.auth_strategy,
               options.worker_threads);

  int received = 0;
  // SIGHUP: logrotate moved the log files; reopen them and go on serving.
  while (sigwait(&signals, &received) == 0 && received == SIGHUP) {
    common::reopen_log_files();
    spdlog::info("received SIGHUP: log files reopened");
  }
  spdlog::info("received signal {}, shutting down", received);
  server.shutdown();
  spdlog::info("stopped");
  return schema_outdated ? 1 : 0;
}

void log_configuration_read(const common::ServiceConfig& loaded) {
  if (loaded.files.empty()) {
    spdlog::warn(
        "no configuration file found (freezer.conf or freezer-api.conf in ~/.freezer, "
        "~, /etc/freezer, /etc; or --config-file): every option is at its default");
  } else {
    std::string files;
    for (const auto& f : loaded.files) files += (files.empty() ? "" : ", ") + f;
    spdlog::info("configuration read from {}", files);
  }
  common::warn_about_undeclared(loaded.undeclared, "freezer-api");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Freezer API service"};
  cli.set_version_flag("--version", std::string("freezer-api ") + FREEZER_VERSION);
  const auto& catalog = common::api_option_catalog();
  common::ServiceCommandLine line;
  common::add_service_options(cli, line, catalog);
  std::optional<std::string> bind_host;
  std::optional<int> bind_port;
  cli.add_option("--bind-host", bind_host, "overrides [DEFAULT] bind_host");
  cli.add_option("--bind-port", bind_port, "overrides [DEFAULT] bind_port");
  bool print_sample = false;
  cli.add_flag("--print-config-sample", print_sample,
               "print every option at its default as a sample freezer-api.conf, then exit");
  CLI11_PARSE(cli, argc, argv);
  if (print_sample) {
    std::cout << catalog.sample();
    return 0;
  }
  try {
    auto loaded = common::load_service_config(line, catalog, {"freezer.conf", "freezer-api.conf"});
    if (bind_host) loaded.config.set("DEFAULT", "bind_host", *bind_host);
    if (bind_port) loaded.config.set("DEFAULT", "bind_port", std::to_string(*bind_port));
    auto logging = common::read_log_settings(catalog, loaded.config,
                                             {"freezer-api", {"freezer_api", "freezer"}});
    logging.flush_each_line = false;  // the API logs every request
    common::setup_logging(logging, "freezer-api");
    log_configuration_read(loaded);
    return serve(loaded.config, loaded.directory);
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    std::cerr << "freezer-api: " << e.what() << "\n";
    return 1;
  }
}
