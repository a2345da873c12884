#pragma once
// Builds the radio medium from its resolved block: the config, the radios'
// positions and who hears whom, and the check that every logical neighbour
// is reachable over the radio graph.
#include "models/media/registry.hpp"

namespace commsim {

MediumFactory radio_medium_factory();

}  // namespace commsim
