#include "freezer_api/v2/homedoc.h"

#include "freezer_api/call.h"

namespace freezer::api::v2 {
namespace {

// Upstream's document, byte for byte (4-space indentation).
constexpr const char* kHomeDocument = R"({
    "resources": {
        "rel/backups": {
            "href-template": "/v2/{project_id}/backups/{backup_id}",
            "href-vars": {
                "project_id": "param/project_id",
                "backup_id": "param/backup_id"
            },
            "hints": {
                "allow": [
                    "GET"
                ],
                "formats": {
                    "application/json": {}
                }
            }
        },
        "rel/jobs": {
            "href-template": "/v2/{project_id}/jobs{?all_projects,offset,limit}",
            "href-vars": {
                "project_id": "param/project_id",
                "all_projects": "param/all_projects",
                "offset": "param/offset",
                "limit": "param/limit"
            },
            "hints": {
                "allow": [
                    "GET",
                    "POST"
                ],
                "formats": {
                    "application/json": {}
                }
            }
        },
        "rel/job": {
            "href-template": "/v2/{project_id}/jobs/{job_id}",
            "href-vars": {
                "project_id": "param/project_id",
                "job_id": "param/job_id"
            },
            "hints": {
                "allow": [
                    "GET",
                    "PATCH",
                    "POST",
                    "DELETE"
                ],
                "formats": {
                    "application/json": {}
                }
            }
        }
    }
})";

}  // namespace

void set_homedoc(http::Router& router) {
  router.add(http::Method::kGet, "/v2", "", [](Call&) {
    auto response = http::Response::json(200, kHomeDocument);
    response.content_type = "application/json-home";
    return response;
  });
}

}  // namespace freezer::api::v2
