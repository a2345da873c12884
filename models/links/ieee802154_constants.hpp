#pragma once
// IEEE 802.15.4-2006 constants for the 2450 MHz O-QPSK PHY and the unslotted
// (non-beacon) CSMA-CA MAC, the defaults ns-3 lr-wpan uses as well. Durations
// are kept in symbols, as the standard states them, and converted to integer
// microseconds here so that the link model's timing is exact.
#include <cstdint>

namespace commsim::ieee802154 {

// --- PHY (clause 6) ---------------------------------------------------------

// 62.5 ksymbol/s and 250 kb/s at 2450 MHz: Table 1 (frequency bands and data
// rates). One symbol carries 4 bits, so one octet is 2 symbols = 32 us.
inline constexpr std::int64_t kSymbolUs = 16;
inline constexpr std::int64_t kSymbolsPerByte = 2;  // phySymbolsPerOctet, Table 23
inline constexpr std::int64_t kByteUs = kSymbolUs * kSymbolsPerByte;

// Synchronisation header and PHY header in front of every PSDU: preamble 4
// octets (Table 19), SFD 1 octet (6.3.2), PHR 1 octet (6.3.3); Figure 16.
inline constexpr std::int64_t kPreambleBytes = 4;
inline constexpr std::int64_t kSfdBytes = 1;
inline constexpr std::int64_t kPhrBytes = 1;
inline constexpr std::int64_t kPhyHeaderBytes = kPreambleBytes + kSfdBytes + kPhrBytes;
// phySHRDuration = preamble + SFD = 10 symbols: Table 23.
inline constexpr std::int64_t kShrDurationSymbols = (kPreambleBytes + kSfdBytes) * kSymbolsPerByte;

// aMaxPHYPacketSize: the largest PSDU (= MPDU), 127 octets: Table 22.
inline constexpr std::int64_t kMaxPhyPacketSizeBytes = 127;

// aTurnaroundTime: RX-to-TX or TX-to-RX switch, 12 symbols: Table 22.
inline constexpr std::int64_t kTurnaroundTimeSymbols = 12;

// CCA detection time, 8 symbol periods: 6.9.9.
inline constexpr std::int64_t kCcaDurationSymbols = 8;

// --- MAC frames (clause 7.2) --------------------------------------------------

// Frame control 2 + sequence number 1 + destination PAN 2 + destination short
// address 2 + source short address 2 (source PAN elided by PAN ID compression,
// 7.2.1.1.5) = 9 octets MHR, + 2 octets FCS: 7.2.1 (general MAC frame format).
inline constexpr std::int64_t kMacOverheadShortBytes = 9 + 2;
// The same with 8-octet extended addresses: 2 + 1 + 2 + 8 + 8 + FCS 2.
inline constexpr std::int64_t kMacOverheadExtendedBytes = 21 + 2;

// Acknowledgment frame: frame control 2 + sequence number 1 + FCS 2 = 5 octets
// MPDU (7.2.2.3), 11 octets on air with the PHY header.
inline constexpr std::int64_t kAckMpduBytes = 5;
inline constexpr std::int64_t kAckPhyBytes = kAckMpduBytes + kPhyHeaderBytes;

// --- MAC constants, Table 85 --------------------------------------------------

// aUnitBackoffPeriod: 20 symbols.
inline constexpr std::int64_t kUnitBackoffPeriodSymbols = 20;
// aMaxSIFSFrameSize: an MPDU of at most 18 octets is followed by SIFS, a
// longer one by LIFS (7.5.1.3, interframe spacing).
inline constexpr std::int64_t kMaxSifsFrameSizeBytes = 18;
// aMinSIFSPeriod 12 symbols and aMinLIFSPeriod 40 symbols for the 2450 MHz
// PHY (MAC constants of 802.15.4-2006; PHY-dependent from 802.15.4a on).
inline constexpr std::int64_t kMinSifsPeriodSymbols = 12;
inline constexpr std::int64_t kMinLifsPeriodSymbols = 40;

// --- MAC PIB defaults, Table 86 ---------------------------------------------

inline constexpr int kMacMinBe = 3;  // macMinBE, range 0..macMaxBE
inline constexpr int kMacMaxBe = 5;  // macMaxBE, range 3..8
inline constexpr int kMacMaxBeLimit = 8;
inline constexpr int kMacMaxCsmaBackoffs = 4;  // macMaxCSMABackoffs, range 0..5
inline constexpr int kMacMaxCsmaBackoffsLimit = 5;
inline constexpr int kMacMaxFrameRetries = 3;  // macMaxFrameRetries, range 0..7
inline constexpr int kMacMaxFrameRetriesLimit = 7;
// macAckWaitDuration = aUnitBackoffPeriod + aTurnaroundTime + phySHRDuration
// + ceil(6 * phySymbolsPerOctet) = 20 + 12 + 10 + 12 = 54 symbols.
inline constexpr std::int64_t kMacAckWaitDurationSymbols =
    kUnitBackoffPeriodSymbols + kTurnaroundTimeSymbols + kShrDurationSymbols + 6 * kSymbolsPerByte;

// --- The same in microseconds -------------------------------------------------

inline constexpr std::int64_t kUnitBackoffPeriodUs = kUnitBackoffPeriodSymbols * kSymbolUs;  // 320
inline constexpr std::int64_t kCcaUs = kCcaDurationSymbols * kSymbolUs;                      // 128
inline constexpr std::int64_t kTurnaroundUs = kTurnaroundTimeSymbols * kSymbolUs;            // 192
inline constexpr std::int64_t kAckAirtimeUs = kAckPhyBytes * kByteUs;                        // 352
inline constexpr std::int64_t kSifsUs = kMinSifsPeriodSymbols * kSymbolUs;                   // 192
inline constexpr std::int64_t kLifsUs = kMinLifsPeriodSymbols * kSymbolUs;                   // 640
inline constexpr std::int64_t kAckWaitUs = kMacAckWaitDurationSymbols * kSymbolUs;           // 864

static_assert(kMacAckWaitDurationSymbols == 54, "macAckWaitDuration, Table 86");
static_assert(kMaxPhyPacketSizeBytes - kMacOverheadShortBytes == 116, "116 B per frame (short)");
static_assert(kMaxPhyPacketSizeBytes - kMacOverheadExtendedBytes == 104,
              "104 B per frame (extended)");

}  // namespace commsim::ieee802154
