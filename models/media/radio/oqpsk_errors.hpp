#pragma once
// Bit errors of the 2.4 GHz O-QPSK PHY against the signal-to-interference-
// plus-noise ratio: IEEE 802.15.4-2006 Annex E (E.4.1.8), the formula ns-3's
// LrWpanErrorModel uses:
//   BER(SINR) = (8 / 15) (1 / 16) sum_{k=2}^{16} (-1)^k C(16, k) exp(20 SINR (1 / k - 1)),
// with SINR as a power ratio (not dB).
namespace commsim {

double oqpsk_bit_error_rate(double sinr);
// log of the probability that `bits` bits all survive at this SINR.
double oqpsk_log_success(double sinr, double bits);

}  // namespace commsim
