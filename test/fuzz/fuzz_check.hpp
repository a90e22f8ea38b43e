#pragma once
// What every fuzz target here shares: an invariant check that holds in every build type (assert
// vanishes under NDEBUG), and a small deterministic generator for choices derived from the input.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

/// Aborts, which libFuzzer reports as a crash and saves the input, when `cond` is false.
#define FUZZ_CHECK(cond) ((cond) ? (void)0 : ::flowsdk::fuzz::violated(#cond, __FILE__, __LINE__))

namespace flowsdk::fuzz {

[[noreturn]] inline void violated(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: invariant violated: %s\n", file, line, condition);
  std::abort();
}

/// FNV-1a: seeds choices (split points, limits) from the input itself, so that every seed file
/// is a plain realistic input and a reproducer replays exactly.
inline std::uint64_t hash(std::string_view bytes) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

/// splitmix64: a tiny generator good enough to pick chunk sizes.
class choices {
 public:
  explicit choices(std::uint64_t seed) noexcept : state_(seed) {}
  std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// A number in [0, bound), bound > 0.
  std::size_t below(std::size_t bound) noexcept { return static_cast<std::size_t>(next() % bound); }

 private:
  std::uint64_t state_;
};

}  // namespace flowsdk::fuzz
