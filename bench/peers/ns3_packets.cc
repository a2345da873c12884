// Packets through a switched wired fabric on ns-3 (Debian's libns3-dev 3.37), as the validation
// peer of commsim's "packet" mode: the very same messages on the very same links and routes, cut
// into the very same UDP datagrams, so that both simulators can be compared message by message.
//
// What it simulates: every node is an ns-3 Node with an IPv4 stack; hosts are "h0".."h{hosts-1}",
// every other node is a switch, i.e. an IPv4 router. Each cable (a pair of input links a->b and
// b->a) is one PointToPointChannel with the links' latency as its Delay, and one
// PointToPointNetDevice at each end whose DataRate is the bandwidth of the link it sends on. A
// message of B bytes is n = max(1, ceil(B / payload_bytes)) datagrams of payload_bytes (the last
// one the rest; a 0-byte message is one empty datagram), all handed to the source's UDP socket at
// start_s, in order; messages that start at the same instant are handed over in id order. On the
// wire a datagram is payload + 2 (PPP) + 20 (IPv4) + 8 (UDP) bytes; every transmission is checked
// against that (PhyTxBegin). Every device sends store-and-forward, FIFO, with no processing delay
// anywhere: a packet is received whole txTime + Delay after its transmission starts, forwarded in
// the same instant, and queued at the output device, whose DropTailQueue is the only queue.
//
// Configuration, set from the program:
// - No traffic control: the PointToPointHelper's flow control is off, so the devices carry no
//   NetDeviceQueueInterface, Ipv4AddressHelper installs no queue disc, and the traffic-control
//   layer hands every packet straight to the device (checked). With flow control on, the layer
//   would drop a packet whenever the device queue has less than one MTU of room, even when that
//   packet would fit.
// - Device queues: DropTailQueue<Packet>. A switch's device holds at most buffer_bytes bytes of
//   waiting packets (PPP header included); a host's device holds 10^7 packets and must never drop
//   (checked). The packet on the wire is not counted: PointToPointNetDevice dequeues it when its
//   transmission starts. But Send enqueues before it looks whether the device is idle, so even a
//   packet arriving at an idle device with an empty queue is dropped if it alone exceeds
//   buffer_bytes.
// - Routing: static host routes only (no global routing, no IPv6). Every cable is a /30 subnet;
//   a message goes to its destination's address on the route's last link, and every node on the
//   route gets a /32 route to that address through the route's next link. Two messages to the
//   same address that leave one node by different links cannot both be routed: bad input.
// - Device MTU 1500 (ns-3's default), raised to payload_bytes + 28 if that is larger, so that IPv4
//   never fragments.
// - Time resolution 1 ps instead of ns-3's 1 ns, so that serialisation times at common rates
//   (1502 bytes at 10 Gb/s: 1201.6 ns) are exact; ns-3 rounds each one to the nearest tick.
//   Simulated time is then limited to 2^63 ps, about 9.2e6 s.
// - Ties: ns-3 runs events of one instant in the order they were scheduled. A packet that reaches
//   a switch the very instant its output device finishes a transmission was scheduled (when its
//   own transmission started upstream) before that TransmitComplete, so it meets the full queue
//   and may be dropped although a slot frees in the same instant; among packets arriving at one
//   instant, the one whose upstream transmission was scheduled first is queued first.
//
// Usage: ns3_packets [--trace] CASE.json [CASE2.json ...]
// --trace prints every transmission start and every drop on stderr, one line each:
//   tx TIME_S LINK MESSAGE_ID PACKET_INDEX WIRE_BYTES
//   drop TIME_S LINK MESSAGE_ID PACKET_INDEX
//
// Input, one JSON file per case:
//   {"case": "star4/incast", "hosts": 4, "nodes": ["h0", "h1", "h2", "h3", "switch"],
//    "links": [{"name": "h0->switch", "from": "h0", "to": "switch", "bandwidth_bps": 1e9,
//               "latency_s": 1e-6}, ...],
//    "packet": {"payload_bytes": 1472, "overhead_bytes": 30, "buffer_bytes": 30000},
//    "messages": [{"id": 0, "src": 0, "dst": 3, "bytes": 100000, "start_s": 0.0,
//                  "route": ["h0->switch", "switch->h3"]}, ...]}
// Every link is one direction; a->b and b->a make one cable and must have the same latency (a
// link whose reverse is missing gets a cable of its own). bandwidth_bps is a whole number
// (ns-3's DataRate counts whole bits per second); overhead_bytes must be 30; ids are distinct;
// src and dst are distinct hosts (indices); route is the chain of links from h{src} to h{dst}.
//
// Output, one JSON object per case and line, messages in id order, dates in simulated seconds:
//   {"simulator":"ns-3","case":"...","messages":[{"id":0,"finish_s":...|null,
//    "packets_dropped":k},...],"drops":total,"cpu_s":...}
// finish_s: when the destination's socket received the message's last packet, or null when any
// of its packets was dropped. cpu_s: CPU time of this thread (CLOCK_THREAD_CPUTIME_ID) in
// Simulator::Run alone. Each case runs in a child process of its own, because ns-3's simulator,
// node list and random streams are process-wide singletons.
// Bad input or a failed case: a message on stderr and exit status 2 (1 when a child dies).
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <ostream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ns3/callback.h"
#include "ns3/data-rate.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/queue-disc.h"
#include "ns3/queue-size.h"
#include "ns3/queue.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tag.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace commsim::bench {
namespace {

// PPP header of PointToPointNetDevice + IPv4 header without options + UDP header.
constexpr std::uint32_t kPppBytes = 2;
constexpr std::uint32_t kIpUdpBytes = 20 + 8;
constexpr std::uint32_t kOverheadBytes = kPppBytes + kIpUdpBytes;
constexpr std::uint32_t kDefaultMtuBytes = 1500;
constexpr std::uint32_t kHostQueuePackets = 10'000'000;
constexpr std::uint16_t kUdpPort = 9;

struct LinkSpec {
  std::string name;
  std::string from;
  std::string to;
  double bandwidth_bps = 0;
  double latency_s = 0;
};

struct MessageSpec {
  std::int64_t id = 0;
  int src = 0;
  int dst = 0;
  std::uint64_t bytes = 0;
  double start_s = 0;
  std::vector<std::string> route;
};

struct CaseSpec {
  std::string name;
  int hosts = 0;
  std::vector<std::string> nodes;
  std::vector<LinkSpec> links;
  std::uint32_t payload_bytes = 0;
  std::uint32_t buffer_bytes = 0;
  std::vector<MessageSpec> messages;  // sorted by id
};

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw std::runtime_error(where + ": " + what);
}

std::string host_name(int host) {
  // Appended rather than "h" + to_string(host), which trips GCC 12's false -Wrestrict warning.
  std::string name = "h";
  name += std::to_string(host);
  return name;
}

CaseSpec read_case(const std::string& path) {
  std::ifstream file(path);
  if (!file)
    fail(path, "cannot open");
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(file);
  } catch (const nlohmann::json::exception& error) {
    fail(path, error.what());
  }
  CaseSpec spec;
  try {
    spec.name = doc.at("case").get<std::string>();
    spec.hosts = doc.at("hosts").get<int>();
    if (spec.hosts < 1)
      fail(path, "hosts must be at least 1");
    spec.nodes = doc.at("nodes").get<std::vector<std::string>>();
    std::unordered_map<std::string, int> node_index;
    for (std::size_t i = 0; i < spec.nodes.size(); ++i) {
      if (!node_index.emplace(spec.nodes[i], static_cast<int>(i)).second)
        fail(path, "node " + spec.nodes[i] + " appears twice");
    }
    for (int h = 0; h < spec.hosts; ++h) {
      if (!node_index.contains(host_name(h)))
        fail(path, "host " + host_name(h) + " is not in nodes");
    }

    std::unordered_map<std::string, std::size_t> link_index;
    for (const auto& link : doc.at("links")) {
      LinkSpec l{link.at("name").get<std::string>(), link.at("from").get<std::string>(),
                 link.at("to").get<std::string>(), link.at("bandwidth_bps").get<double>(),
                 link.at("latency_s").get<double>()};
      if (!node_index.contains(l.from) || !node_index.contains(l.to) || l.from == l.to)
        fail(path, "link " + l.name + " must join two distinct nodes of the list");
      // DataRate holds a whole number of bits per second; anything else would be rounded.
      if (!(l.bandwidth_bps >= 1) || l.bandwidth_bps > 1e18 ||
          l.bandwidth_bps != std::floor(l.bandwidth_bps) || !(l.latency_s >= 0)) {
        fail(path, "link " + l.name + " needs a whole bandwidth_bps >= 1 and latency_s >= 0");
      }
      if (!link_index.emplace(l.name, spec.links.size()).second)
        fail(path, "link " + l.name + " appears twice");
      spec.links.push_back(std::move(l));
    }

    const auto& packet = doc.at("packet");
    const auto payload_bytes = packet.at("payload_bytes").get<std::uint64_t>();
    // The device MTU (a 16-bit attribute) must hold payload + IPv4 + UDP headers unfragmented.
    if (payload_bytes < 1 ||
        payload_bytes + kIpUdpBytes > std::numeric_limits<std::uint16_t>::max())
      fail(path, "payload_bytes must be in 1..65507");
    spec.payload_bytes = static_cast<std::uint32_t>(payload_bytes);
    if (packet.at("overhead_bytes").get<std::uint64_t>() != kOverheadBytes)
      fail(path, "overhead_bytes must be 30 (PPP 2 + IPv4 20 + UDP 8)");
    // QueueSize holds 32 bits.
    const auto buffer_bytes = packet.at("buffer_bytes").get<std::uint64_t>();
    if (buffer_bytes > std::numeric_limits<std::uint32_t>::max())
      fail(path, "buffer_bytes must be below 2^32");
    spec.buffer_bytes = static_cast<std::uint32_t>(buffer_bytes);

    for (const auto& message : doc.at("messages")) {
      MessageSpec m;
      m.id = message.at("id").get<std::int64_t>();
      m.src = message.at("src").get<int>();
      m.dst = message.at("dst").get<int>();
      m.bytes = message.at("bytes").get<std::uint64_t>();
      m.start_s = message.at("start_s").get<double>();
      m.route = message.at("route").get<std::vector<std::string>>();
      const std::string which = "message " + std::to_string(m.id);
      if (m.src < 0 || m.src >= spec.hosts || m.dst < 0 || m.dst >= spec.hosts || m.src == m.dst)
        fail(path, which + ": src and dst must be distinct hosts in 0..hosts-1");
      if (!(m.start_s >= 0))
        fail(path, which + ": start_s must be >= 0");
      if ((m.bytes + spec.payload_bytes - 1) / spec.payload_bytes >
          std::numeric_limits<std::uint32_t>::max()) {
        fail(path, which + ": too many packets");
      }
      if (m.route.empty())
        fail(path, which + ": empty route");
      std::string at = host_name(m.src);
      for (const auto& name : m.route) {
        const auto link = link_index.find(name);
        if (link == link_index.end())
          fail(path, which + ": unknown link " + name);
        if (spec.links[link->second].from != at)
          fail(path, which + ": link " + name + " does not leave " + at);
        at = spec.links[link->second].to;
      }
      if (at != host_name(m.dst))
        fail(path, which + ": the route ends at " + at + ", not at " + host_name(m.dst));
      spec.messages.push_back(std::move(m));
    }
  } catch (const nlohmann::json::exception& error) {
    fail(path, error.what());
  }
  std::sort(spec.messages.begin(), spec.messages.end(),
            [](const MessageSpec& a, const MessageSpec& b) { return a.id < b.id; });
  for (std::size_t i = 1; i < spec.messages.size(); ++i) {
    if (spec.messages[i].id == spec.messages[i - 1].id)
      fail(path, "message id " + std::to_string(spec.messages[i].id) + " appears twice");
  }
  return spec;
}

std::uint32_t packet_count(const MessageSpec& m, std::uint32_t payload_bytes) {
  return static_cast<std::uint32_t>(
      std::max<std::uint64_t>(1, (m.bytes + payload_bytes - 1) / payload_bytes));
}

std::uint32_t packet_payload_bytes(const MessageSpec& m, std::uint32_t payload_bytes,
                                   std::uint32_t packet) {
  return static_cast<std::uint32_t>(
      std::min<std::uint64_t>(payload_bytes, m.bytes - std::uint64_t{packet} * payload_bytes));
}

// Which message (index in id order) and which of its packets a datagram is. A packet tag travels
// with the packet through every copy and hop and adds nothing to its size on the wire, so that
// drops and transmissions anywhere are attributed without parsing headers.
class MessageTag : public ns3::Tag {
 public:
  static ns3::TypeId GetTypeId() {
    static ns3::TypeId tid = ns3::TypeId("commsim::bench::MessageTag")
                                 .SetParent<ns3::Tag>()
                                 .AddConstructor<MessageTag>();
    return tid;
  }
  ns3::TypeId GetInstanceTypeId() const override { return GetTypeId(); }
  std::uint32_t GetSerializedSize() const override { return 8; }
  void Serialize(ns3::TagBuffer buffer) const override {
    buffer.WriteU32(message);
    buffer.WriteU32(packet);
  }
  void Deserialize(ns3::TagBuffer buffer) override {
    message = buffer.ReadU32();
    packet = buffer.ReadU32();
  }
  void Print(std::ostream& os) const override {
    os << "message=" << message << " packet=" << packet;
  }

  std::uint32_t message = 0;
  std::uint32_t packet = 0;
};

// Everything one case records; one instance per child process.
struct Run {
  struct Message {
    std::uint32_t packets = 0;
    std::uint32_t received = 0;
    std::uint32_t dropped = 0;
    double finish_s = 0;
    ns3::Ptr<ns3::Socket> socket;  // the source host's
    ns3::Ipv4Address destination;  // the destination host's address on the route's last link
  };
  const CaseSpec* spec = nullptr;
  bool trace = false;
  std::vector<Message> messages;
  std::uint64_t transmissions = 0;
  std::vector<std::string> errors;  // anything that makes the case invalid
};

// Simulator::Now().GetSeconds() goes through int64x64 arithmetic and is off by up to ~1e-12
// relative; a whole number of picoseconds divided by 1e12 is the correctly rounded double.
double now_s() {
  return static_cast<double>(ns3::Simulator::Now().GetPicoSeconds()) / 1e12;
}

MessageTag tag_of(Run* run, ns3::Ptr<const ns3::Packet> packet) {
  MessageTag tag;
  if (!packet->PeekPacketTag(tag) || tag.message >= run->messages.size() ||
      tag.packet >= run->messages[tag.message].packets) {
    std::fprintf(stderr, "ns3_packets: a packet without a valid message tag\n");
    std::abort();
  }
  return tag;
}

void send_message(Run* run, std::uint32_t index) {
  const MessageSpec& spec = run->spec->messages[index];
  Run::Message& message = run->messages[index];
  const ns3::InetSocketAddress to(message.destination, kUdpPort);
  for (std::uint32_t k = 0; k < message.packets; ++k) {
    auto packet = ns3::Create<ns3::Packet>(packet_payload_bytes(spec, run->spec->payload_bytes, k));
    MessageTag tag;
    tag.message = index;
    tag.packet = k;
    packet->AddPacketTag(tag);
    if (message.socket->SendTo(packet, 0, to) < 0) {
      run->errors.push_back("message " + std::to_string(spec.id) + ": the socket refused packet " +
                            std::to_string(k));
    }
  }
}

void on_receive(Run* run, ns3::Ptr<ns3::Socket> socket) {
  // Drained at once, so that the socket's receive buffer never fills.
  while (ns3::Ptr<ns3::Packet> packet = socket->Recv()) {
    const MessageTag tag = tag_of(run, packet);
    Run::Message& message = run->messages[tag.message];
    if (++message.received == message.packets)
      message.finish_s = now_s();
  }
}

void on_phy_tx_begin(Run* run, std::size_t link, ns3::Ptr<const ns3::Packet> packet) {
  const MessageTag tag = tag_of(run, packet);
  const MessageSpec& spec = run->spec->messages[tag.message];
  const std::uint32_t wire_bytes =
      packet_payload_bytes(spec, run->spec->payload_bytes, tag.packet) + kOverheadBytes;
  // Both simulators must put the same bytes on the wire, or nothing else can agree.
  if (packet->GetSize() != wire_bytes) {
    std::fprintf(stderr, "ns3_packets: message %lld packet %u: %u bytes on the wire, not %u\n",
                 static_cast<long long>(spec.id), tag.packet, packet->GetSize(), wire_bytes);
    std::abort();
  }
  ++run->transmissions;
  if (run->trace) {
    std::fprintf(stderr, "tx %.17g %s %lld %u %u\n", now_s(), run->spec->links[link].name.c_str(),
                 static_cast<long long>(spec.id), tag.packet, wire_bytes);
  }
}

void on_mac_tx_drop(Run* run, std::size_t link, bool host, ns3::Ptr<const ns3::Packet> packet) {
  const MessageTag tag = tag_of(run, packet);
  const MessageSpec& spec = run->spec->messages[tag.message];
  ++run->messages[tag.message].dropped;
  if (host) {
    run->errors.push_back("host queue of link " + run->spec->links[link].name +
                          " dropped a packet");
  }
  if (run->trace) {
    std::fprintf(stderr, "drop %.17g %s %lld %u\n", now_s(), run->spec->links[link].name.c_str(),
                 static_cast<long long>(spec.id), tag.packet);
  }
}

// No route, TTL expired and the like: a routing bug, never part of the comparison.
void on_ip_drop(Run* run, std::uint32_t node, const ns3::Ipv4Header&,
                ns3::Ptr<const ns3::Packet> packet, ns3::Ipv4L3Protocol::DropReason reason,
                ns3::Ptr<ns3::Ipv4>, std::uint32_t) {
  const MessageTag tag = tag_of(run, packet);
  run->errors.push_back("IPv4 on " + run->spec->nodes[node] + " dropped message " +
                        std::to_string(run->spec->messages[tag.message].id) + " (reason " +
                        std::to_string(static_cast<int>(reason)) + ")");
}

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

// One directed input link as built: the device it sends from and where it leads.
struct BuiltLink {
  ns3::Ptr<ns3::PointToPointNetDevice> device;
  std::uint32_t interface = 0;  // of the sending node's IPv4
  ns3::Ipv4Address peer;        // the receiving end's address
};

// Runs in the child process: builds the network, simulates, prints one line.
int simulate(const CaseSpec& spec, bool trace) {
  std::unordered_map<std::string, std::uint32_t> node_index;
  for (std::size_t i = 0; i < spec.nodes.size(); ++i)
    node_index.emplace(spec.nodes[i], static_cast<std::uint32_t>(i));
  std::vector<bool> is_host(spec.nodes.size(), false);
  for (int h = 0; h < spec.hosts; ++h)
    is_host[node_index.at(host_name(h))] = true;

  ns3::NodeContainer nodes;
  nodes.Create(static_cast<std::uint32_t>(spec.nodes.size()));
  ns3::InternetStackHelper stack;
  stack.SetIpv6StackInstall(false);
  stack.SetRoutingHelper(ns3::Ipv4StaticRoutingHelper());
  stack.Install(nodes);

  // Pair every link with an unpaired reverse link, in input order.
  std::vector<int> reverse(spec.links.size(), -1);
  for (std::size_t i = 0; i < spec.links.size(); ++i) {
    for (std::size_t j = i + 1; j < spec.links.size() && reverse[i] < 0; ++j) {
      if (reverse[j] < 0 && spec.links[j].from == spec.links[i].to &&
          spec.links[j].to == spec.links[i].from) {
        reverse[i] = static_cast<int>(j);
        reverse[j] = static_cast<int>(i);
      }
    }
  }

  const std::uint32_t mtu_bytes = std::max(kDefaultMtuBytes, spec.payload_bytes + kIpUdpBytes);
  ns3::Ipv4AddressHelper addresses("10.0.0.0", "255.255.255.252");
  std::vector<BuiltLink> built(spec.links.size());
  for (std::size_t i = 0; i < spec.links.size(); ++i) {
    if (reverse[i] >= 0 && static_cast<std::size_t>(reverse[i]) < i)
      continue;  // built with its reverse
    const LinkSpec& link = spec.links[i];
    if (reverse[i] >= 0 && spec.links[reverse[i]].latency_s != link.latency_s) {
      std::fprintf(stderr, "ns3_packets: links %s and %s (one cable) differ in latency\n",
                   link.name.c_str(), spec.links[reverse[i]].name.c_str());
      return 2;
    }
    ns3::PointToPointHelper p2p;
    p2p.DisableFlowControl();  // see the top comment: no traffic control at all
    p2p.SetChannelAttribute("Delay", ns3::TimeValue(ns3::Seconds(link.latency_s)));
    p2p.SetDeviceAttribute("Mtu", ns3::UintegerValue(mtu_bytes));
    const std::uint32_t from = node_index.at(link.from);
    const std::uint32_t to = node_index.at(link.to);
    ns3::NetDeviceContainer devices = p2p.Install(nodes.Get(from), nodes.Get(to));
    ns3::Ipv4InterfaceContainer interfaces = addresses.Assign(devices);
    addresses.NewNetwork();

    // End 0 sends on link i, end 1 on its reverse (if any; else at the same rate).
    const std::size_t sends_on[2] = {i, reverse[i] >= 0 ? static_cast<std::size_t>(reverse[i]) : i};
    const std::uint32_t end_node[2] = {from, to};
    for (int end = 0; end < 2; ++end) {
      auto device = ns3::DynamicCast<ns3::PointToPointNetDevice>(devices.Get(end));
      device->SetDataRate(
          ns3::DataRate(static_cast<std::uint64_t>(spec.links[sends_on[end]].bandwidth_bps)));
      device->GetQueue()->SetMaxSize(
          is_host[end_node[end]] ? ns3::QueueSize(ns3::QueueSizeUnit::PACKETS, kHostQueuePackets)
                                 : ns3::QueueSize(ns3::QueueSizeUnit::BYTES, spec.buffer_bytes));
      auto tc = nodes.Get(end_node[end])->GetObject<ns3::TrafficControlLayer>();
      if (tc->GetRootQueueDiscOnDevice(device)) {
        std::fprintf(stderr, "ns3_packets: a queue disc was installed on link %s\n",
                     spec.links[sends_on[end]].name.c_str());
        return 2;
      }
      if (end == 1 && reverse[i] < 0)
        continue;  // the unused direction of a one-way link
      BuiltLink& b = built[sends_on[end]];
      b.device = device;
      b.interface = interfaces.Get(end).second;
      b.peer = interfaces.GetAddress(1 - end);
    }
  }

  Run run;
  run.spec = &spec;
  run.trace = trace;
  run.messages.resize(spec.messages.size());

  // Host routes along every message's route; a node keeps one route per destination address.
  std::unordered_map<std::string, std::size_t> link_index;
  for (std::size_t i = 0; i < spec.links.size(); ++i)
    link_index.emplace(spec.links[i].name, i);
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> next_link;  // (node, address)
  ns3::Ipv4StaticRoutingHelper static_routing;
  for (std::size_t m = 0; m < spec.messages.size(); ++m) {
    const MessageSpec& message = spec.messages[m];
    const ns3::Ipv4Address destination = built[link_index.at(message.route.back())].peer;
    run.messages[m].destination = destination;
    run.messages[m].packets = packet_count(message, spec.payload_bytes);
    for (const auto& name : message.route) {
      const std::size_t l = link_index.at(name);
      const std::uint32_t from = node_index.at(spec.links[l].from);
      const auto [known, inserted] = next_link.emplace(std::pair{from, destination.Get()}, l);
      if (!inserted) {
        if (known->second != l) {
          std::fprintf(stderr,
                       "ns3_packets: message %lld leaves %s by %s, another message to the same "
                       "host by %s: static routes cannot tell them apart\n",
                       static_cast<long long>(message.id), spec.links[l].from.c_str(), name.c_str(),
                       spec.links[known->second].name.c_str());
          return 2;
        }
        continue;
      }
      static_routing.GetStaticRouting(nodes.Get(from)->GetObject<ns3::Ipv4>())
          ->AddHostRouteTo(destination, built[l].peer, built[l].interface);
    }
  }

  // One UDP socket per host, for sending and receiving alike.
  std::vector<ns3::Ptr<ns3::Socket>> sockets(spec.nodes.size());
  for (int h = 0; h < spec.hosts; ++h) {
    const std::uint32_t node = node_index.at(host_name(h));
    auto socket = ns3::Socket::CreateSocket(nodes.Get(node), ns3::UdpSocketFactory::GetTypeId());
    socket->SetAttribute("RcvBufSize",
                         ns3::UintegerValue(std::numeric_limits<std::uint32_t>::max()));
    if (socket->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), kUdpPort)) != 0) {
      std::fprintf(stderr, "ns3_packets: cannot bind a UDP socket on %s\n", host_name(h).c_str());
      return 2;
    }
    socket->SetRecvCallback(ns3::MakeBoundCallback(&on_receive, &run));
    sockets[node] = socket;
  }

  for (std::size_t l = 0; l < spec.links.size(); ++l) {
    const bool host = is_host[node_index.at(spec.links[l].from)];
    built[l].device->TraceConnectWithoutContext("PhyTxBegin",
                                                ns3::MakeBoundCallback(&on_phy_tx_begin, &run, l));
    built[l].device->TraceConnectWithoutContext(
        "MacTxDrop", ns3::MakeBoundCallback(&on_mac_tx_drop, &run, l, host));
  }
  for (std::uint32_t n = 0; n < nodes.GetN(); ++n) {
    nodes.Get(n)->GetObject<ns3::Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Drop", ns3::MakeBoundCallback(&on_ip_drop, &run, n));
  }

  // In id order, so that messages from one host at one instant reach its socket in id order.
  for (std::uint32_t m = 0; m < spec.messages.size(); ++m) {
    const std::uint32_t src = node_index.at(host_name(spec.messages[m].src));
    run.messages[m].socket = sockets[src];
    ns3::Simulator::ScheduleWithContext(src, ns3::Seconds(spec.messages[m].start_s), &send_message,
                                        &run, m);
  }

  const double cpu_start_s = thread_cpu_seconds();
  ns3::Simulator::Run();
  const double cpu_s = thread_cpu_seconds() - cpu_start_s;

  for (std::size_t m = 0; m < spec.messages.size(); ++m) {
    const Run::Message& message = run.messages[m];
    if (message.received + message.dropped != message.packets) {
      run.errors.push_back("message " + std::to_string(spec.messages[m].id) + ": " +
                           std::to_string(message.packets - message.received - message.dropped) +
                           " packets neither received nor dropped by a device queue");
    }
  }
  if (!run.errors.empty()) {
    for (const auto& error : run.errors)
      std::fprintf(stderr, "ns3_packets: %s: %s\n", spec.name.c_str(), error.c_str());
    ns3::Simulator::Destroy();
    return 2;
  }

  std::string line =
      "{\"simulator\":\"ns-3\",\"case\":" + nlohmann::json(spec.name).dump() + ",\"messages\":[";
  char number[64];
  std::uint64_t drops = 0;
  for (std::size_t m = 0; m < spec.messages.size(); ++m) {
    const Run::Message& message = run.messages[m];
    drops += message.dropped;
    if (message.dropped == 0) {
      std::snprintf(number, sizeof number, "%.17g", message.finish_s);
    } else {
      std::snprintf(number, sizeof number, "null");
    }
    line += std::string(m == 0 ? "" : ",") + "{\"id\":" + std::to_string(spec.messages[m].id) +
            ",\"finish_s\":" + number + ",\"packets_dropped\":" + std::to_string(message.dropped) +
            "}";
  }
  std::snprintf(number, sizeof number, "%.17g", cpu_s);
  line += "],\"drops\":" + std::to_string(drops) + ",\"cpu_s\":" + number + "}";
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
  ns3::Simulator::Destroy();
  return 0;
}

int run(int argc, char** argv) {
  bool trace = false;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--trace") {
      trace = true;
    } else if (arg.rfind("--", 0) == 0) {
      std::fprintf(stderr, "unknown argument: %s\n", arg.c_str());
      return 2;
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: ns3_packets [--trace] CASE.json [CASE2.json ...]\n");
    return 2;
  }
  // Before any simulation object exists; every child inherits it.
  ns3::Time::SetResolution(ns3::Time::PS);
  for (const auto& path : paths) {
    CaseSpec spec;
    try {
      spec = read_case(path);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "ns3_packets: %s\n", error.what());
      return 2;
    }
    std::fflush(stdout);  // else the child would print the parent's buffer again
    const pid_t child = fork();
    if (child < 0) {
      std::perror("ns3_packets: fork");
      return 1;
    }
    if (child == 0) {
      int status = 2;
      try {
        status = simulate(spec, trace);
      } catch (const std::exception& error) {
        std::fprintf(stderr, "ns3_packets: %s: %s\n", path.c_str(), error.what());
      }
      std::fflush(stdout);
      // _exit: the parent's atexit handlers and ns-3's teardown are not the child's business.
      _exit(status);
    }
    int status = 0;
    if (waitpid(child, &status, 0) < 0) {
      std::perror("ns3_packets: waitpid");
      return 1;
    }
    if (!WIFEXITED(status)) {
      std::fprintf(stderr, "ns3_packets: %s: the simulation died\n", path.c_str());
      return 1;
    }
    if (WEXITSTATUS(status) != 0)
      return WEXITSTATUS(status);
  }
  return 0;
}

}  // namespace
}  // namespace commsim::bench

int main(int argc, char** argv) {
  return commsim::bench::run(argc, argv);
}
