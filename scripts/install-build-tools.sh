#!/usr/bin/env bash
# Installs the build tools at pinned versions, skipping what is already in place:
# - the wasm32-unknown-unknown target;
# - cargo-leptos $CARGO_LEPTOS_VERSION, built with `no_downloads` (its tool downloads cannot
#   work offline), `--locked` so its dependencies are the ones it was released with;
# - wasm-bindgen-cli at exactly the version of the `wasm-bindgen` crate in Cargo.lock (the
#   generated JS and the WASM must agree);
# - wasm-opt from binaryen $BINARYEN_VERSION (npm's build, into .local/tools): Debian's binaryen
#   108 corrupts the reference-types tables current wasm-bindgen emits, and the page then
#   fails to hydrate ("WebAssembly.Table.set(): Argument 1 is invalid for table").
set -euo pipefail

: "${CARGO_LEPTOS_VERSION:?set CARGO_LEPTOS_VERSION}"
: "${BINARYEN_VERSION:?set BINARYEN_VERSION}"
root=$(cd "$(dirname "$0")/.." && pwd)
cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

if [ "$("$cargo_bin/cargo-leptos" --version 2>/dev/null)" != "cargo-leptos $CARGO_LEPTOS_VERSION" ]; then
  echo "Installing cargo-leptos $CARGO_LEPTOS_VERSION (a few minutes, once)" >&2
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")
if [ -z "$bindgen_version" ]; then
  echo "wasm-bindgen not found in Cargo.lock" >&2
  exit 1
fi
if [ "$("$cargo_bin/wasm-bindgen" --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
  echo "Installing wasm-bindgen-cli $bindgen_version (a few minutes, once)" >&2
  # Not --locked: one dependency in its lock file is no longer on the registry.
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

tools="$root/.local/tools"
if [ "$("$tools/node_modules/.bin/wasm-opt" --version 2>/dev/null)" != "wasm-opt version ${BINARYEN_VERSION%%.*} (version_${BINARYEN_VERSION%%.*})" ]; then
  echo "Installing wasm-opt (binaryen $BINARYEN_VERSION) into $tools" >&2
  npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
fi
