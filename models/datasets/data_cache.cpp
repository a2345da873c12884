#include "models/datasets/data_cache.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <sstream>

#include "models/datasets/cache_folder.hpp"
#include "models/datasets/checksum64.hpp"
#include "models/datasets/data_cache_file.hpp"

namespace commsim {

namespace {

// File times tick coarsely (a few ms): a file rewritten at the same size in
// the same tick as it was cached would look unchanged. So a file modified
// this recently is decoded without the cache, as git treats racily clean files.
constexpr auto kSettleTime = std::chrono::seconds(2);

struct SourceIdentity {
  std::string canonical_paths;  // one per line: names the cache file
  std::string key;              // the paths with sizes and times: decides if it is current
};

// Nothing when a source cannot be examined (decoding then reports the
// error) or was modified too recently to tell changes apart.
std::optional<SourceIdentity> identify(const DataDecoder& decoder,
                                       const std::vector<std::string>& sources) {
  SourceIdentity identity;
  std::ostringstream key;
  key << "commsim data cache, layout " << kDataCacheLayoutVersion << "\ndecoder " << decoder.name
      << " " << decoder.version << "\n";
  for (const std::string& source : sources) {
    std::error_code error;
    const auto path = std::filesystem::canonical(source, error);
    if (error || !std::filesystem::is_regular_file(path, error))
      return std::nullopt;
    const auto bytes = std::filesystem::file_size(path, error);
    if (error)
      return std::nullopt;
    const auto modified = std::filesystem::last_write_time(path, error);
    if (error || modified > std::filesystem::file_time_type::clock::now() - kSettleTime)
      return std::nullopt;
    const auto modified_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(modified.time_since_epoch()).count();
    identity.canonical_paths += path.string();
    identity.canonical_paths += '\n';
    key << "source " << path.string() << " bytes " << bytes << " modified_ns " << modified_ns
        << "\n";
  }
  identity.key = key.str();
  return identity;
}

std::string cache_file_name(const DataDecoder& decoder, const std::string& canonical_paths) {
  char hash[17];
  std::snprintf(
      hash, sizeof hash, "%016llx",
      static_cast<unsigned long long>(checksum64(canonical_paths.data(), canonical_paths.size())));
  return decoder.name + "-" + hash + ".data";
}

}  // namespace

CachedParts decode_through_cache(const DataDecoder& decoder,
                                 const std::vector<std::string>& sources, std::size_t parts,
                                 const std::function<std::vector<Dataset>()>& decode) {
  const auto folder = data_cache_folder();
  const auto identity = folder ? identify(decoder, sources) : std::nullopt;
  if (!identity)
    return {decode(), false};
  const auto file = *folder / cache_file_name(decoder, identity->canonical_paths);
  if (auto cached = read_data_cache_file(file, identity->key); cached && cached->size() == parts)
    return {std::move(*cached), true};
  CachedParts decoded{decode(), false};
  try {
    std::filesystem::create_directories(*folder);
    write_data_cache_file(file, identity->key, decoded.parts);
  } catch (const std::exception& error) {
    warn_cache_unwritable(*folder, error.what());
  }
  return decoded;
}

}  // namespace commsim
