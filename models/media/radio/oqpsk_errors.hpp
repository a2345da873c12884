#pragma once
// Bit errors of the 2.4 GHz O-QPSK PHY against the signal-to-interference-
// plus-noise ratio: IEEE 802.15.4-2006 Annex E (E.4.1.8), the formula ns-3's
// LrWpanErrorModel uses:
//   BER(SINR) = (8 / 15) (1 / 16) sum_{k=2}^{16} (-1)^k C(16, k) exp(20 SINR (1 / k - 1)),
// with SINR as a power ratio (not dB).
namespace commsim {

// Above this SINR (7.4 dB) the bit error rate is below 6e-24, so even a whole
// 127-byte frame survives with a probability that differs from 1 by less than
// 1e-20: as a double it is 1 exactly, and taking the errors as 0 changes no
// outcome (exp(-1e-20) == 1.0). Most receptions are that clear.
inline constexpr double kOqpskErrorFreeSinr = 5.5;

double oqpsk_bit_error_rate(double sinr);
// log of the probability that `bits` bits all survive at this SINR; it
// interpolates a table of the formula (within 1e-5 relative),
// built the first time it is asked (or prepare_oqpsk_errors() is called:
// a medium calls it when it is built, so that no run pays for it).
double oqpsk_log_success(double sinr, double bits);
void prepare_oqpsk_errors();

}  // namespace commsim
