/**
 * Bundle each cloud function (cloudfunctions/<name>/index.ts + config.json) into dist/cloudfunctions/<name>/,
 * the folder project.config.json's cloudfunctionRoot points at. shared/ is inlined; wx-server-sdk stays
 * external and is pinned to the exact version in a generated package.json, so the cloud installs the same SDK
 * the tests ran against.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(__dirname, '..');
const sourceDir = path.join(root, 'cloudfunctions');
export const functionsOutDir = path.join(root, 'dist', 'cloudfunctions');

/** Files a function reads at run time, copied beside its bundle (kept out of the JS so the bundle stays small). */
const FUNCTION_ASSETS: Record<string, string[]> = {
  complaint: ['models/complaint-classifier.json'],
  // Phone intake and reclassification by staff classify too.
  ticket: ['models/complaint-classifier.json'],
};

/**
 * Packages a function loads at run time but that are too big to inline (kept external, installed by the cloud
 * from the generated package.json at the exact version in ours). wx-server-sdk is external for every function.
 */
const FUNCTION_DEPENDENCIES: Record<string, string[]> = {
  complaint: ['tencentcloud-sdk-nodejs-hunyuan'],
  ticket: ['tencentcloud-sdk-nodejs-hunyuan', 'jieba-wasm'],
  // Word segmentation for keywords (jieba as WebAssembly: 4 MB with its dictionary, so never inlined).
  stats: ['jieba-wasm'],
  // The similar-case indexer runs in the sla timer (cloudfunctions/_server/case-index.ts).
  sla: ['jieba-wasm'],
  // SMS through Tencent Cloud's common client (SendSms, 2021-01-11); the typed sms package only wraps it.
  notify: ['tencentcloud-sdk-nodejs-common'],
};

/** Cloud functions run on Node.js 16 or newer in WeChat cloud development. */
const TARGET = 'node16';

export function listFunctions(): string[] {
  return fs
    .readdirSync(sourceDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && fs.existsSync(path.join(sourceDir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

/** The exact version our package.json pins for a dependency a function installs in the cloud. */
function pinnedVersion(name: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const version: string = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name];
  if (!/^\d+\.\d+\.\d+$/.test(version ?? '')) throw new Error(`${name} must be pinned to an exact version in package.json (found ${version})`);
  return version;
}

function buildVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  let commit = 'nogit';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    // a fresh checkout without commits still builds
  }
  return `${pkg.version}+${commit}`;
}

export interface BuiltFunction {
  name: string;
  bytes: number;
}

export async function buildFunctions(names = listFunctions()): Promise<BuiltFunction[]> {
  const version = buildVersion();
  fs.mkdirSync(functionsOutDir, { recursive: true });
  return Promise.all(
    names.map(async (name) => {
      const outDir = path.join(functionsOutDir, name);
      fs.rmSync(outDir, { recursive: true, force: true });
      fs.mkdirSync(outDir, { recursive: true });
      await build({
        entryPoints: [path.join(sourceDir, name, 'index.ts')],
        outfile: path.join(outDir, 'index.js'),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: TARGET,
        external: ['wx-server-sdk', ...(FUNCTION_DEPENDENCIES[name] ?? [])],
        minify: true,
        keepNames: true,
        sourcemap: 'linked',
        legalComments: 'none',
        tsconfig: path.join(root, 'tsconfig.json'),
        define: { __BUILD_VERSION__: JSON.stringify(version) },
        logLevel: 'warning',
      });
      fs.copyFileSync(path.join(sourceDir, name, 'config.json'), path.join(outDir, 'config.json'));
      for (const asset of FUNCTION_ASSETS[name] ?? []) fs.copyFileSync(path.join(root, asset), path.join(outDir, path.basename(asset)));
      const dependencies = Object.fromEntries(['wx-server-sdk', ...(FUNCTION_DEPENDENCIES[name] ?? [])].map((dep) => [dep, pinnedVersion(dep)]));
      const manifest = { name, version: '1.0.0', private: true, main: 'index.js', dependencies };
      fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      return { name, bytes: fs.statSync(path.join(outDir, 'index.js')).size };
    }),
  );
}

if (require.main === module) {
  buildFunctions()
    .then((built) => {
      for (const f of built) console.log(`  ${f.name.padEnd(10)} ${(f.bytes / 1024).toFixed(1).padStart(7)} KB`);
      console.log(`built ${built.length} functions into ${path.relative(root, functionsOutDir)}/`);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
