import fs from 'node:fs';
import path from 'node:path';
import { emit } from './stats';

const ROOT = path.resolve(__dirname, '..', '..');

function folderBytes(dir: string, skip: (p: string) => boolean = () => false): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (skip(p)) continue;
    total += entry.isDirectory() ? folderBytes(p, skip) : fs.statSync(p).size;
  }
  return total;
}

/** Main package and subpackage sizes of the WeChat build, read from its app.json. */
export function weappSizes(weappDir = path.join(ROOT, 'dist', 'weapp')): { main: number; subpackages: Record<string, number> } {
  const app = JSON.parse(fs.readFileSync(path.join(weappDir, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const noMaps = (p: string) => p.endsWith('.map');
  const subpackages = Object.fromEntries(roots.map((root) => [root, folderBytes(path.join(weappDir, root), noMaps)]));
  const isSub = (p: string) => roots.some((root) => p === path.join(weappDir, root));
  // Source maps never ship to WeChat.
  const main = folderBytes(weappDir, (p) => isSub(p) || noMaps(p));
  return { main, subpackages };
}

export function benchWeapp(): void {
  const dir = path.join(ROOT, 'dist', 'weapp');
  if (!fs.existsSync(path.join(dir, 'app.json'))) {
    emit({ bench: 'weapp_size', error: 'dist/weapp is missing: run npm run build:weapp' });
    return;
  }
  const { main, subpackages } = weappSizes(dir);
  emit({ bench: 'weapp_size', package: 'main', bytes: main, goal_bytes: 500 * 1024, limit_bytes: 2 * 1024 * 1024 });
  for (const [root, bytes] of Object.entries(subpackages)) emit({ bench: 'weapp_size', package: root, bytes, limit_bytes: 2 * 1024 * 1024 });
}
