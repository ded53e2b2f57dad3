// Times ajv 8 (Ajv2020, strict, ajv-formats) on one JSON file: read + JSON.parse + compiled
// validate, after warm-up runs. Used by benches/compare/run.sh; needs NODE_PATH pointing at a
// node_modules folder with ajv@8 and ajv-formats@3.
//
//   node ajv_validate.cjs FILE SCHEMA [REPS]
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const [file, schemaFile, repsArg] = process.argv.slice(2);
const reps = Number(repsArg || 5);
// Every strict check on (strictSchema, strictNumbers, strictTypes, strictTuples,
// strictRequired); allErrors off, as in Python's validate() and Rust's is_valid().
const AJV_OPTIONS = { strict: true };
const now = () => Number(process.hrtime.bigint()) / 1e9;

const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
let t = now();
const ajv = new Ajv2020(AJV_OPTIONS);
addFormats(ajv);
const validate = ajv.compile(schema);
const compileS = now() - t;
const bytes = fs.statSync(file).size;
console.log(
  `ajv ${require("ajv/package.json").version} + ajv-formats ${require("ajv-formats/package.json").version}, ` +
    `node ${process.version}: ${file} (${bytes} bytes), schema compiled in ${(compileS * 1e3).toFixed(1)} ms`
);

// Sanity: formats are asserted.
const bad = {
  kind: "strategicPlan", specVersion: "1.0", id: "p", title: { en: "P" },
  period: { startYear: 2026, endYear: 2029 }, sources: [{ title: "x", date: "2026-02-30" }],
};
if (validate(bad)) throw new Error("sanity check failed: an impossible date passed the schema");

function once() {
  const t0 = now();
  const text = fs.readFileSync(file, "utf8");
  const t1 = now();
  const data = JSON.parse(text);
  const t2 = now();
  const ok = validate(data);
  const t3 = now();
  if (!ok) throw new Error("invalid: " + JSON.stringify(validate.errors.slice(0, 3)));
  return [t3 - t0, t3 - t1, t1 - t0, t2 - t1, t3 - t2];
}

for (let i = 0; i < 2; i++) once(); // warm-up: JIT and heap growth
const runs = [];
for (let i = 0; i < reps; i++) runs.push(once());

function report(step, k) {
  const xs = runs.map((r) => r[k]).sort((a, b) => a - b);
  const best = xs[0];
  const median = xs[Math.floor(xs.length / 2)];
  console.log(
    `  ${step.padEnd(28)} best ${(best * 1e3).toFixed(2).padStart(9)} ms  median ${(median * 1e3).toFixed(2).padStart(9)} ms  ` +
      `${(bytes / 1e6 / best).toFixed(1).padStart(8)} MB/s  (${xs.length} runs)`
  );
  console.log(
    "RESULT " + JSON.stringify({ tool: "ajv", step, bytes, runs: xs.length, best_s: best, median_s: median })
  );
}
report("read+parse+schema", 0);
report("parse+schema", 1);
report("read", 2);
report("parse", 3);
report("schema", 4);
