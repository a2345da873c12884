#pragma once
// An application message. It carries the decoded content (shared, since one
// vector may go to many neighbours) and the exact number of bits its encoding
// takes on the wire; the link models charge the latter.
#include <cstdint>
#include <memory>
#include <vector>

namespace commsim {

using NodeId = std::int32_t;

struct Message {
  NodeId from = 0;
  NodeId to = 0;  // the receiver this copy was delivered to
  std::int64_t payload_bits = 0;
  std::int64_t round = 0;    // the sender's round (or step) this message belongs to
  std::int32_t channel = 0;  // algorithm-defined purpose (e.g. model vs. gradient)
  std::shared_ptr<const std::vector<float>> values;
};

}  // namespace commsim
