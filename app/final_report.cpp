#include "app/final_report.hpp"

#include "app/number_format.hpp"

namespace commsim {

namespace {
// Test accuracy for learning tasks, else the training loss; consensus error
// whenever the nodes hold numbers to disagree on.
std::string metrics_text(const SeriesRow& row) {
  std::string text;
  if (row.test_accuracy)
    text += ", test accuracy " + format_rounded(*row.test_accuracy);
  else if (row.train_loss)
    text += ", train loss " + format_rounded(*row.train_loss);
  if (row.consensus_error)
    text += ", consensus error " + format_rounded(*row.consensus_error);
  return text;
}

std::string target_text(const RunResult& result, const nlohmann::json& target) {
  const std::string metric = target["metric"];
  std::string text = "; target " + metric + (metric == "test_accuracy" ? " >= " : " <= ") +
                     format_rounded(target["value"].get<double>());
  if (!result.target_row)
    return text + " not reached";
  return text + " reached at round " + std::to_string(result.rows[*result.target_row].round);
}
}  // namespace

std::string final_report(const RunResult& result, const nlohmann::json& resolved_scenario) {
  std::string text =
      std::to_string(result.rounds_completed) + " rounds (stopped by " + result.stop_reason + ")";
  if (!result.rows.empty()) {
    const SeriesRow& last = result.rows.back();
    text += ", " + format_rounded(simtime_to_seconds(last.time)) + " s simulated, " +
            std::to_string(last.traffic.payload_bits) + " payload bits, " +
            format_rounded(last.total_energy_j()) + " J" + metrics_text(last);
  }
  const nlohmann::json& stop = resolved_scenario["stop"];
  if (stop.contains("target"))
    text += target_text(result, stop["target"]);
  return text;
}

}  // namespace commsim
