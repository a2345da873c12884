#pragma once
// Per-node compression for every algorithm that compresses: one stateless
// compressor shared by all nodes, each node's random stream
// ("compressor", node) and, with error feedback, each node's memory e_i
// (EF-SGD; architecture: stateful parts live with the algorithm, not the
// compressor). Every compression's level goes to the run's tally. On a
// size-only task (synthetic_model) there are no values: a compression is the
// compressor's size-only bit count for the declared model size, so every
// algorithm that compresses through here charges that one formula.
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "models/algorithms/algorithm.hpp"
#include "sim/kernel/rng.hpp"
#include "sim/kernel/rng_streams.hpp"

namespace commsim {

class NodeCompression {
 public:
  // Nodes 0..nodes-1 may compress. Without a compressor in the context every
  // message is sent exactly as float32 (d * 32 bits).
  NodeCompression(const AlgorithmContext& context, NodeId nodes);
  // Any compressor, options and tally (may be null), with streams named `stream`;
  // `size_only_floats`: the entries of a message when the task computes no values.
  NodeCompression(std::shared_ptr<const Compressor> compressor, ErrorFeedback error_feedback,
                  CompressionLevels* levels, std::uint64_t seed, std::string_view stream,
                  NodeId nodes, std::optional<std::int64_t> size_only_floats = std::nullopt);

  // False for `none` (and no compressor): algorithms that send float32 by
  // default keep their exact uncompressed path.
  bool active() const { return compressor_ != nullptr && compressor_->name() != "none"; }

  // C(v), or with error feedback C(v + e_node) and the memory update. On a
  // size-only task: no values, payload_bits = size_only_bits(message floats).
  Encoded compress(NodeId node, std::span<const float> v);

  // CAT's common_T: the compressor asks for one level for every
  // sender. The server calls best_level on its aggregate and impose_level;
  // from then on every compress() encodes at that level.
  bool common_level() const { return adaptive_ != nullptr && adaptive_->common_level(); }
  std::size_t best_level(std::span<const float> v) const { return adaptive_->best_level(v); }
  void impose_level(std::size_t level) { imposed_level_ = level; }

  // Node's error memory (empty until its first compression with EF).
  const std::vector<float>& memory(NodeId node) const {
    return memory_[static_cast<std::size_t>(node)];
  }

 private:
  Encoded encode(std::span<const float> v, Rng& rng) const;
  Encoded size_only_message() const;

  std::shared_ptr<const Compressor> compressor_;
  const AdaptiveCompressor* adaptive_ = nullptr;  // compressor_ when it picks levels
  std::optional<std::size_t> imposed_level_;
  ErrorFeedback error_feedback_;
  CompressionLevels* levels_;
  RngStreams rng_;
  std::vector<std::vector<float>> memory_;
  std::optional<std::int64_t> size_only_floats_;
};

}  // namespace commsim
