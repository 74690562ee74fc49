import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dirBytes, ensureWeappBuild } from './helpers/weapp-build';

/**
 * WeChat: main package ≤ 2 MB and each subpackage ≤ 2 MB; ours (issue 6 goals): main ≤ 800 KB for first-open
 * speed, now that the complaint form with its shared validation lives there, and each subpackage ≤ 1 MB.
 */
const MAIN_LIMIT = 800 * 1024;
const SUBPACKAGE_LIMIT = 1024 * 1024;

let dir: string;
let subpackageRoots: string[];

beforeAll(async () => {
  dir = await ensureWeappBuild();
  const appJson = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  subpackageRoots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''));
});

describe('weapp package budget', () => {
  it(`main package stays under ${MAIN_LIMIT / 1024} KB`, () => {
    const main = dirBytes(dir, (rel) => subpackageRoots.includes(rel) || rel.endsWith('.map'));
    console.log(`main package: ${(main / 1024).toFixed(1)} KB`);
    expect(main).toBeLessThan(MAIN_LIMIT);
  });

  it(`declares the admin, customer, staff and dashboard subpackages, and each stays under ${SUBPACKAGE_LIMIT / 1024} KB`, () => {
    expect(subpackageRoots).toEqual(expect.arrayContaining(['packages/admin', 'packages/complaint', 'packages/staff', 'packages/dashboard']));
    for (const root of subpackageRoots) {
      const bytes = dirBytes(path.join(dir, root));
      console.log(`${root}: ${(bytes / 1024).toFixed(1)} KB`);
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThan(SUBPACKAGE_LIMIT);
    }
  });

  it('keeps the staff screens out of the main package: only the 工作台 tab and its ticket row live there', () => {
    const mainJs = fs
      .readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.js') && !subpackageRoots.some((root) => f.startsWith(`${root}/`)))
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    // Marker strings of the ticket screen, the dashboard charts and the admin forms.
    for (const marker of ['发给顾客确认', '商品 × 片区', '生成邀请码', '按规则建议']) expect(mainJs).not.toContain(marker);
  });

  it('keeps the browser-only identity picker out of the WeChat build, and only zod/mini in it', () => {
    const js = fs
      .readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    expect(js).not.toContain('dev-identity-chip');
    expect(js).not.toContain('x-dev-openid');
    expect(js).not.toContain('demo-customer-1');
    // The form validates with the shared schemas (zod/mini, ~30 KB); classic zod (~90 KB tree-shaken) must not creep in.
    expect(js).toContain('ZodMiniObject');
    expect(js).not.toMatch(/["']ZodString["']/);
  });
});
