#pragma once
// The task plugin interface: what the nodes learn (or average) and how the
// average model is evaluated.
//
// A model is a flat vector of dimension() floats; every node starts from
// initial_model(node). Learning tasks (trainable() == true) give each node a
// shard of one shared training set; node i's local objective is
//   f_i(x) = (1/m_i) sum_{s in shard i} loss(x; s) + (l2/2) ||x||^2,
// (m_i = shard_size(i)), and the global objective is the same mean over the
// whole training set. Gradients are exact (analytic, float32 arithmetic,
// accumulated in double where sums are long).
//
// Thread safety: a Task is immutable after construction; every method is
// const and may be called from several threads at once. The data are loaded
// once per process and shared by every node and every task that reads them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/kernel/rng.hpp"
#include "sim/net/message.hpp"

namespace commsim {

struct TaskMetrics {
  std::optional<double> train_loss;     // global objective (incl. the l2 term) at the model
  std::optional<double> test_accuracy;  // classification tasks with a held-out set
  std::optional<double> test_loss;      // mean held-out loss (no l2 term); also for regression
};

class Task {
 public:
  virtual ~Task() = default;
  virtual std::string name() const = 0;
  virtual std::size_t dimension() const = 0;  // floats in one model
  virtual std::vector<float> initial_model(NodeId node) const = 0;
  // Floats a model (or gradient) message carries on the wire. Equal to
  // dimension() except for tasks that only declare a size and compute no
  // numerics (synthetic_model), whose models are empty vectors.
  virtual std::int64_t message_floats() const { return static_cast<std::int64_t>(dimension()); }
  // True for tasks without numerics (synthetic_model): a compressed message
  // then has the compressor's size-only bits for message_floats() entries
  // (Compressor::size_only_bits) and carries no values.
  virtual bool size_only() const { return false; }
  // Metrics of a model (usually the average of all nodes' models).
  virtual TaskMetrics evaluate(const std::vector<double>& model) const = 0;

  // --- Learning (tasks with data). The defaults describe a task without a
  // gradient (consensus); calling a gradient on it is a logic error.
  virtual bool trainable() const { return false; }

  // A minibatch gradient of f_i at `model`: `batch` distinct samples drawn
  // uniformly from node's shard with `rng` (the caller's stream, so results
  // depend only on it; minibatches are independent, there is no epoch
  // bookkeeping). Writes the mean gradient plus l2 * model into `gradient`
  // (resized to dimension()) and returns the minibatch's mean loss (without
  // the l2 term). A shard smaller than `batch` (only under the plain
  // Dirichlet draw) is sampled with replacement; an empty shard gives a zero
  // gradient and loss 0.
  virtual double stochastic_gradient(NodeId node, const std::vector<float>& model, Rng& rng,
                                     std::vector<float>& gradient) const;

  // The exact gradient of f_i over node's whole shard (for GD, LAG, CAT);
  // returns f_i's data term, the shard's mean loss.
  virtual double full_gradient(NodeId node, const std::vector<float>& model,
                               std::vector<float>& gradient) const;

  // FLOPs of one stochastic_gradient / full_gradient call, for the compute
  // model (formulas per task in docs/tasks.md).
  virtual double gradient_flops() const { return 0.0; }
  // FLOPs of node's stochastic_gradient call: gradient_flops(), or 0 for a
  // node that holds no rows (plain Dirichlet draw) and so computes nothing.
  virtual double stochastic_gradient_flops(NodeId /*node*/) const { return gradient_flops(); }
  virtual double full_gradient_flops(NodeId /*node*/) const { return 0.0; }

  // Samples in node's shard (m_i) and in the whole training set, e.g. to
  // weight nodes when an algorithm sums local objectives (LAG: f = sum_m f_m).
  virtual std::size_t shard_size(NodeId /*node*/) const { return 0; }
  virtual std::size_t train_samples() const { return 0; }
  // Samples in one stochastic gradient (0: the task has no minibatches).
  virtual std::size_t batch_size() const { return 0; }
  // Bytes of data the task holds (data set, shards), for the memory estimate.
  virtual std::size_t data_bytes() const { return 0; }
  // Of data_bytes(), the data set shared with the other tasks of the process
  // that use the same data (the memory estimate counts it once).
  virtual std::size_t shared_data_bytes() const { return 0; }
  // How the task got its data, for provenance.json: "decoded", "from cache",
  // "shared" or "generated" (DataOrigin); empty for a task without data.
  virtual std::string data_origin() const { return {}; }
};

}  // namespace commsim
