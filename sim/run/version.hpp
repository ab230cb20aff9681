#pragma once
/// Build provenance, written into every output folder.
namespace attune {
extern const char* const kVersion;
extern const char* const kGitRevision;
}
