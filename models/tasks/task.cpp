#include "models/tasks/task.hpp"

#include <stdexcept>

namespace commsim {

double Task::stochastic_gradient(NodeId, const std::vector<float>&, Rng&,
                                 std::vector<float>&) const {
  throw std::logic_error("task " + name() + " has no gradient (it is not trainable)");
}

double Task::full_gradient(NodeId, const std::vector<float>&, std::vector<float>&) const {
  throw std::logic_error("task " + name() + " has no gradient (it is not trainable)");
}

}  // namespace commsim
