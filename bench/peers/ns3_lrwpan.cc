// The shared IEEE 802.15.4 channel cases of commsim's validation, on ns-3's lr-wpan module
// (Debian's libns3-dev 3.37), written the way an ns-3 user would: LrWpanNetDevices on one
// SingleModelSpectrumChannel, data sent with McpsDataRequest, results read from trace sources
// and MCPS callbacks. Every sender has one 1000-byte message, cut into 116-byte MSDUs
// (8 x 116 B + 1 x 72 B) sent one after the other, each acknowledged; the first failed frame
// abandons the message.
// Cases (node ids; positions in metres):
//   star_N (N = 1, 2, 4, 8)  coordinator 0 at (0, 0), senders 1..N on a 10 m circle, node k at
//                            angle 2 pi (k - 1) / N; every sender sends to node 0.
//   hidden_line              A = 0 at (0, 0), B = 1 at (40, 0), C = 2 at (80, 0); A and C send
//                            to B (A and C cannot sense each other).
//   grid_5x5                 node 5 row + col at (40 col, 40 row); every node with col < 4
//                            sends to its right neighbour (20 messages).
// Usage: ns3_lrwpan [--case=star_1|star_2|star_4|star_8|hidden_line|grid_5x5|all]
//                   [--seeds=A..B|S1,S2,...]
// Prints one JSON object per case and seed:
//   {"simulator":"ns-3","case":...,"seed":S,"messages":M,"messages_delivered":D,
//    "last_delivery_s":...,"all_done_s":...,"data_tx":...,"data_rx_ok":...,"frames_lost":...,
//    "cca_failures":...,"no_ack_failures":...,"retries":...,"ack_tx":...,"energy_j":...,
//    "cpu_s":...}
// last_delivery_s: when the last delivered message got its last new frame at its addressee
// (null if none was delivered); all_done_s: the last McpsDataConfirm that ended a message
// (delivered-and-confirmed or abandoned); data_tx, ack_tx: frames put on air (PhyTxBegin);
// data_rx_ok: data frames passed up by the addressee's MAC, duplicates included;
// frames_lost = data_tx - data_rx_ok; retries: on-air retransmissions of a frame already sent;
// energy_j: every radio's PHY state integrated from 0 to all_done_s; cpu_s: CPU time of this
// run's Simulator::Run (CLOCK_THREAD_CPUTIME_ID).
// Each run happens in a child process: ns-3.37 draws every MAC's initial sequence number from
// a random stream numbered by a process-wide counter that nothing resets, so without fork the
// result of a seed would depend on the runs before it.
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <numbers>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ns3/callback.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/double.h"
#include "ns3/lr-wpan-csmaca.h"
#include "ns3/lr-wpan-mac-header.h"
#include "ns3/lr-wpan-mac.h"
#include "ns3/lr-wpan-net-device.h"
#include "ns3/lr-wpan-phy.h"
#include "ns3/mac16-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/propagation-loss-model.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/single-model-spectrum-channel.h"
#include "ns3/vector.h"

namespace commsim::bench {
namespace {

constexpr std::uint32_t kMessageBytes = 1000;
constexpr std::uint32_t kFramePayloadBytes = 116;
constexpr std::uint32_t kFramesPerMessage =
    (kMessageBytes + kFramePayloadBytes - 1) / kFramePayloadBytes;  // 9
// Frame control 2 + sequence number 1 + destination PAN 2 + destination short address 2 +
// source short address 2 (source PAN elided by PAN ID compression) + FCS 2.
constexpr std::uint32_t kMacOverheadBytes = 11;
constexpr std::uint16_t kPanId = 0x0001;  // one PAN for all, so the MAC compresses the PAN ID

// Radio currents and supply voltage given for the comparison (CC2420-like figures).
constexpr double kTxCurrentA = 17.4e-3;    // TX_ON, BUSY_TX
constexpr double kRxCurrentA = 18.8e-3;    // RX_ON, BUSY_RX
constexpr double kOffCurrentA = 0.426e-3;  // TRX_OFF
constexpr double kSupplyV = 3.0;

// The channel, set on both sides alike: log-distance loss with exponent 3 and 46.6777 dB at
// 1 m (ns-3's defaults, set explicitly anyway), and no propagation delay model at all, so that
// every signal arrives the instant it is sent.
constexpr double kPathLossExponent = 3.0;
constexpr double kReferenceDistanceM = 1.0;
constexpr double kReferenceLossDb = 46.6777;

struct Flow {
  std::uint32_t src = 0;
  std::uint32_t dst = 0;
};

struct Case {
  std::string name;
  std::vector<ns3::Vector> positions_m;
  std::vector<Flow> flows;
};

std::optional<Case> make_case(const std::string& name) {
  Case c;
  c.name = name;
  if (name.rfind("star_", 0) == 0) {
    const int senders = std::atoi(name.c_str() + 5);
    if (senders != 1 && senders != 2 && senders != 4 && senders != 8)
      return std::nullopt;
    const double radius_m = 10.0;
    c.positions_m.emplace_back(0.0, 0.0, 0.0);
    for (int k = 1; k <= senders; ++k) {
      const double angle_rad = 2.0 * std::numbers::pi * (k - 1) / senders;
      c.positions_m.emplace_back(radius_m * std::cos(angle_rad), radius_m * std::sin(angle_rad),
                                 0.0);
      c.flows.push_back({static_cast<std::uint32_t>(k), 0});
    }
  } else if (name == "hidden_line") {
    for (int i = 0; i < 3; ++i)
      c.positions_m.emplace_back(40.0 * i, 0.0, 0.0);
    c.flows = {{0, 1}, {2, 1}};
  } else if (name == "grid_5x5") {
    const double spacing_m = 40.0;
    for (std::uint32_t row = 0; row < 5; ++row) {
      for (std::uint32_t col = 0; col < 5; ++col) {
        c.positions_m.emplace_back(spacing_m * col, spacing_m * row, 0.0);
        if (col < 4)
          c.flows.push_back({5 * row + col, 5 * row + col + 1});
      }
    }
  } else {
    return std::nullopt;
  }
  return c;
}

ns3::Mac16Address short_address(std::uint32_t node) {
  // Node i is i + 1: 00:00 is the MAC's unconfigured default and ff:ff is broadcast.
  const std::uint32_t id = node + 1;
  const std::uint8_t bytes[2] = {static_cast<std::uint8_t>(id >> 8),
                                 static_cast<std::uint8_t>(id & 0xff)};
  ns3::Mac16Address address;
  address.CopyFrom(bytes);
  return address;
}

std::uint32_t frame_payload_bytes(std::uint32_t frame) {
  return std::min(kFramePayloadBytes, kMessageBytes - frame * kFramePayloadBytes);
}

double current_a(ns3::LrWpanPhyEnumeration state) {
  switch (state) {
    case ns3::IEEE_802_15_4_PHY_TX_ON:
    case ns3::IEEE_802_15_4_PHY_BUSY_TX:
      return kTxCurrentA;
    case ns3::IEEE_802_15_4_PHY_RX_ON:
    case ns3::IEEE_802_15_4_PHY_BUSY_RX:
      return kRxCurrentA;
    case ns3::IEEE_802_15_4_PHY_TRX_OFF:
      return kOffCurrentA;
    default:
      std::fprintf(stderr, "ns3_lrwpan: unexpected PHY state %d\n", static_cast<int>(state));
      std::abort();
  }
}

// Everything one run records; one instance per child process.
struct Run {
  struct Message {
    Flow flow;
    std::uint32_t next_frame = 0;  // the frame whose McpsDataRequest is outstanding
    bool ended = false;            // delivered-and-confirmed or abandoned
    double ended_s = 0.0;
    std::uint32_t received_mask = 0;  // distinct frames seen by the addressee
    bool delivered = false;
    double delivered_s = 0.0;
    std::array<std::uint32_t, kFramesPerMessage> transmissions{};
  };
  struct StateChange {
    double at_s;
    ns3::LrWpanPhyEnumeration state;
  };

  std::vector<ns3::Ptr<ns3::LrWpanNetDevice>> devices;
  std::vector<int> message_of_sender;  // -1 for nodes that send nothing
  std::vector<Message> messages;
  std::vector<std::vector<StateChange>> radio_states;
  std::uint64_t data_tx = 0;
  std::uint64_t ack_tx = 0;
  std::uint64_t data_rx_ok = 0;
  std::uint64_t cca_failures = 0;
  std::uint64_t no_ack_failures = 0;
  std::uint64_t other_failures = 0;
};

void send_frame(Run* run, std::uint32_t message_index) {
  Run::Message& message = run->messages[message_index];
  const std::uint32_t frame = message.next_frame;
  // The payload's first three bytes say whose frame it is and which, so that the addressee
  // counts distinct frames (a retransmission after a lost ACK arrives twice).
  std::vector<std::uint8_t> payload(frame_payload_bytes(frame), 0);
  payload[0] = static_cast<std::uint8_t>(message.flow.src >> 8);
  payload[1] = static_cast<std::uint8_t>(message.flow.src & 0xff);
  payload[2] = static_cast<std::uint8_t>(frame);
  ns3::Ptr<ns3::Packet> packet =
      ns3::Create<ns3::Packet>(payload.data(), static_cast<std::uint32_t>(payload.size()));

  ns3::McpsDataRequestParams params;
  params.m_srcAddrMode = ns3::SHORT_ADDR;
  params.m_dstAddrMode = ns3::SHORT_ADDR;
  params.m_dstPanId = kPanId;  // equal to the source's PAN, so the MAC compresses it away
  params.m_dstAddr = short_address(message.flow.dst);
  params.m_msduHandle = static_cast<std::uint8_t>(frame);
  params.m_txOptions = ns3::TX_OPTION_ACK;
  run->devices[message.flow.src]->GetMac()->McpsDataRequest(params, packet);
}

void on_data_confirm(Run* run, std::uint32_t node, ns3::McpsDataConfirmParams params) {
  const int index = run->message_of_sender[node];
  if (index < 0)
    return;
  Run::Message& message = run->messages[index];
  if (message.ended || params.m_msduHandle != message.next_frame)
    return;
  const double now_s = ns3::Simulator::Now().GetSeconds();
  if (params.m_status == ns3::IEEE_802_15_4_SUCCESS) {
    if (++message.next_frame < kFramesPerMessage) {
      send_frame(run, index);
      return;
    }
  } else if (params.m_status == ns3::IEEE_802_15_4_CHANNEL_ACCESS_FAILURE) {
    ++run->cca_failures;
  } else if (params.m_status == ns3::IEEE_802_15_4_NO_ACK) {
    ++run->no_ack_failures;
  } else {
    ++run->other_failures;
  }
  message.ended = true;
  message.ended_s = now_s;
}

void on_data_indication(Run* run, std::uint32_t node, ns3::McpsDataIndicationParams,
                        ns3::Ptr<ns3::Packet> packet) {
  std::uint8_t tag[3] = {};
  if (packet->CopyData(tag, 3) != 3)
    return;
  const std::uint32_t src = (std::uint32_t{tag[0]} << 8) | tag[1];
  const std::uint32_t frame = tag[2];
  if (src >= run->message_of_sender.size() || run->message_of_sender[src] < 0)
    return;
  Run::Message& message = run->messages[run->message_of_sender[src]];
  if (message.flow.dst != node || frame >= kFramesPerMessage)
    return;
  ++run->data_rx_ok;
  message.received_mask |= 1u << frame;
  if (!message.delivered && message.received_mask == (1u << kFramesPerMessage) - 1) {
    message.delivered = true;
    message.delivered_s = ns3::Simulator::Now().GetSeconds();
  }
}

void on_phy_tx_begin(Run* run, ns3::Ptr<const ns3::Packet> mpdu) {
  ns3::Ptr<ns3::Packet> copy = mpdu->Copy();
  ns3::LrWpanMacHeader header;
  copy->RemoveHeader(header);
  if (header.IsAcknowledgment()) {
    ++run->ack_tx;
    return;
  }
  if (!header.IsData())
    return;
  ++run->data_tx;
  std::uint8_t tag[3] = {};
  copy->CopyData(tag, 3);
  const std::uint32_t src = (std::uint32_t{tag[0]} << 8) | tag[1];
  const std::uint32_t frame = tag[2];
  // The MPDU a full MSDU makes must be the 127-byte maximum, or the two simulators would not
  // put the same number of bits on air.
  if (mpdu->GetSize() != frame_payload_bytes(frame) + kMacOverheadBytes || !header.IsPanIdComp()) {
    std::fprintf(stderr, "ns3_lrwpan: MSDU of %u bytes became an MPDU of %u bytes\n",
                 frame_payload_bytes(frame), mpdu->GetSize());
    std::abort();
  }
  ++run->messages[run->message_of_sender[src]].transmissions[frame];
}

void on_trx_state(Run* run, std::uint32_t node, ns3::Time at, ns3::LrWpanPhyEnumeration,
                  ns3::LrWpanPhyEnumeration state) {
  run->radio_states[node].push_back({at.GetSeconds(), state});
}

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

void print_seconds_or_null(const char* key, bool present, double seconds) {
  if (present) {
    std::printf(",\"%s\":%.17g", key, seconds);
  } else {
    std::printf(",\"%s\":null", key);
  }
}

void run_case(const Case& c, std::uint64_t seed) {
  ns3::RngSeedManager::SetSeed(1);
  ns3::RngSeedManager::SetRun(seed);

  // Built by hand rather than with LrWpanHelper: the helper's channel always carries a
  // ConstantSpeedPropagationDelayModel, and its destructor disposes whichever channel it holds.
  auto loss = ns3::CreateObject<ns3::LogDistancePropagationLossModel>();
  loss->SetAttribute("Exponent", ns3::DoubleValue(kPathLossExponent));
  loss->SetAttribute("ReferenceDistance", ns3::DoubleValue(kReferenceDistanceM));
  loss->SetAttribute("ReferenceLoss", ns3::DoubleValue(kReferenceLossDb));
  auto channel = ns3::CreateObject<ns3::SingleModelSpectrumChannel>();
  channel->AddPropagationLossModel(loss);

  Run run;
  const auto nodes = static_cast<std::uint32_t>(c.positions_m.size());
  run.message_of_sender.assign(nodes, -1);
  run.radio_states.resize(nodes);
  for (const Flow& flow : c.flows) {
    run.message_of_sender[flow.src] = static_cast<int>(run.messages.size());
    Run::Message message;
    message.flow = flow;
    run.messages.push_back(message);
  }

  for (std::uint32_t i = 0; i < nodes; ++i) {
    auto node = ns3::CreateObject<ns3::Node>();
    auto mobility = ns3::CreateObject<ns3::ConstantPositionMobilityModel>();
    mobility->SetPosition(c.positions_m[i]);
    node->AggregateObject(mobility);

    // The device creates its MAC, PHY, CSMA-CA and LrWpanErrorModel; the PHY starts in
    // TRX_OFF, on channel 11 (page 0, 2.4 GHz O-QPSK), 0 dBm, CCA mode 1 (energy above
    // sensitivity + 10 dB), receiver sensitivity -106.58 dBm and thermal noise (noise factor
    // 1): all ns-3.37 defaults, the last two not settable.
    auto device = ns3::CreateObject<ns3::LrWpanNetDevice>();
    device->SetChannel(channel);
    node->AddDevice(device);
    auto phy = device->GetPhy();
    phy->SetMobility(mobility);
    ns3::LrWpanPhyPibAttributes pib{};
    pib.phyTransmitPower = 0;  // dBm, 6-bit two's complement
    phy->PlmeSetAttributeRequest(ns3::phyTransmitPower, &pib);
    pib.phyCCAMode = 1;
    phy->PlmeSetAttributeRequest(ns3::phyCCAMode, &pib);
    if (phy->GetCurrentChannelNum() != 11 || phy->GetCurrentPage() != 0) {
      std::fprintf(stderr, "ns3_lrwpan: the PHY is not on page 0, channel 11\n");
      std::abort();
    }

    // Unslotted CSMA-CA (no beacons) with the standard's defaults, set explicitly;
    // macMaxFrameRetries 3; macRxOnWhenIdle is true from the MAC's constructor, and setting
    // it again would switch the receiver on before the device is initialised.
    auto mac = device->GetMac();
    auto csma = device->GetCsmaCa();
    csma->SetUnSlottedCsmaCa();
    csma->SetMacMaxBE(5);
    csma->SetMacMinBE(3);
    csma->SetMacMaxCSMABackoffs(4);
    mac->SetMacMaxFrameRetries(3);
    if (!mac->GetRxOnWhenIdle()) {
      std::fprintf(stderr, "ns3_lrwpan: macRxOnWhenIdle is off\n");
      std::abort();
    }
    mac->SetPanId(kPanId);
    mac->SetShortAddress(short_address(i));

    // Streams set one by one: LrWpanNetDevice::AssignStreams gives the CSMA-CA and the PHY the
    // same stream in 3.37, which would tie backoffs to the error model's draws.
    csma->AssignStreams(2 * static_cast<std::int64_t>(i));
    phy->AssignStreams(2 * static_cast<std::int64_t>(i) + 1);

    // Installed after AddDevice, whose SetNode gives the MAC the device's own indication callback.
    mac->SetMcpsDataConfirmCallback(ns3::MakeBoundCallback(&on_data_confirm, &run, i));
    mac->SetMcpsDataIndicationCallback(ns3::MakeBoundCallback(&on_data_indication, &run, i));
    phy->TraceConnectWithoutContext("PhyTxBegin", ns3::MakeBoundCallback(&on_phy_tx_begin, &run));
    phy->TraceConnectWithoutContext("TrxState", ns3::MakeBoundCallback(&on_trx_state, &run, i));
    run.devices.push_back(device);
  }

  // Scheduled after the nodes, so that at t = 0 the devices initialise first: the MAC then
  // asks the PHY for RX_ON, which takes a turnaround (192 us) from TRX_OFF, and the first
  // CSMA-CA starts when the receiver is on.
  for (std::uint32_t m = 0; m < run.messages.size(); ++m) {
    ns3::Simulator::ScheduleWithContext(run.messages[m].flow.src, ns3::Seconds(0.0), &send_frame,
                                        &run, m);
  }

  const double start_cpu_s = thread_cpu_seconds();
  ns3::Simulator::Run();
  const double cpu_s = thread_cpu_seconds() - start_cpu_s;

  std::uint64_t delivered = 0;
  std::uint64_t distinct_frames_sent = 0;
  bool all_ended = true;
  double last_delivery_s = 0.0;
  double all_done_s = 0.0;
  for (const Run::Message& message : run.messages) {
    if (message.delivered) {
      ++delivered;
      last_delivery_s = std::max(last_delivery_s, message.delivered_s);
    }
    all_ended = all_ended && message.ended;
    all_done_s = std::max(all_done_s, message.ended_s);
    for (const std::uint32_t n : message.transmissions)
      distinct_frames_sent += n > 0 ? 1 : 0;
  }
  if (run.other_failures > 0) {
    std::fprintf(stderr, "ns3_lrwpan: %s seed %llu: %llu confirms with another status\n",
                 c.name.c_str(), static_cast<unsigned long long>(seed),
                 static_cast<unsigned long long>(run.other_failures));
  }
  // A message that never ended would leave all_done_s undefined; the energy then runs to the
  // last state change instead.
  double energy_end_s = all_done_s;
  if (!all_ended) {
    for (const auto& changes : run.radio_states) {
      if (!changes.empty())
        energy_end_s = std::max(energy_end_s, changes.back().at_s);
    }
  }

  // Every PHY is in TRX_OFF from its constructor until the trace's first change.
  double charge_c = 0.0;
  for (const auto& changes : run.radio_states) {
    double since_s = 0.0;
    ns3::LrWpanPhyEnumeration state = ns3::IEEE_802_15_4_PHY_TRX_OFF;
    for (const Run::StateChange& change : changes) {
      if (change.at_s >= energy_end_s)
        break;
      charge_c += current_a(state) * (change.at_s - since_s);
      since_s = change.at_s;
      state = change.state;
    }
    charge_c += current_a(state) * (energy_end_s - since_s);
  }
  const double energy_j = charge_c * kSupplyV;

  std::printf(
      "{\"simulator\":\"ns-3\",\"case\":\"%s\",\"seed\":%llu,\"messages\":%zu,"
      "\"messages_delivered\":%llu",
      c.name.c_str(), static_cast<unsigned long long>(seed), run.messages.size(),
      static_cast<unsigned long long>(delivered));
  print_seconds_or_null("last_delivery_s", delivered > 0, last_delivery_s);
  print_seconds_or_null("all_done_s", all_ended, all_done_s);
  std::printf(
      ",\"data_tx\":%llu,\"data_rx_ok\":%llu,\"frames_lost\":%lld,\"cca_failures\":%llu,"
      "\"no_ack_failures\":%llu,\"retries\":%llu,\"ack_tx\":%llu,\"energy_j\":%.17g,"
      "\"cpu_s\":%.17g}\n",
      static_cast<unsigned long long>(run.data_tx), static_cast<unsigned long long>(run.data_rx_ok),
      static_cast<long long>(run.data_tx) - static_cast<long long>(run.data_rx_ok),
      static_cast<unsigned long long>(run.cca_failures),
      static_cast<unsigned long long>(run.no_ack_failures),
      static_cast<unsigned long long>(run.data_tx - distinct_frames_sent),
      static_cast<unsigned long long>(run.ack_tx), energy_j, cpu_s);
  std::fflush(stdout);
  ns3::Simulator::Destroy();
}

std::optional<std::vector<std::uint64_t>> parse_seeds(const std::string& text) {
  std::vector<std::uint64_t> seeds;
  try {
    const auto range = text.find("..");
    if (range != std::string::npos) {
      const std::uint64_t first = std::stoull(text.substr(0, range));
      const std::uint64_t last = std::stoull(text.substr(range + 2));
      for (std::uint64_t s = first; s <= last; ++s)
        seeds.push_back(s);
    } else {
      std::size_t start = 0;
      while (start <= text.size()) {
        const auto comma = text.find(',', start);
        seeds.push_back(std::stoull(text.substr(start, comma - start)));
        if (comma == std::string::npos)
          break;
        start = comma + 1;
      }
    }
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (seeds.empty())
    return std::nullopt;
  return seeds;
}

int run(int argc, char** argv) {
  std::string case_name = "all";
  std::string seeds_text = "1..20";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--case=", 0) == 0) {
      case_name = arg.substr(7);
    } else if (arg.rfind("--seeds=", 0) == 0) {
      seeds_text = arg.substr(8);
    } else {
      std::fprintf(stderr, "unknown argument: %s\n", arg.c_str());
      return 2;
    }
  }
  std::vector<Case> cases;
  const std::vector<std::string> names =
      case_name == "all" ? std::vector<std::string>{"star_1", "star_2",      "star_4",
                                                    "star_8", "hidden_line", "grid_5x5"}
                         : std::vector<std::string>{case_name};
  for (const auto& name : names) {
    auto c = make_case(name);
    if (!c) {
      std::fprintf(stderr, "unknown case: %s\n", name.c_str());
      return 2;
    }
    cases.push_back(std::move(*c));
  }
  const auto seeds = parse_seeds(seeds_text);
  if (!seeds) {
    std::fprintf(stderr, "bad --seeds: %s (want A..B or S1,S2,...)\n", seeds_text.c_str());
    return 2;
  }

  int failures = 0;
  for (const Case& c : cases) {
    for (const std::uint64_t seed : *seeds) {
      std::fflush(stdout);  // or the child would print the parent's buffer again
      const pid_t child = fork();
      if (child < 0) {
        std::perror("ns3_lrwpan: fork");
        return 1;
      }
      if (child == 0) {
        run_case(c, seed);
        std::_Exit(0);
      }
      int status = 0;
      waitpid(child, &status, 0);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "ns3_lrwpan: %s seed %llu failed (status %d)\n", c.name.c_str(),
                     static_cast<unsigned long long>(seed), status);
        ++failures;
      }
    }
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace commsim::bench

int main(int argc, char** argv) {
  return commsim::bench::run(argc, argv);
}
