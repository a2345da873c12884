#pragma once
// Collective compressors (double quantization, Sketched-SGD, ScaleCom,
// PowerSGD, DGC): compression of one synchronous round over all n workers
// at once. Unlike a per-vector Compressor, a worker's message here depends
// on the others (ScaleCom's leader support, Sketched-SGD's second round
// driven by the summed sketch, PowerSGD's all-reduced factors), and the
// method keeps per-worker state (error memories, momentum, the warm-start
// query). So one object serves one run: `exchange` takes every worker's
// gradient of the round and returns the vector every worker applies plus the
// communication phases with their exact bits; the engine
// (models/algorithms/collective_sgd) carries those phases as real messages
// over the network.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/compressors/compressor.hpp"
#include "sim/kernel/rng.hpp"
#include "sim/net/message.hpp"

namespace commsim {

// Where a round's messages travel: a parameter server (node n) linked to every
// worker, or the ring i -> i+1 of an all-reduce.
enum class Fabric { kServer, kRing };

// One communication phase, named by its pattern; the engine expands it into
// directed messages for the fabric (collective_schedule.hpp).
struct CollectivePhase {
  enum class Pattern {
    kAllReduce,        // sum of a dense vector of `values` entries of `value_bits` each
    kAllGather,        // worker i's message of bits[i] reaches every worker
    kWorkerBroadcast,  // worker `root`'s message of bits[0] reaches every worker
    kGather,           // worker i -> server, bits[i] (server fabric only)
    kServerBroadcast,  // server -> every worker, bits[0] (server fabric only)
  };
  Pattern pattern = Pattern::kAllReduce;
  std::int64_t values = 0;
  std::int64_t value_bits = 0;
  std::vector<std::int64_t> bits;
  NodeId root = 0;

  static CollectivePhase all_reduce(std::int64_t values, std::int64_t value_bits) {
    return {Pattern::kAllReduce, values, value_bits, {}, 0};
  }
  static CollectivePhase all_gather(std::vector<std::int64_t> bits) {
    return {Pattern::kAllGather, 0, 0, std::move(bits), 0};
  }
  static CollectivePhase worker_broadcast(NodeId root, std::int64_t bits) {
    return {Pattern::kWorkerBroadcast, 0, 0, {bits}, root};
  }
  static CollectivePhase gather(std::vector<std::int64_t> bits) {
    return {Pattern::kGather, 0, 0, std::move(bits), 0};
  }
  static CollectivePhase server_broadcast(std::int64_t bits) {
    return {Pattern::kServerBroadcast, 0, 0, {bits}, 0};
  }
};

struct CollectiveResult {
  std::vector<float>
      update;  // the decompressed average every worker applies (a gradient direction)
  std::vector<CollectivePhase> phases;
  std::int64_t level = 0;  // a level the method chose (0 when fixed)
};

// What the server sends down after its step, when it is not the update itself.
struct ModelDownlink {
  std::vector<float> model;  // the model workers compute their next gradients at
  std::int64_t bits = 0;     // per worker
};

class CollectiveCompressor {
 public:
  virtual ~CollectiveCompressor() = default;
  // inputs[i] is worker i's gradient of round `round` (0, 1, ...); every
  // worker's state is updated. Randomness only from `rng`.
  virtual CollectiveResult exchange(const std::vector<std::vector<float>>& inputs,
                                    std::int64_t round, Rng& rng) = 0;
  // By default workers keep replicas and apply the update themselves, so the
  // model is never sent; double_quant sends a quantized model instead.
  virtual std::optional<ModelDownlink> downlink(const std::vector<float>& /*model*/, Rng& /*rng*/) {
    return std::nullopt;
  }
};

// What a collective kind says about itself, for the algorithms' checks.
struct CollectiveTraits {
  std::string why;                // why it cannot compress one vector alone
  bool runs_on_server = true;     // ps_sgd (mode sync)
  bool runs_on_ring = true;       // allreduce
  bool has_own_momentum = false;  // the algorithm's heavy-ball momentum must then be 0
};

using CollectiveFactory = std::function<std::unique_ptr<CollectiveCompressor>(
    NodeId workers, Fabric fabric, std::uint64_t seed)>;

// The registry's object for a collective kind: it cannot encode one vector
// (encode is a logic error; the algorithms' checks reject such scenarios with
// an InputError first) but builds the stateful collective for a run.
class CollectiveMethod final : public Compressor {
 public:
  CollectiveMethod(std::string name, CollectiveTraits traits, CollectiveFactory factory)
      : name_(std::move(name)), traits_(std::move(traits)), factory_(std::move(factory)) {}
  std::string name() const override { return name_; }
  bool unbiased() const override { return false; }
  Encoded encode(std::span<const float> v, Rng& rng) const override;
  const CollectiveTraits& traits() const { return traits_; }
  std::unique_ptr<CollectiveCompressor> make(NodeId workers, Fabric fabric,
                                             std::uint64_t seed) const {
    return factory_(workers, fabric, seed);
  }

 private:
  std::string name_;
  CollectiveTraits traits_;
  CollectiveFactory factory_;
};

// The collective behind a compressor, or nullptr for a per-vector one.
const CollectiveMethod* as_collective(const Compressor* compressor);

}  // namespace commsim
