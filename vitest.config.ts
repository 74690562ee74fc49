import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': path.resolve(__dirname, 'shared') } },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // Each file in its own process: the wx-server-sdk reads its configuration from process.env.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
