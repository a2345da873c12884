#pragma once
// Builds the radio_fabric medium: 802.15.4 radios on one side, a switched
// fabric on the other, joined at a gateway node (gateway_medium.hpp). It
// takes the radio medium's and the fabric medium's parameters, and builds
// each side with their factories.
#include "models/media/registry.hpp"

namespace commsim {

PluginInfo radio_fabric_medium_info();
MediumFactory radio_fabric_medium_factory();

}  // namespace commsim
