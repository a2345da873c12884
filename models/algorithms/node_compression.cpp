#include "models/algorithms/node_compression.hpp"

#include <stdexcept>

namespace commsim {

namespace {
constexpr std::int64_t kBitsPerFloat = 32;
}

ErrorFeedback read_error_feedback(const nlohmann::json& compressor_block) {
  ErrorFeedback options;
  if (compressor_block.contains("error_feedback"))
    options.enabled = compressor_block["error_feedback"].get<bool>();
  if (compressor_block.contains("error_feedback_beta")) {
    options.beta = compressor_block["error_feedback_beta"].get<double>();
  }
  return options;
}

bool has_compressed_downlink(const nlohmann::json& scenario) {
  return scenario.contains("downlink") && scenario["downlink"]["kind"] != "none";
}

NodeCompression::NodeCompression(const AlgorithmContext& context, NodeId nodes)
    : NodeCompression(context.compressor, context.error_feedback, context.compression_levels,
                      context.seed, "compressor", nodes,
                      context.task.size_only()
                          ? std::optional<std::int64_t>(context.task.message_floats())
                          : std::nullopt) {}

NodeCompression::NodeCompression(std::shared_ptr<const Compressor> compressor,
                                 ErrorFeedback error_feedback, CompressionLevels* levels,
                                 std::uint64_t seed, std::string_view stream, NodeId nodes,
                                 std::optional<std::int64_t> size_only_floats)
    : compressor_(std::move(compressor)),
      error_feedback_(error_feedback),
      levels_(levels),
      rng_(seed, std::string(stream), static_cast<std::size_t>(nodes)),
      memory_(static_cast<std::size_t>(nodes)),
      size_only_floats_(size_only_floats) {
  adaptive_ = dynamic_cast<const AdaptiveCompressor*>(compressor_.get());
}

Encoded NodeCompression::encode(std::span<const float> v, Rng& rng) const {
  if (imposed_level_)
    return adaptive_->encode_at(v, *imposed_level_, rng);
  return compressor_->encode(v, rng);
}

Encoded NodeCompression::size_only_message() const {
  Encoded message;  // no values: decoded stays as empty as the task's vectors
  if (!compressor_) {
    message.payload_bits = *size_only_floats_ * kBitsPerFloat;
    return message;
  }
  const std::optional<std::int64_t> bits = compressor_->size_only_bits(*size_only_floats_);
  if (!bits) {
    throw std::logic_error("compressor " + compressor_->name() +
                           " has no size-only bit count; the algorithm's check should have "
                           "rejected it for a size-only task");
  }
  message.payload_bits = *bits;
  return message;
}

Encoded NodeCompression::compress(NodeId node, std::span<const float> v) {
  if (size_only_floats_)
    return size_only_message();
  if (!compressor_) {
    Encoded exact;
    exact.decoded.assign(v.begin(), v.end());
    exact.payload_bits = static_cast<std::int64_t>(v.size()) * kBitsPerFloat;
    exact.nonzeros = static_cast<std::int64_t>(v.size());
    return exact;
  }
  Rng& rng = rng_[static_cast<std::size_t>(node)];
  Encoded encoded;
  if (!error_feedback_.enabled) {
    encoded = encode(v, rng);
  } else {
    std::vector<float>& memory = memory_[static_cast<std::size_t>(node)];
    memory.resize(v.size(), 0.0f);
    std::vector<float> corrected(v.size());  // p = v + e
    for (std::size_t k = 0; k < v.size(); ++k)
      corrected[k] = v[k] + memory[k];
    encoded = encode(corrected, rng);
    // e <- (1 - beta) e + beta (p - C(p)); beta = 1 is classic error feedback.
    const double beta = error_feedback_.beta;
    for (std::size_t k = 0; k < v.size(); ++k) {
      const double residual =
          static_cast<double>(corrected[k]) - static_cast<double>(encoded.decoded[k]);
      memory[k] = static_cast<float>((1.0 - beta) * memory[k] + beta * residual);
    }
  }
  if (levels_ != nullptr)
    levels_->add(encoded.level);
  return encoded;
}

}  // namespace commsim
