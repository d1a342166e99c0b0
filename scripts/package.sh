#!/usr/bin/env bash
# Builds every release artefact of this platform from ONE `cargo build --profile dist`:
#   target/package/archdrift-<version>-<target>.tar.gz      release archive (cargo binstall, the Action)
#   target/package/archdrift-<version>.tgz                  npm wrapper package `archdrift`
#   target/package/archdrift-cli-<os>-<cpu>-<version>.tgz   npm platform package `@archdrift/cli-<os>-<cpu>`
#   target/package/archdrift_cli-<version>-py3-none-<platform>.whl   PyPI wheel `archdrift-cli` (maturin, bindings = "bin")
#
#   scripts/package.sh            build the artefacts
#   scripts/package.sh --test     build them, then install each into a scratch environment under
#                                 /tmp and run `archdrift --version` and a check of a fixture through it
#   scripts/package.sh --no-build reuse target/dist/archdrift (after a build)
#   scripts/package.sh --archive-name TARGET   print the release archive's name for TARGET
#
# Optional, and not part of .ci/run: the dist build (LTO, one codegen unit) takes several minutes.
# Needs npm (npm packages) and python3 with maturin (`pip install maturin`) for the wheel; a missing
# tool skips its artefact with a message (and fails --test).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
archive_name() { echo "archdrift-$version-$1.tar.gz"; }

build=1
test=0
while [ $# -gt 0 ]; do
  case "$1" in
    --test) test=1 ;;
    --no-build) build=0 ;;
    --archive-name) archive_name "$2"; exit 0 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

target_dir=${CARGO_TARGET_DIR:-$root/target}
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
out="$target_dir/package"
triple=$(rustc -vV | sed -n 's/^host: //p')
case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  MINGW*|MSYS*|CYGWIN*) os=win32 ;;
  *) echo "package.sh: unsupported OS $(uname -s)" >&2; exit 2 ;;
esac
case "$(uname -m)" in
  x86_64|amd64) cpu=x64 ;;
  aarch64|arm64) cpu=arm64 ;;
  *) echo "package.sh: unsupported CPU $(uname -m)" >&2; exit 2 ;;
esac
libc=""
case "$triple" in *-musl*) libc=-musl ;; esac
platform="$os-$cpu$libc"
exe=archdrift
[ "$os" = win32 ] && exe=archdrift.exe

if [ "$build" = 1 ]; then
  cargo build --profile dist --locked --bin archdrift
fi
bin="$target_dir/dist/$exe"
[ -x "$bin" ] || { echo "package.sh: $bin is missing (run without --no-build)" >&2; exit 2; }
"$bin" --version >/dev/null
rm -rf "$out"
mkdir -p "$out"
missing=()

# the release archive: archdrift-<version>-<target>/archdrift (bin-dir of [package.metadata.binstall])
stage="$out/archdrift-$version-$triple"
mkdir -p "$stage"
cp "$bin" "$stage/$exe"
cp README.md "$stage/"
tar -C "$out" -czf "$out/$(archive_name "$triple")" "archdrift-$version-$triple"
rm -rf "$stage"
echo "package.sh: $out/$(archive_name "$triple")"

# npm: the wrapper lists every platform package as an optional dependency; this host's is built
if command -v npm >/dev/null && command -v node >/dev/null; then
  wrapper="$out/npm/archdrift"
  plat="$out/npm/cli-$platform"
  mkdir -p "$wrapper/bin" "$plat"
  cp npm/archdrift/bin/archdrift.js "$wrapper/bin/"
  cp README.md "$wrapper/"
  cp README.md "$plat/"
  cp "$bin" "$plat/$exe"
  node - "$version" "$platform" "$os" "$cpu" "$libc" "$exe" "$wrapper" "$plat" <<'EOF'
const fs = require("fs");
const path = require("path");
const [version, platform, os, cpu, libc, exe, wrapper, plat] = process.argv.slice(2);
// the platforms .github/workflows/release.yml builds
const platforms = ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64"];
const w = JSON.parse(fs.readFileSync("npm/archdrift/package.json", "utf8"));
w.version = version;
w.optionalDependencies = Object.fromEntries(platforms.map((p) => [`@archdrift/cli-${p}`, version]));
fs.writeFileSync(path.join(wrapper, "package.json"), JSON.stringify(w, null, 2) + "\n");
const t = fs.readFileSync("npm/platform/package.json", "utf8")
  .replaceAll("@PLATFORM@", platform).replaceAll("@OS@", os).replaceAll("@CPU@", cpu).replaceAll("@EXE@", exe);
const p = JSON.parse(t);
p.version = version;
if (os === "linux") p.libc = [libc ? "musl" : "glibc"];
fs.writeFileSync(path.join(plat, "package.json"), JSON.stringify(p, null, 2) + "\n");
EOF
  chmod +x "$wrapper/bin/archdrift.js" "$plat/$exe"
  (cd "$wrapper" && npm pack --silent --pack-destination "$out" >/dev/null)
  (cd "$plat" && npm pack --silent --pack-destination "$out" >/dev/null)
  echo "package.sh: $out/archdrift-$version.tgz, $out/archdrift-cli-$platform-$version.tgz"
else
  echo "package.sh: npm or node not found: npm packages skipped" >&2
  missing+=(npm)
fi

# PyPI: maturin builds the wheel with the same dist profile; cargo finds the binary built above
# up to date, so nothing is compiled again
maturin=()
if command -v maturin >/dev/null; then
  maturin=(maturin)
elif python3 -c "import maturin" 2>/dev/null; then
  maturin=(python3 -m maturin)
fi
if [ ${#maturin[@]} -gt 0 ]; then
  (cd python && CARGO_TARGET_DIR="$target_dir" "${maturin[@]}" build --out "$out")
  ls "$out"/archdrift_cli-"$version"-*.whl >/dev/null
  echo "package.sh: $(ls "$out"/archdrift_cli-"$version"-*.whl)"
else
  echo "package.sh: maturin not found (pip install maturin): wheel skipped" >&2
  missing+=(wheel)
fi

[ "$test" = 1 ] || exit 0
if [ ${#missing[@]} -gt 0 ]; then
  echo "package.sh --test: cannot test ${missing[*]}: the tools to build it are missing" >&2
  exit 1
fi

# --test: each artefact installed into a scratch environment, run as a user would run it
scratch=$(mktemp -d /tmp/archdrift-package-test.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
fixture="$root/fixtures/react-monorepo"
expect=$("$bin" check --format json "$fixture" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).findings.length))' || true)
[ -n "$expect" ] && [ "$expect" -gt 0 ] || { echo "package.sh --test: the dist binary found nothing in $fixture" >&2; exit 1; }

check_through() { # name, command... : --version and a check of the fixture through that command
  local name=$1; shift
  local v n code
  v=$("$@" --version)
  [ "$v" = "archdrift $version" ] || { echo "package.sh --test: $name --version says '$v'" >&2; exit 1; }
  set +e
  "$@" check --format json "$fixture" > "$scratch/$name.json"
  code=$?
  set -e
  n=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).findings.length)' "$scratch/$name.json")
  if [ "$code" != 1 ] || [ "$n" != "$expect" ]; then
    echo "package.sh --test: $name check exited $code with $n findings (the dist binary: 1, $expect)" >&2
    exit 1
  fi
  echo "package.sh --test: $name: '$v', check of fixtures/react-monorepo: exit 1, $n findings (as the dist binary)"
}

# npm: both tarballs installed into a fresh project, then npx
mkdir -p "$scratch/npm"
(
  cd "$scratch/npm"
  npm init -y >/dev/null
  # the other platforms' optional packages are not published from here: npm skips them
  npm install --no-audit --no-fund --loglevel=error \
    "$out/archdrift-$version.tgz" "$out/archdrift-cli-$platform-$version.tgz" >/dev/null
  check_through npx npx --no-install archdrift
)

# PyPI: the wheel installed into a fresh virtual environment
python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install --quiet --no-index "$out"/archdrift_cli-"$version"-*.whl
check_through pip "$scratch/venv/bin/archdrift"

# the release archive, unpacked as cargo binstall does
mkdir -p "$scratch/archive"
tar -C "$scratch/archive" -xzf "$out/$(archive_name "$triple")"
check_through archive "$scratch/archive/archdrift-$version-$triple/$exe"
echo "package.sh --test: all artefacts install and run"
