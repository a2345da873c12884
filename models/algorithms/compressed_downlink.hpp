#pragma once
// The server side of a compressed model broadcast (the scenario's `downlink`
// block, ps_sgd sync): every worker holds a replica x_hat of the model; once
// per model version the server compresses the difference,
// Delta = C(x - x_hat) (with error feedback C(x - x_hat + e)), adds the
// decoded Delta to its copy of x_hat and sends Delta to every worker, which
// adds it to its replica. A worker whose replica is unknown (its first model)
// or may have missed an update (it did not answer a round) gets x_hat in full
// as float32 instead; that resend counts as a retransmission. On a size-only
// task both are sizes only: Delta has the compressor's size-only bits and a
// full replica message_floats() x 32 bits.
#include <cstdint>
#include <memory>
#include <vector>

#include "models/algorithms/node_compression.hpp"

namespace commsim {

class CompressedDownlink {
 public:
  CompressedDownlink(std::shared_ptr<const Compressor> compressor, std::uint64_t seed,
                     NodeId workers, const Task& task);

  // Delta for this version of the model; once per version (a round sent
  // again reuses it).
  void prepare(std::int64_t version, const std::vector<float>& model);

  struct Outgoing {
    bool full = false;  // x_hat in full (float32) rather than Delta
    std::shared_ptr<const std::vector<float>> values;
    std::int64_t payload_bits = 0;
    bool resend = false;  // a full replica to a worker that had one before
  };
  // What `worker` gets for the prepared version; the worker counts as up to
  // date afterwards, until mark_stale.
  Outgoing message_for(NodeId worker);

  // The worker did not answer a round: its replica may lack an update.
  void mark_stale(NodeId worker);

 private:
  enum class Replica : std::uint8_t { kNone, kCurrent, kStale };

  NodeCompression compression_;  // one sender, the server
  std::vector<float> replica_;   // x_hat
  std::int64_t prepared_version_ = -1;
  std::shared_ptr<const std::vector<float>> update_;
  std::int64_t update_bits_ = 0;
  std::vector<Replica> workers_;
  std::int64_t model_floats_;  // a full replica's entries on the wire
};

}  // namespace commsim
