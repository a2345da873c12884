// The gzip IDX reader and the Fashion-MNIST loader, on small files written
// here with zlib, plus one check of the real files when the Debian package
// dataset-fashion-mnist is installed.
#include <doctest/doctest.h>

#include <zlib.h>
#include "tests/support/fake_fashion_mnist.hpp"
#include "tests/support/task_builder.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "models/datasets/fashion_mnist.hpp"
#include "models/datasets/gzip_file.hpp"
#include "models/datasets/idx_file.hpp"
#include "sim/params/input_error.hpp"

using namespace commsim;
using commsim::testing::idx_bytes;
using commsim::testing::write_fake_fashion_mnist;
using commsim::testing::write_gzip;

namespace {

std::filesystem::path scratch_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("commsim-dataset-idx-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("a gzip IDX file reads back with its dimensions and bytes") {
  const auto dir = scratch_dir("roundtrip");
  const std::vector<std::uint8_t> values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  write_gzip(dir / "a.gz", idx_bytes({2, 3, 2}, values));
  const IdxArray array = read_idx_file((dir / "a.gz").string(), "task.data_dir");
  CHECK(array.dimensions == std::vector<std::uint32_t>{2, 3, 2});
  CHECK(array.values == values);
}

TEST_CASE("IDX files with a bad magic number or a wrong size are rejected with the file named") {
  const auto dir = scratch_dir("bad");
  const std::string file = (dir / "bad.gz").string();
  write_gzip(file, idx_bytes({3}, {1, 2, 3}, 0x0D));  // float elements: unsupported
  CHECK(commsim::testing::input_error_of([&] {
          read_idx_file(file, "task.data_dir");
        }).find("bad IDX magic number 0x00000d01") != std::string::npos);
  write_gzip(file, idx_bytes({4}, {1, 2, 3}));  // one byte short
  const std::string short_error =
      commsim::testing::input_error_of([&] { read_idx_file(file, "task.data_dir"); });
  CHECK(short_error.find("task.data_dir: " + file) == 0);
  CHECK(short_error.find("announces 4 bytes") != std::string::npos);
  CHECK(commsim::testing::input_error_of([&] {
          read_idx_file((dir / "absent.gz").string(), "w");
        }).find("cannot open") != std::string::npos);
}

TEST_CASE("an IDX header whose sizes multiply past 2^64 is rejected, not wrapped around") {
  // 2^16 x 2^16 x 2^16 x 2^16 = 2^64, which a 64-bit product wraps to 0: the
  // size of this file's (empty) data.
  const auto bytes = idx_bytes({65536, 65536, 65536, 65536}, {});
  const std::string error =
      commsim::testing::input_error_of([&] { parse_idx(bytes, "wrap.idx", "task.data_dir"); });
  CHECK(error ==
        "task.data_dir: wrap.idx: the header announces 65536 x 65536 x 65536 x 65536 "
        "bytes of data, but the file holds 0");
  CHECK(commsim::testing::input_error_of([&] {
          parse_idx(idx_bytes({2, 3}, {1, 2, 3, 4, 5}), "f", "w");
        }) == "w: f: the header announces 2 x 3 = 6 bytes of data, but the file holds 5");
}

TEST_CASE("a gzip trailer announcing 4 GiB does not make the reader allocate it") {
  const auto dir = scratch_dir("trailer");
  const auto file = dir / "lying.gz";
  write_gzip(file, idx_bytes({3}, {7, 8, 9}));
  {
    // zlib ignores bytes after the gzip member, but the size hint reads the
    // file's last 4 bytes as ISIZE (RFC 1952: the uncompressed size mod 2^32).
    std::ofstream append(file, std::ios::app | std::ios::binary);
    append.write("\xff\xff\xff\xff", 4);
  }
  const std::vector<std::uint8_t> bytes = read_gzip_file(file.string(), "task.data_dir");
  CHECK(bytes.size() == 4 + 4 + 3);
  CHECK(bytes.capacity() < (std::size_t{1} << 20));
}

TEST_CASE("the Fashion-MNIST loader scales pixels, checks shapes and label range") {
  const auto dir = scratch_dir("fake");
  write_fake_fashion_mnist(dir, 5, 3);
  const DataSplit split = load_fashion_mnist(dir.string(), "task.data_dir");
  CHECK(split.train.samples == 5);
  CHECK(split.test.samples == 3);
  CHECK(split.train.features == 6);
  CHECK(split.train.classes == 10);
  CHECK(split.train.dense[1] == doctest::Approx(37.0 / 255.0));
  CHECK(split.train.targets[4] == 4.0f);

  write_fake_fashion_mnist(dir, 5, 3, 10);
  CHECK(commsim::testing::input_error_of([&] {
          load_fashion_mnist(dir.string(), "task.data_dir");
        }).find("out of range 0..9") != std::string::npos);

  write_fake_fashion_mnist(dir, 5, 3);
  std::filesystem::remove(dir / "t10k-labels-idx1-ubyte.gz");
  const std::string missing =
      commsim::testing::input_error_of([&] { load_fashion_mnist(dir.string(), "task.data_dir"); });
  CHECK(missing.find("task.data_dir: cannot find") == 0);
  CHECK(missing.find("t10k-labels-idx1-ubyte.gz") != std::string::npos);
  CHECK(missing.find("dataset-fashion-mnist") != std::string::npos);
}

TEST_CASE("the real Fashion-MNIST files: 60000 + 10000 images of 784 pixels, labels 0..9") {
  if (!std::filesystem::exists(std::string(kFashionMnistDefaultDirectory) +
                               "/train-images-idx3-ubyte.gz")) {
    MESSAGE("dataset-fashion-mnist is not installed; skipping the check of the real files");
    return;
  }
  const DataSplit split = load_fashion_mnist(kFashionMnistDefaultDirectory, "task.data_dir");
  CHECK(split.train.samples == 60000);
  CHECK(split.test.samples == 10000);
  CHECK(split.train.features == 784);
  std::vector<std::size_t> counts(10, 0);
  for (const float label : split.train.targets) {
    REQUIRE(label >= 0.0f);
    REQUIRE(label <= 9.0f);
    ++counts[static_cast<std::size_t>(label)];
  }
  for (const std::size_t count : counts)
    CHECK(count == 6000);  // Fashion-MNIST is balanced
  float smallest = 1.0f, largest = 0.0f;
  for (const float pixel : split.test.dense) {
    smallest = std::min(smallest, pixel);
    largest = std::max(largest, pixel);
  }
  CHECK(smallest == 0.0f);
  CHECK(largest == 1.0f);
}
