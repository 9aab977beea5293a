// Runs a peer's public test suite against a fresh, ephemeral Stratus and prints pass rates per area.
//   npx node scripts/conformance.ts dynalite [--checkout <dir>]
//   npx node scripts/conformance.ts minio    [--checkout <dir>]
// Without --checkout the suite is cloned (at the commit in SUITES) into a temporary folder outside this
// repository and removed afterwards. Nothing of the suites is copied into this repository: the one edit
// dynalite needs (point its helper at our endpoint) is made in the temporary checkout.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Stratus } from '../packages/stratus/src/stratus.ts';

interface Suite {
  readonly repository: string;
  readonly commit: string;
  /** Edits the checkout so the suite talks to `port`; returns the mocha arguments. */
  prepare(dir: string, port: number): string[];
  readonly env: (port: number) => Record<string, string>;
}

const SUITES: Record<string, Suite> = {
  dynalite: {
    repository: 'https://github.com/architect/dynalite',
    commit: 'c5e5b46',
    prepare(dir) {
      // Its helper starts a dynalite per run and signs for a host name it derives the service from: make it
      // sign for `dynamodb` and send to STRATUS_PORT instead, creating its test tables there.
      const file = join(dir, 'test/helpers.js');
      let source = readFileSync(file, 'utf8');
      const edits: [RegExp, string][] = [
        [
          /\{ host: '127\.0\.0\.1', port: (helper\.port|port), method: 'POST' \}/g,
          "{ host: '127.0.0.1', port: process.env.STRATUS_PORT, method: 'POST', service: 'dynamodb', region: 'us-east-1' }",
        ],
        [
          /(function startGlobalServer \(callback\) \{\n\s*if \(globalServerStarted\) return callback\(\))/,
          '$1\n  if (process.env.STRATUS_PORT) { globalServerStarted = true; return createGlobalTestTables(callback) }',
        ],
        [
          // Its slow tests (18 cases: fixtures of many 40 KB items, marked "High capacity (~100 or
          // more) needed") run only against a local dynalite unless SLOW_TESTS is set, as in its REMOTE mode
          // against AWS: its tables have 10 RCU / 5 WCU, which AWS (and Stratus) meter.
          /var runSlowTests = true\n/,
          'var runSlowTests = !process.env.STRATUS_PORT || !!process.env.SLOW_TESTS\n',
        ],
        [
          /(\n(\s*)helper\.server = dynalite\()/,
          '\n$2if (process.env.STRATUS_PORT) return helper.createTestTables((e) => e ? reject(e) : helper.getAccountId(resolve))$1',
        ],
      ];
      for (const [pattern, replacement] of edits) {
        if (!pattern.test(source))
          throw new Error(`dynalite's test/helpers.js changed: ${pattern} not found`);
        source = source.replace(pattern, replacement);
      }
      writeFileSync(file, source);
      return [
        '--require',
        'should',
        '-t',
        '10s',
        'test/*.js',
        '--exclude',
        'test/bench.js',
        '--exclude',
        'test/connection.js',
      ];
    },
    env: (port) => ({ STRATUS_PORT: String(port), AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }),
  },
  minio: {
    repository: 'https://github.com/minio/minio-js',
    commit: '9e59f4d',
    prepare(dir) {
      // Its .mocharc adds the unit tests; run the functional suite alone with the same loaders.
      const config = join(dir, '.mocharc.functional.cjs');
      writeFileSync(
        config,
        `module.exports = { spec: 'tests/functional/functional-tests.js', exit: true, ui: 'bdd',
  require: ['dotenv/config', 'source-map-support/register', './babel-register.js'] }\n`,
      );
      return ['--config', config];
    },
    env: (port) => ({
      SERVER_ENDPOINT: `127.0.0.1:${port}`,
      ACCESS_KEY: 'test',
      SECRET_KEY: 'test',
      ENABLE_HTTPS: '0',
    }),
  },
};

const { values, positionals } = parseArgs({
  options: { checkout: { type: 'string' } },
  allowPositionals: true,
});
const name = positionals[0] ?? '';
const suite = SUITES[name];
if (!suite) throw new Error(`usage: conformance.ts ${Object.keys(SUITES).join('|')} [--checkout <dir>]`);

const scratch = mkdtempSync(join(tmpdir(), `stratus-conformance-${name}-`));
const dir = values.checkout ?? join(scratch, name);
const stratus = await Stratus.start({ ephemeral: true, port: 0, httpsPort: false });
try {
  if (!values.checkout) {
    execFileSync('git', ['clone', '--quiet', suite.repository, dir], { stdio: 'inherit' });
    execFileSync('git', ['checkout', '--quiet', suite.commit], { cwd: dir, stdio: 'inherit' });
  }
  if (!existsSync(join(dir, 'node_modules'))) {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], {
      cwd: dir,
      stdio: 'inherit',
    });
  }
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
  const args = suite.prepare(dir, stratus.port);
  const report = join(scratch, 'report.json');
  // The suites run on the machine's Node (they are plain CommonJS/Babel); Stratus runs in this process.
  // Stratus serves from this process, so the suite runs as a child we wait for without blocking.
  const child = spawn(
    'npx',
    ['mocha', ...args, '--reporter', 'json', '--reporter-option', `output=${report}`],
    {
      cwd: dir,
      env: { ...process.env, ...suite.env(stratus.port) },
      stdio: 'inherit',
    },
  );
  await once(child, 'exit');
  printSummary(name, commit, JSON.parse(readFileSync(report, 'utf8')));
} finally {
  await stratus.stop();
  rmSync(scratch, { recursive: true, force: true });
}

interface MochaTest {
  readonly fullTitle: string;
  readonly err?: { readonly message?: string };
}

/** Pass/fail/pending per area (the first word of each test's full title), as a Markdown table. */
function printSummary(
  suiteName: string,
  commit: string,
  report: { passes: MochaTest[]; failures: MochaTest[]; pending: MochaTest[] },
): void {
  const areas = new Map<string, { pass: number; fail: number; pending: number }>();
  const minioAreas = suiteName === 'minio' ? minioAreasOf(dir) : [];
  const count = (tests: MochaTest[], field: 'pass' | 'fail' | 'pending') => {
    for (const test of tests) {
      const area = areaOf(test.fullTitle, minioAreas);
      const row = areas.get(area) ?? { pass: 0, fail: 0, pending: 0 };
      row[field]++;
      areas.set(area, row);
    }
  };
  count(report.passes, 'pass');
  count(report.failures, 'fail');
  count(report.pending, 'pending');
  console.log(
    `\n${suiteName} @ ${commit}\n\n| Area | Pass | Fail | Pending | Pass rate |\n|---|---:|---:|---:|---:|`,
  );
  let [pass, fail, pending] = [0, 0, 0];
  for (const [area, row] of [...areas].sort()) {
    console.log(`| ${area} | ${row.pass} | ${row.fail} | ${row.pending} | ${rate(row.pass, row.fail)} |`);
    [pass, fail, pending] = [pass + row.pass, fail + row.fail, pending + row.pending];
  }
  console.log(`| **all** | ${pass} | ${fail} | ${pending} | ${rate(pass, fail)} |`);
  console.log('\nFailures:');
  for (const failure of report.failures) {
    console.log(`- ${failure.fullTitle}: ${(failure.err?.message ?? '').split('\n')[0]?.slice(0, 200)}`);
  }
}

/** The test's area: dynalite's operation (the first word), minio's top-level `describe` under "functional tests". */
function areaOf(title: string, minioAreas: readonly string[]): string {
  if (minioAreas.length === 0) return title.split(' ')[0] ?? '';
  return minioAreas.find((name) => title.startsWith(`functional tests ${name}`)) ?? 'functional tests';
}

/** minio's areas, longest first so that a name that prefixes another does not capture its tests. */
function minioAreasOf(checkout: string): string[] {
  const source = readFileSync(join(checkout, 'tests/functional/functional-tests.js'), 'utf8');
  return [...source.matchAll(/^ {2}describe\('([^']+)'/gm)]
    .map((m) => m[1] ?? '')
    .sort((a, b) => b.length - a.length);
}

function rate(pass: number, fail: number): string {
  return pass + fail === 0 ? '–' : `${((100 * pass) / (pass + fail)).toFixed(1)}%`;
}
