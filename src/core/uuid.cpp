#include "uuid.hpp"

#include <cstdint>
#include <random>

namespace flowsdk::detail {

std::string random_uuid() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  std::uint64_t hi = engine(), lo = engine();
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10
  static constexpr char hex[] = "0123456789abcdef";
  std::string s;
  s.reserve(36);
  for (int i = 15; i >= 0; --i) {
    s.push_back(hex[(hi >> (i * 4)) & 15]);
    if (i == 8 || i == 4) s.push_back('-');
  }
  s.push_back('-');
  for (int i = 15; i >= 0; --i) {
    s.push_back(hex[(lo >> (i * 4)) & 15]);
    if (i == 12) s.push_back('-');
  }
  return s;
}

}  // namespace flowsdk::detail
