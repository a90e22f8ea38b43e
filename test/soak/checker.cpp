// The checker: judges each call as it ends, matches creates against the read-back, and prints.
#include "driver.hpp"

#include <boost/asio/error.hpp>

#include <algorithm>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <unordered_map>

namespace flowsdk::soak {

namespace {
constexpr std::size_t max_samples = 8;

void sample(std::vector<std::string>& samples, std::string s) {
  if (samples.size() < max_samples) samples.push_back(std::move(s));
}

std::string ms(std::chrono::microseconds d) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << static_cast<double>(d.count()) / 1000.0 << " ms";
  return s.str();
}

// A call and how it ended, for a sample line.
std::string describe(const call_outcome& o) {
  const std::string how = !o.untyped.empty() ? o.untyped : o.error ? o.error->what() : "ok";
  return std::string(o.kind) + " (" + how + ")";
}
}  // namespace

bool refused_once(const flowsdk::error& e) {
  const auto& d = e.details();
  if (d.attempts != 1 || d.method != "POST") return false;
  // The server answered with an error status: it refused the request. (A 2xx that failed to
  // decode was answered, but maybe applied.)
  return d.http_status >= 400 || e.code() == errc::connect_failed || e.code() == errc::resolve_failed ||
         e.code() == errc::tls_failed;
}

create_fate fate_of(const flowsdk::error& e, bool resend_safe) {
  const auto& d = e.details();
  // When another request of the call failed (a lookup before, a read-back after), the error
  // says nothing about the create; after several sends, nothing about the earlier ones.
  if (d.method != "POST") return create_fate::ambiguous;
  if (d.attempts == 0) return create_fate::not_sent;
  return !resend_safe && refused_once(e) ? create_fate::not_sent : create_fate::ambiguous;
}

void tally::add(call_outcome o, milliseconds deadline, milliseconds tolerance) {
  ++calls;
  auto& row = by_kind[std::string(o.kind)];
  const auto overshoot = o.elapsed - std::chrono::duration_cast<std::chrono::microseconds>(deadline);
  if (overshoot > longest_overshoot) {
    longest_overshoot = overshoot;
    longest_call = describe(o);
  }
  if (overshoot > tolerance) {
    ++over_deadline;
    sample(samples, describe(o) + " ended " + ms(overshoot) + " past its deadline");
  }

  if (!o.untyped.empty()) {
    ++untyped;
    if (o.asio_cancelled) ++spurious_cancelled;
    ++row.failed["untyped"];
    sample(samples, std::string(o.kind) + " threw a non-flowsdk exception: " + o.untyped);
    // Not created as far as the caller knows, but nothing proves it was not sent.
    if (!o.nonce.empty()) creates.push_back({std::move(o.nonce), create_fate::ambiguous, {}, o.untyped, false});
    return;
  }
  if (!o.error) {
    ++ok;
    ++row.ok;
    if (!o.nonce.empty()) creates.push_back({std::move(o.nonce), create_fate::succeeded, std::move(o.id), {}, false});
    return;
  }
  const auto code = static_cast<errc>(o.error->code().value());
  const std::string name(errc_name(code));
  ++row.failed[name];
  ++by_errc[name];
  if (code == errc::cancelled) {
    ++spurious_cancelled;
    sample(samples, std::string("spurious cancelled: ") + o.error->what());
  }
  if (!o.nonce.empty())
    creates.push_back({std::move(o.nonce),
                       fate_of(*o.error, o.resend_safe),
                       {},
                       o.error->what(),
                       o.resend_safe && refused_once(*o.error)});
}

side_effects match(const std::vector<create_record>& creates, const std::vector<created_object>& found) {
  side_effects r;
  r.found = found.size();
  std::unordered_map<std::string, std::vector<std::string>> ids_by_nonce;  // every copy found
  for (const auto& f : found) ids_by_nonce[f.nonce].push_back(f.id);

  std::unordered_map<std::string, const create_record*> made;
  for (const auto& c : creates) made.emplace(c.nonce, &c);
  for (const auto& [nonce, ids] : ids_by_nonce)
    if (!made.count(nonce)) {
      ++r.stray;
      sample(r.samples, "stray: " + nonce + " exists but no call created it");
    }

  for (const auto& c : creates) {
    const auto it = ids_by_nonce.find(c.nonce);
    const std::size_t copies = it == ids_by_nonce.end() ? 0 : it->second.size();
    if (copies > 1) {
      ++r.duplicated;
      sample(r.samples, "duplicated: " + c.nonce + " exists " + std::to_string(copies) + " times" +
                            (c.how.empty() ? "" : "; the create failed: " + c.how));
    }
    switch (c.fate) {
      case create_fate::succeeded:
        if (copies == 0) {
          ++r.lost;
          sample(r.samples, "lost: " + c.nonce + " (id " + c.id + ") was created but does not exist");
        } else if (copies == 1 && it->second.front() != c.id) {
          ++r.wrong_id;
          sample(r.samples, "wrong id: " + c.nonce + " answered " + c.id + ", exists as " + it->second.front());
        }
        break;
      case create_fate::not_sent:
        if (copies > 0) {
          ++r.phantom;
          sample(r.samples,
                 "phantom: " + c.nonce + " exists, yet failed with an error proving it was not sent: " + c.how);
        }
        break;
      case create_fate::ambiguous:
        if (c.refused_once && copies > 0) {
          ++r.unreported_resends;
          sample(r.samples, "applied by a send its error does not count: " + c.nonce + ": " + c.how);
        }
        break;
    }
  }
  return r;
}

bool report::passed() const {
  const auto& e = effects;
  return calls.calls == config.calls && calls.untyped == 0 && calls.spurious_cancelled == 0 &&
         calls.over_deadline == 0 && read_back_error.empty() && e.duplicated == 0 && e.lost == 0 && e.phantom == 0 &&
         e.wrong_id == 0 && e.stray == 0 && pool_after_calls.in_use == 0 && pool_after_calls.waiting == 0 &&
         transport_released;
}

void print(const report& r, std::ostream& out) {
  const auto& t = r.calls;
  const auto& c = r.config;
  out << std::fixed << std::setprecision(1);
  out << "flowsdk_soak " << r.vendor << ": " << t.calls << " calls, concurrency " << c.concurrency << ", threads "
      << c.threads << ", fault rate " << std::setprecision(2) << c.fault_rate << std::setprecision(1) << ", attempt "
      << c.attempt_timeout.count() << " ms, deadline " << c.deadline.count() << " ms, seed " << c.seed << "\n";
  out << "  outcomes: ok " << t.ok << ", failed " << (t.calls - t.ok);
  const char* sep = " (";
  for (const auto& [name, n] : t.by_errc) {
    out << sep << name << " " << n;
    sep = ", ";
  }
  if (t.untyped) out << sep << "untyped " << t.untyped;
  out << (t.by_errc.empty() && !t.untyped ? "" : ")") << "\n";
  for (const auto& [kind, row] : t.by_kind) {
    out << "    " << std::left << std::setw(22) << kind << std::right << " ok " << std::setw(6) << row.ok;
    for (const auto& [name, n] : row.failed) out << ", " << name << " " << n;
    out << "\n";
  }
  out << "  emulator: " << r.requests << " requests, " << r.faults << " faults injected ("
      << (r.requests ? 100.0 * static_cast<double>(r.faults) / static_cast<double>(r.requests) : 0.0) << "%)\n";

  std::uint64_t by_fate[3] = {};
  for (const auto& cr : t.creates) ++by_fate[static_cast<int>(cr.fate)];
  const auto& e = r.effects;
  out << "  creates: " << t.creates.size() << " (succeeded " << by_fate[0] << ", proven not sent " << by_fate[1]
      << ", ambiguous " << by_fate[2] << "); found " << e.found << "; duplicated " << e.duplicated << ", lost "
      << e.lost << ", phantom " << e.phantom << ", wrong id " << e.wrong_id << ", stray " << e.stray << "\n";
  if (e.unreported_resends)
    out << "  resend-safe creates that failed after one counted attempt, yet exist: " << e.unreported_resends << "\n";
  if (!r.read_back_error.empty()) out << "  read back FAILED: " << r.read_back_error << "\n";
  out << "  spurious cancelled: " << t.spurious_cancelled << "; untyped exceptions: " << t.untyped << "\n";
  out << "  deadline: longest overshoot " << ms(t.longest_overshoot) << " (tolerance " << c.tolerance.count()
      << " ms); calls over it: " << t.over_deadline << "\n";
  if (!t.longest_call.empty()) out << "    longest: " << t.longest_call << "\n";
  const auto& p = r.pool_after_calls;
  out << "  pool after the calls: open " << p.open << ", idle " << p.idle << ", in use " << p.in_use << ", waiting "
      << p.waiting << " (created " << p.created << ", reused " << p.reused
      << "); after the client: " << (r.transport_released ? "released" : "NOT released") << "\n";
  for (const auto& s : t.samples) out << "  ! " << s << "\n";
  for (const auto& s : e.samples) out << "  ! " << s << "\n";
  out << "  wall time: " << r.wall_seconds << " s\n";
  out << "  " << (r.passed() ? "PASS" : "FAIL") << "\n";
}

}  // namespace flowsdk::soak
