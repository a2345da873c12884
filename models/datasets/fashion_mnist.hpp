#pragma once
// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017): 60000 training and 10000 test
// 28x28 grey images of 10 clothing classes, read from the four gzip IDX files
// that Debian's dataset-fashion-mnist package installs. Pixels are scaled to
// [0, 1] (value / 255) and stored densely as floats, 784 features per sample.
#include <cstddef>
#include <string>
#include <vector>

#include "models/datasets/dataset.hpp"

namespace commsim {

// The package's data directory, the default of the data_dir parameter.
inline constexpr const char* kFashionMnistDefaultDirectory = "/usr/share/datasets/fashion-mnist";
inline constexpr std::size_t kFashionMnistClasses = 10;
// Raise when load_fashion_mnist makes something else of the same files: the
// on-disk data cache (data_cache.hpp) then decodes them again.
inline constexpr int kFashionMnistDecoderVersion = 1;

// The four files read, in order: training images and labels, test images and labels.
std::vector<std::string> fashion_mnist_files(const std::string& directory);

// Throws InputError at `where` (the data_dir parameter's JSON path) when a file
// is missing (naming the package to install) or malformed.
DataSplit load_fashion_mnist(const std::string& directory, const std::string& where);

}  // namespace commsim
