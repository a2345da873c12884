// How a task's data are obtained: decoded once per process while a sweep's
// DataRetention holds them, read back from the on-disk data cache by later
// loads (equal to the bit), decoded again when the cache file is corrupt,
// truncated or stale, and simply decoded without a usable cache folder.
#include <doctest/doctest.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "models/datasets/cache_folder.hpp"
#include "models/datasets/fashion_mnist.hpp"
#include "models/tasks/data_source.hpp"
#include "models/tasks/registry.hpp"
#include "tests/support/fake_fashion_mnist.hpp"
#include "tests/support/scoped_environment.hpp"
#include "tests/support/scratch_folder.hpp"
#include "tests/support/task_builder.hpp"

using namespace commsim;
using commsim::testing::ScopedEnvironment;

namespace {

// Sources modified in the last 2 seconds are not cached: age the fixtures.
void age_files(const std::filesystem::path& dir) {
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::filesystem::last_write_time(
        entry.path(), std::filesystem::file_time_type::clock::now() - std::chrono::hours(1));
  }
}

std::filesystem::path fake_fashion_mnist(const std::filesystem::path& root, std::size_t train = 5) {
  const auto dir = root / "fashion-mnist";
  std::filesystem::create_directories(dir);
  commsim::testing::write_fake_fashion_mnist(dir, train, 3);
  age_files(dir);
  return dir;
}

Params task_params(const nlohmann::json& block) {
  const auto& entry = task_registry().find(block.at("kind"), "task.kind");
  return Params(resolve_params(block, "task", entry.info, "kind"), "task");
}

std::shared_ptr<const DataSplit> load_images(const std::filesystem::path& dir, DataOrigin& origin) {
  return load_task_data(
      task_params({{"kind", "softmax"}, {"dataset", "fashion-mnist"}, {"data_dir", dir.string()}}),
      LabelKind::kClasses, 1, &origin);
}

DataOrigin reload(const std::filesystem::path& dir) {
  DataOrigin origin = DataOrigin::kGenerated;
  load_images(dir, origin);
  return origin;
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  // Empty vectors may have no address, which memcmp must not see.
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

bool same_data(const DataSplit& a, const DataSplit& b) {
  return a.train.samples == b.train.samples && a.test.samples == b.test.samples &&
         a.train.features == b.train.features && a.train.classes == b.train.classes &&
         same_bits(a.train.dense, b.train.dense) && same_bits(a.test.dense, b.test.dense) &&
         same_bits(a.train.targets, b.train.targets) && same_bits(a.test.targets, b.test.targets);
}

std::size_t files_in(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir))
    return 0;
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}

std::filesystem::path only_file_in(const std::filesystem::path& dir) {
  REQUIRE(files_in(dir) == 1);
  return std::filesystem::directory_iterator(dir)->path();
}

}  // namespace

TEST_CASE("the runs of a sweep decode their data set once, while a DataRetention holds it") {
  const auto root = commsim::testing::scratch_folder("data-retention");
  const ScopedEnvironment no_cache(kCacheFolderVariable, "off");
  const auto dir = fake_fashion_mnist(root);
  const DataLoadStatistics before = data_load_statistics();
  const std::uint64_t bytes_before = loaded_data_bytes();
  {
    const DataRetention sweep;
    for (int run = 0; run < 4; ++run) {
      DataOrigin origin = DataOrigin::kGenerated;
      const auto data = load_images(dir, origin);  // let go before the next run
      CHECK(origin == (run == 0 ? DataOrigin::kDecoded : DataOrigin::kShared));
    }
    // Two runs at once share one copy, counted once.
    DataOrigin origin = DataOrigin::kGenerated;
    const auto first = load_images(dir, origin);
    const auto second = load_images(dir, origin);
    CHECK(first == second);
    CHECK(loaded_data_bytes() - bytes_before ==
          first->train.memory_bytes() + first->test.memory_bytes());
    // A task built on them says how it got its data (provenance.json "data").
    const auto task = commsim::testing::build_task({{"kind", "softmax"},
                                                    {"dataset", "fashion-mnist"},
                                                    {"data_dir", dir.string()},
                                                    {"batch", 1},
                                                    {"eval_samples", 0}},
                                                   2, 1);
    CHECK(task->data_origin() == "shared");
    CHECK(task->shared_data_bytes() == first->train.memory_bytes() + first->test.memory_bytes());
  }
  const DataLoadStatistics after = data_load_statistics();
  CHECK(after.decoded - before.decoded == 1);
  CHECK(after.shared - before.shared == 6);
  // The retention ended: the next load decodes again.
  CHECK(loaded_data_bytes() == bytes_before);
  CHECK(reload(dir) == DataOrigin::kDecoded);
}

TEST_CASE("retained data that no run uses can be let go to make room") {
  const auto root = commsim::testing::scratch_folder("data-release");
  const ScopedEnvironment no_cache(kCacheFolderVariable, "off");
  const auto dir = fake_fashion_mnist(root);
  const DataRetention sweep;
  const std::uint64_t bytes_before = loaded_data_bytes();
  DataOrigin origin = DataOrigin::kGenerated;
  auto data = load_images(dir, origin);
  CHECK(release_unused_data() == 0);  // still in use
  data.reset();
  CHECK(loaded_data_bytes() > bytes_before);  // retained
  CHECK(release_unused_data() == 1);
  CHECK(loaded_data_bytes() == bytes_before);
  CHECK(reload(dir) == DataOrigin::kDecoded);
}

TEST_CASE("a second load reads the decoded arrays from the cache file, equal to the bit") {
  const auto root = commsim::testing::scratch_folder("data-cache-read");
  const auto cache = root / "cache";
  const ScopedEnvironment cache_here(kCacheFolderVariable, cache.string());
  const auto dir = fake_fashion_mnist(root);
  DataOrigin origin = DataOrigin::kGenerated;
  const DataSplit decoded = *load_images(dir, origin);
  CHECK(origin == DataOrigin::kDecoded);
  CHECK(only_file_in(cache).filename().string().rfind("fashion-mnist-", 0) == 0);

  const DataLoadStatistics before = data_load_statistics();
  const auto cached = load_images(dir, origin);
  CHECK(origin == DataOrigin::kFromCache);
  CHECK(data_load_statistics().decoded == before.decoded);
  CHECK(data_load_statistics().from_cache == before.from_cache + 1);
  CHECK(same_data(*cached, decoded));
  CHECK(same_data(*cached, load_fashion_mnist(dir.string(), "task.data_dir")));
}

TEST_CASE("a corrupt, truncated or stale cache file is detected and rebuilt, never used") {
  const auto root = commsim::testing::scratch_folder("data-cache-bad");
  const auto cache = root / "cache";
  const ScopedEnvironment cache_here(kCacheFolderVariable, cache.string());
  auto dir = fake_fashion_mnist(root);
  REQUIRE(reload(dir) == DataOrigin::kDecoded);
  const auto file = only_file_in(cache);
  const auto size = std::filesystem::file_size(file);

  SUBCASE("a flipped byte in the arrays") {
    std::fstream bytes(file, std::ios::in | std::ios::out | std::ios::binary);
    bytes.seekg(static_cast<std::streamoff>(size - 20));
    char byte = 0;
    bytes.read(&byte, 1);
    bytes.seekp(static_cast<std::streamoff>(size - 20));
    byte = static_cast<char>(byte ^ 0x01);
    bytes.write(&byte, 1);
  }
  SUBCASE("truncated") {
    std::filesystem::resize_file(file, size / 2);
  }
  SUBCASE("a source file with another modification time") {
    std::filesystem::last_write_time(
        dir / "t10k-labels-idx1-ubyte.gz",
        std::filesystem::file_time_type::clock::now() - std::chrono::hours(2));
  }
  SUBCASE("a source file of another size") {
    dir = fake_fashion_mnist(root, 7);
  }
  const DataLoadStatistics before = data_load_statistics();
  DataOrigin origin = DataOrigin::kGenerated;
  const DataSplit rebuilt = *load_images(dir, origin);
  CHECK(origin == DataOrigin::kDecoded);
  CHECK(data_load_statistics().decoded == before.decoded + 1);
  CHECK(same_data(rebuilt, load_fashion_mnist(dir.string(), "task.data_dir")));
  // Replaced in place, no temporary file left: the next load reads it.
  CHECK(only_file_in(cache) == file);
  CHECK(same_data(*load_images(dir, origin), rebuilt));
  CHECK(origin == DataOrigin::kFromCache);
}

TEST_CASE("without a usable cache folder the data are decoded each time") {
  const auto root = commsim::testing::scratch_folder("data-cache-off");
  const auto dir = fake_fashion_mnist(root);
  SUBCASE("off") {
    const ScopedEnvironment off(kCacheFolderVariable, "off");
    CHECK(reload(dir) == DataOrigin::kDecoded);
    CHECK(reload(dir) == DataOrigin::kDecoded);
  }
  SUBCASE("empty") {
    const ScopedEnvironment empty(kCacheFolderVariable, "");
    CHECK(reload(dir) == DataOrigin::kDecoded);
    CHECK(reload(dir) == DataOrigin::kDecoded);
  }
  SUBCASE("a folder that cannot be made: one warning, no error") {
    std::ofstream(root / "plain") << "a file, not a folder";
    const ScopedEnvironment unwritable(kCacheFolderVariable, (root / "plain" / "cache").string());
    CHECK(reload(dir) == DataOrigin::kDecoded);
    CHECK(reload(dir) == DataOrigin::kDecoded);
  }
  SUBCASE("sources written just now are not cached: same-size rewrites would go unseen") {
    const ScopedEnvironment cache_here(kCacheFolderVariable, (root / "cache").string());
    commsim::testing::write_fake_fashion_mnist(dir, 5, 3);
    CHECK(reload(dir) == DataOrigin::kDecoded);
    CHECK(reload(dir) == DataOrigin::kDecoded);
    CHECK(files_in(root / "cache") == 0);
  }
  CHECK_FALSE(std::filesystem::exists(root / "cache"));
}

TEST_CASE("LIBSVM files are parsed once, then read from the cache, splits stay per seed") {
  const auto root = commsim::testing::scratch_folder("data-cache-libsvm");
  const ScopedEnvironment cache_here(kCacheFolderVariable, (root / "cache").string());
  std::string text;
  for (int k = 0; k < 20; ++k)
    text += std::string(k % 2 ? "+1" : "-1") + " 1:" + std::to_string(k) + " 7:0.125\n";
  std::ofstream(root / "train.svm") << text;
  age_files(root);
  const auto params = task_params(
      {{"kind", "logistic"}, {"dataset", "libsvm"}, {"path", (root / "train.svm").string()}});
  DataOrigin origin = DataOrigin::kGenerated;
  const DataSplit parsed = *load_task_data(params, LabelKind::kBinary, 1, &origin);
  CHECK(origin == DataOrigin::kDecoded);
  const auto cached = load_task_data(params, LabelKind::kBinary, 1, &origin);
  CHECK(origin == DataOrigin::kFromCache);
  CHECK(cached->train.rows.column == parsed.train.rows.column);
  CHECK(same_bits(cached->train.rows.value, parsed.train.rows.value));
  CHECK(same_bits(cached->test.targets, parsed.test.targets));
  // Under a retention another seed reuses the parsed file for its own split.
  const DataRetention sweep;
  load_task_data(params, LabelKind::kBinary, 2, &origin);  // a new split of the kept files
  CHECK(origin == DataOrigin::kFromCache);
  const auto other_seed = load_task_data(params, LabelKind::kBinary, 3, &origin);
  CHECK(origin == DataOrigin::kShared);
  CHECK(other_seed->train.samples == parsed.train.samples);
}
