// decode_models: what turning a response body into a typed model costs, against parsing the
// same body into a boost::json::value only (the least any client does). Google Benchmark; read
// the ratio of the two timings of one run.
//
//   decode_models --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include "core/json_reader.hpp"

#include <flowsdk/cloudflare/models.hpp>
#include <flowsdk/imbrace/models.hpp>
#include <flowsdk/tenex/models.hpp>

#include <benchmark/benchmark.h>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

namespace {

// A run as the emulator and the engine send it, with a step log.
const std::string run_body = R"({"id":"nT5EYWTuAMxDT4Zh6N3Vp","created":"2026-11-22T10:00:00.000Z",
  "updated":"2026-11-22T10:00:01.000Z","projectId":"p5EYWTuAMxDT4Zh6N3Vpq","flowId":"fT5EYWTuAMxDT4Zh6N3Vp",
  "flowVersionId":"vT5EYWTuAMxDT4Zh6N3Vp","status":"SUCCEEDED","environment":"PRODUCTION",
  "startTime":"2026-11-22T10:00:00.100Z","finishTime":"2026-11-22T10:00:00.900Z","failParentOnFailure":true,
  "tags":["seed","even"],"flowVersion":{"displayName":"Echo"},"logsFileId":null,
  "steps":{"trigger":{"type":"PIECE_TRIGGER","status":"SUCCEEDED","output":{"body":{"name":"Ada"}}},
           "step_1":{"type":"PIECE","status":"SUCCEEDED","output":{"status":200,"body":{"name":"Ada"}}}}})";

const std::string instance_body = R"({"status":"complete","params":{"order":42},"trigger":{"source":"api"},
  "versionId":"182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e","queued":"2026-11-22T10:00:00Z","start":"2026-11-22T10:00:00Z",
  "end":"2026-11-22T10:00:01Z","success":true,"error":null,"output":{"ok":true},"step_count":2,
  "steps":[{"type":"step","name":"validate","start":"t","end":"t","success":true,"output":"{}",
            "attempts":[{"start":"t","end":"t","success":true,"error":null}],
            "config":{"retries":{"limit":3,"delay":1000,"backoff":"exponential"},"timeout":"10 minutes"}},
           {"type":"sleep","name":"cool-down","start":"t","end":"t","finished":true,"error":null}]})";

// A 10ex run, and a progress-stream snapshot of one with its trace (docs/tenex.md).
const std::string tenex_run_body = R"({"id":"run_0000000478dde6","workflow_id":"wf_00000003daa66d","version":1,
  "status":"succeeded","trigger":{"type":"manual"},"input":{"lead_id":"lead_demo","sequence_id":"seq_welcome"},
  "output":{"lead_id":"lead_demo","sequence_id":"seq_welcome"},"error":null,"current_step_id":null,
  "created_at":"2026-11-22T10:00:00.000Z","started_at":"2026-11-22T10:00:00.050Z",
  "finished_at":"2026-11-22T10:00:00.700Z"})";

const std::string tenex_snapshot_data = R"({"run_id":"run_0000000478dde6","seq":5,"at":"2026-11-22T10:00:00.600Z",
  "run":{"id":"run_0000000478dde6","workflow_id":"wf_00000003daa66d","version":1,"status":"running",
    "trigger":{"type":"manual"},"input":{"lead_id":"lead_demo"},"output":null,"error":null,
    "current_step_id":"enroll","created_at":"2026-11-22T10:00:00.000Z","started_at":"2026-11-22T10:00:00.050Z"},
  "steps":[{"step_id":"score","type":"agent","status":"succeeded","attempt":1,"started_at":"t","finished_at":"t",
            "output":{"lead_id":"lead_demo","score":87}},
           {"step_id":"route","type":"branch","status":"succeeded","attempt":1,"started_at":"t","finished_at":"t",
            "output":{"branch_taken":"enroll"},"branch_taken":"enroll"},
           {"step_id":"enroll","type":"connector_action","status":"running","attempt":1,"started_at":"t"}]})";

void parse_only(benchmark::State& state, const std::string& body) {
  for (auto _ : state) {
    auto v = boost::json::parse(body);
    benchmark::DoNotOptimize(v);
  }
}

template <class T>
void parse_and_decode(benchmark::State& state, const std::string& body) {
  for (auto _ : state) {
    auto model = flowsdk::json::decode_as<T>(boost::json::parse(body));
    benchmark::DoNotOptimize(model);
  }
}

// What the SDK does with a reply's body: read it straight into the model (src/core/json_reader.hpp).
template <class T>
void read_into_model(benchmark::State& state, const std::string& body) {
  for (auto _ : state) {
    T model{};
    if (!flowsdk::json::detail::read_into(body, flowsdk::json::detail::sink_of(model))) state.SkipWithError("refused");
    benchmark::DoNotOptimize(model);
  }
}

void BM_ImbraceRunParseOnly(benchmark::State& s) { parse_only(s, run_body); }
void BM_ImbraceRunDecoded(benchmark::State& s) { parse_and_decode<flowsdk::imbrace::flow_run>(s, run_body); }
void BM_ImbraceRunRead(benchmark::State& s) { read_into_model<flowsdk::imbrace::flow_run>(s, run_body); }
void BM_CloudflareInstanceParseOnly(benchmark::State& s) { parse_only(s, instance_body); }
void BM_CloudflareInstanceDecoded(benchmark::State& s) {
  parse_and_decode<flowsdk::cloudflare::instance_details>(s, instance_body);
}

void BM_CloudflareInstanceRead(benchmark::State& s) {
  read_into_model<flowsdk::cloudflare::instance_details>(s, instance_body);
}

void BM_TenexRunParseOnly(benchmark::State& s) { parse_only(s, tenex_run_body); }
void BM_TenexRunDecoded(benchmark::State& s) { parse_and_decode<flowsdk::tenex::run>(s, tenex_run_body); }
void BM_TenexRunRead(benchmark::State& s) { read_into_model<flowsdk::tenex::run>(s, tenex_run_body); }
void BM_TenexSnapshotEventParseOnly(benchmark::State& s) { parse_only(s, tenex_snapshot_data); }
void BM_TenexSnapshotEventDecoded(benchmark::State& state) {
  flowsdk::server_sent_event e;
  e.type = "run.snapshot";
  e.id = "5";
  e.data = tenex_snapshot_data;
  for (auto _ : state) {
    auto event = flowsdk::tenex::run_event::from_sse(e);
    benchmark::DoNotOptimize(event);
  }
}

// A page of 100 runs as list_runs gets it ({data, next, previous}), the runs without steps.
const std::string page_body = [] {
  const std::string one = R"({"id":"nT5EYWTuAMxDT4Zh6N3Vp","created":"2026-11-22T10:00:00.000Z",
    "updated":"2026-11-22T10:00:01.000Z","projectId":"p5EYWTuAMxDT4Zh6N3Vpq","flowId":"fT5EYWTuAMxDT4Zh6N3Vp",
    "flowVersionId":"vT5EYWTuAMxDT4Zh6N3Vp","status":"SUCCEEDED","environment":"PRODUCTION",
    "startTime":"2026-11-22T10:00:00.100Z","finishTime":"2026-11-22T10:00:00.900Z","failParentOnFailure":true,
    "tags":[],"flowVersion":{"displayName":"Echo"},"logsFileId":null,"archivedAt":null})";
  std::string body = R"({"data":[)";
  for (int i = 0; i < 100; ++i) body += (i ? "," : "") + one;
  return body + R"(],"next":"eyJpZCI6Im5UNSJ9","previous":null})";
}();

void BM_ImbracePageParseOnly(benchmark::State& s) { parse_only(s, page_body); }
void BM_ImbracePageDecoded(benchmark::State& state) {
  for (auto _ : state) {
    auto items = flowsdk::json::decode_as<std::vector<flowsdk::imbrace::flow_run>>(
        boost::json::parse(page_body).get_object().at("data"));
    benchmark::DoNotOptimize(items);
  }
}
// What rest::read_page does with it: the items straight into the vector, the rest kept.
void BM_ImbracePageRead(benchmark::State& state) {
  for (auto _ : state) {
    std::vector<flowsdk::imbrace::flow_run> items;
    boost::json::monotonic_resource scratch;
    flowsdk::json::detail::envelope_sink page("data", flowsdk::json::detail::sink_of(items), &scratch);
    if (!flowsdk::json::detail::read_into(page_body, page.sink())) state.SkipWithError("refused");
    benchmark::DoNotOptimize(items);
  }
}

}  // namespace

BENCHMARK(BM_ImbracePageParseOnly);
BENCHMARK(BM_ImbracePageDecoded);
BENCHMARK(BM_ImbracePageRead);
BENCHMARK(BM_ImbraceRunParseOnly);
BENCHMARK(BM_ImbraceRunDecoded);
BENCHMARK(BM_ImbraceRunRead);
BENCHMARK(BM_CloudflareInstanceParseOnly);
BENCHMARK(BM_CloudflareInstanceDecoded);
BENCHMARK(BM_CloudflareInstanceRead);
BENCHMARK(BM_TenexRunParseOnly);
BENCHMARK(BM_TenexRunDecoded);
BENCHMARK(BM_TenexRunRead);
BENCHMARK(BM_TenexSnapshotEventParseOnly);
BENCHMARK(BM_TenexSnapshotEventDecoded);
BENCHMARK_MAIN();
