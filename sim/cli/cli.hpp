#pragma once
/// The command line: `attune run|validate|params|bench|serve ...`. Returns the process exit code.
namespace attune {
int run_cli(int argc, char** argv);
}
