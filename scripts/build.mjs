// Builds dist/ from src/: one ESM bundle for the action (dist/index.js) and one for the CLI (dist/cli.js),
// plus dist/licenses.txt: the name, version, license and license text of every npm package whose code is bundled.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledPackages, renderLicenses } from './third-party-licenses.mjs';

// `node scripts/build.mjs [outdir]`: outdir defaults to dist (a test builds into a temp dir to check determinism).
const outdir = process.argv[2] ?? 'dist';
rmSync(outdir, { recursive: true, force: true });

// Some dependencies are CommonJS and call require(); give the ESM bundle a require of its own.
const banner = {
  js: "import { createRequire as __aipCreateRequire } from 'node:module'; const require = __aipCreateRequire(import.meta.url);",
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  banner,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

const action = await build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir });
const cli = await build({
  ...common,
  entryPoints: { cli: 'src/cli/index.ts' },
  outdir,
  banner: { js: `#!/usr/bin/env node\n${banner.js}` },
});

const packages = bundledPackages([action.metafile, cli.metafile]);
writeFileSync(join(outdir, 'licenses.txt'), renderLicenses(packages));
