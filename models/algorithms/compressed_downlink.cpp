#include "models/algorithms/compressed_downlink.hpp"

namespace commsim {

namespace {
constexpr std::int64_t kBitsPerFloat = 32;
}

CompressedDownlink::CompressedDownlink(std::shared_ptr<const Compressor> compressor,
                                       std::uint64_t seed, NodeId workers, const Task& task)
    : compression_(
          std::move(compressor), ErrorFeedback{}, nullptr, seed, "downlink", 1,
          task.size_only() ? std::optional<std::int64_t>(task.message_floats()) : std::nullopt),
      workers_(static_cast<std::size_t>(workers), Replica::kNone),
      model_floats_(task.message_floats()) {}

void CompressedDownlink::prepare(std::int64_t version, const std::vector<float>& model) {
  if (version == prepared_version_)
    return;
  prepared_version_ = version;
  if (replica_.empty())
    replica_ = model;  // the first version: x_hat = x, Delta = C(0)
  std::vector<float> difference(model.size());
  for (std::size_t k = 0; k < model.size(); ++k)
    difference[k] = model[k] - replica_[k];
  Encoded delta = compression_.compress(0, difference);
  for (std::size_t k = 0; k < replica_.size(); ++k)
    replica_[k] += delta.decoded[k];
  update_ = std::make_shared<const std::vector<float>>(std::move(delta.decoded));
  update_bits_ = delta.payload_bits;
}

CompressedDownlink::Outgoing CompressedDownlink::message_for(NodeId worker) {
  Replica& state = workers_[static_cast<std::size_t>(worker)];
  Outgoing out;
  if (state == Replica::kCurrent) {
    out.values = update_;
    out.payload_bits = update_bits_;
    return out;
  }
  out.full = true;
  out.resend = state == Replica::kStale;
  out.values = std::make_shared<const std::vector<float>>(replica_);
  out.payload_bits = model_floats_ * kBitsPerFloat;
  state = Replica::kCurrent;
  return out;
}

void CompressedDownlink::mark_stale(NodeId worker) {
  Replica& state = workers_[static_cast<std::size_t>(worker)];
  if (state == Replica::kCurrent)
    state = Replica::kStale;
}

}  // namespace commsim
