#include "freezer_scheduler/schedule/civil_time.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace freezer::scheduler {
namespace {

using namespace std::chrono;

// Reads exactly `width` digits at `pos`; advances `pos`.
std::optional<int> digits(std::string_view text, std::size_t& pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data() + pos, text.data() + pos + width, value);
  if (ec != std::errc() || end != text.data() + pos + width) return std::nullopt;
  pos += width;
  return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

CivilTime to_civil(Instant t) {
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss<seconds> time{t - day};
  return CivilTime{
      int(ymd.year()),           int(unsigned(ymd.month())),  int(unsigned(ymd.day())),
      int(time.hours().count()), int(time.minutes().count()), int(time.seconds().count())};
}

Instant from_civil(const CivilTime& c) {
  sys_days day{year{c.year} / month{unsigned(c.month)} / std::chrono::day{unsigned(c.day)}};
  return day + hours{c.hour} + minutes{c.minute} + seconds{c.second};
}

bool is_valid(const CivilTime& c) {
  return c.year >= 1 && c.year <= 9999 && c.month >= 1 && c.month <= 12 && c.day >= 1 &&
         c.day <= days_in_month(c.year, c.month) && c.hour >= 0 && c.hour <= 23 && c.minute >= 0 &&
         c.minute <= 59 && c.second >= 0 && c.second <= 59;
}

int days_in_month(int y, int m) {
  return int(unsigned((year{y} / month{unsigned(m)} / last).day()));
}

int weekday(const CivilTime& c) {
  std::chrono::weekday wd{sys_days{year{c.year} / month{unsigned(c.month)} / day{unsigned(c.day)}}};
  return int((wd.c_encoding() + 6) % 7);  // c_encoding: 0 = Sunday
}

int first_weekday_of_month(int y, int m) { return weekday(CivilTime{y, m, 1}); }

int iso_week(const CivilTime& c) {
  // The ISO week containing a date is the week of its Thursday.
  sys_days day{year{c.year} / month{unsigned(c.month)} / std::chrono::day{unsigned(c.day)}};
  sys_days thursday = day + days{3 - weekday(c)};
  year_month_day thursday_ymd{thursday};
  sys_days first_of_year{thursday_ymd.year() / January / 1};
  return int((thursday - first_of_year).count() / 7) + 1;
}

std::optional<Instant> parse_iso_datetime(std::string_view text) {
  std::size_t pos = 0;
  CivilTime c;
  auto y = digits(text, pos, 4);
  if (!y || !expect(text, pos, '-')) return std::nullopt;
  auto mo = digits(text, pos, 2);
  if (!mo || !expect(text, pos, '-')) return std::nullopt;
  auto d = digits(text, pos, 2);
  if (!d || !expect(text, pos, 'T')) return std::nullopt;
  auto h = digits(text, pos, 2);
  if (!h || !expect(text, pos, ':')) return std::nullopt;
  auto mi = digits(text, pos, 2);
  if (!mi || !expect(text, pos, ':')) return std::nullopt;
  auto s = digits(text, pos, 2);
  if (!s) return std::nullopt;
  c = CivilTime{*y, *mo, *d, *h, *mi, *s};
  if (!is_valid(c)) return std::nullopt;
  if (pos < text.size() && text[pos] == '.') {
    std::size_t start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  seconds offset{0};
  if (pos < text.size()) {
    char sign = text[pos++];
    if (sign == 'Z') {
      // UTC
    } else if (sign == '+' || sign == '-') {
      auto oh = digits(text, pos, 2);
      if (!oh || !expect(text, pos, ':')) return std::nullopt;
      auto om = digits(text, pos, 2);
      if (!om || *oh > 23 || *om > 59) return std::nullopt;
      offset = hours{*oh} + minutes{*om};
      if (sign == '-') offset = -offset;
    } else {
      return std::nullopt;
    }
  }
  if (pos != text.size()) return std::nullopt;
  return from_civil(c) - offset;
}

std::string format_iso_datetime(Instant t) {
  auto c = to_civil(t);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day,
                c.hour, c.minute, c.second);
  return buffer;
}

Instant ceil_to_second(TimePoint t) { return ceil<seconds>(t); }

TimePoint to_time_point(Instant t) {
  static const Instant latest = floor<seconds>(TimePoint::max()) - std::chrono::days(1);
  static const Instant earliest = ceil<seconds>(TimePoint::min()) + std::chrono::days(1);
  return TimePoint(std::clamp(t, earliest, latest));
}

}  // namespace freezer::scheduler
