#pragma once
// Tiny gzip IDX files written with zlib: a Fashion-MNIST look-alike for the
// loader, data cache and sweep tests, so none needs the real 30 MB package.
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace commsim::testing {

inline std::vector<std::uint8_t> idx_bytes(const std::vector<std::uint32_t>& dimensions,
                                           const std::vector<std::uint8_t>& values,
                                           std::uint8_t type = 0x08) {
  std::vector<std::uint8_t> bytes = {0, 0, type, static_cast<std::uint8_t>(dimensions.size())};
  for (const std::uint32_t size : dimensions) {
    for (int shift = 24; shift >= 0; shift -= 8)
      bytes.push_back(static_cast<std::uint8_t>(size >> shift));
  }
  bytes.insert(bytes.end(), values.begin(), values.end());
  return bytes;
}

inline void write_gzip(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes) {
  gzFile out = gzopen(file.string().c_str(), "wb");
  if (out == nullptr)
    throw std::runtime_error("cannot write " + file.string());
  const bool written = gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size())) ==
                       static_cast<int>(bytes.size());
  gzclose(out);
  if (!written)
    throw std::runtime_error("cannot write " + file.string());
}

// `train` and `test` images of 2x3 pixels, labels cycling 0..9 (the last one
// `bad_label` when not 0).
inline void write_fake_fashion_mnist(const std::filesystem::path& dir, std::size_t train,
                                     std::size_t test, std::uint8_t bad_label = 0) {
  auto pixels = [](std::size_t count) {
    std::vector<std::uint8_t> values(count * 6);
    for (std::size_t k = 0; k < values.size(); ++k)
      values[k] = static_cast<std::uint8_t>(k * 37 % 256);
    return values;
  };
  auto labels = [&](std::size_t count) {
    std::vector<std::uint8_t> values(count);
    for (std::size_t k = 0; k < count; ++k)
      values[k] = static_cast<std::uint8_t>(k % 10);
    if (bad_label != 0)
      values.back() = bad_label;
    return values;
  };
  const auto t = static_cast<std::uint32_t>(train), s = static_cast<std::uint32_t>(test);
  write_gzip(dir / "train-images-idx3-ubyte.gz", idx_bytes({t, 2, 3}, pixels(train)));
  write_gzip(dir / "train-labels-idx1-ubyte.gz", idx_bytes({t}, labels(train)));
  write_gzip(dir / "t10k-images-idx3-ubyte.gz", idx_bytes({s, 2, 3}, pixels(test)));
  write_gzip(dir / "t10k-labels-idx1-ubyte.gz", idx_bytes({s}, labels(test)));
}

}  // namespace commsim::testing
