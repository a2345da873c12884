#include "models/datasets/data_cache_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <stdexcept>

#include "models/datasets/checksum64.hpp"
#include "models/datasets/unit_floats.hpp"

namespace commsim {

namespace {

constexpr char kMagic[8] = {'C', 'S', 'I', 'M', 'D', 'A', 'T', 'A'};
constexpr std::uint32_t kByteOrderMark = 0x01020304;
constexpr std::size_t kAlignmentBytes = 8;
constexpr unsigned char kZeros[kAlignmentBytes] = {};

enum DenseEncoding : std::uint64_t { kFloats = 0, kUnitBytes = 1 };

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t byte_order;
  std::uint64_t key_bytes;
  std::uint64_t parts;
  std::uint64_t body_bytes;
  std::uint64_t body_checksum;
};
static_assert(sizeof(Header) == 48);
// The checksum covers the header up to itself, then the body.
constexpr std::size_t kCheckedHeaderBytes = offsetof(Header, body_checksum);
static_assert(kCheckedHeaderBytes == sizeof(Header) - 8);

// A part's scalars and the element counts of its five arrays.
struct Descriptor {
  std::uint64_t samples, features, classes, sparse, dense_encoding;
  std::uint64_t dense, row_start, column, value, targets;
};
static_assert(sizeof(Descriptor) == 80);

std::size_t padded(std::size_t bytes) {
  return (bytes + kAlignmentBytes - 1) / kAlignmentBytes * kAlignmentBytes;
}

// The body as a list of byte ranges, each section padded to 8 bytes.
class Body {
 public:
  void add(const void* data, std::size_t bytes) {
    pieces_.push_back({data, bytes});
    if (padded(bytes) != bytes)
      pieces_.push_back({kZeros, padded(bytes) - bytes});
    bytes_ += padded(bytes);
  }
  template <class T>
  void add(const std::vector<T>& values) {
    add(values.data(), values.size() * sizeof(T));
  }
  std::uint64_t bytes() const { return bytes_; }
  void add_to(Checksum64& sum) const {
    for (const Piece& piece : pieces_)
      sum.add(piece.data, piece.bytes);
  }
  template <class Write>
  void write(Write&& write_bytes) const {
    for (const Piece& piece : pieces_)
      write_bytes(piece.data, piece.bytes);
  }

 private:
  struct Piece {
    const void* data;
    std::size_t bytes;
  };
  std::vector<Piece> pieces_;
  std::uint64_t bytes_ = 0;
};

std::string system_error(const std::string& what, const std::filesystem::path& file) {
  std::string text = what;
  text += ' ';
  text += file.string();
  text += ": ";
  text += std::strerror(errno);
  return text;
}

// Unique per process and call: the process id and a counter.
std::filesystem::path temporary_name(const std::filesystem::path& file) {
  static std::atomic<std::uint64_t> counter{0};
  std::string name = ".";
  name += file.filename().string();
  name += '.';
  name += std::to_string(::getpid());
  name += '.';
  name += std::to_string(counter++);
  name += ".tmp";
  return file.parent_path() / name;
}

void write_all(int fd, const void* data, std::size_t bytes, const std::filesystem::path& file) {
  const auto* p = static_cast<const char*>(data);
  while (bytes > 0) {
    const ssize_t written = ::write(fd, p, bytes);
    if (written < 0 && errno == EINTR)
      continue;
    if (written <= 0)
      throw std::runtime_error(system_error("cannot write", file));
    p += written;
    bytes -= static_cast<std::size_t>(written);
  }
}

// A read-only view of a whole file, unmapped when done.
class MappedFile {
 public:
  explicit MappedFile(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      return;
    struct stat status {};
    if (::fstat(fd, &status) == 0 && status.st_size > 0) {
      void* address =
          ::mmap(nullptr, static_cast<std::size_t>(status.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (address != MAP_FAILED) {
        data_ = static_cast<const unsigned char*>(address);
        bytes_ = static_cast<std::size_t>(status.st_size);
        ::madvise(address, bytes_, MADV_SEQUENTIAL);
      }
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (data_ != nullptr)
      ::munmap(const_cast<unsigned char*>(data_), bytes_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const unsigned char* data() const { return data_; }
  std::size_t bytes() const { return bytes_; }

 private:
  const unsigned char* data_ = nullptr;
  std::size_t bytes_ = 0;
};

// Reads the body's sections in order; any count past the end fails.
class Cursor {
 public:
  Cursor(const unsigned char* begin, std::size_t bytes) : at_(begin), left_(bytes) {}
  template <class T>
  bool take(std::uint64_t count, std::span<const T>& out) {
    if (count > left_ / sizeof(T) || padded(count * sizeof(T)) > left_)
      return false;
    out = {reinterpret_cast<const T*>(at_), static_cast<std::size_t>(count)};
    const std::size_t used = padded(count * sizeof(T));
    at_ += used;
    left_ -= used;
    return true;
  }
  bool done() const { return left_ == 0; }

 private:
  const unsigned char* at_;
  std::size_t left_;
};

Descriptor describe(const Dataset& part, bool unit_bytes) {
  return {part.samples,
          part.features,
          part.classes,
          part.sparse ? 1U : 0U,
          unit_bytes ? kUnitBytes : kFloats,
          part.dense.size(),
          part.rows.row_start.size(),
          part.rows.column.size(),
          part.rows.value.size(),
          part.targets.size()};
}

// What the rest of commsim relies on: sizes that agree, rows in bounds.
bool consistent(const Dataset& part) {
  if (part.targets.size() != part.samples || part.rows.column.size() != part.rows.value.size())
    return false;
  if (!part.sparse && part.features == 0)
    return part.dense.empty();
  if (!part.sparse) {
    return part.dense.size() % part.features == 0 &&
           part.dense.size() / part.features == part.samples;
  }
  const auto& start = part.rows.row_start;
  if (!part.dense.empty() || start.size() != part.samples + 1 || start.front() != 0 ||
      start.back() != part.rows.column.size()) {
    return false;
  }
  for (std::size_t row = 0; row < part.samples; ++row) {
    if (start[row] > start[row + 1])
      return false;
  }
  for (const std::uint32_t column : part.rows.column) {
    if (column >= part.features)
      return false;
  }
  return true;
}

bool read_part(const Descriptor& d, Cursor& cursor, Dataset& part) {
  if (d.sparse > 1 || d.dense_encoding > kUnitBytes)
    return false;
  part.samples = d.samples;
  part.features = d.features;
  part.classes = d.classes;
  part.sparse = d.sparse == 1;
  if (d.dense_encoding == kUnitBytes) {
    std::span<const std::uint8_t> bytes;
    if (!cursor.take(d.dense, bytes))
      return false;
    part.dense = unit_floats(bytes);
  } else {
    std::span<const float> values;
    if (!cursor.take(d.dense, values))
      return false;
    part.dense.assign(values.begin(), values.end());
  }
  std::span<const std::uint64_t> row_start;
  std::span<const std::uint32_t> column;
  std::span<const float> value, targets;
  if (!cursor.take(d.row_start, row_start) || !cursor.take(d.column, column) ||
      !cursor.take(d.value, value) || !cursor.take(d.targets, targets)) {
    return false;
  }
  part.rows.row_start.assign(row_start.begin(), row_start.end());
  part.rows.column.assign(column.begin(), column.end());
  part.rows.value.assign(value.begin(), value.end());
  part.targets.assign(targets.begin(), targets.end());
  return consistent(part);
}

}  // namespace

void write_data_cache_file(const std::filesystem::path& file, const std::string& key,
                           std::span<const Dataset> parts) {
  std::vector<Descriptor> descriptors;
  std::vector<std::vector<std::uint8_t>> unit_bytes(parts.size());
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const bool as_bytes = !parts[k].dense.empty() && unit_bytes_of(parts[k].dense, unit_bytes[k]);
    if (!as_bytes)
      unit_bytes[k].clear();
    descriptors.push_back(describe(parts[k], as_bytes));
  }
  Body body;
  body.add(key.data(), key.size());
  body.add(descriptors);
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (descriptors[k].dense_encoding == kUnitBytes)
      body.add(unit_bytes[k]);
    else
      body.add(parts[k].dense);
    body.add(parts[k].rows.row_start);
    body.add(parts[k].rows.column);
    body.add(parts[k].rows.value);
    body.add(parts[k].targets);
  }
  Header header{};
  std::memcpy(header.magic, kMagic, sizeof kMagic);
  header.version = kDataCacheLayoutVersion;
  header.byte_order = kByteOrderMark;
  header.key_bytes = key.size();
  header.parts = parts.size();
  header.body_bytes = body.bytes();
  Checksum64 sum;
  sum.add(&header, kCheckedHeaderBytes);
  body.add_to(sum);
  header.body_checksum = sum.value();

  const std::filesystem::path temporary = temporary_name(file);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    throw std::runtime_error(system_error("cannot create", temporary));
  try {
    write_all(fd, &header, sizeof header, temporary);
    body.write([&](const void* data, std::size_t bytes) { write_all(fd, data, bytes, temporary); });
  } catch (...) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw;
  }
  if (::close(fd) != 0) {
    const std::string why = system_error("cannot write", temporary);
    ::unlink(temporary.c_str());
    throw std::runtime_error(why);
  }
  if (::rename(temporary.c_str(), file.c_str()) != 0) {
    const std::string why = system_error("cannot rename a temporary file to", file);
    ::unlink(temporary.c_str());
    throw std::runtime_error(why);
  }
}

std::optional<std::vector<Dataset>> read_data_cache_file(const std::filesystem::path& file,
                                                         const std::string& key) {
  const MappedFile mapped(file);
  if (mapped.bytes() < sizeof(Header))
    return std::nullopt;  // absent, empty or truncated
  Header header{};
  std::memcpy(&header, mapped.data(), sizeof header);
  if (std::memcmp(header.magic, kMagic, sizeof kMagic) != 0 ||
      header.version != kDataCacheLayoutVersion || header.byte_order != kByteOrderMark ||
      header.body_bytes != mapped.bytes() - sizeof header || header.key_bytes != key.size() ||
      header.key_bytes > header.body_bytes) {
    return std::nullopt;
  }
  const unsigned char* body = mapped.data() + sizeof header;
  if (std::memcmp(body, key.data(), key.size()) != 0)
    return std::nullopt;  // another source, or the source changed since
  Checksum64 sum;
  sum.add(mapped.data(), kCheckedHeaderBytes);
  sum.add(body, header.body_bytes);
  if (sum.value() != header.body_checksum)
    return std::nullopt;
  Cursor cursor(body, header.body_bytes);
  std::span<const char> stored_key;
  std::span<const Descriptor> descriptors;
  if (!cursor.take(key.size(), stored_key) || !cursor.take(header.parts, descriptors))
    return std::nullopt;
  std::vector<Dataset> parts(descriptors.size());
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (!read_part(descriptors[k], cursor, parts[k]))
      return std::nullopt;
  }
  if (!cursor.done())
    return std::nullopt;
  return parts;
}

}  // namespace commsim
