#pragma once
// LAG and LAQ (Chen et al. 2018; Sun et al. 2019): lazily aggregated
// gradients on a parameter server. The server (node n) keeps
// grad = sum_m g_hat_m, the sum of the last gradient (LAG) or quantized
// gradient (LAQ) each worker uploaded, and steps theta <- theta - lr grad.
// Each round it sends theta and the trigger budget B^k to every worker; a
// worker computes its full local gradient and uploads the change only when
// the change is large enough (LAG-WK), or its b-bit quantized innovation when
// that is large enough or it has skipped `max_skip` rounds (LAQ). Otherwise
// it answers with a one-bit skip notice, so the synchronous server knows not
// to wait.
// With `timeout_s` the server closes a round timeout_s after sending the
// models; a worker that did not answer counts as one that skipped (its last
// upload stays in the aggregate) and answers of a closed round are dropped.
// A lost upload breaks LAG/LAQ's invariant: the worker believes the server
// holds its new g_hat, the server keeps the old one, and later uploads are
// differences against the worker's copy, so the server's aggregate stays off
// by the lost change until nothing is lost (docs/algorithms.md).
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "models/algorithms/algorithm.hpp"
#include "models/algorithms/round_tracker.hpp"
#include "sim/params/params.hpp"

namespace commsim {

PluginInfo lag_info();
PluginInfo laq_info();

class LazyAggregation : public Algorithm {
 public:
  enum class Rule { kLag, kLaq };
  LazyAggregation(Rule rule, const Params& params, AlgorithmContext context);
  void start() override;
  std::int64_t rounds_completed() const override { return tracker_.rounds_completed(); }
  std::int64_t uploads() const { return uploads_; }
  std::int64_t skips() const { return skips_; }
  MissingMessageCounters missing_messages() const override { return counters_; }

 private:
  struct Worker {
    std::vector<double> last_uploaded;  // g_hat (LAG) or Q_hat (LAQ)
    double last_error = 0.0;            // LAQ: ||epsilon||^2 of the last upload
    std::int64_t skipped = 0;           // LAQ: rounds since the last upload
    std::vector<float> gradient;
  };
  NodeId server() const { return workers_count_; }
  void broadcast_model();
  void on_message(const Message& message);
  void respond(NodeId worker, std::int64_t round);
  void on_response(const Message& message);
  void on_timeout(std::int64_t round);
  void close_round();  // the step with the aggregate, then the next round's models

  Rule rule_;
  double learning_rate_;
  std::vector<double> xi_;
  int bits_;
  std::int64_t max_skip_;
  AlgorithmContext context_;
  NodeId workers_count_;
  std::vector<Worker> workers_;
  std::vector<float> model_;
  std::vector<double> aggregate_;      // sum over workers of their last uploads
  std::deque<double> recent_changes_;  // ||theta^{k+1} - theta^k||^2, newest first
  double budget_ = 0.0;                // B^k of the current round
  std::int64_t round_ = 0;
  NodeId responses_ = 0;
  std::optional<SimTime> timeout_;  // none: wait for every worker's answer
  MissingMessageCounters counters_;
  std::int64_t uploads_ = 0, skips_ = 0;
  RoundTracker tracker_;
};

}  // namespace commsim
