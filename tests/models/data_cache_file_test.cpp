// The cache file of decoded data: what is written reads back bit for bit,
// and a file that is truncated, corrupt, of another layout version or for
// another key reads as nothing (so the caller decodes again).
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "models/datasets/checksum64.hpp"
#include "models/datasets/data_cache_file.hpp"
#include "models/datasets/unit_floats.hpp"
#include "tests/support/scratch_folder.hpp"

using namespace commsim;

namespace {

Dataset dense_images() {
  Dataset data;
  data.samples = 3;
  data.features = 2;
  data.classes = 10;
  data.dense = unit_floats(std::vector<std::uint8_t>{0, 255, 37, 74, 111, 148});
  data.targets = {1.0f, 0.0f, 9.0f};
  return data;
}

Dataset dense_reals() {
  Dataset data = dense_images();
  data.dense[1] = 0.3f;  // not a byte / 255: stored as floats
  data.classes = 0;
  data.targets = {0.5f, -1.25f, 3.0f};
  return data;
}

Dataset sparse_rows() {
  Dataset data;
  data.samples = 2;
  data.features = 5;
  data.sparse = true;
  data.rows.row_start = {0, 2, 3};
  data.rows.column = {0, 4, 2};
  data.rows.value = {1.5f, -2.0f, 0.25f};
  data.targets = {1.0f, -1.0f};
  return data;
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  // Empty vectors may have no address, which memcmp must not see.
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

void check_equal(const Dataset& a, const Dataset& b) {
  CHECK(a.samples == b.samples);
  CHECK(a.features == b.features);
  CHECK(a.classes == b.classes);
  CHECK(a.sparse == b.sparse);
  CHECK(same_bits(a.dense, b.dense));
  CHECK(a.rows.row_start == b.rows.row_start);
  CHECK(a.rows.column == b.rows.column);
  CHECK(same_bits(a.rows.value, b.rows.value));
  CHECK(same_bits(a.targets, b.targets));
}

std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

const std::string kKey = "decoder test 1\nsource /data/a bytes 10 modified_ns 5\n";

}  // namespace

TEST_CASE("checksum64 is xxHash64, the same fed whole or in pieces") {
  CHECK(checksum64("", 0) == 0xEF46DB3751D8E999ULL);  // XXH64 of no bytes, seed 0
  std::vector<unsigned char> bytes(1000);
  for (std::size_t k = 0; k < bytes.size(); ++k)
    bytes[k] = static_cast<unsigned char>(k * 131 % 251);
  const std::uint64_t whole = checksum64(bytes.data(), bytes.size());
  for (const std::size_t cut : {1, 7, 31, 32, 33, 500, 999}) {
    Checksum64 pieces;
    pieces.add(bytes.data(), cut);
    pieces.add(bytes.data() + cut, bytes.size() - cut);
    CHECK(pieces.value() == whole);
  }
  bytes[517] ^= 1;
  CHECK(checksum64(bytes.data(), bytes.size()) != whole);
}

TEST_CASE("pixel floats turn back into their bytes only when every value is one") {
  const std::vector<std::uint8_t> pixels = {0, 1, 128, 254, 255};
  std::vector<std::uint8_t> back;
  CHECK(unit_bytes_of(unit_floats(pixels), back));
  CHECK(back == pixels);
  CHECK_FALSE(unit_bytes_of(std::vector<float>{0.5f}, back));
  CHECK_FALSE(unit_bytes_of(std::vector<float>{-0.0f}, back));  // not the bits of 0 / 255
  CHECK_FALSE(unit_bytes_of(std::vector<float>{2.0f}, back));
}

TEST_CASE("dense images, dense reals and sparse rows read back bit for bit") {
  const auto dir = commsim::testing::scratch_folder("cache-file-roundtrip");
  const auto file = dir / "parts.data";
  const std::vector<Dataset> parts = {dense_images(), dense_reals(), sparse_rows(), Dataset{}};
  write_data_cache_file(file, kKey, parts);
  const auto read = read_data_cache_file(file, kKey);
  REQUIRE(read.has_value());
  REQUIRE(read->size() == parts.size());
  for (std::size_t k = 0; k < parts.size(); ++k)
    check_equal((*read)[k], parts[k]);
  // Only the file itself is left: the temporary one was renamed over it.
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);
  // Images are kept as their bytes: a quarter of the floats' size.
  const Dataset big = [] {
    Dataset data = dense_images();
    data.samples = 1000;
    data.features = 100;
    data.dense = unit_floats(std::vector<std::uint8_t>(100000, 200));
    data.targets.assign(1000, 1.0f);
    return data;
  }();
  write_data_cache_file(file, kKey, std::vector<Dataset>{big});
  CHECK(std::filesystem::file_size(file) < 100000 + 4000 + 1000);
  check_equal(read_data_cache_file(file, kKey).value().at(0), big);
}

TEST_CASE("a cache file that is absent, stale, truncated or corrupt reads as nothing") {
  const auto dir = commsim::testing::scratch_folder("cache-file-bad");
  const auto file = dir / "parts.data";
  CHECK_FALSE(read_data_cache_file(file, kKey).has_value());  // absent
  write_data_cache_file(file, kKey, std::vector<Dataset>{dense_images(), sparse_rows()});
  const std::string good = read_bytes(file);
  REQUIRE(read_data_cache_file(file, kKey).has_value());

  // Another key: the source changed (size or time) since the file was written.
  CHECK_FALSE(read_data_cache_file(file, "decoder test 1\nsource /data/a bytes 11 modified_ns 5\n")
                  .has_value());
  // Every flipped byte of the header, key, descriptors and arrays is caught.
  for (std::size_t at = 0; at < good.size(); ++at) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x10);
    write_bytes(file, bad);
    CHECK_MESSAGE(!read_data_cache_file(file, kKey).has_value(),
                  ("flipped byte " + std::to_string(at)));
  }
  // Truncated anywhere, or with bytes appended.
  for (const std::size_t size :
       {std::size_t{0}, std::size_t{7}, std::size_t{48}, good.size() - 1}) {
    write_bytes(file, good.substr(0, size));
    CHECK_FALSE(read_data_cache_file(file, kKey).has_value());
  }
  write_bytes(file, good + "x");
  CHECK_FALSE(read_data_cache_file(file, kKey).has_value());
  // Another layout version (bytes 8..11, after the magic): ignored.
  std::string other_version = good;
  other_version[8] = static_cast<char>(kDataCacheLayoutVersion + 1);
  write_bytes(file, other_version);
  CHECK_FALSE(read_data_cache_file(file, kKey).has_value());
  write_bytes(file, good);
  CHECK(read_data_cache_file(file, kKey).has_value());
}

TEST_CASE("a cache file cannot be written into a folder that is not one") {
  const auto dir = commsim::testing::scratch_folder("cache-file-unwritable");
  write_bytes(dir / "plain", "not a folder");
  CHECK_THROWS_AS(write_data_cache_file(dir / "plain" / "parts.data", kKey,
                                        std::vector<Dataset>{dense_images()}),
                  std::runtime_error);
}
