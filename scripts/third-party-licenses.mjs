// Lists the npm packages whose code esbuild put into a bundle, with their license texts, for dist/licenses.txt.
// Deterministic: packages are sorted by name and version, and nothing depends on the machine or the clock.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const LICENSE_FILE = /^(licen[cs]e|copying|notice)(\.|-|$)/i;

/** packageDirOf returns the node_modules package directory an esbuild input path lies in, or undefined. */
function packageDirOf(input) {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const length = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return parts.slice(0, at + 1 + length).join('/');
}

/** licenseTexts reads the LICENSE / COPYING / NOTICE files at the top of a package directory, sorted by name. */
function licenseTexts(dir) {
  return readdirSync(dir)
    .filter((name) => LICENSE_FILE.test(name))
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8').replace(/\r\n/g, '\n').trimEnd());
}

/** readmeLicense returns the "License" section of a package's README, for packages that ship no LICENSE file. */
function readmeLicense(dir) {
  const readme = readdirSync(dir).find((name) => /^readme(\.|$)/i.test(name));
  const lines = readme ? readFileSync(join(dir, readme), 'utf8').replace(/\r\n/g, '\n').split('\n') : [];
  const start = lines.findIndex((line) => /^#*\s*licen[cs]e\s*$/i.test(line.trim()));
  if (start < 0) throw new Error(`${dir} ships no LICENSE file and its README has no License section: add its license text by hand`);
  const body = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#/.test(line) || /^\[[^\]]+\]:/.test(line)) break;
    if (body.length > 0 || !/^[-=]*$/.test(line.trim())) body.push(line);
  }
  return `(from the package's ${readme})\n${body.join('\n').trimEnd()}`;
}

/** describe reads one bundled package's name, version, license and license texts. */
function describe(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const license = typeof manifest.license === 'string' ? manifest.license : manifest.license?.type;
  const texts = licenseTexts(dir);
  if (!license) throw new Error(`${dir}/package.json names no license: check the package's terms before bundling it`);
  if (texts.length === 0) texts.push(readmeLicense(dir));
  return { name: manifest.name, version: manifest.version, license, texts };
}

/** bundledPackages returns every node_modules package with code in any of the esbuild metafiles, sorted. */
export function bundledPackages(metafiles) {
  const dirs = new Set();
  for (const metafile of metafiles) {
    for (const output of Object.values(metafile.outputs)) {
      for (const input of Object.keys(output.inputs)) {
        const dir = packageDirOf(input);
        if (dir && existsSync(join(dir, 'package.json'))) dirs.add(dir);
      }
    }
  }
  const packages = [...dirs].map(describe);
  const unique = new Map(packages.map((p) => [`${p.name}@${p.version}`, p]));
  return [...unique.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
}

/** renderLicenses renders the packages as dist/licenses.txt. */
export function renderLicenses(packages) {
  const head = 'Third-party software bundled in dist/ of argocd-image-promoter, with its license terms.\n';
  const entries = packages.map((p) => `${'-'.repeat(72)}\n${p.name}@${p.version}\nLicense: ${p.license}\n\n${p.texts.join('\n\n')}\n`);
  return [head, ...entries].join('\n');
}
