#include "freezer_scheduler/schedule/cron_trigger.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <regex>

#include "common/text.h"
#include "freezer_scheduler/schedule/local_time.h"
#include "freezer_scheduler/schedule/schedule_error.h"

namespace freezer::scheduler {
namespace {

constexpr std::array<int, 8> kMin{1970, 1, 1, 1, 0, 0, 0, 0};
constexpr std::array<int, 8> kMax{9999, 12, 31, 53, 6, 23, 59, 59};
constexpr std::array<const char*, 8> kDefault{"*", "1", "1", "*", "*", "0", "0", "0"};
constexpr std::array<const char*, 12> kMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                              "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<const char*, 7> kWeekdays{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::array<const char*, 6> kPositions{"1st", "2nd", "3rd", "4th", "5th", "last"};

// Week and day_of_week are not calendar components: a mismatch moves the day on.
bool is_real(CronFieldId id) { return id != CronFieldId::week && id != CronFieldId::day_of_week; }

int index_of(CronFieldId id) { return static_cast<int>(id); }

std::string field_key(CronFieldId id) {
  return std::string("schedule_") + kCronFieldNames[index_of(id)];
}

int value_of(CronFieldId id, const CivilTime& d) {
  switch (id) {
    case CronFieldId::year:
      return d.year;
    case CronFieldId::month:
      return d.month;
    case CronFieldId::day:
      return d.day;
    case CronFieldId::week:
      return iso_week(d);
    case CronFieldId::day_of_week:
      return weekday(d);
    case CronFieldId::hour:
      return d.hour;
    case CronFieldId::minute:
      return d.minute;
    case CronFieldId::second:
      return d.second;
  }
  return 0;
}

int min_of(CronFieldId id) { return kMin[index_of(id)]; }

int max_of(CronFieldId id, const CivilTime& d) {
  return id == CronFieldId::day ? days_in_month(d.year, d.month) : kMax[index_of(id)];
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(const std::string& s) { return std::string(common::trim_whitespace(s)); }

int to_int(const std::string& digits, CronFieldId id) {
  int value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size())
    throw ScheduleError(field_key(id), "the value " + digits + " is out of range");
  return value;
}

template <std::size_t N>
int name_index(const std::array<const char*, N>& names, const std::string& name, int base,
               CronFieldId id, const char* what) {
  for (std::size_t i = 0; i < N; ++i)
    if (name == names[i]) return base + static_cast<int>(i);
  throw ScheduleError(field_key(id), std::string("invalid ") + what + " name \"" + name + "\"");
}

// APScheduler's validate_range: steps and bounds must fit the field.
void validate(const CronExpression& e, CronFieldId id, const std::string& text) {
  auto fail = [&](const std::string& why) {
    throw ScheduleError(field_key(id), "error validating expression '" + text + "': " + why);
  };
  int min = kMin[index_of(id)], max = kMax[index_of(id)];
  if (e.kind == CronExpression::Kind::all) {
    if (e.step > max - min)
      fail("the step value (" + std::to_string(e.step) +
           ") is higher than the total range of the expression (" + std::to_string(max - min) +
           ")");
    return;
  }
  if (e.kind != CronExpression::Kind::range) return;
  if (e.first < min)
    fail("the first value (" + std::to_string(e.first) + ") is lower than the minimum value (" +
         std::to_string(min) + ")");
  if (e.last && *e.last > max)
    fail("the last value (" + std::to_string(*e.last) + ") is higher than the maximum value (" +
         std::to_string(max) + ")");
  int span = e.last.value_or(max) - e.first;
  if (e.step > span)
    fail("the step value (" + std::to_string(e.step) +
         ") is higher than the total range of the expression (" + std::to_string(span) + ")");
}

CronExpression range(int first, std::optional<int> last, int step, CronFieldId id) {
  CronExpression e;
  e.kind = CronExpression::Kind::range;
  e.first = first;
  e.last = last;
  e.step = step;
  if (!last && step == 0) e.last = first;
  if (e.last && first > *e.last)
    throw ScheduleError(field_key(id),
                        "the minimum value in a range must not be higher than the maximum");
  return e;
}

CronExpression compile(const std::string& raw, CronFieldId id) {
  static const std::regex all_re(R"(\*(?:/(\d+))?)");
  static const std::regex range_re(R"((\d+)(?:-(\d+))?(?:/(\d+))?)");
  static const std::regex names_re(R"(([a-z]+)(?:-([a-z]+))?)");
  static const std::regex position_re(R"((1st|2nd|3rd|4th|5th|last) +(\w+))");
  std::string text = lower(trim(raw));
  std::smatch m;
  CronExpression e;
  if (std::regex_match(text, m, all_re)) {
    e.kind = CronExpression::Kind::all;
    e.step = m[1].matched ? to_int(m[1], id) : 0;
    if (m[1].matched && e.step == 0)
      throw ScheduleError(field_key(id), "increment must be higher than 0");
  } else if (std::regex_match(text, m, range_re)) {
    int step = m[3].matched ? to_int(m[3], id) : 0;
    if (m[3].matched && step == 0)
      throw ScheduleError(field_key(id), "increment must be higher than 0");
    e = range(to_int(m[1], id), m[2].matched ? std::optional<int>(to_int(m[2], id)) : std::nullopt,
              step, id);
  } else if (id == CronFieldId::month && std::regex_match(text, m, names_re)) {
    int first = name_index(kMonths, m[1], 1, id, "month");
    e = range(first, m[2].matched ? name_index(kMonths, m[2], 1, id, "month") : first, 0, id);
  } else if (id == CronFieldId::day_of_week && std::regex_match(text, m, names_re)) {
    int first = name_index(kWeekdays, m[1], 0, id, "weekday");
    e = range(first, m[2].matched ? name_index(kWeekdays, m[2], 0, id, "weekday") : first, 0, id);
  } else if (id == CronFieldId::day && std::regex_match(text, m, position_re)) {
    e.kind = CronExpression::Kind::weekday_position;
    e.position = name_index(kPositions, m[1], 0, id, "position");
    e.weekday = name_index(kWeekdays, m[2], 0, id, "weekday");
  } else if (id == CronFieldId::day && text == "last") {
    e.kind = CronExpression::Kind::last_day_of_month;
  } else {
    throw ScheduleError(field_key(id), "unrecognized expression \"" + trim(raw) +
                                           "\" for field \"" + kCronFieldNames[index_of(id)] +
                                           "\"");
  }
  validate(e, id, trim(raw));
  return e;
}

std::vector<CronExpression> compile_list(const std::string& text, CronFieldId id) {
  std::vector<CronExpression> out;
  std::size_t start = 0;
  while (true) {
    auto comma = text.find(',', start);
    out.push_back(compile(text.substr(start, comma - start), id));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::optional<int> expression_next(const CronExpression& e, CronFieldId id, const CivilTime& d) {
  int current = value_of(id, d);
  int minval = min_of(id);
  int maxval = max_of(id, d);
  switch (e.kind) {
    case CronExpression::Kind::all: {
      int next = std::max(current, minval);
      if (e.step) next += (e.step - (next - minval) % e.step) % e.step;
      return next <= maxval ? std::optional<int>(next) : std::nullopt;
    }
    case CronExpression::Kind::range: {
      minval = std::max(minval, e.first);
      if (e.last) maxval = std::min(maxval, *e.last);
      int next = std::max(minval, current);
      if (e.step) next += (e.step - (next - minval) % e.step) % e.step;
      return next <= maxval ? std::optional<int>(next) : std::nullopt;
    }
    case CronExpression::Kind::weekday_position: {
      int last_day = days_in_month(d.year, d.month);
      int first_hit = e.weekday - first_weekday_of_month(d.year, d.month) + 1;
      if (first_hit <= 0) first_hit += 7;
      int target = e.position < 5 ? first_hit + e.position * 7
                                  : first_hit + ((last_day - first_hit) / 7) * 7;
      if (target <= last_day && target >= d.day) return target;
      return std::nullopt;
    }
    case CronExpression::Kind::last_day_of_month:
      return days_in_month(d.year, d.month);
  }
  return std::nullopt;
}

std::string quote(const std::string& s) { return "'" + s + "'"; }

}  // namespace

CronTrigger::CronTrigger(const std::map<std::string, std::string>& fields,
                         std::optional<Instant> start, std::optional<Instant> end)
    : start_(start), end_(end) {
  std::size_t remaining = 0;
  for (const char* name : kCronFieldNames) remaining += fields.count(name);
  bool assign_defaults = false;
  for (int i = 0; i < 8; ++i) {
    auto id = static_cast<CronFieldId>(i);
    CronField field{id, {}, true};
    auto given = fields.find(kCronFieldNames[i]);
    if (given != fields.end()) {
      field.expressions = compile_list(given->second, id);
      field.is_default = false;
      assign_defaults = --remaining == 0;
    } else {
      field.expressions = compile_list(assign_defaults ? kDefault[i] : "*", id);
    }
    fields_.push_back(std::move(field));
  }
}

std::optional<int> CronTrigger::next_value(const CronField& field, const CivilTime& date) const {
  std::optional<int> best;
  for (const auto& e : field.expressions)
    if (auto v = expression_next(e, field.id, date); v && (!best || *v < *best)) best = v;
  return best;
}

CivilTime CronTrigger::set_field(const CivilTime& date, int field_index, int value) const {
  std::array<int, 8> values{};
  for (int i = 0; i < 8; ++i) {
    auto id = static_cast<CronFieldId>(i);
    if (!is_real(id)) continue;
    values[i] = i < field_index ? value_of(id, date) : i > field_index ? min_of(id) : value;
  }
  return CivilTime{values[0], values[1], values[2], values[5], values[6], values[7]};
}

std::pair<CivilTime, int> CronTrigger::increment_field(const CivilTime& date,
                                                       int field_index) const {
  std::array<int, 8> values{};
  int i = 0;
  while (i < 8) {
    if (field_index < 0) {  // nothing left to increment: every field at its maximum
      for (int j = 0; j < 8; ++j) values[j] = min_of(static_cast<CronFieldId>(j));
      break;
    }
    auto id = static_cast<CronFieldId>(i);
    if (!is_real(id)) {
      if (i == field_index) {
        --field_index;
        --i;
      } else {
        ++i;
      }
      continue;
    }
    if (i < field_index) {
      values[i] = value_of(id, date);
      ++i;
    } else if (i > field_index) {
      values[i] = min_of(id);
      ++i;
    } else {
      int value = value_of(id, date);
      if (value == max_of(id, date)) {
        --field_index;
        --i;
      } else {
        values[i] = value + 1;
        ++i;
      }
    }
  }
  return {CivilTime{values[0], values[1], values[2], values[5], values[6], values[7]}, field_index};
}

std::optional<Instant> CronTrigger::next_fire(std::optional<Instant> previous,
                                              TimePoint now) const {
  // APScheduler starts from min(now, previous + 1 µs), rounded up to a whole second. Done in
  // seconds: fire times may lie beyond the nanosecond clock's end (year 2262).
  using std::chrono::seconds;
  const Instant now_second = ceil_to_second(now);
  Instant start_second;
  if (previous) {
    start_second = std::min(now_second, *previous + seconds(1));
    if (now == to_time_point(*previous)) start_second = *previous + seconds(1);
  } else {
    start_second = start_ ? std::max(now_second, *start_) : now_second;
  }
  // Wall-clock fields of the host's zone. A field set to a value may name a time the clock
  // skips (kept as it is, read with the offset before the change); an incremented date is
  // normalised to the time the clock shows (APScheduler's _set_field_value / normalize).
  CivilTime next = to_local(start_second);
  auto normalised = [](const std::pair<CivilTime, int>& incremented) {
    return std::pair{to_local(from_local(incremented.first)), incremented.second};
  };
  int field_index = 0;
  while (field_index >= 0 && field_index < 8) {
    const auto& field = fields_[field_index];
    int current = value_of(field.id, next);
    auto value = next_value(field, next);
    if (!value) {
      std::tie(next, field_index) = normalised(increment_field(next, field_index - 1));
    } else if (*value > current) {
      if (is_real(field.id)) {
        next = set_field(next, field_index, *value);
        ++field_index;
      } else {
        std::tie(next, field_index) = normalised(increment_field(next, field_index));
      }
    } else {
      ++field_index;
    }
    if (end_ && field_index >= 0 && from_local(next) > *end_) return std::nullopt;
  }
  if (field_index < 0) return std::nullopt;
  return from_local(next);
}

std::string CronTrigger::describe() const {
  std::string out;
  for (const auto& field : fields_) {
    if (field.is_default) continue;
    if (!out.empty()) out += ", ";
    out += kCronFieldNames[index_of(field.id)];
    out += "=";
    std::string expressions;
    for (const auto& e : field.expressions) {
      if (!expressions.empty()) expressions += ",";
      switch (e.kind) {
        case CronExpression::Kind::all:
          expressions += e.step ? "*/" + std::to_string(e.step) : "*";
          break;
        case CronExpression::Kind::range:
          expressions += std::to_string(e.first);
          if (e.last && *e.last != e.first) expressions += "-" + std::to_string(*e.last);
          if (e.step) expressions += "/" + std::to_string(e.step);
          break;
        case CronExpression::Kind::weekday_position:
          expressions += std::string(kPositions[e.position]) + " " + kWeekdays[e.weekday];
          break;
        case CronExpression::Kind::last_day_of_month:
          expressions += "last";
          break;
      }
    }
    out += quote(expressions);
  }
  return "cron[" + out + "]";
}

}  // namespace freezer::scheduler
