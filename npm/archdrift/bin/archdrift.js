#!/usr/bin/env node
// Runs the archdrift binary of this platform's package (@archdrift/cli-<os>-<cpu>), which npm
// installed as an optional dependency; nothing is downloaded at install time.
// ARCHDRIFT_BINARY=/path/to/archdrift overrides the lookup.
"use strict";

const { spawnSync } = require("child_process");

function platformPackage() {
  const { platform, arch } = process;
  let libc = "";
  if (platform === "linux") {
    // glibc's version is in the process report; musl has none
    const report = process.report && process.report.getReport();
    const glibc = report && report.header && report.header.glibcVersionRuntime;
    libc = glibc ? "" : "-musl";
  }
  return `@archdrift/cli-${platform}-${arch}${libc}`;
}

function binaryPath() {
  if (process.env.ARCHDRIFT_BINARY) {
    return process.env.ARCHDRIFT_BINARY;
  }
  const pkg = platformPackage();
  const exe = process.platform === "win32" ? "archdrift.exe" : "archdrift";
  try {
    return require.resolve(`${pkg}/${exe}`);
  } catch (e) {
    process.stderr.write(
      `archdrift: the package ${pkg} is not installed, so there is no archdrift binary for ` +
        `${process.platform}-${process.arch}.\n` +
        "Reinstall without --no-optional / --omit=optional, or install archdrift with " +
        "`cargo install --git <archdrift repository> archdrift` and set ARCHDRIFT_BINARY.\n"
    );
    process.exit(2);
  }
}

const result = spawnSync(binaryPath(), process.argv.slice(2), {
  stdio: "inherit",
  windowsHide: true,
});
if (result.error) {
  process.stderr.write(`archdrift: ${result.error.message}\n`);
  process.exit(2);
}
if (result.signal) {
  process.kill(process.pid, result.signal);
}
process.exit(result.status === null ? 2 : result.status);
