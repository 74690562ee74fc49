import crypto from 'node:crypto';
import path from 'node:path';
import { expect, test } from 'vitest';
import { scanRepository, scanText } from '../../scripts/security/secrets';

const ROOT = path.resolve(__dirname, '..', '..');

test('no committed file carries a secret', () => {
  expect(scanRepository(ROOT)).toEqual([]);
});

test('the scanner finds each kind of secret it is meant to find', () => {
  const key = crypto.randomBytes(32).toString('base64');
  const samples: Array<[string, string]> = [
    ['a.pem', ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' ')],
    ['deploy.ts', `const id = '${'AKID'}${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6'}';`],
    ['config.json', `{"DATA_ENCRYPTION_KEY": "${key}"}`],
    ['run.sh', `export DATA_ENCRYPTION_KEY_PREVIOUS=${key}`],
    ['.env', 'TENCENTCLOUD_SECRETKEY=abc123\nPORT=8787'],
    ['.env.production', 'WECOM_WEBHOOK_QC="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x"'],
  ];
  for (const [file, text] of samples) expect(scanText(file, text), file).not.toEqual([]);
  // Placeholders and names without values are fine.
  expect(scanText('.env', 'TENCENTCLOUD_SECRETKEY=\nPORT=8787')).toEqual([]);
  expect(scanText('.env.example', 'TENCENTCLOUD_SECRETKEY=your-key-here')).toEqual([]);
  expect(scanText('crypto.ts', 'const raw = process.env.DATA_ENCRYPTION_KEY;')).toEqual([]);
});
