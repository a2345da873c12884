#pragma once
// The settings of the shared 802.15.4 channel (`network.medium` with kind
// "radio"): where the radios are, how signals fade, when a frame is received
// and when the channel is sensed busy. The MAC timing, the frame sizes and
// the radios' currents come from the ieee802154 link block.
#include <cstdint>
#include <string>
#include <vector>

#include "models/links/ieee802154.hpp"
#include "sim/params/param_spec.hpp"
#include "sim/params/params.hpp"

namespace commsim {

struct Position {
  double x_m = 0.0;
  double y_m = 0.0;
};

enum class Placement { kGrid, kLine, kUniform, kList, kFile };
enum class Propagation { kDisc, kLogDistance };
enum class Interference { kPlacement, kTopology };
// How a frame that overlaps others at its receiver is judged (log_distance).
enum class Reception {
  kCapture,  // received when its SINR stays at or above capture_threshold_db throughout
  kBer,      // survives the O-QPSK bit errors of its SINR, drawn once per frame (as ns-3)
};

struct RadioMediumConfig {
  Interference interference = Interference::kPlacement;
  Placement placement = Placement::kGrid;
  double spacing_m = 10.0;
  std::int64_t columns = 0;  // grid; 0: ceil(sqrt(nodes))
  double side_m = 100.0;
  std::vector<Position> positions;  // list, or read from positions_file
  std::string positions_file;
  Propagation propagation = Propagation::kDisc;
  double range_m = 15.0;
  double path_loss_exponent = 3.0;
  double reference_loss_db = 46.6777;  // at 1 m, 2.4 GHz (ns-3's LogDistancePropagationLossModel)
  double shadowing_sigma_db = 0.0;
  double tx_power_dbm = 0.0;
  double sensitivity_dbm = -95.0;
  double cca_threshold_dbm = -77.0;
  double noise_dbm = -105.97;  // thermal noise over 2 MHz (-110.97 dBm) + 5 dB noise figure
  Reception reception = Reception::kCapture;
  double capture_threshold_db = 5.0;
  double sleep_current_a = 0.00002;  // CC2420 power-down, while its node is crashed
  // A channel access failure uses up one of the frame's 1 + max_frame_retries
  // attempts, as the link model (and stacks such as Contiki-NG's CSMA) count
  // it; false: the frame is given up at once (MCPS-DATA.confirm
  // CHANNEL_ACCESS_FAILURE, as ns-3 lr-wpan does).
  bool retry_after_access_failure = true;
};

// The declared parameters of network.medium for kind "radio".
PluginInfo radio_medium_info();
// Reads a resolved block (`params`); reads the positions file, relative to
// the working directory. `nodes`: radios to place, for the checks.
RadioMediumConfig make_radio_medium_config(const Params& params, std::int32_t nodes);

}  // namespace commsim
