#include "db/sql/stores/sql_client_store.h"

#include "db/sql/rows/select.h"
#include "db/sql/rows/table_rows.h"
#include "db/sql/rows/tables.h"

namespace freezer::db::sql {
namespace {

const Table<ClientRecord>& clients = table_of<ClientRecord>();

std::optional<ClientRecord> find_visible_in(soci::session& sql, StatementCache& statements,
                                            const std::string& project_id,
                                            const std::string& client_id) {
  auto rows = statements.select<ClientRecord>(
      sql,
      clients.select_from() +
          "WHERE client_id = :client_id AND deleted = 0 "
          "AND (project_id = :project_id OR is_central = 1) "
          "ORDER BY CASE WHEN project_id = :project_id THEN 0 ELSE 1 END, id LIMIT 1",
      {{"client_id", client_id}, {"project_id", project_id}});
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::optional<ClientRecord> find_central(soci::session& sql, const ClientRecord& wanted) {
  ClientRecord record;
  soci::indicator found = soci::i_null;
  const std::string hostname = wanted.hostname.value_or("");
  soci::indicator hostname_ind = wanted.hostname ? soci::i_ok : soci::i_null;
  sql << clients.select_from() +
             "WHERE client_id = :client_id AND deleted = 0 AND "
             "(hostname = :hostname OR (hostname IS NULL AND :hostname IS NULL)) "
             "ORDER BY id LIMIT 1",
      soci::use(wanted.client_id, "client_id"), soci::use(hostname, hostname_ind, "hostname"),
      soci::into(record, found);
  if (!sql.got_data()) return std::nullopt;
  return record;
}

}  // namespace

std::vector<ClientRecord> SqlClientStore::list_visible(const std::string& project_id,
                                                       const Page& page) {
  return source_.run([&](soci::session& sql) {
    return select_page<ClientRecord>(
        sql, source_.statements(sql),
        clients.select_from() +
            "WHERE deleted = 0 AND (project_id = :project_id OR is_central = 1)",
        page, {{"project_id", project_id}});
  });
}

std::optional<ClientRecord> SqlClientStore::find_visible(const std::string& project_id,
                                                         const std::string& client_id) {
  return source_.run([&](soci::session& sql) {
    return find_visible_in(sql, source_.statements(sql), project_id, client_id);
  });
}

ClientRegistration SqlClientStore::register_client(const ClientRecord& record,
                                                   const ClientFieldsSent& sent) {
  return source_.write([&](soci::session& sql) {
    auto existing = record.is_central ? find_central(sql, record)
                                      : find_visible_in(sql, source_.statements(sql),
                                                        record.project_id, record.client_id);
    if (!existing) {
      insert_row(sql, record, utc_now());
      return ClientRegistration::kCreated;
    }
    if (existing->project_id != record.project_id)
      return ClientRegistration::kOwnedByAnotherProject;

    ClientRecord updated = *existing;
    if (sent.description) updated.description = record.description;
    if (sent.supported_actions) updated.supported_actions = record.supported_actions;
    if (sent.supported_modes) updated.supported_modes = record.supported_modes;
    if (sent.supported_storages) updated.supported_storages = record.supported_storages;
    if (sent.supported_engines) updated.supported_engines = record.supported_engines;
    if (updated.description == existing->description &&
        updated.supported_actions == existing->supported_actions &&
        updated.supported_modes == existing->supported_modes &&
        updated.supported_storages == existing->supported_storages &&
        updated.supported_engines == existing->supported_engines)
      return ClientRegistration::kUnchanged;

    update_row(sql, updated, utc_now());
    return ClientRegistration::kUpdated;
  });
}

bool SqlClientStore::soft_delete(const std::string& project_id, const std::string& id) {
  return source_.write([&](soci::session& sql) {
    return soft_delete_row(sql, clients.name(), project_id, id, utc_now());
  });
}

}  // namespace freezer::db::sql
