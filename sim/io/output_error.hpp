#pragma once
/// The failure to write an output file (a full disk, a folder that cannot be written): a
/// failure of the run itself, never of one simulation, so a sweep stops at it and exits 1
/// instead of recording every later cell as failed.
#include <stdexcept>

namespace attune {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace attune
