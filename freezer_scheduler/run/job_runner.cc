#include "freezer_scheduler/run/job_runner.h"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include "common/host_name.h"
#include "common/json.h"
#include "freezer_scheduler/api/request_bodies.h"
#include "freezer_scheduler/job/job_files.h"
#include "freezer_scheduler/job/report_body.h"
#include "freezer_scheduler/run/agent_config.h"
#include "freezer_scheduler/run/cinder_native.h"

namespace freezer::scheduler {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A private directory for one agent run (mode 0700), removed with what is in it.
class RunDirectory {
 public:
  RunDirectory() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp != nullptr && *tmp ? tmp : "/tmp") + "/freezer-agent-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr)
      throw std::system_error(errno, std::generic_category(), "cannot create " + pattern);
    path_ = pattern;
  }
  ~RunDirectory() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

bool contains_exec(const JobDocument& job) {
  for (const auto& a : job.actions)
    if (a.action == "exec") return true;
  return false;
}

}  // namespace

JobRunner::JobRunner(const SchedulerOptions& options, AgentLauncher& launcher, FreezerClient* api,
                     KeystoneIdentity* trust, std::string run_key, CinderShared* cinder)
    : options_(options),
      launcher_(launcher),
      api_(api),
      trust_(trust),
      run_key_(std::move(run_key)),
      cinder_(cinder),
      environment_(current_environment()) {}

RunResult JobRunner::run(const JobDocument& job, RunControl& control, RunObserver& observer) {
  long long tag = job.session_tag;
  if (!job.session_id.empty() && api_ != nullptr) {
    tag = start_session(job, control);
    if (tag != job.session_tag) observer.session_tag_changed(tag);
  }
  RunResult result = RunResult::success;
  if (options_.disable_exec && contains_exec(job)) {
    spdlog::error(
        "Job {} failed because it contains an exec action and exec actions are "
        "disabled by this scheduler ([scheduler] disable_exec)",
        job.job_id);
    result = RunResult::fail;
  } else {
    for (const auto& action : job.actions) {
      if (control.aborted()) {
        spdlog::warn("skipping {} action: job {} was aborted", action.action, job.job_id);
        result = RunResult::aborted;
        continue;
      }
      if (!action.mandatory && result != RunResult::success) {
        spdlog::warn("skipping {} action", action.action);
        continue;
      }
      auto outcome = options_.centralized ? run_native_action(job, action, control)
                                          : run_action(job, action, control, observer);
      if (outcome != RunResult::success) result = outcome;
    }
  }
  if (!job.session_id.empty() && api_ != nullptr) end_session(job, tag, result);
  return result;
}

RunResult JobRunner::with_retries(const JobDocument& job, const ActionSpec& action,
                                  RunControl& control,
                                  const std::function<TryOutcome(long long, long long)>& attempt) {
  long long tries = std::max(0LL, action.max_retries) + 1;
  auto interval = std::chrono::seconds(std::max(0LL, action.max_retries_interval));
  for (long long n = 1; n <= tries; ++n) {
    if (control.aborted()) return RunResult::aborted;
    auto outcome = attempt(n, tries);
    if (outcome.result != RunResult::fail) return outcome.result;
    if (!outcome.retryable) {
      spdlog::error("Job {} action {} failed; it cannot succeed as written: not retried",
                    job.job_id, action.action);
      return RunResult::fail;
    }
    if (n < tries) {
      spdlog::warn("Job {} failed {} action, retrying in {} seconds", job.job_id, action.action,
                   interval.count());
      if (!control.wait_for(interval)) return RunResult::aborted;
    }
  }
  spdlog::error("Job {} action {} failed after {} tries", job.job_id, action.action, tries);
  return RunResult::fail;
}

RunResult JobRunner::run_action(const JobDocument& job, const ActionSpec& action,
                                RunControl& control, RunObserver& observer) {
  rapidjson::Document freezer_action;
  freezer_action.Parse(action.freezer_action.c_str());
  std::vector<std::string> skipped;
  std::string ini = agent_config_ini(freezer_action, job.trust_id, &skipped);
  for (const auto& key : skipped)
    spdlog::warn("Job {}: freezer_action key '{}' cannot be passed to the agent", job.job_id, key);
  auto environment = agent_environment(environment_, options_, job.trust_id);
  return with_retries(job, action, control, [&](long long attempt, long long tries) {
    return run_agent_once(job, action, ini, environment, control, observer, attempt, tries);
  });
}

JobRunner::TryOutcome JobRunner::run_agent_once(const JobDocument& job, const ActionSpec& action,
                                                const std::string& ini,
                                                const std::vector<std::string>& environment,
                                                RunControl& control, RunObserver& observer,
                                                long long attempt, long long tries) {
  AgentExit exit;
  std::string metadata;
  try {
    RunDirectory dir;
    auto config = dir.path() / "action.ini";
    auto metadata_file = dir.path() / "metadata.json";
    write_private_file(config.string(), ini, true);
    auto agent = launcher_.launch(
        AgentCommand{options_.agent_path,
                     {"--metadata-out", metadata_file.string(), "--config", config.string()},
                     environment,
                     ""});
    spdlog::info("Job {} action {}: freezer-agent started (pid {}, try {} of {})", job.job_id,
                 action.action, agent->pid(), attempt, tries);
    observer.agent_started(agent->pid());
    control.set_agent(agent.get());
    exit = agent->wait(options_.agent_timeout, options_.agent_kill_grace);
    control.set_agent(nullptr);
    std::error_code ec;
    if (fs::exists(metadata_file, ec)) metadata = trimmed(read_file(metadata_file));
  } catch (const std::exception& e) {
    spdlog::error("Job {} action {}: {}", job.job_id, action.action, e.what());
    exit = AgentExit{};
    exit.exit_code = 127;
  }
  bool ok = exit.exit_code == 0 && exit.signal == 0;
  if (auto out = trimmed(exit.stdout_tail); !out.empty())
    spdlog::info("Job {} action {}: freezer-agent output: {}", job.job_id, action.action, out);
  if (auto err = trimmed(exit.stderr_tail); !err.empty()) {
    if (ok) {
      spdlog::warn("Freezer client warnings: {}", err);
    } else {
      spdlog::error("Freezer client error: {}", err);
    }
  }
  // Whatever the agent printed on stderr, metadata it wrote is a backup that exists.
  if (!metadata.empty()) upload_metadata(job, metadata);

  if (exit.timed_out) {
    spdlog::error("Job {} action {} ran longer than [scheduler] agent_timeout ({} s): stopped",
                  job.job_id, action.action, options_.agent_timeout.count());
    return {RunResult::aborted};
  }
  if (exit.stopped || exit.signal == SIGTERM) {
    spdlog::warn(
        "Freezer-agent was killed by the scheduler. Cleanup should be done manually: "
        "container, mountpoint and lvm snapshots.");
    return {RunResult::aborted};
  }
  if (!ok) return {RunResult::fail};
  spdlog::info("Job {} action {} returned success exit code", job.job_id, action.action);
  return {RunResult::success};
}

RunResult JobRunner::run_native_action(const JobDocument& job, const ActionSpec& action,
                                       RunControl& control) {
  if (trust_ == nullptr) {
    spdlog::error("Job {} has no trust: service mode cannot act in its project", job.job_id);
    return RunResult::fail;
  }
  rapidjson::Document freezer_action;
  freezer_action.Parse(action.freezer_action.c_str());
  return with_retries(job, action, control, [&](long long attempt, long long tries) -> TryOutcome {
    spdlog::info("Job {} action {}: cindernative, try {} of {}", job.job_id, action.action, attempt,
                 tries);
    CinderClient cinder(*trust_, options_.cinder, http_options_for(options_),
                        cinder_ ? &cinder_->microversions : nullptr);
    // One key per action of the run: a job may back up several volumes.
    std::string action_key = run_key_.empty() ? "" : run_key_ + "/" + action.action_id;
    CinderNativeActions native(cinder, options_.cinder, control, common::host_name(), action_key,
                               cinder_);
    auto outcome = native.run(job, freezer_action);
    if (!outcome.metadata.empty()) upload_metadata(job, outcome.metadata);
    if (outcome.result == RunResult::success)
      spdlog::info("Job {} action {} returned success", job.job_id, action.action);
    return {outcome.result, outcome.retryable};
  });
}

void JobRunner::upload_metadata(const JobDocument& job, const std::string& metadata) {
  if (api_ == nullptr) return;
  rapidjson::Document doc;
  if (!common::parse_json(metadata, doc) || !doc.IsObject()) {
    spdlog::error("metrics upload error: the agent's metadata is not a JSON object");
    return;
  }
  if (doc.ObjectEmpty()) return;
  doc.RemoveMember("job_id");
  doc.AddMember(
      "job_id",
      rapidjson::Value(job.job_id.c_str(), static_cast<rapidjson::SizeType>(job.job_id.size()),
                       doc.GetAllocator()),
      doc.GetAllocator());
  std::string body = common::to_json(doc);
  for (int attempt = 1;; ++attempt) {
    try {
      auto id = api_->create_backup(job.project_id, body);
      spdlog::info("Job {}, freezer action metadata uploaded (backup {})", job.job_id, id);
      return;
    } catch (const ApiError& e) {
      if (!e.transient() || attempt == 3) {
        spdlog::error("metrics upload error: {}", e.what());
        return;
      }
    } catch (const std::exception& e) {
      if (attempt == 3) {
        spdlog::error("metrics upload error: {}", e.what());
        return;
      }
    }
    std::this_thread::sleep_for(std::chrono::seconds(attempt));
  }
}

long long JobRunner::start_session(const JobDocument& job, RunControl& control) {
  long long tag = job.session_tag;
  auto deadline = std::chrono::steady_clock::now() + 10s;
  for (int attempt = 1; attempt <= 20 && !control.aborted(); ++attempt) {
    try {
      auto answer =
          api_->session_action(job.project_id, job.session_id, session_start_body(job.job_id, tag));
      if (answer.result == "success") {
        spdlog::info("Job {} started its turn of session {} (tag {})", job.job_id, job.session_id,
                     answer.session_tag);
        return answer.session_tag;
      }
      if (answer.result == "out-of-sync") {
        spdlog::info("Job {}: session {} is at tag {}, the job at {}: catching up", job.job_id,
                     job.session_id, answer.session_tag, tag);
        tag = answer.session_tag;
        continue;
      }
      if (answer.result == "hold-off") {
        // This job already ran in the session's current run: wait for its hold_off window.
        long long hold_off = 30;
        if (auto session = api_->get_session(job.project_id, job.session_id))
          hold_off = common::int_member(*session, "hold_off").value_or(hold_off);
        deadline = std::max(deadline,
                            std::chrono::steady_clock::now() + std::chrono::seconds(hold_off + 5));
        spdlog::info("Job {} holds off: session {} started less than {} s ago", job.job_id,
                     job.session_id, hold_off);
      }
    } catch (const std::exception& e) {
      spdlog::error("Error while starting session {}. {}", job.session_id, e.what());
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
    control.wait_for(std::chrono::seconds(std::min<long long>(attempt, 5)));
  }
  spdlog::error("Unable to start session {}: job {} runs without it", job.session_id, job.job_id);
  return tag;
}

void JobRunner::end_session(const JobDocument& job, long long tag, RunResult result) {
  const std::string body = session_end_body(job.job_id, tag, result);
  for (int attempt = 1; attempt <= 3; ++attempt) {
    try {
      api_->session_action(job.project_id, job.session_id, body);
      return;
    } catch (const std::exception& e) {
      spdlog::error("Error while ending session {}. {}", job.session_id, e.what());
    }
    std::this_thread::sleep_for(std::chrono::seconds(attempt));
  }
  spdlog::error("Unable to end session {}", job.session_id);
}

}  // namespace freezer::scheduler
