/** paths / exclude-paths: globs on repo-relative file paths choosing the files read for Applications. */
import { wording } from '../../src/config/surface.js';
import { describe, expect, it } from 'vitest';
import { discoverApplications } from '../../src/discover/discover.js';
import { memoryRepo, readLocalRepo } from '../../src/discover/local-repo.js';
import { pathFilter } from '../../src/discover/path-filter.js';

const FILES = ['argocd-apps/prod/web.yaml', 'argocd-apps/dev/web.yaml', 'argocd-apps/dev/.hidden/x.yaml', 'teams/apps.yaml'];

describe('pathFilter', () => {
  const cases: { name: string; paths: string[]; exclude: string[]; read: string[] }[] = [
    { name: 'no globs read every file', paths: [], exclude: [], read: FILES },
    { name: 'a ** glob', paths: ['argocd-apps/prod/**'], exclude: [], read: ['argocd-apps/prod/web.yaml'] },
    { name: 'a directory covers all below it', paths: ['argocd-apps/dev'], exclude: [], read: ['argocd-apps/dev/web.yaml', 'argocd-apps/dev/.hidden/x.yaml'] },
    { name: 'a trailing slash and ./ are accepted', paths: ['./argocd-apps/dev/'], exclude: [], read: ['argocd-apps/dev/web.yaml', 'argocd-apps/dev/.hidden/x.yaml'] },
    { name: 'a * glob on directories', paths: ['argocd-apps/*'], exclude: ['argocd-apps/dev'], read: ['argocd-apps/prod/web.yaml'] },
    { name: 'exclude alone', paths: [], exclude: ['**/.hidden/**', 'teams/*.yaml'], read: ['argocd-apps/prod/web.yaml', 'argocd-apps/dev/web.yaml'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(FILES.filter(pathFilter(c.paths, c.exclude).wanted)).toEqual(c.read);
    });
  }

  it('names the globs that match no file', () => {
    expect(pathFilter(['argocd-apps/prod', 'clusters/**'], ['nope/*']).unmatched(FILES)).toEqual({ paths: ['clusters/**'], excludePaths: ['nope/*'] });
  });
});

describe('discover: paths and nothing matched', () => {
  it('reads Applications only from the chosen files, and says which globs matched nothing', async () => {
    const files = await readLocalRepo('__fixtures__/layouts/per-cluster');
    const result = discoverApplications(files, { paths: ['argocd-apps/**', 'clusters/**'], excludePaths: ['argocd-apps/qa-*'] });
    expect(result.configs.map((c) => c.app.label)).toEqual(['web (argocd-apps/prod/web.yaml)', 'web (argocd-apps/staging/web.yaml)']);
    expect(result.warnings).toEqual([{ message: 'paths: "clusters/**" matches no file of the repository.' }]);
  });

  it('an applications glob that matches nothing is a warning naming what was found', async () => {
    const result = discoverApplications(await readLocalRepo('__fixtures__/layouts/per-cluster'), { applications: ['wbe', 'web'] });
    expect(result.warnings).toEqual([{ message: 'applications: "wbe" matches no Application (found: web, blue, green).' }]);
  });

  it('the CLI names its flags (issue 10: surface-aware wording)', async () => {
    const files = await readLocalRepo('__fixtures__/layouts/per-cluster');
    const result = discoverApplications(files, { applications: ['wbe'], paths: ['nowhere'], excludePaths: ['nothing'], wording: wording('cli') });
    expect(result.warnings.map((w) => w.message)).toEqual([
      '--paths: "nowhere" matches no file of the repository.',
      '--exclude-paths: "nothing" matches no file of the repository.',
      expect.stringMatching(/^no Argo CD Application/),
    ]);
    expect(discoverApplications(files, { applications: ['wbe'], wording: wording('cli') }).warnings.map((w) => w.message)).toEqual(['--applications: "wbe" matches no Application (found: web, blue, green).']);
  });

  it('no Application at all (they live in .yaml.tpl files) is a warning', async () => {
    const result = discoverApplications(await readLocalRepo('__fixtures__/layouts/templates-only'));
    expect(result.configs).toEqual([]);
    expect(result.warnings).toEqual([{ message: expect.stringMatching(/^no Argo CD Application \(argoproj.io\/v1alpha1\) was found in the 1 YAML files read\. .*\.yaml\.tpl/) }]);
  });

  it('a repo with Applications gives no warning', () => {
    const app = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a}\nspec: {source: {repoURL: x}}\n';
    expect(discoverApplications(memoryRepo({ 'a.yaml': app })).warnings).toEqual([]);
  });
});
