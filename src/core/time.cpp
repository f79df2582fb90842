// Conversions between epoch milliseconds and ISO 8601 text.
#include "core/time.hpp"

#include <fmt/format.h>
#include <charconv>
#include <chrono>

namespace village {

namespace chr = std::chrono;

Millis now_ms() {
    return chr::duration_cast<chr::milliseconds>(chr::system_clock::now().time_since_epoch())
        .count();
}

std::string iso8601(Millis at) {
    auto const tp = chr::sys_time<chr::milliseconds>(chr::milliseconds(at));
    auto const day = chr::floor<chr::days>(tp);
    chr::year_month_day const ymd{day};
    chr::hh_mm_ss const hms{tp - day};
    auto const ms = hms.subseconds().count();
    auto text = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", static_cast<int>(ymd.year()),
                            static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                            hms.hours().count(), hms.minutes().count(), hms.seconds().count());
    if (ms != 0) text += fmt::format(".{:03}", ms);
    text += 'Z';
    return text;
}

namespace {

// Reads exactly `width` digits at `pos`; false if they are not there.
bool digits(std::string_view text, std::size_t& pos, std::size_t width, int& out) {
    if (pos + width > text.size()) return false;
    auto const* begin = text.data() + pos;
    for (std::size_t i = 0; i < width; ++i) {
        if (begin[i] < '0' || begin[i] > '9') return false;
    }
    std::from_chars(begin, begin + width, out);
    pos += width;
    return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

}  // namespace

Result<Millis> parse_iso8601(std::string_view text, std::string_view field) {
    auto bad = [&] {
        return fail(Errc::bad_request,
                    fmt::format("{} must be a date and time like 2026-03-14T09:30:00Z", field),
                    std::string(field));
    };
    std::size_t pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
    if (!digits(text, pos, 4, year) || !expect(text, pos, '-') || !digits(text, pos, 2, month) ||
        !expect(text, pos, '-') || !digits(text, pos, 2, day)) {
        return bad();
    }
    int offset_minutes = 0;
    if (pos < text.size()) {
        if (!expect(text, pos, 'T') || !digits(text, pos, 2, hour) || !expect(text, pos, ':') ||
            !digits(text, pos, 2, minute)) {
            return bad();
        }
        if (pos < text.size() && text[pos] == ':') {
            ++pos;
            if (!digits(text, pos, 2, second)) return bad();
            if (pos < text.size() && text[pos] == '.') {
                ++pos;
                std::size_t const start = pos;
                while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
                if (pos == start || pos - start > 9) return bad();
                int scale = 100;
                for (std::size_t i = start; i < pos && i < start + 3; ++i, scale /= 10) {
                    millis += (text[i] - '0') * scale;
                }
            }
        }
        if (pos >= text.size()) return bad();
        if (text[pos] == 'Z') {
            ++pos;
        } else if (text[pos] == '+' || text[pos] == '-') {
            int const sign = text[pos] == '+' ? 1 : -1;
            ++pos;
            int oh = 0, om = 0;
            if (!digits(text, pos, 2, oh) || !expect(text, pos, ':') || !digits(text, pos, 2, om) ||
                oh > 23 || om > 59) {
                return bad();
            }
            offset_minutes = sign * (oh * 60 + om);
        } else {
            return bad();
        }
        if (pos != text.size()) return bad();
    }
    chr::year_month_day const ymd{chr::year(year), chr::month(static_cast<unsigned>(month)),
                                  chr::day(static_cast<unsigned>(day))};
    if (!ymd.ok() || year < 1900 || year > 9999 || hour > 23 || minute > 59 || second > 59) {
        return bad();
    }
    auto const days = chr::sys_days(ymd).time_since_epoch();
    auto const total = chr::duration_cast<chr::milliseconds>(days).count() +
                       ((hour * 60LL + minute - offset_minutes) * 60LL + second) * 1000LL + millis;
    return total;
}

}  // namespace village
