// The LIBSVM reader, label mapping, and a task reading LIBSVM files.
#include <doctest/doctest.h>

#include "tests/support/task_builder.hpp"

#include <filesystem>
#include <fstream>

#include "models/datasets/labels.hpp"
#include "models/datasets/libsvm_file.hpp"
#include "models/tasks/registry.hpp"

using namespace commsim;

namespace {

std::string write_file(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / "commsim-dataset-libsvm";
  std::filesystem::create_directories(dir);
  const std::string file = (dir / name).string();
  std::ofstream(file) << text;
  return file;
}

}  // namespace

TEST_CASE("LIBSVM text: labels, 1-based sparse features, comments and blank lines") {
  const Dataset data = parse_libsvm(
      "+1 1:0.5 3:2\n"
      "# a comment line\n"
      "\n"
      "-1 2:1e-1\t7:-3 # trailing comment\r\n"
      "1\n",
      "a.svm", "task.path");
  CHECK(data.sparse);
  CHECK(data.samples == 3);
  CHECK(data.features == 7);
  CHECK(data.targets == std::vector<float>{1.0f, -1.0f, 1.0f});
  CHECK(data.rows.row_start == std::vector<std::uint64_t>{0, 2, 4, 4});
  CHECK(data.rows.column == std::vector<std::uint32_t>{0, 2, 1, 6});
  CHECK(data.rows.value == std::vector<float>{0.5f, 2.0f, 0.1f, -3.0f});
}

TEST_CASE("malformed LIBSVM lines are errors naming the file and line") {
  auto error = [](const std::string& text) {
    return commsim::testing::input_error_of([&] { parse_libsvm(text, "b.svm", "task.path"); });
  };
  CHECK(error("1 1:2\n1 3:abc\n") == "task.path: b.svm:2: expected INDEX:VALUE, got \"3:abc\"");
  CHECK(error("1 0:2\n").find("b.svm:1: feature indices are 1-based") != std::string::npos);
  CHECK(error("1 4:2 2:1\n")
            .find("b.svm:1: feature indices must increase along a line, got 2 after 4") !=
        std::string::npos);
  CHECK(error("\n\nyes 1:2\n").find("b.svm:3: expected a numeric label first") !=
        std::string::npos);
  CHECK(error("1 5\n").find("b.svm:1: expected INDEX:VALUE, got \"5\"") != std::string::npos);
  CHECK(error("# nothing\n").find("no samples") != std::string::npos);
}

TEST_CASE("labels become class indices in increasing order, test labels must occur in training") {
  DataSplit binary{parse_libsvm("-1 1:1\n+1 1:2\n-1 1:3\n", "t", "w"),
                   parse_libsvm("1 1:1\n", "s", "w")};
  assign_class_indices(binary, 1000, "task.path");
  CHECK(binary.train.targets == std::vector<float>{0.0f, 1.0f, 0.0f});
  CHECK(binary.test.targets == std::vector<float>{1.0f});
  CHECK(binary.train.classes == 2);

  DataSplit multi{parse_libsvm("3 1:1\n1 1:1\n2 1:1\n", "t", "w"),
                  parse_libsvm("4 1:1\n", "s", "w")};
  CHECK(commsim::testing::input_error_of([&] {
          assign_class_indices(multi, 1000, "task.path");
        }).find("test sample 0 has label 4, which is out of range") != std::string::npos);
  CHECK(commsim::testing::input_error_of([&] {
          assign_class_indices(multi, 2, "task.path");
        }).find("3 distinct values") != std::string::npos);
  DataSplit single{parse_libsvm("1 1:1\n1 1:2\n", "t", "w"), {}};
  CHECK(commsim::testing::input_error_of([&] {
          assign_class_indices(single, 10, "task.path");
        }).find("at least 2 classes") != std::string::npos);
}

TEST_CASE("a logistic task on LIBSVM files: held-out test file, bad paths, too many classes") {
  std::string train_text, test_text;
  for (int k = 0; k < 40; ++k) {
    train_text += (k % 2 ? "+1" : "-1") + std::string(" 1:") + std::to_string(k % 2 ? 1.0 : -1.0) +
                  " 9:0.5\n";
  }
  test_text = "+1 1:1 12:1\n-1 1:-1\n";
  const std::string train = write_file("train.svm", train_text);
  const std::string test = write_file("test.svm", test_text);
  const auto& entry = task_registry().find("logistic", "task.kind");
  auto make = [&](nlohmann::json block) {
    block["kind"] = "logistic";
    block["dataset"] = "libsvm";
    return entry.make(Params(resolve_params(block, "task", entry.info, "kind"), "task"),
                      TaskContext{2, 1});
  };
  const auto task = make({{"path", train}, {"test_path", test}, {"batch", 4}});
  CHECK(task->dimension() == 12 + 1);  // features: the largest index of both files
  CHECK(task->train_samples() == 40);
  CHECK(task->evaluate(std::vector<double>(13, 0.0)).test_accuracy);

  const auto held_out = make({{"path", train}, {"test_fraction", 0.25}, {"batch", 4}});
  CHECK(held_out->train_samples() == 30);

  CHECK(commsim::testing::input_error_of([&] {
          make({{"path", train + ".missing"}});
        }).find("task.path: cannot find") == 0);
  CHECK(commsim::testing::input_error_of([&] { make({}); }) ==
        "task.path: is required with dataset \"libsvm\": the training file");
  const std::string three = write_file("three.svm", "1 1:1\n2 1:2\n3 1:3\n1 1:1\n2 1:2\n3 1:3\n");
  CHECK(commsim::testing::input_error_of([&] {
          make({{"path", three}, {"batch", 1}});
        }).find("task.path: the libsvm data have 3 classes") == 0);
}
