#pragma once
// Cloudflare Workflows: accounts, workflows, versions and instances, and the engine that runs an
// instance's scripted program (cloudflare_scripts.hpp) against the clock.
//
// Plain single-threaded data: cloudflare_routes holds one mutex around every call. Time never
// advances by itself here: the owner calls run_due(now) (before each request and when its timer
// fires), which plays every instance forward to `now`, event by event at the exact times the
// program dictates. So results do not depend on timer jitter: an instance whose sleep ended 3 ms
// ago is seen awake by the next request even if the timer has not fired yet.

#include "cloudflare/scripts.hpp"
#include "common/errors.hpp"
#include "common/util.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace flowsdk::emulator::detail::cf {

/// The v4 failure envelope: {"success":false,"errors":[{code,message}],"messages":[...],"result":null}.
json::object failure_body(int code, std::string_view message, const std::vector<std::string>& messages = {});

/// An api_error whose body is the failure envelope with the one error {code, message}.
api_error cf_error(http::status status, int code, std::string_view message);

// Error codes (emulator-defined: Cloudflare documents no Workflows-specific codes).
namespace code {
inline constexpr int authentication = 10000;
inline constexpr int bad_request = 10001;
inline constexpr int route_not_found = 10002;
inline constexpr int method_not_allowed = 10003;
inline constexpr int workflow_not_found = 10200;
inline constexpr int version_not_found = 10300;
inline constexpr int instance_not_found = 10400;  // as the local implementation's batch delete
inline constexpr int instance_exists = 10401;
inline constexpr int cannot_terminate = 10402;
inline constexpr int not_restartable = 10403;
inline constexpr int instance_finished = 10404;
inline constexpr int step_not_found = 10410;
inline constexpr int attempt_not_found = 10411;
}  // namespace code

api_error bad_request(const std::string& detail);

/// The seed fixture every account starts with when engine_options::seed is set: a workflow that
/// runs script "echo", and complete instances seed-1..seed-N of it.
inline constexpr std::string_view seed_workflow = "echo-workflow";
inline constexpr int seed_instance_count = 3;
inline std::string seed_instance_id(int k) { return "seed-" + std::to_string(k); }

/// Retention durations in ms; unset members fall back to the next level.
struct retention {
  std::optional<epoch_ms> error_retention;
  std::optional<epoch_ms> success_retention;
  json::object to_json() const;
};

enum class status { queued, running, paused, errored, terminated, complete, waiting_for_pause, waiting, rolling_back };
std::string_view to_string(status s);
std::optional<status> parse_status(std::string_view s);
bool is_terminal(status s);

struct attempt_rec {
  epoch_ms start = 0;
  std::optional<epoch_ms> end;
  std::optional<bool> success;
  std::optional<error_info> error;
};

/// One entry of InstanceDetails.steps.
struct step_rec {
  enum class kind { step, rollback, sleep, wait_event, termination } type = kind::step;
  std::size_t def = 0;  ///< index into the program's steps (not for termination)
  std::string name;
  epoch_ms start = 0;
  std::optional<epoch_ms> end;
  std::optional<bool> success;
  bool finished = false;
  std::optional<error_info> error;
  std::optional<json::value> output;  ///< do output or event payload, once there is one
  std::vector<attempt_rec> attempts;
};

struct workflow;
struct account;

struct instance {
  // What the engine is doing; `due` is when that ends (or the next thing happens).
  enum class phase {
    ready,          ///< queued: starts (or resumes) at `due`
    next,           ///< between two steps (transient), next step begins at `due`
    attempt,        ///< a do attempt runs until `due`
    backoff,        ///< waiting for the next attempt at `due`
    sleeping,       ///< a sleep ends at `due`
    waiting_event,  ///< a waitForEvent times out at `due`
    rolling_back,   ///< a rollback handler ends at `due`
    done,
  };
  enum class pause_state { none, requested, paused };

  std::uint64_t serial = 0;
  std::string id;
  workflow* wf = nullptr;
  std::string version_id;
  std::shared_ptr<const script> program;
  std::optional<int> max_steps;  ///< the version's limits.steps
  json::value params;
  retention keep;  ///< instance_retention
  std::string trigger_source = "api";

  epoch_ms created = 0;
  epoch_ms modified = 0;
  epoch_ms queued = 0;
  std::optional<epoch_ms> start;
  std::optional<epoch_ms> end;

  status terminal = status::queued;  ///< the final status once phase == done
  json::value output;                ///< null until complete
  std::optional<error_info> error;
  std::optional<bool> success;
  std::optional<json::object> rollback;

  phase ph = phase::ready;
  std::optional<epoch_ms> due;
  std::size_t pc = 0;  ///< the program step in progress, or the next one
  pause_state pause = pause_state::none;
  epoch_ms pause_requested_at = 0;
  epoch_ms paused_at = 0;
  struct saved {
    phase ph;
    std::optional<epoch_ms> due;
  };
  std::optional<saved> on_resume;             ///< what a paused instance goes back to
  std::vector<std::size_t> rollback_pending;  ///< program steps still to roll back, next first
  /// Events not yet consumed, per type, oldest first.
  std::map<std::string, std::deque<json::value>, std::less<>> events;
  std::vector<step_rec> steps;

  std::optional<epoch_ms> agenda_key;  ///< the `due` registered in the agenda
  std::optional<epoch_ms> expires_at;  ///< registered in the expiry index

  status current_status() const;
};

struct version {
  std::string id;
  std::string class_name;
  std::string script_name;
  epoch_ms created = 0;
  std::optional<int> max_steps;
  retention default_retention;
};

struct workflow {
  std::uint64_t serial = 0;  ///< agenda key of the batch-terminate job
  account* acct = nullptr;
  std::string id;
  std::string name;
  std::string class_name;
  std::string script_name;
  epoch_ms created = 0;
  epoch_ms modified = 0;
  std::optional<epoch_ms> triggered;
  retention default_retention;
  std::optional<int> max_steps;
  std::vector<std::string> schedules;
  std::vector<version> versions;  ///< oldest first; back() is the latest

  std::unordered_map<std::string, std::unique_ptr<instance>> instances;
  std::set<std::pair<epoch_ms, std::string>> by_created;  ///< (created, id), the list order

  // The batch-terminate job.
  bool job_running = false;
  std::optional<epoch_ms> job_due;
  std::vector<std::string> job_ids;
};

struct account {
  std::string id;
  retention settings;
  std::map<std::string, std::unique_ptr<workflow>, std::less<>> workflows;
};

struct engine_options {
  double time_scale = 1.0;
  bool seed = true;
  std::uint64_t random_seed = 1;
};

/// Everything, for all accounts. Not thread-safe.
class cf_state {
 public:
  explicit cf_state(engine_options options);
  cf_state(const cf_state&) = delete;
  cf_state& operator=(const cf_state&) = delete;

  /// Plays instances and jobs forward to `now` and drops expired instances.
  void run_due(epoch_ms now);
  /// The earliest time something is scheduled, if anything is.
  std::optional<epoch_ms> next_due() const;

  /// The account, created on first use (with the seed workflow when seeding is on).
  account& get_account(const std::string& id, epoch_ms now);
  workflow& get_workflow(account& a, const std::string& name);  ///< 404 when unknown
  instance& get_instance(workflow& w, const std::string& id);   ///< 404 when unknown
  const version& get_version(const workflow& w, const std::string& id) const;

  // Workflows
  workflow& put_workflow(account& a, const std::string& name, std::string class_name, std::string script_name,
                         std::optional<retention> default_retention, std::optional<int> max_steps,
                         std::optional<std::vector<std::string>> schedules, epoch_ms now);
  void delete_workflow(account& a, const std::string& name);

  // Instances
  struct create_args {
    std::optional<std::string> id;
    json::value params = json::object{};
    retention keep;
  };
  /// All or nothing: 409 when an id exists (or repeats within the batch).
  std::vector<instance*> create_instances(workflow& w, std::vector<create_args> args, epoch_ms now);
  void delete_instance(workflow& w, const std::string& id);

  status pause(instance& i, epoch_ms now);
  status resume(instance& i, epoch_ms now);
  status terminate(instance& i, bool rollback, epoch_ms now);
  struct restart_from {
    std::string name;
    int count = 1;
    step_kind kind = step_kind::do_step;
  };
  status restart(instance& i, const std::optional<restart_from>& from, epoch_ms now);
  void send_event(instance& i, const std::string& type, json::value payload, epoch_ms now);

  /// Starts the batch-terminate job; returns how many instances it will terminate, or nullopt
  /// when a job is already running.
  std::optional<std::size_t> start_terminate_job(workflow& w, std::vector<std::string> ids, epoch_ms now);

  // Serialisation
  json::object workflow_json(const workflow& w, epoch_ms now) const;
  json::object put_result_json(const workflow& w) const;
  json::object version_json(const workflow& w, const version& v) const;
  json::object instance_created_json(const instance& i) const;
  json::object instance_summary_json(const instance& i) const;
  json::object instance_details_json(const instance& i, bool simple, bool desc) const;
  static json::object step_json(const instance& i, const step_rec& s);

  epoch_ms scaled(double script_ms) const;
  std::string uuid();

 private:
  void advance(instance& i, epoch_ms now);
  void maybe_pause(instance& i, epoch_ms t);
  void begin_step(instance& i, epoch_ms t);
  void start_attempt(instance& i, epoch_ms t);
  void finish_attempt(instance& i, epoch_ms t);
  void start_rollback(instance& i, epoch_ms t);
  void finish(instance& i, status s, epoch_ms t);
  void consume_event(instance& i, step_rec& s, json::value payload, epoch_ms t);
  step_outputs outputs(const instance& i) const;
  void sync_agenda(instance& i);
  void sync_expiry(instance& i);
  void erase_instance(workflow& w, instance& i);
  void run_job(workflow& w, epoch_ms now);
  void seed(account& a, epoch_ms now);

  engine_options options_;
  std::mt19937_64 rng_;
  std::uint64_t next_serial_ = 1;
  std::map<std::string, account, std::less<>> accounts_;

  struct target {
    workflow* wf = nullptr;
    instance* inst = nullptr;  ///< null: the workflow's batch-terminate job
  };
  std::unordered_map<std::uint64_t, target> targets_;
  std::set<std::pair<epoch_ms, std::uint64_t>> agenda_;  ///< (due, serial)
  std::set<std::pair<epoch_ms, std::uint64_t>> expiry_;  ///< (expires_at, instance serial)
};

/// "<n> <unit>" (second, minute, hour, day, week, month, year, ms / millisecond; singular or
/// plural) or an integer of ms. nullopt when neither.
std::optional<epoch_ms> parse_duration(const json::value& v);

}  // namespace flowsdk::emulator::detail::cf
