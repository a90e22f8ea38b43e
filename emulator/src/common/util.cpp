#include "common/util.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

#include <array>
#include <charconv>
#include <cstdio>

namespace flowsdk::emulator::detail {

namespace chr = std::chrono;

epoch_ms now_ms() { return chr::duration_cast<chr::milliseconds>(chr::system_clock::now().time_since_epoch()).count(); }

std::string format_iso8601(epoch_ms t) {
  const chr::sys_time<chr::milliseconds> tp{chr::milliseconds{t}};
  const auto day = chr::floor<chr::days>(tp);
  const chr::year_month_day ymd{day};
  const chr::hh_mm_ss hms{tp - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
  return buf;
}

namespace {

// Reads exactly `width` digits at `pos`, advancing it.
std::optional<int> read_digits(std::string_view s, std::size_t& pos, std::size_t width) {
  if (pos + width > s.size()) return std::nullopt;
  int v = 0;
  const auto* first = s.data() + pos;
  auto [end, ec] = std::from_chars(first, first + width, v);
  if (ec != std::errc{} || end != first + width) return std::nullopt;
  pos += width;
  return v;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::optional<epoch_ms> parse_iso8601(std::string_view s) {
  std::size_t pos = 0;
  const auto y = read_digits(s, pos, 4);
  if (!y || !expect(s, pos, '-')) return std::nullopt;
  const auto mo = read_digits(s, pos, 2);
  if (!mo || !expect(s, pos, '-')) return std::nullopt;
  const auto d = read_digits(s, pos, 2);
  if (!d) return std::nullopt;
  const chr::year_month_day ymd{chr::year{*y}, chr::month{static_cast<unsigned>(*mo)},
                                chr::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  epoch_ms t = chr::duration_cast<chr::milliseconds>(chr::sys_days{ymd}.time_since_epoch()).count();
  if (pos == s.size()) return t;

  if (!expect(s, pos, 'T')) return std::nullopt;
  const auto h = read_digits(s, pos, 2);
  if (!h || !expect(s, pos, ':')) return std::nullopt;
  const auto mi = read_digits(s, pos, 2);
  if (!mi || !expect(s, pos, ':')) return std::nullopt;
  const auto sec = read_digits(s, pos, 2);
  if (!sec || *h > 23 || *mi > 59 || *sec > 60) return std::nullopt;
  t += ((*h * 60 + *mi) * 60 + *sec) * 1000LL;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    // Milliseconds from the first three fraction digits; finer digits are ignored.
    int scale = 100, digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits++ < 3) t += (s[pos] - '0') * scale, scale /= 10;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
  }
  if (pos < s.size() && s[pos] == 'Z') return pos + 1 == s.size() ? std::optional{t} : std::nullopt;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int sign = s[pos++] == '+' ? 1 : -1;
    const auto oh = read_digits(s, pos, 2);
    if (!oh || !expect(s, pos, ':')) return std::nullopt;
    const auto om = read_digits(s, pos, 2);
    if (!om || pos != s.size()) return std::nullopt;
    return t - sign * (*oh * 60 + *om) * 60'000LL;
  }
  return std::nullopt;
}

std::string id_generator::next() {
  static constexpr std::string_view alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string id(21, '0');
  for (auto& c : id) c = alphabet[pick(rng_)];
  return id;
}

namespace {
constexpr std::string_view b64_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<signed char, 256> make_b64_table() {
  std::array<signed char, 256> t{};
  for (auto& v : t) v = -1;
  for (std::size_t i = 0; i < b64_alphabet.size(); ++i)
    t[static_cast<unsigned char>(b64_alphabet[i])] = static_cast<signed char>(i);
  return t;
}
constexpr auto b64_table = make_b64_table();
}  // namespace

std::optional<long long> parse_integer(std::string_view s) {
  long long n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return n;
}

std::string base64_encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16 | static_cast<unsigned char>(in[i + 1]) << 8 |
                       static_cast<unsigned char>(in[i + 2]);
    out += b64_alphabet[v >> 18 & 63];
    out += b64_alphabet[v >> 12 & 63];
    out += b64_alphabet[v >> 6 & 63];
    out += b64_alphabet[v & 63];
  }
  if (const auto rest = in.size() - i; rest > 0) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += b64_alphabet[v >> 18 & 63];
    out += b64_alphabet[v >> 12 & 63];
    out += rest == 2 ? b64_alphabet[v >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view in) {
  if (in.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(in.size() / 4 * 3);
  for (std::size_t i = 0; i < in.size(); i += 4) {
    const bool last = i + 4 == in.size();
    int pad = 0;
    unsigned v = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const char c = in[i + j];
      if (c == '=' && last && j >= 2) {
        ++pad;
        v <<= 6;
        continue;
      }
      // The table is signed on purpose: -1 marks a byte that is not a digit.
      const int d = static_cast<int>(b64_table[static_cast<unsigned char>(c)]);  // NOLINT(bugprone-signed-char-misuse)
      if (d < 0 || pad > 0) return std::nullopt;                                 // a digit after '=' is malformed too
      v = v << 6 | static_cast<unsigned>(d);
    }
    out += static_cast<char>(v >> 16 & 0xff);
    if (pad < 2) out += static_cast<char>(v >> 8 & 0xff);
    if (pad < 1) out += static_cast<char>(v & 0xff);
  }
  return out;
}

void set_json(http_response& res, http::status status, const json::value& body) {
  res.result(status);
  res.set(http::field::content_type, "application/json; charset=utf-8");
  res.body() = json::serialize(body);
  res.content_length(res.body().size());
}

void set_empty(http_response& res, http::status status) {
  res.result(status);
  res.body().clear();
  res.content_length(0);
}

json::value fastify_error(http::status status, std::string_view code, std::string_view message) {
  json::object o;
  o["statusCode"] = static_cast<int>(status);
  if (!code.empty()) o["code"] = code;
  o["error"] = http::obsolete_reason(status);
  o["message"] = message;
  return o;
}

json::value route_not_found(const http_request& req, std::string_view path) {
  return fastify_error(http::status::not_found, "",
                       "Route " + std::string(req.method_string()) + ":" + std::string(path) + " not found");
}

json::value activepieces_error(std::string_view code, json::object params) {
  json::object o;
  o["code"] = code;
  o["params"] = std::move(params);
  return o;
}

}  // namespace flowsdk::emulator::detail

namespace flowsdk::emulator::detail {

std::string percent_decode(std::string_view s, bool plus_is_space) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += plus_is_space && s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

query_params::query_params(std::string_view query) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    items_.emplace_back(percent_decode(pair.substr(0, eq), true),
                        eq == std::string_view::npos ? std::string{} : percent_decode(pair.substr(eq + 1), true));
  }
}

std::optional<std::string_view> query_params::get(std::string_view key) const {
  for (const auto& [k, v] : items_)
    if (k == key) return std::string_view(v);
  return std::nullopt;
}

std::vector<std::string> query_params::all(std::string_view key) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : items_) {
    if (k != key) continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      if (const auto part = rest.substr(0, comma); !part.empty()) out.emplace_back(part);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
  }
  return out;
}

}  // namespace flowsdk::emulator::detail

namespace flowsdk::emulator::detail {

std::vector<std::string> split_segments(std::string_view path) {
  std::vector<std::string> seg;
  if (path.starts_with('/')) path.remove_prefix(1);
  if (path.ends_with('/')) path.remove_suffix(1);
  while (!path.empty()) {
    const auto slash = path.find('/');
    seg.push_back(percent_decode(path.substr(0, slash), false));
    if (slash == std::string_view::npos) break;
    path = path.substr(slash + 1);
    if (path.empty()) seg.emplace_back();  // "a//" keeps its empty segment
  }
  return seg;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::optional<json::value> parse_json(std::string_view body) {
  boost::system::error_code ec;
  auto v = json::parse(body, ec);
  if (ec) return std::nullopt;
  return v;
}

}  // namespace flowsdk::emulator::detail
