#pragma once
// What the Cinder clients of one scheduler's runs share: the microversion negotiated with
// each Cinder, and the backups and volumes the runs wait on, followed together per project.
#include "freezer_scheduler/run/cinder_change_watch.h"
#include "freezer_scheduler/run/cinder_client.h"
#include "freezer_scheduler/run/cinder_microversions.h"

namespace freezer::scheduler {

struct CinderShared {
  CinderMicroversions microversions;
  CinderChangeWatch<CinderBackup> backups;
  CinderChangeWatch<CinderVolume> volumes;
};

}  // namespace freezer::scheduler
