#!/usr/bin/env bash
# Installs the Debian packages attune builds with, if any is missing.
set -euo pipefail
# libcpp-httplib-dev: the HTTP server of `attune serve`; nodejs + npm: its chart library
# (sim/serve/web/package-lock.json, `npm ci` at build time) and the driver of its browser test;
# chromium: the headless browser that test runs. python3-yaml: scripts/doc_figures.py reads the
# scenarios it describes. python3-jsonschema: tests/docs/validate_citation.py checks CITATION.cff
# against the Citation File Format schema. zlib1g-dev: gzip-compressed tables (--compress).
# r-base-core: Rscript, which runs docs/R.md's example in a test. python3-dev, python3-pybind11
# (with pybind11-dev), python3-numpy, python3-pandas, python3-tqdm (its progress bar) and
# python3-pytest: the Python module and its tests. libhwy-dev: Google Highway, the SIMD step.
packages=(build-essential cmake git pkg-config libboost-graph-dev libeigen3-dev libtbb-dev
          libyaml-cpp-dev catch2 nlohmann-json3-dev libcli11-dev libssl-dev zlib1g-dev
          python3-matplotlib python3-yaml python3-jsonschema
          python3-dev python3-pybind11 python3-numpy python3-pandas python3-tqdm python3-pytest
          openmpi-bin libopenmpi-dev
          libcpp-httplib-dev libhwy-dev chromium r-base-core)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node and npm by command: a NodeSource nodejs bundles npm and conflicts with Debian's.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
