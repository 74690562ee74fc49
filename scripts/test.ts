/**
 * `npm test`: type-check the whole project, build what the tests run (the function bundles, and the WeChat and
 * browser builds of the mini-program when their sources changed), check that Chromium is there for the browser
 * tests, then run every test with vitest and close with one plain summary line. Extra arguments go to vitest.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureAppBuilt, ensureFunctionsBuilt, ROOT } from './lib/builds';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
}

async function main(): Promise<number> {
  const started = Date.now();
  console.log('Type-checking…');
  const tsc = await new Promise<number>((resolve) => {
    spawn(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json', '--noEmit'], { cwd: ROOT, stdio: 'inherit' }).on('exit', (c) => resolve(c ?? 1));
  });
  if (tsc !== 0) {
    console.error('tests: 0 passed, 1 failed (type errors above)');
    return 1;
  }
  console.log('Building what the tests run…');
  await ensureFunctionsBuilt();
  await ensureAppBuilt(['weapp', 'h5']);
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`Chromium is needed for the browser tests and was not found at ${CHROMIUM}.\nInstall it with: apt-get install -y chromium fonts-noto-cjk (.ci/run does this), or set CHROMIUM_PATH.`);
    return 1;
  }

  const report = path.join(ROOT, 'test-results', 'vitest.json');
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.rmSync(report, { force: true });
  const vitest = path.join(ROOT, 'node_modules', '.bin', 'vitest');
  const code = await new Promise<number>((resolve) => {
    const child = spawn(vitest, ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    child.on('exit', (c) => resolve(c ?? 1));
  });

  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, 'utf8')) as VitestJson;
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`\nnpm test finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
    if (r.numTotalTests === 0) return 1;
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
