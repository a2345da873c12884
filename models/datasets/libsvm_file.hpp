#pragma once
// LIBSVM / SVMlight text format: one sample per line,
//   LABEL INDEX:VALUE INDEX:VALUE ...   # optional comment
// with 1-based, strictly increasing indices (absent features are 0). Labels are
// kept as read (+1/-1, 0/1, class numbers or real targets); see labels.hpp for
// turning them into class indices. Files may be gzip-compressed.
#include <string>
#include <string_view>

#include "models/datasets/dataset.hpp"

namespace commsim {

// Raise when the parser makes something else of the same text: the on-disk
// data cache (data_cache.hpp) then parses the files again.
inline constexpr int kLibsvmDecoderVersion = 1;

// Parses text held in memory; `file` names it in errors. Throws InputError at
// `where` with "FILE:LINE: ..." for a malformed line.
Dataset parse_libsvm(std::string_view text, const std::string& file, const std::string& where);

Dataset read_libsvm_file(const std::string& file, const std::string& where);

}  // namespace commsim
