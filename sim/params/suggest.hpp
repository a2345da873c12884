#pragma once
// "Did you mean" for misspelt keys and plugin names.
#include <string>
#include <string_view>
#include <vector>

namespace commsim {

std::size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate within a small edit distance, or "" when none is close.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);
// " (did you mean "x"?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);
// "a, b or c".
std::string join_alternatives(const std::vector<std::string>& words);

}  // namespace commsim
