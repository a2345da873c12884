#include "models/links/ethernet.hpp"

#include <algorithm>

namespace commsim {

std::int64_t EthernetConfig::packet_header_bytes() const {
  const std::int64_t transport_bytes =
      transport == EthernetTransport::kTcp ? ethernet::kTcpHeaderBytes : ethernet::kUdpHeaderBytes;
  return ethernet::kIpv4HeaderBytes + transport_bytes;
}

std::int64_t EthernetConfig::payload_bytes_per_packet() const {
  return mtu_bytes - packet_header_bytes();
}

namespace {

// Destination address .. FCS of the frame carrying `payload` application bytes,
// padded up to the minimum frame (IEEE 802.3 clause 3.2.7).
std::int64_t frame_bytes(const EthernetConfig& config, std::int64_t payload) {
  return std::max(config.min_frame_bytes,
                  config.header_bytes + config.packet_header_bytes() + payload + config.fcs_bytes);
}

SimTime line_time(std::int64_t bytes, double bandwidth_bps) {
  return seconds_to_simtime(static_cast<double>(bytes * 8) / bandwidth_bps);
}

// How a message of `bytes` is framed: its packets and their frames.
struct Framing {
  std::int64_t packets;
  std::int64_t full_frame;
  std::int64_t last_frame;
  std::int64_t frame_total;  // destination address .. FCS, all frames
  std::int64_t line_bytes;   // preamble and frame of every packet, gaps between them
};

Framing framing(const EthernetConfig& c, std::int64_t bytes) {
  const std::int64_t per_packet = c.payload_bytes_per_packet();
  Framing f{};
  // A message of 0 bytes still sends one (padded) frame.
  f.packets = std::max<std::int64_t>(1, (bytes + per_packet - 1) / per_packet);
  f.full_frame = frame_bytes(c, per_packet);
  f.last_frame = frame_bytes(c, bytes - (f.packets - 1) * per_packet);
  f.frame_total = (f.packets - 1) * f.full_frame + f.last_frame;
  f.line_bytes = f.packets * c.preamble_bytes + f.frame_total + (f.packets - 1) * c.gap_bytes;
  return f;
}

}  // namespace

std::int64_t EthernetLinkModel::line_bits(std::int64_t payload_bits) const {
  // As long as the line is busy for the sender: the gap after the last frame too.
  return (framing(config_, payload_bytes_of(payload_bits)).line_bytes + config_.gap_bytes) * 8;
}

LinkModel::LinePackets EthernetLinkModel::line_packets(std::int64_t payload_bits) const {
  const Framing f = framing(config_, payload_bytes_of(payload_bits));
  const std::int64_t around = config_.preamble_bytes + config_.gap_bytes;
  return {f.packets, (around + f.full_frame) * 8, (around + f.last_frame) * 8};
}

LinkCost EthernetLinkModel::expected_cost(std::int64_t payload_bits, Transmission /*mode*/) const {
  const EthernetConfig& c = config_;
  const auto [packets, full_frame, last_frame, frame_total, line_bytes] =
      framing(c, payload_bytes_of(payload_bits));
  // Store and forward at the line rate: every switch delays the end of the
  // message by one re-serialisation of the longest frame (the frames behind it
  // queue behind it) plus its own latency. Derivation in docs/links.md.
  const std::int64_t longest_line = c.preamble_bytes + std::max(full_frame, last_frame);
  const std::int64_t hop_bytes = c.switch_hops * longest_line;
  const double fixed_delay_s =
      c.latency_s + static_cast<double>(c.switch_hops) * c.switch_latency_s;

  LinkCost result;
  result.frames = packets;
  result.wire_bytes = frame_total;
  result.delivery =
      line_time(line_bytes + hop_bytes, c.bandwidth_bps) + seconds_to_simtime(fixed_delay_s);
  // The next frame, of this sender's next message too, may start only after the gap.
  result.sender_busy = line_time(line_bytes + c.gap_bytes, c.bandwidth_bps);
  const double interface_energy_j =
      c.energy_per_bit_j * static_cast<double>((packets * c.preamble_bytes + frame_total) * 8) +
      c.energy_per_frame_j * static_cast<double>(packets);
  result.sender_energy_j = interface_energy_j;
  result.receiver_energy_j = interface_energy_j;
  return result;
}

LinkCost EthernetLinkModel::cost(std::int64_t payload_bits, Rng& rng, Transmission mode) const {
  LinkCost result = expected_cost(payload_bits, mode);
  if (config_.loss_rate <= 0.0)
    return result;
  // UDP does not retransmit and the sender does not learn of a loss, so every
  // packet is sent; one lost packet loses the message. One draw per packet.
  for (std::int64_t packet = 0; packet < result.frames; ++packet) {
    if (rng.bernoulli(config_.loss_rate))
      result.delivered = false;
  }
  // As in every link model, a lost message's delivery is when the sender is done.
  if (!result.delivered)
    result.delivery = result.sender_busy;
  return result;
}

PluginInfo ethernet_info() {
  using ethernet::kFcsBytes, ethernet::kHeaderBytes, ethernet::kInterFrameGapBytes,
      ethernet::kMinFrameBytes, ethernet::kMinimumIpv4MtuBytes, ethernet::kMtuBytes,
      ethernet::kPreambleBytes;
  return {
      "ethernet",
      "Full-duplex Ethernet II, UDP or TCP over IPv4: per-packet framing, padding, gap, "
      "store-and-forward switches",
      {
          ParamSpec::real("bandwidth_bps", 1e9, "line rate, bits per second").above(0),
          ParamSpec::real("latency_s", 0.0, "propagation delay, end to end, s").at_least(0),
          ParamSpec::integer("mtu_bytes", kMtuBytes, "largest IP packet, bytes (RFC 791: >= 68)")
              .at_least(static_cast<double>(kMinimumIpv4MtuBytes)),
          ParamSpec::choice("transport", {"udp", "tcp"}, "udp",
                            "udp: 8-byte header, 1472 B per packet at MTU 1500; tcp: 20-byte "
                            "header, MSS = MTU - 40 (no ACKs, no congestion control)"),
          ParamSpec::integer("preamble_bytes", kPreambleBytes, "preamble + SFD, bytes").at_least(0),
          ParamSpec::integer("gap_bytes", kInterFrameGapBytes, "inter-frame gap, bytes")
              .at_least(0),
          ParamSpec::integer("header_bytes", kHeaderBytes, "MAC header, bytes").at_least(0),
          ParamSpec::integer("fcs_bytes", kFcsBytes, "frame check sequence, bytes").at_least(0),
          ParamSpec::integer("min_frame_bytes", kMinFrameBytes,
                             "minimum frame, header to FCS; shorter frames are padded")
              .at_least(0),
          ParamSpec::integer("switch_hops", 0, "store-and-forward switches on the path")
              .at_least(0),
          ParamSpec::real("switch_latency_s", 0.0, "processing delay per switch, s").at_least(0),
          ParamSpec::real("energy_per_bit_j", 1e-9,
                          "joules per bit of preamble and frame, spent by the sender's and by "
                          "each receiver's interface")
              .at_least(0),
          ParamSpec::real("energy_per_frame_j", 0.0, "joules per frame and interface").at_least(0),
          ParamSpec::real("loss_rate", 0.0,
                          "probability that a packet is lost; one lost packet loses the message "
                          "(udp only)")
              .at_least(0)
              .at_most(1),
      },
      ""};
}

std::shared_ptr<const LinkModel> make_ethernet(const Params& params) {
  EthernetConfig c;
  c.bandwidth_bps = params.real("bandwidth_bps");
  c.latency_s = params.real("latency_s");
  c.mtu_bytes = params.integer("mtu_bytes");
  c.transport =
      params.text("transport") == "tcp" ? EthernetTransport::kTcp : EthernetTransport::kUdp;
  c.preamble_bytes = params.integer("preamble_bytes");
  c.gap_bytes = params.integer("gap_bytes");
  c.header_bytes = params.integer("header_bytes");
  c.fcs_bytes = params.integer("fcs_bytes");
  c.min_frame_bytes = params.integer("min_frame_bytes");
  c.switch_hops = params.integer("switch_hops");
  c.switch_latency_s = params.real("switch_latency_s");
  c.energy_per_bit_j = params.real("energy_per_bit_j");
  c.energy_per_frame_j = params.real("energy_per_frame_j");
  c.loss_rate = params.real("loss_rate");
  if (c.transport == EthernetTransport::kTcp && c.loss_rate > 0.0) {
    throw params.error("loss_rate", "got " + quote_value(c.loss_rate) +
                                        " with transport \"tcp\"; TCP would retransmit, which is "
                                        "not modelled: use transport \"udp\" to model loss");
  }
  return std::make_shared<const EthernetLinkModel>(c);
}

}  // namespace commsim
