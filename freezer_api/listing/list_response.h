#pragma once
// Renders one page of a list route, applying the search filter the way upstream does
// (offset and limit count matching records), without loading the whole collection:
// rows are read in id order in batches until the page is full.
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "db/page.h"
#include "freezer_api/json_response.h"
#include "freezer_api/listing/search.h"

namespace freezer::api {

// The `keep` of a list that keeps every record.
struct KeepEvery {
  template <typename Record>
  bool operator()(const Record&) const {
    return true;
  }
};

// fetch(const db::Page&) -> std::vector<Record>; id(const Record&) -> const std::string&;
// render(const Record&, rapidjson::Value& out, Allocator&) fills one list element;
// finish(rapidjson::Value& item, Allocator&) adjusts a selected element after filtering;
// keep(const Record&) -> bool, when given, selects records before they are rendered (and,
// like the filter, counts for offset and limit).
template <typename Fetch, typename Id, typename Render, typename Finish, typename Keep>
http::Response list_response(std::string_view collection, const db::Page& page,
                             const SearchFilter& filter, Fetch&& fetch, Id&& id, Render&& render,
                             Finish&& finish, const Keep* keep) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  rapidjson::Value items(rapidjson::kArrayType);
  if (filter.empty() && keep == nullptr) {
    for (const auto& record : fetch(page)) {
      rapidjson::Value item(rapidjson::kObjectType);
      render(record, item, a);
      items.PushBack(item, a);
    }
  } else {
    constexpr long kBatch = 500;
    db::Page batch{kBatch, 0, page.marker};
    long to_skip = page.offset;
    const long wanted = page.limit.value_or(-1);
    bool more = true;
    while (more && (wanted < 0 || static_cast<long>(items.Size()) < wanted)) {
      auto rows = fetch(batch);
      more = static_cast<long>(rows.size()) == kBatch;
      for (const auto& record : rows) {
        if (keep != nullptr && !(*keep)(record)) continue;
        rapidjson::Value item(rapidjson::kObjectType);
        render(record, item, a);
        if (!filter.matches(item)) continue;
        if (to_skip > 0) {
          --to_skip;
          continue;
        }
        items.PushBack(item, a);
        if (wanted >= 0 && static_cast<long>(items.Size()) >= wanted) break;
      }
      if (!rows.empty()) batch.marker = id(rows.back());
    }
  }
  for (auto& item : items.GetArray()) finish(item, a);
  doc.AddMember(json_string(collection, a), items, a);
  return json_response(200, doc);
}

template <typename Fetch, typename Id, typename Render, typename Finish>
http::Response list_response(std::string_view collection, const db::Page& page,
                             const SearchFilter& filter, Fetch&& fetch, Id&& id, Render&& render,
                             Finish&& finish) {
  return list_response(collection, page, filter, std::forward<Fetch>(fetch), std::forward<Id>(id),
                       std::forward<Render>(render), std::forward<Finish>(finish),
                       static_cast<const KeepEvery*>(nullptr));
}

template <typename Fetch, typename Id, typename Render>
http::Response list_response(std::string_view collection, const db::Page& page,
                             const SearchFilter& filter, Fetch&& fetch, Id&& id, Render&& render) {
  return list_response(collection, page, filter, std::forward<Fetch>(fetch), std::forward<Id>(id),
                       std::forward<Render>(render), [](rapidjson::Value&, auto&) {});
}

}  // namespace freezer::api
