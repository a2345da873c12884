#pragma once
// Builds the fabric medium from its resolved block: the physical network of
// its topology, with the check that every pair of logical neighbours has a
// route.
#include "models/media/registry.hpp"

namespace commsim {

MediumFactory fabric_medium_factory();

}  // namespace commsim
