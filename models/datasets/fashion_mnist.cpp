#include "models/datasets/fashion_mnist.hpp"

#include <filesystem>

#include "models/datasets/idx_file.hpp"
#include "models/datasets/unit_floats.hpp"
#include "sim/params/input_error.hpp"

namespace commsim {

namespace {
constexpr const char* kTrainImages = "train-images-idx3-ubyte.gz";
constexpr const char* kTrainLabels = "train-labels-idx1-ubyte.gz";
constexpr const char* kTestImages = "t10k-images-idx3-ubyte.gz";
constexpr const char* kTestLabels = "t10k-labels-idx1-ubyte.gz";

std::string file_in(const std::string& directory, const std::string& name,
                    const std::string& where) {
  const std::string file = (std::filesystem::path(directory) / name).string();
  if (!std::filesystem::is_regular_file(file)) {
    throw InputError(where,
                     "cannot find " + file +
                         "; install the Debian package dataset-fashion-mnist "
                         "(apt-get install dataset-fashion-mnist) or set data_dir to a folder "
                         "holding the four Fashion-MNIST gzip IDX files");
  }
  return file;
}

Dataset load_part(const std::string& directory, const std::string& images_name,
                  const std::string& labels_name, const std::string& where) {
  const std::string images_file = file_in(directory, images_name, where);
  const std::string labels_file = file_in(directory, labels_name, where);
  const IdxArray images = read_idx_file(images_file, where);
  const IdxArray labels = read_idx_file(labels_file, where);
  if (images.dimensions.size() != 3) {
    throw InputError(where, images_file +
                                ": expected 3 dimensions (images x rows x columns), got " +
                                std::to_string(images.dimensions.size()));
  }
  if (labels.dimensions.size() != 1) {
    throw InputError(where, labels_file + ": expected 1 dimension (labels), got " +
                                std::to_string(labels.dimensions.size()));
  }
  if (images.dimensions[0] != labels.dimensions[0]) {
    throw InputError(where, images_file + " holds " + std::to_string(images.dimensions[0]) +
                                " images but " + labels_file + " holds " +
                                std::to_string(labels.dimensions[0]) + " labels");
  }
  Dataset data;
  data.samples = images.dimensions[0];
  data.features = std::size_t{images.dimensions[1]} * images.dimensions[2];
  data.classes = kFashionMnistClasses;
  data.dense = unit_floats(images.values);
  data.targets.resize(data.samples);
  for (std::size_t k = 0; k < data.samples; ++k) {
    if (labels.values[k] >= kFashionMnistClasses) {
      throw InputError(where, labels_file + ": label " + std::to_string(labels.values[k]) +
                                  " of sample " + std::to_string(k) + " is out of range 0..9");
    }
    data.targets[k] = static_cast<float>(labels.values[k]);
  }
  return data;
}
}  // namespace

std::vector<std::string> fashion_mnist_files(const std::string& directory) {
  std::vector<std::string> files;
  for (const char* name : {kTrainImages, kTrainLabels, kTestImages, kTestLabels})
    files.push_back((std::filesystem::path(directory) / name).string());
  return files;
}

DataSplit load_fashion_mnist(const std::string& directory, const std::string& where) {
  DataSplit split;
  split.train = load_part(directory, kTrainImages, kTrainLabels, where);
  split.test = load_part(directory, kTestImages, kTestLabels, where);
  if (split.train.features != split.test.features) {
    throw InputError(where, "training and test images differ in size (" +
                                std::to_string(split.train.features) + " vs " +
                                std::to_string(split.test.features) + " pixels)");
  }
  return split;
}

}  // namespace commsim
