// Builds dist/ from src/: one ESM bundle for the action (dist/index.js) and one for the CLI (dist/cli.js).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });

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
};

await build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: 'dist' });
await build({
  ...common,
  entryPoints: { cli: 'src/cli/index.ts' },
  outdir: 'dist',
  banner: { js: `#!/usr/bin/env node\n${banner.js}` },
});
