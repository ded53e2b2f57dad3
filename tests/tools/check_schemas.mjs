// JavaScript half of the schema-tool compatibility check (run by check-schemas.sh).
//
// Runs ajv (Ajv2020, strict: true, ajv-formats) and json-schema-to-typescript on every
// `*.schema.json` in a folder, validates the examples and the bad documents written by
// `check_schemas.py cases`, and type-checks the examples against the generated TypeScript
// with tsc. Every check prints PASS or FAIL; the last line is `js: N passed, M failed`.
//
// Usage: node check_schemas.mjs --schemas DIR --examples DIR --cases DIR --out DIR
// The tools are loaded from GOVFRAME_TOOLS_NODE (a folder with node_modules), never from
// the repository.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
for (const k of ["schemas", "examples", "cases", "out"]) {
  if (!args[k]) {
    console.error(`usage: node check_schemas.mjs --schemas DIR --examples DIR --cases DIR --out DIR (missing --${k})`);
    process.exit(2);
  }
}
const toolsDir = process.env.GOVFRAME_TOOLS_NODE;
if (!toolsDir) {
  console.error("GOVFRAME_TOOLS_NODE is not set (the folder where ajv etc. are installed)");
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(toolsDir), "package.json"));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;
const { compile: compileTs } = require("json-schema-to-typescript");
const version = (name) => require(`${name}/package.json`).version;

// ------------------------------------------------------------------------------------------
// Reporting

let passed = 0;
let failed = 0;
const failures = [];
function check(ok, name, detail) {
  if (ok) {
    passed++;
    console.log(`PASS  [js] ${name}`);
  } else {
    failed++;
    failures.push(name);
    console.log(`FAIL  [js] ${name}`);
    const d = typeof detail === "function" ? detail() : detail;
    if (d) for (const line of String(d).trimEnd().split("\n").slice(0, 40)) console.log(`        ${line}`);
  }
  return ok;
}
const note = (t) => console.log(`NOTE  [js] ${t}`);
const section = (t) => console.log(`\n--- [js] ${t}`);

const readJson = (p) => JSON.parse(fs.readFileSync(p, "utf8"));

// ------------------------------------------------------------------------------------------
// Inputs

const schemaDir = path.resolve(args.schemas);
const index = readJson(path.join(schemaDir, "index.json"));
const files = fs
  .readdirSync(schemaDir)
  .filter((f) => f.endsWith(".schema.json"))
  .sort();
const schemas = Object.fromEntries(files.map((f) => [f, readJson(path.join(schemaDir, f))]));
const kindFile = Object.fromEntries(index.kinds.map((k) => [k.kind, k.file]));
const fileKind = Object.fromEntries(index.kinds.map((k) => [k.file, k.kind]));
const docFile = index.document.file;
const planFile = kindFile.strategicPlan;
const examples = fs
  .readdirSync(args.examples)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => [f, readJson(path.join(args.examples, f))]);
const caseDir = path.resolve(args.cases);
const cases = readJson(path.join(caseDir, "manifest.json"));
const outDir = path.resolve(args.out);
fs.mkdirSync(outDir, { recursive: true });

// ------------------------------------------------------------------------------------------
// Schema facts (same rules as check_schemas.py)

const unionVariants = (s) => {
  for (const k of ["oneOf", "anyOf"]) {
    if (Array.isArray(s[k])) return s[k].filter((v) => !(v.type === "null" && Object.keys(v).length === 1));
  }
  return null;
};
const variantName = (v) => (v.$ref ? v.$ref.split("/").pop() : v.title);
function namedTypes(schema) {
  const names = new Map();
  const defs = schema.$defs ?? {};
  if (schema.title) names.set(schema.title, schema);
  for (const [n, d] of Object.entries(defs)) names.set(n, d);
  for (const d of [schema, ...Object.values(defs)]) {
    for (const v of unionVariants(d) ?? []) if (v.title && !v.$ref) names.set(v.title, v);
  }
  return names;
}
// The maps: map-shaped definitions (LocalizedText, Extensions) and titled map-shaped
// subschemas anywhere else, such as the `MultilingualValue` variant of a dataset's attribute
// value (language -> text), which json-schema-to-typescript names after its title.
const isMap = (d) =>
  d.type === "object" && !d.properties && d.additionalProperties && typeof d.additionalProperties === "object";
const mapDefs = (schema) => {
  const out = new Set(
    Object.entries(schema.$defs ?? {})
      .filter(([, d]) => isMap(d))
      .map(([n]) => n),
  );
  const walk = (x) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === "object") {
      if (typeof x.title === "string" && isMap(x)) out.add(x.title);
      Object.values(x).forEach(walk);
    }
  };
  walk(schema);
  return out;
};
function numberedNames(generated, ours) {
  return [...generated].sort().filter((n) => {
    if (ours.has(n)) return false;
    if (/^(Model|Type|Root|Item|Items)\d*$/.test(n)) return true;
    const m = /^(.*?)(\d+)$/.exec(n);
    return Boolean(m && (ours.has(m[1]) || m[1] === ""));
  });
}

// ------------------------------------------------------------------------------------------
// ajv

section(`ajv ${version("ajv")} (Ajv2020, strict: true) + ajv-formats ${version("ajv-formats")}: compile`);
const validators = {};
const strictProblems = {};
for (const f of files) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  try {
    validators[f] = ajv.compile(schemas[f]);
    check(true, `ajv strict compiles ${f}`);
  } catch (e) {
    check(false, `ajv strict compiles ${f}`, e.message);
    // Keep checking documents with strict mode only logging, so one strict-mode problem
    // does not hide how the schema judges documents. Those checks are marked.
    const logged = [];
    const logger = { log() {}, warn: (...m) => logged.push(m.join(" ")), error: (...m) => logged.push(m.join(" ")) };
    const loose = new Ajv2020({ strict: "log", allErrors: true, logger });
    addFormats(loose);
    try {
      validators[f] = loose.compile(schemas[f]);
      strictProblems[f] = logged;
      note(`${f}: the document checks below use ajv with strict: "log"; strict mode reports:`);
      for (const l of [...new Set(logged)]) console.log(`        ${l}`);
    } catch (e2) {
      note(`${f}: does not compile even with strict: "log": ${e2.message}`);
    }
  }
}

const ajvErrors = (v) =>
  (v.errors ?? [])
    .slice(0, 6)
    .map((e) => `${e.instancePath || "/"}: ${e.message} ${JSON.stringify(e.params)}`)
    .join("\n");
const tag = (f) => (strictProblems[f] ? " [strict: log]" : "");

section("ajv: the examples are valid");
for (const [name, doc] of examples) {
  const targets = [docFile];
  if (kindFile[doc.kind]) targets.push(kindFile[doc.kind]);
  else check(false, `${name}: kind ${JSON.stringify(doc.kind)} is in index.json`);
  for (const t of targets) {
    const v = validators[t];
    if (!v) {
      check(false, `ajv: ${name} valid against ${t}`, "schema did not compile");
      continue;
    }
    const ok = v(doc);
    check(ok, `ajv: ${name} valid against ${t}${tag(t)}`, () => ajvErrors(v));
  }
}

section("ajv: bad documents rejected, semantic-only ones accepted");
for (const c of cases) {
  const doc = readJson(path.join(caseDir, c.file));
  for (const t of [docFile, planFile]) {
    const v = validators[t];
    const verb = c.expect === "accept" ? "accepts" : "rejects";
    const label = `ajv: ${t} ${verb} ${c.name}${c.semantic ? " (semantic rule, not a schema rule)" : ""}${tag(t)}`;
    if (!v) {
      check(false, label, "schema did not compile");
      continue;
    }
    const ok = v(doc);
    check(
      ok === (c.expect === "accept"),
      label,
      () => `${c.why}: expected ${c.expect}, ajv ${ok ? "accepted" : "rejected"}\n${ajvErrors(v)}`,
    );
  }
}

// ------------------------------------------------------------------------------------------
// json-schema-to-typescript

section(`json-schema-to-typescript ${version("json-schema-to-typescript")}`);

/** Top-level `export type` / `export interface` declarations with their text. */
function declarations(ts) {
  const out = new Map();
  const re = /^export (type|interface) (\w+)/gm;
  const starts = [...ts.matchAll(re)];
  for (let i = 0; i < starts.length; i++) {
    const m = starts[i];
    const end = i + 1 < starts.length ? starts[i + 1].index : ts.length;
    out.set(m[2], { kind: m[1], text: ts.slice(m.index, end) });
  }
  return out;
}

/** Lines of an interface body at depth 1 (its own members, not nested object types). */
function ownMembers(text) {
  const body = text.slice(text.indexOf("{") + 1);
  const out = [];
  let depth = 1;
  let inComment = false;
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("/*")) inComment = true;
    if (inComment) {
      if (line.endsWith("*/")) inComment = false;
      continue;
    }
    if (depth === 1 && line) out.push(line);
    for (const ch of line) depth += ch === "{" ? 1 : ch === "}" ? -1 : 0;
    if (depth <= 0) break;
  }
  return out;
}

/** The right-hand side of `export type X = …;`, split on top-level `|`. */
function unionMembers(text) {
  const rhs = text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^export type \w+ =/, "")
    .trim()
    .replace(/;\s*$/, "");
  return rhs
    .split("|")
    .map((s) => s.trim())
    .filter(Boolean);
}

const tsFiles = {};
for (const f of files) {
  const schema = schemas[f];
  const stem = f.replace(/\.schema\.json$/, "");
  let ts;
  try {
    ts = await compileTs(structuredClone(schema), schema.title, { bannerComment: "", cwd: schemaDir });
    fs.writeFileSync(path.join(outDir, `${stem}.ts`), ts);
    tsFiles[f] = `${stem}.ts`;
    check(true, `json-schema-to-typescript generates ${stem}.ts`);
  } catch (e) {
    check(false, `json-schema-to-typescript generates ${stem}.ts`, e.stack);
    continue;
  }
  const decls = declarations(ts);
  const ours = namedTypes(schema);
  const oursSet = new Set(ours.keys());

  // 1. names
  const missing = [...oursSet].filter((n) => !decls.has(n)).sort();
  check(
    missing.length === 0,
    `ts ${stem}.ts: every $defs name and variant title is an exported type`,
    `missing (inlined where used, or emitted under another name): ${missing.join(", ")}`,
  );
  const numbered = numberedNames(new Set(decls.keys()), oursSet);
  check(
    numbered.length === 0,
    `ts ${stem}.ts: no numbered or generic type names (X1, Model1)`,
    `found: ${numbered.join(", ")}`,
  );

  // 2. unions and code lists keep distinct, named variants
  for (const [name, d] of [[schema.title, schema], ...Object.entries(schema.$defs ?? {})]) {
    const variants = unionVariants(d);
    if (variants) {
      const want = variants.map(variantName);
      if (want.includes(undefined)) {
        check(
          false,
          `ts ${stem}.ts: union ${name} has named variants`,
          `a variant of ${name} has neither title nor $ref`,
        );
        continue;
      }
      const decl = decls.get(name);
      const got = decl && decl.kind === "type" ? unionMembers(decl.text) : [];
      check(
        JSON.stringify([...got].sort()) === JSON.stringify([...want].sort()),
        `ts ${stem}.ts: ${name} = ${want.join(" | ")}`,
        decl ? `generated: ${decl.text.trim().split("\n").slice(-3).join(" ")}` : `${name} is not an exported type`,
      );
    } else if (Array.isArray(d.enum) && d.enum.every((x) => typeof x === "string")) {
      const decl = decls.get(name);
      const got = decl && decl.kind === "type" ? unionMembers(decl.text) : [];
      const want = d.enum.map((x) => JSON.stringify(x));
      check(
        JSON.stringify([...got].sort()) === JSON.stringify([...want].sort()),
        `ts ${stem}.ts: ${name} is the named union ${want.join(" | ")}`,
        decl ? `generated: ${decl.text.trim()}` : `${name} is not an exported type (inlined where it is used)`,
      );
    }
  }

  // 3. objects are closed: index signatures only on the maps
  const maps = mapDefs(schema);
  const open = [];
  for (const [name, decl] of decls) {
    if (decl.kind !== "interface") continue;
    const base = name.replace(/\d+$/, "");
    for (const m of ownMembers(decl.text)) {
      if (m.startsWith("[k: string]") && !maps.has(name) && !maps.has(base)) open.push(`${name}: ${m}`);
    }
  }
  check(
    open.length === 0,
    `ts ${stem}.ts: no index signature on object types except the maps (${[...maps].join(", ") || "none"})`,
    open.join("\n"),
  );

  // 4. the constant kind is a literal
  if (fileKind[f]) {
    const kind = fileKind[f];
    const root = decls.get(schema.title);
    const members = root ? ownMembers(root.text) : [];
    check(
      members.includes(`kind: "${kind}";`),
      `ts ${stem}.ts: kind: "${kind}"`,
      `members of ${schema.title}: ${members.join(" ")}`,
    );
    check(
      members.includes(`specVersion: "1.0";`),
      `ts ${stem}.ts: specVersion: "1.0"`,
      `members of ${schema.title}: ${members.join(" ")}`,
    );
  }
}

// ------------------------------------------------------------------------------------------
// tsc: the examples type-check against the generated types, an unknown field does not

let tscPath;
try {
  tscPath = require.resolve("typescript/bin/tsc");
} catch {
  tscPath = null;
}
if (!tscPath) {
  note("typescript is not installed in GOVFRAME_TOOLS_NODE: skipping the tsc checks");
} else {
  section(`tsc ${version("typescript")}: the examples type-check against the generated types`);
  const lines = [];
  const imports = new Set();
  const importName = (f) => `T_${f.replace(/\.schema\.json$/, "").replace(/-/g, "_")}`;
  const use = (f) => {
    imports.add(f);
    return `${importName(f)}.${schemas[f].title}`;
  };
  const expectations = [];
  for (const [name, doc] of examples) {
    for (const t of [docFile, kindFile[doc.kind]].filter((t) => t && tsFiles[t])) {
      lines.push(`// ${name} as ${schemas[t].title}`);
      lines.push(`export const ok_${lines.length}: ${use(t)} = ${JSON.stringify(doc)};`);
      expectations.push(`${name} type-checks as ${tsFiles[t]} ${schemas[t].title}`);
    }
  }
  const unknown = cases.find((c) => c.name === "unknown-field-root");
  if (unknown && tsFiles[planFile]) {
    const doc = readJson(path.join(caseDir, unknown.file));
    lines.push(`// @ts-expect-error an unknown field is an excess property (objects are closed)`);
    lines.push(`export const bad_unknown: ${use(planFile)} = ${JSON.stringify(doc)};`);
    expectations.push(`unknown-field-root is a type error in ${tsFiles[planFile]}`);
  }
  const head = [...imports].map(
    (f) => `import type * as ${importName(f)} from "./${tsFiles[f].replace(/\.ts$/, "")}";`,
  );
  const file = path.join(outDir, "examples.check.ts");
  fs.writeFileSync(file, [...head, ...lines, ""].join("\n"));
  const r = spawnSync(
    process.execPath,
    [
      tscPath,
      "--noEmit",
      "--strict",
      "--target",
      "es2022",
      "--module",
      "es2022",
      "--moduleResolution",
      "bundler",
      "--skipLibCheck",
      file,
    ],
    { encoding: "utf8", cwd: outDir },
  );
  const out = `${r.stdout}${r.stderr}`.trim();
  check(r.status === 0, `tsc --strict: ${expectations.join("; ")}`, out.slice(0, 4000));
}

// ------------------------------------------------------------------------------------------

if (failures.length) {
  console.log("\n[js] failed checks:");
  for (const f of failures) console.log(`  - ${f}`);
}
console.log(`js: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
