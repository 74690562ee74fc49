import { expect, test } from 'vitest';
import { findings, isAllowed } from '../../scripts/audit-deps';

/** The shape `npm audit --json` (npm 10) answers: transitive entries name the package that has the advisory. */
const report = {
  vulnerabilities: {
    axios: { name: 'axios', severity: 'high', isDirect: false, via: [{ source: 1, name: 'axios', title: 'SSRF', url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc', severity: 'high' }], fixAvailable: true },
    'some-sdk': { name: 'some-sdk', severity: 'high', isDirect: true, via: ['axios'], fixAvailable: false },
    lodash: { name: 'lodash', severity: 'moderate', isDirect: false, via: [{ source: 2, name: 'lodash', title: 'ReDoS', url: 'https://github.com/advisories/GHSA-dddd-eeee-ffff', severity: 'moderate' }], fixAvailable: true },
  },
};

test('each advisory is listed once, under the package that has it', () => {
  expect(findings(report)).toEqual([
    { package: 'axios', severity: 'high', advisory: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc', title: 'SSRF' },
    { package: 'lodash', severity: 'moderate', advisory: 'https://github.com/advisories/GHSA-dddd-eeee-ffff', title: 'ReDoS' },
  ]);
});

test('an allowlist entry matches by GHSA id or URL and package only', () => {
  const [axios] = findings(report);
  expect(isAllowed(axios, [{ advisory: 'GHSA-aaaa-bbbb-cccc', package: 'axios', reason: 'r' }])).toBeTruthy();
  expect(isAllowed(axios, [{ advisory: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc', package: 'axios', reason: 'r' }])).toBeTruthy();
  expect(isAllowed(axios, [{ advisory: 'GHSA-aaaa-bbbb-cccc', package: 'other', reason: 'r' }])).toBeUndefined();
});
