#pragma once
// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017): 60000 training and 10000 test
// 28x28 grey images of 10 clothing classes, read from the four gzip IDX files
// that Debian's dataset-fashion-mnist package installs. Pixels are scaled to
// [0, 1] (value / 255) and stored densely as floats, 784 features per sample.
#include <cstddef>
#include <string>

#include "models/datasets/dataset.hpp"

namespace commsim {

// The package's data directory, the default of the data_dir parameter.
inline constexpr const char* kFashionMnistDefaultDirectory = "/usr/share/datasets/fashion-mnist";
inline constexpr std::size_t kFashionMnistClasses = 10;

// Throws InputError at `where` (the data_dir parameter's JSON path) when a file
// is missing (naming the package to install) or malformed.
DataSplit load_fashion_mnist(const std::string& directory, const std::string& where);

}  // namespace commsim
