#pragma once
// Renders one page of a list route, applying the search filter the way upstream does
// (offset and limit count matching records), without loading the whole collection:
// rows are read in id order in batches until the page is full.
#include <rapidjson/document.h>

#include <string>
#include <type_traits>
#include <vector>

#include "db/page.h"
#include "freezer_api/json_response.h"
#include "freezer_api/listing/search.h"

namespace freezer::api {

// What a fetch that picks among the rows it reads returns: the records it picked, and how far
// it read (the rows it read, the last one's id), which is where the next batch starts.
template <typename Record>
struct PickedBatch {
  std::vector<Record> records;
  long rows_read = 0;
  std::string last_row_id;
};

namespace detail {
template <typename T>
struct IsPickedBatch : std::false_type {};
template <typename Record>
struct IsPickedBatch<PickedBatch<Record>> : std::true_type {};
}  // namespace detail

// The `keep` of a list that keeps every record.
struct KeepEvery {
  template <typename Record>
  bool operator()(const Record&) const {
    return true;
  }
};

// fetch(const db::Page&) -> std::vector<Record> (or a PickedBatch<Record>);
// id(const Record&) -> const std::string&;
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
  constexpr bool kPicks =
      detail::IsPickedBatch<std::invoke_result_t<Fetch&, const db::Page&>>::value;
  if (!kPicks && filter.empty() && keep == nullptr) {
    if constexpr (!kPicks) {
      for (const auto& record : fetch(page)) {
        rapidjson::Value item(rapidjson::kObjectType);
        render(record, item, a);
        items.PushBack(item, a);
      }
    }
  } else {
    constexpr long kBatch = 500;
    db::Page batch{kBatch, 0, page.marker};
    long to_skip = page.offset;
    const long wanted = page.limit.value_or(-1);
    bool more = true;
    while (more && (wanted < 0 || static_cast<long>(items.Size()) < wanted)) {
      auto fetched = fetch(batch);
      const auto& rows = [&]() -> const auto& {
        if constexpr (detail::IsPickedBatch<decltype(fetched)>::value) {
          more = fetched.rows_read == kBatch;
          if (fetched.rows_read > 0) batch.marker = fetched.last_row_id;
          return fetched.records;
        } else {
          more = static_cast<long>(fetched.size()) == kBatch;
          if (!fetched.empty()) batch.marker = id(fetched.back());
          return fetched;
        }
      }
      ();
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
