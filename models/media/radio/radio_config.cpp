#include "models/media/radio/radio_config.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

#include "sim/params/input_file.hpp"

namespace commsim {

PluginInfo radio_medium_info() {
  return {
      "radio",
      "one shared IEEE 802.15.4 channel: half-duplex radios, CSMA-CA that senses the "
      "neighbours, collisions and hidden terminals at the receiver, multi-hop routes, energy "
      "of every radio by state over the whole run (needs link.model ieee802154)",
      {
          ParamSpec::choice("interference", {"placement", "topology"}, "placement",
                            "placement: radios at positions hear each other by propagation; "
                            "topology: every pair the logical topology ever connects hears "
                            "each other, and nobody else"),
          ParamSpec::choice("placement", {"grid", "line", "uniform", "list", "file"}, "grid",
                            "grid (row by row, spacing_m apart), line (spacing_m apart), "
                            "uniform (seeded, in a square of side_m), list (positions_m) or "
                            "file (positions_file: one \"x y\" line per radio)"),
          ParamSpec::real("spacing_m", 10.0, "grid and line: distance between neighbours, m")
              .above(0),
          ParamSpec::optional_integer("columns", "grid: radios per row; default ceil(sqrt(radios))")
              .at_least(1),
          ParamSpec::real("side_m", 100.0, "uniform: side of the square, m").above(0),
          ParamSpec::optional_points("positions_m",
                                     "list: [[x, y], ...] in metres, one per radio (a parameter "
                                     "server's radio is the last)"),
          ParamSpec::text("positions_file", "",
                          "file: path of a text file with one \"x y\" line (metres) per radio; "
                          "a relative path is taken from the scenario file's folder"),
          ParamSpec::choice("propagation", {"disc", "log_distance"}, "disc",
                            "disc: radios within range_m hear each other perfectly, others not "
                            "at all, and any overlap at a receiver breaks both frames; "
                            "log_distance: PL(d) = reference_loss_db + 10 n log10(d / 1 m), "
                            "received power against sensitivity, CCA threshold and SINR"),
          ParamSpec::real("range_m", 15.0, "disc: range, m").above(0),
          ParamSpec::real("path_loss_exponent", 3.0, "log_distance: exponent n").above(0),
          ParamSpec::real("reference_loss_db", 46.6777,
                          "log_distance: path loss at 1 m, dB (2.4 GHz free space)"),
          ParamSpec::real("shadowing_sigma_db", 0.0,
                          "log_distance: standard deviation of log-normal shadowing, dB; drawn "
                          "once per pair of radios (seeded, the same both ways, fixed in time)")
              .at_least(0),
          ParamSpec::real("tx_power_dbm", 0.0, "log_distance: transmit power, dBm")
              .at_least(-40)
              .at_most(30),
          ParamSpec::real("sensitivity_dbm", -95.0,
                          "log_distance: weakest signal a radio can receive, dBm"),
          ParamSpec::real("cca_threshold_dbm", -77.0,
                          "log_distance: clear channel assessment finds the channel busy when "
                          "the energy on it reaches this, dBm"),
          ParamSpec::real("noise_dbm", -105.97,
                          "log_distance: noise power at the receiver, dBm (thermal over 2 MHz "
                          "with a 5 dB noise figure)"),
          ParamSpec::choice("reception", {"capture", "ber"}, "capture",
                            "log_distance: capture (a frame survives while its SINR stays at "
                            "or above capture_threshold_db) or ber (it survives the O-QPSK bit "
                            "error rate of its SINR over its length, drawn per frame, as ns-3; "
                            "a radio locks onto a frame above -5 dB SINR)"),
          ParamSpec::real("capture_threshold_db", 5.0, "log_distance, capture: SINR needed, dB"),
          ParamSpec::real("sleep_current_a", 0.00002,
                          "current of a powered-down radio (its node crashed), A")
              .at_least(0),
          ParamSpec::boolean("retry_after_access_failure", true,
                             "a channel access failure (macMaxCSMABackoffs + 1 busy CCAs) uses up "
                             "one of the frame's 1 + max_frame_retries attempts, as the link model "
                             "counts it; false: the frame, and its message, are given up at once "
                             "(as ns-3 lr-wpan does)"),
      },
      "link.model must be ieee802154; every pair of logical neighbours must be connected over "
      "the radio graph (multi-hop is fine)"};
}

namespace {

std::vector<Position> read_positions_file(const Params& params, std::int32_t nodes) {
  const std::string file = params.text("positions_file");
  if (file.empty()) {
    throw params.error("positions_file", "is required with placement \"file\": a path");
  }
  check_input_file(file, params.error("positions_file", "").where(), "a positions file");
  std::ifstream in(file);
  if (!in)
    throw params.error("positions_file", "cannot open \"" + file + "\"");
  std::vector<Position> positions;
  std::string line;
  std::int64_t line_number = 0;
  while (std::getline(in, line) && static_cast<std::int32_t>(positions.size()) < nodes) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#')
      continue;
    std::istringstream fields(line);
    Position p;
    std::string rest;
    if (!(fields >> p.x_m >> p.y_m) || (fields >> rest) || !std::isfinite(p.x_m) ||
        !std::isfinite(p.y_m)) {
      throw params.error("positions_file", "\"" + file + "\" line " + std::to_string(line_number) +
                                               ": expected two numbers \"x y\" in metres");
    }
    positions.push_back(p);
  }
  if (static_cast<std::int32_t>(positions.size()) < nodes) {
    throw params.error("positions_file",
                       "\"" + file + "\" holds " + std::to_string(positions.size()) +
                           " positions, but the network has " + std::to_string(nodes) + " radios");
  }
  return positions;
}

std::vector<Position> read_positions_list(const Params& params, std::int32_t nodes) {
  if (!params.has("positions_m")) {
    throw params.error("positions_m", "is required with placement \"list\": [[x, y], ...]");
  }
  const auto& list = params.json().at("positions_m");
  if (static_cast<std::int64_t>(list.size()) != nodes) {
    throw params.error("positions_m", "holds " + std::to_string(list.size()) +
                                          " positions, but the network has " +
                                          std::to_string(nodes) + " radios");
  }
  std::vector<Position> positions;
  for (const auto& point : list)
    positions.push_back({point[0].get<double>(), point[1].get<double>()});
  return positions;
}

}  // namespace

RadioMediumConfig make_radio_medium_config(const Params& params, std::int32_t nodes) {
  RadioMediumConfig c;
  c.interference = params.text("interference") == "topology" ? Interference::kTopology
                                                             : Interference::kPlacement;
  const std::string placement = params.text("placement");
  c.placement = placement == "line"      ? Placement::kLine
                : placement == "uniform" ? Placement::kUniform
                : placement == "list"    ? Placement::kList
                : placement == "file"    ? Placement::kFile
                                         : Placement::kGrid;
  c.spacing_m = params.real("spacing_m");
  if (params.has("columns"))
    c.columns = params.integer("columns");
  c.side_m = params.real("side_m");
  c.positions_file = params.text("positions_file");
  if (c.interference == Interference::kPlacement) {
    if (c.placement == Placement::kList)
      c.positions = read_positions_list(params, nodes);
    if (c.placement == Placement::kFile)
      c.positions = read_positions_file(params, nodes);
  }
  c.propagation =
      params.text("propagation") == "log_distance" ? Propagation::kLogDistance : Propagation::kDisc;
  c.range_m = params.real("range_m");
  c.path_loss_exponent = params.real("path_loss_exponent");
  c.reference_loss_db = params.real("reference_loss_db");
  c.shadowing_sigma_db = params.real("shadowing_sigma_db");
  c.tx_power_dbm = params.real("tx_power_dbm");
  c.sensitivity_dbm = params.real("sensitivity_dbm");
  c.cca_threshold_dbm = params.real("cca_threshold_dbm");
  c.noise_dbm = params.real("noise_dbm");
  c.reception = params.text("reception") == "ber" ? Reception::kBer : Reception::kCapture;
  c.capture_threshold_db = params.real("capture_threshold_db");
  c.sleep_current_a = params.real("sleep_current_a");
  c.retry_after_access_failure = params.boolean("retry_after_access_failure");
  return c;
}

}  // namespace commsim
