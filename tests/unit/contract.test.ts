import { describe, expect, test } from 'vitest';
import { contract, FUNCTION_NAMES, getAction } from '../../shared/api/contract';
import { ROLES } from '../../shared/auth/roles';
import { COLLECTIONS } from '../../shared/db/collections';
import { parseScene, packageScene, storeScene } from '../../shared/catalog/model';
import { SCENE_RE } from '../../shared/api/common';
import { chinaDate, minutesUntil, toIso } from '../../shared/time/clock';

describe('the contract', () => {
  test('the six functions of DESIGN.md, each with a ping', () => {
    expect(FUNCTION_NAMES.sort()).toEqual(['admin', 'complaint', 'notify', 'sla', 'stats', 'ticket']);
    for (const fn of FUNCTION_NAMES) expect(getAction(fn, 'ping')).toBeDefined();
  });

  test('every action names who may call it and has a summary', () => {
    for (const [fn, actions] of Object.entries(contract)) {
      for (const [name, decl] of Object.entries(actions)) {
        expect(decl.roles.length, `${fn}.${name}`).toBeGreaterThan(0);
        for (const role of decl.roles) expect([...ROLES, 'system']).toContain(role);
        expect(decl.summary, `${fn}.${name}`).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
  });

  test('lookups do not fall through to Object.prototype', () => {
    expect(getAction('complaint', 'toString')).toBeUndefined();
    expect(getAction('complaint', '__proto__')).toBeUndefined();
  });

  test('index declarations are well-formed (≤ 20 per collection, as CloudBase allows)', () => {
    for (const [name, decl] of Object.entries(COLLECTIONS)) {
      expect(decl.indexes.length, name).toBeLessThanOrEqual(20);
      expect(new Set(decl.indexes.map((i) => i.name)).size, name).toBe(decl.indexes.length);
    }
  });
});

describe('QR scenes', () => {
  test('package and store scenes round-trip and fit WeChat', () => {
    expect(parseScene(packageScene('LC-20261101'))).toEqual({ kind: 'package', batchId: 'LC-20261101' });
    expect(parseScene(storeScene('CD-CHUNXI'))).toEqual({ kind: 'store', storeId: 'CD-CHUNXI' });
    expect(SCENE_RE.test(packageScene('LC-20261101'))).toBe(true);
    expect(parseScene('x=1')).toBeNull();
    expect(parseScene('b=')).toBeNull();
  });
});

describe('China time', () => {
  test('ISO with +08:00 and calendar dates in Shanghai', () => {
    expect(toIso(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23T00:30:00.000+08:00');
    expect(chinaDate(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23');
  });

  test('minutes until a promise, negative when overdue', () => {
    const now = new Date('2026-11-22T10:00:00+08:00');
    expect(minutesUntil(new Date('2026-11-22T12:00:30+08:00'), now)).toBe(120);
    expect(minutesUntil(new Date('2026-11-22T09:59:30+08:00'), now)).toBe(-1);
  });
});
