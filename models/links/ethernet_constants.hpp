#pragma once
// Framing constants of UDP or TCP over IPv4 over Ethernet II. They are the
// defaults of the ethernet link model's parameters; every one can be overridden
// in a scenario (jumbo frames, VLAN tags, a PHY without preamble, ...).
#include <cstdint>

namespace commsim::ethernet {

// Preamble (7 octets) plus start frame delimiter (1 octet): IEEE 802.3 clause
// 3.1.1 (MAC frame format), Figure 3-1. Line time, not part of the frame.
inline constexpr std::int64_t kPreambleBytes = 8;

// Minimum inter-packet gap, 96 bit times: IEEE 802.3 clause 4.4.2
// (interPacketGap). Idle line time between two frames.
inline constexpr std::int64_t kInterFrameGapBytes = 12;

// Destination address 6 + source address 6 + Length/Type 2: IEEE 802.3
// clause 3.1.1, Figure 3-1 (Ethernet II, no VLAN tag).
inline constexpr std::int64_t kHeaderBytes = 14;

// Frame check sequence (CRC-32): IEEE 802.3 clause 3.2.9.
inline constexpr std::int64_t kFcsBytes = 4;

// minFrameSize = 512 bits, destination address through FCS: IEEE 802.3 clause
// 4.4.2; shorter frames are padded (clause 3.2.7), i.e. the client data field
// carries at least 64 - 14 - 4 = 46 octets.
inline constexpr std::int64_t kMinFrameBytes = 64;

// Largest IP packet in an untagged frame (maxUntaggedFrameSize 1518 minus
// header and FCS): IEEE 802.3 clause 4.4.2; RFC 894 (IP over Ethernet).
inline constexpr std::int64_t kMtuBytes = 1500;

// Smallest MTU every IPv4 module must handle: RFC 791, section 3.2
// ("Total Length"), 68 octets.
inline constexpr std::int64_t kMinimumIpv4MtuBytes = 68;

// IPv4 header without options (IHL = 5): RFC 791, section 3.1.
inline constexpr std::int64_t kIpv4HeaderBytes = 20;

// UDP header: RFC 768.
inline constexpr std::int64_t kUdpHeaderBytes = 8;

// TCP header without options (data offset = 5): RFC 793, section 3.1.
// With IPv4 this gives the familiar MSS of 1500 - 40 = 1460.
inline constexpr std::int64_t kTcpHeaderBytes = 20;

}  // namespace commsim::ethernet
