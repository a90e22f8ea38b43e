#pragma once
// A counting global allocator for the benchmark binaries: every form of operator new and delete
// (plain, array, nothrow, aligned, sized) goes through malloc/free and counts its calls and
// bytes for the calling thread, and so does std::aligned_alloc, which Asio's recycling allocator
// (coroutine frames, operation states) calls directly when its per-thread cache misses. Per thread, so that an
// in-process emulator on its own thread does not count as client work.
//
// Include it in exactly one translation unit of a program (it defines the replaceable operators).
//
//   const auto before = alloc_counter::now();
//   ... work ...
//   const auto used = alloc_counter::now() - before;   // used.calls, used.bytes

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

#include <malloc.h>

namespace alloc_counter {

struct counts {
  std::uint64_t calls = 0;  ///< operator new calls (all forms) and aligned_alloc calls
  std::uint64_t bytes = 0;  ///< bytes they asked for
  std::uint64_t frees = 0;  ///< operator delete calls with a non-null pointer

  counts operator-(const counts& o) const { return {calls - o.calls, bytes - o.bytes, frees - o.frees}; }
};

namespace detail {
// Trivial (constant-initialised) so that it is usable before main and in any thread.
inline thread_local counts tally;

inline void* allocate(std::size_t n) {
  ++tally.calls;
  tally.bytes += n;
  return std::malloc(n == 0 ? 1 : n);
}

inline void* allocate_aligned(std::size_t n, std::align_val_t al) {
  ++tally.calls;
  tally.bytes += n;
  const auto a = static_cast<std::size_t>(al);
  // Not aligned_alloc, which counts itself below.
  return ::memalign(a, n == 0 ? a : n);
}

inline void release(void* p) noexcept {
  if (!p) return;
  ++tally.frees;
  std::free(p);
}
}  // namespace detail

/// This thread's totals so far.
inline counts now() { return detail::tally; }

}  // namespace alloc_counter

// ThreadSanitizer's runtime defines the global operators itself (a static library, so ours would
// be a second definition): under it nothing is counted and the counts stay zero.
#if defined(__SANITIZE_THREAD__)
#define FLOWSDK_ALLOC_COUNTER_ENABLED 0
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define FLOWSDK_ALLOC_COUNTER_ENABLED 0
#endif
#endif
#ifndef FLOWSDK_ALLOC_COUNTER_ENABLED
#define FLOWSDK_ALLOC_COUNTER_ENABLED 1
#endif

// aligned_alloc is replaced only without AddressSanitizer, whose runtime intercepts it.
#if FLOWSDK_ALLOC_COUNTER_ENABLED && !defined(__SANITIZE_ADDRESS__)
#if defined(__has_feature)
#if !__has_feature(address_sanitizer)
#define FLOWSDK_ALLOC_COUNTER_ALIGNED_ALLOC 1
#endif
#else
#define FLOWSDK_ALLOC_COUNTER_ALIGNED_ALLOC 1
#endif
#endif

#ifdef FLOWSDK_ALLOC_COUNTER_ALIGNED_ALLOC
// The C library's aligned_alloc, counted: a program's own definition takes the place of libc's.
extern "C" void* aligned_alloc(std::size_t alignment, std::size_t n) noexcept {
  ++alloc_counter::detail::tally.calls;
  alloc_counter::detail::tally.bytes += n;
  return ::memalign(alignment, n);
}
#endif

#if FLOWSDK_ALLOC_COUNTER_ENABLED
// The replaceable global operators ([new.delete]); throwing forms throw bad_alloc on failure.
void* operator new(std::size_t n) {
  if (void* p = alloc_counter::detail::allocate(n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  if (void* p = alloc_counter::detail::allocate(n)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return alloc_counter::detail::allocate(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return alloc_counter::detail::allocate(n); }
void* operator new(std::size_t n, std::align_val_t al) {
  if (void* p = alloc_counter::detail::allocate_aligned(n, al)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t al) {
  if (void* p = alloc_counter::detail::allocate_aligned(n, al)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  return alloc_counter::detail::allocate_aligned(n, al);
}
void* operator new[](std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  return alloc_counter::detail::allocate_aligned(n, al);
}

void operator delete(void* p) noexcept { alloc_counter::detail::release(p); }
void operator delete[](void* p) noexcept { alloc_counter::detail::release(p); }
void operator delete(void* p, std::size_t) noexcept { alloc_counter::detail::release(p); }
void operator delete[](void* p, std::size_t) noexcept { alloc_counter::detail::release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { alloc_counter::detail::release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { alloc_counter::detail::release(p); }
void operator delete(void* p, std::align_val_t) noexcept { alloc_counter::detail::release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { alloc_counter::detail::release(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { alloc_counter::detail::release(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { alloc_counter::detail::release(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { alloc_counter::detail::release(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { alloc_counter::detail::release(p); }
#endif  // FLOWSDK_ALLOC_COUNTER_ENABLED
