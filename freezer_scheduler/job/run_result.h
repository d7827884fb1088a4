#pragma once
// The words of a job's life as the scheduler uses them: how a run ended, the status it reports,
// and what a user asked for while a run went on. Turned into the API's strings in one place
// (job/report_body.cc: wire_name).
namespace freezer::scheduler {

// How a run, or one action of it, ended. `none` is the API's "" (no result yet: a run started).
enum class RunResult { none, success, fail, aborted };

// The job_schedule status this scheduler reports.
enum class JobStatus { stop, scheduled, running, aborting, completed };

// What a user (or the API) asked for while the job ran: honoured when the run ends.
enum class PendingRequest { none, stop, abort, remove };

}  // namespace freezer::scheduler
