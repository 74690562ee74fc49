import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { COLLECTION_NAMES } from '../../shared/db/collections';
import { insertSyntheticComplaints } from '../../scripts/backup/synthetic';
import { startTestCloud, type TestCloud } from '../helpers/localcloud';

/**
 * Backup → fresh environment → restore through the CLI (`npm run backup` / `npm run restore`), over the same
 * SDK protocol a deployed environment speaks: every collection comes back deep-equal, Dates as Dates,
 * unique indexes still enforced; tampered files, non-empty targets and re-runs are handled.
 */
const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/backup/cli.ts'), ...args], { cwd: ROOT });

let source: TestCloud;
let target: TestCloud;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-test-'));
const dir = path.join(work, 'b1');

beforeAll(async () => {
  source = await startTestCloud({ demoComplaints: true });
  await insertSyntheticComplaints(source, 3000);
  target = await startTestCloud({ seed: false });
});
afterAll(async () => {
  await source?.close();
  await target?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => (String(a._id) < String(b._id) ? -1 : 1);
const all = (cloud: TestCloud, name: string) => cloud.database.find(name).sort(byId);

test('backup writes one jsonl per collection with a manifest of counts and hashes', async () => {
  const { stdout } = await cli('backup', '--out', dir, '--local', source.url);
  expect(JSON.parse(stdout).counts.complaints).toBe(source.database.count('complaints'));
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  expect(Object.keys(manifest.collections).sort()).toEqual([...COLLECTION_NAMES].sort());
  for (const name of COLLECTION_NAMES) {
    expect(manifest.collections[name].count).toBe(source.database.count(name));
    expect(manifest.collections[name].sha256).toMatch(/^[0-9a-f]{64}$/);
  }
  expect(manifest.collections.complaints.count).toBeGreaterThan(3000);
  expect(manifest.schemaVersion).toMatch(/^[0-9a-f]{16}$/);
  // Dates are tagged, not flattened to strings.
  const first = JSON.parse(fs.readFileSync(path.join(dir, 'complaints.jsonl'), 'utf8').split('\n')[0]);
  expect(first.createdAt).toHaveProperty('$date');
});

test('restore into an empty environment reproduces every collection exactly', async () => {
  await cli('restore', '--in', dir, '--local', target.url);
  for (const name of COLLECTION_NAMES) {
    expect(all(target, name), name).toEqual(all(source, name));
  }
  const [c] = target.database.find('complaints', { _id: 'synthetic-0000003' });
  expect(c.createdAt).toBeInstanceOf(Date);
  expect(c.tags).toEqual(['冷链', '批次3']);
  // Indexes are the environment's: the unique ticket number still refuses a duplicate.
  expect(() => target.database.insertMany('complaints', [{ _id: 'dup', ticketNo: c.ticketNo }])).toThrow(/duplicate/);
});

test('a non-empty target is refused without --wipe; --resume and --wipe re-runs do not duplicate', async () => {
  await expect(cli('restore', '--in', dir, '--local', target.url)).rejects.toThrow(/not empty/);
  const before = COLLECTION_NAMES.map((n) => target.database.count(n));
  // An interrupted restore (documents missing) with one document edited since: --resume writes by _id.
  const db = target.database;
  db.handle('database.removeDocument', { collectionName: 'complaints', query: JSON.stringify({ _id: { $gte: 'synthetic-0002500' } }), multi: true });
  db.handle('database.modifyDocument', { collectionName: 'staff', query: JSON.stringify({ _id: 'demo-admin' }), data: JSON.stringify({ $set: { name: '改过' } }) });
  expect(db.count('complaints')).toBeLessThan(before[COLLECTION_NAMES.indexOf('complaints')]);
  await cli('restore', '--in', dir, '--local', target.url, '--resume');
  expect(COLLECTION_NAMES.map((n) => db.count(n))).toEqual(before);
  expect(all(target, 'staff')).toEqual(all(source, 'staff'));
  expect(all(target, 'complaints')).toEqual(all(source, 'complaints'));
  target.database.insertMany('faqs', [{ _id: 'stray', q: 'x' }]);
  await cli('restore', '--in', dir, '--local', target.url, '--wipe');
  expect(COLLECTION_NAMES.map((n) => target.database.count(n))).toEqual(before);
  expect(target.database.count('faqs', { _id: 'stray' })).toBe(0);
});

test('a changed or truncated file is refused before anything is written', async () => {
  const file = path.join(dir, 'staff.jsonl');
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text.replace('"role":"admin"', '"role":"manager"'));
  const empty = await startTestCloud({ seed: false });
  try {
    await expect(cli('restore', '--in', dir, '--local', empty.url)).rejects.toThrow(/sha256/);
    expect(COLLECTION_NAMES.reduce((n, c) => n + empty.database.count(c), 0)).toBe(0);
  } finally {
    fs.writeFileSync(file, text);
    await empty.close();
  }
});
