#pragma once
// `commsim validate --explain`: what each node ends up with once defaults,
// link_overrides, compute lists and the medium are resolved.
#include <string>

#include "app/scenario.hpp"

namespace commsim {

// One block per node: its role, FLOP rate (stragglers marked), its own link
// model and where it comes from, what the medium gives it, and every link
// to a neighbour whose model differs from the node's own.
std::string explain_scenario(const Scenario& scenario);

}  // namespace commsim
