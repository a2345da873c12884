#include "app/json_input.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "sim/params/input_error.hpp"
#include "sim/params/input_file.hpp"
#include "sim/params/params.hpp"

namespace commsim {

namespace {

// The byte offset at which `text` first nests deeper than the limit, or npos.
std::size_t too_deep_at(const std::string& text) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth)
        return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string::npos;
}

// Where the parser is, as a dotted path, and the keys each open object has.
struct Frame {
  bool object = false;
  std::set<std::string> keys;
  std::string name;       // the current member's key, or element's index
  std::size_t index = 0;  // of the next array element
};

std::string path_of(const std::vector<Frame>& frames) {
  std::string path;
  for (const Frame& frame : frames) {
    if (!frame.name.empty())
      path += (path.empty() ? "" : ".") + frame.name;
  }
  return path;
}

}  // namespace

bool json_too_deep(const std::string& text) {
  return too_deep_at(text) != std::string::npos;
}

nlohmann::json parse_json_input(const std::string& text, const std::string& where) {
  const std::size_t deep = too_deep_at(text);
  if (deep != std::string::npos) {
    throw InputError(where, "invalid JSON: nested deeper than " + std::to_string(kMaxJsonDepth) +
                                " levels of arrays and objects (at byte " + std::to_string(deep) +
                                ")");
  }
  std::vector<Frame> frames;
  // A value begins: inside an array it is the next element.
  auto begin_value = [&frames] {
    if (!frames.empty() && !frames.back().object)
      frames.back().name = std::to_string(frames.back().index++);
  };
  const nlohmann::json::parser_callback_t track =
      [&](int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        using Event = nlohmann::json::parse_event_t;
        switch (event) {
          case Event::object_start:
          case Event::array_start:
            begin_value();
            frames.push_back(Frame{event == Event::object_start, {}, "", 0});
            break;
          case Event::object_end:
          case Event::array_end:
            if (!frames.empty())
              frames.pop_back();
            break;
          case Event::key: {
            Frame& frame = frames.back();
            const std::string key = parsed.get<std::string>();
            frame.name = key;
            if (!frame.keys.insert(key).second) {
              const std::string path = path_of(frames);
              throw InputError(where, "invalid JSON: duplicate key " +
                                          quote_value(nlohmann::json(key)) + " at " + path +
                                          "; each key may appear once in an object");
            }
            break;
          }
          case Event::value:
            begin_value();
            break;
        }
        return true;
      };
  try {
    return nlohmann::json::parse(text, track);
  } catch (const nlohmann::json::exception& error) {  // parse_error, or out_of_range for 1e999
    throw InputError(where, std::string("invalid JSON: ") + error.what());
  }
}

nlohmann::json read_json_input_file(const std::string& file, const std::string& expected) {
  check_input_file(file, file, expected, kMaxJsonFileBytes);
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw InputError(file, "cannot open the file");
  std::stringstream text;
  text << in.rdbuf();
  return parse_json_input(text.str(), file);
}

}  // namespace commsim
