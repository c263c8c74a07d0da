import { diffLines } from 'diff';
import { describe, expect, it } from 'vitest';
import { memoryRepo } from '../../src/discover/local-repo.js';
import { toUserMessage } from '../../src/errors.js';
import type { FileChange } from '../../src/resolve/types.js';
import { planRollback, type RollbackRequest } from '../../src/rollback/plan-rollback.js';
import { wording } from '../../src/config/surface.js';

const P = 'argocd-image-updater.argoproj.io/';
const REPO = 'https://github.com/acme/gitops.git';

/** application renders an Application with the given annotation lines (each without indentation). */
function application(name: string, annotations: string[], source: string, namespace = 'argocd'): string {
  const notes = annotations.map((a) => `    ${a}\n`).join('');
  return `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  annotations:\n${notes}spec:\n  project: default\n  source:\n    repoURL: ${REPO}\n${source}`;
}

const kustomization = (tag: string): string => `resources:\n- ../base\nimages:\n- name: asia.gcr.io/acme/api\n  newTag: ${tag} # promoted by CI\n`;
const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: gcr.io/acme/web:2.0.0 # pinned\n`;

const FILES: Record<string, string> = {
  // Kustomize, written to the kustomization itself; no ignore-tags anywhere.
  'argocd/api-prod.yaml': application('api-prod', [`# prod follows semver`, `${P}image-list: api=asia.gcr.io/acme/api:~1.2`, `${P}write-back-method: git`, `${P}write-back-target: kustomization`], '    path: apps/api/prod\n'),
  'apps/api/prod/kustomization.yaml': kustomization('1.2.3'),
  // Helm, written to the updater's override file; an app-wide ignore-tags the alias inherits.
  'argocd/api-dev.yaml': application('api-dev', [`${P}image-list: api=asia.gcr.io/acme/api`, `${P}update-strategy: newest-build`, `${P}ignore-tags: latest`], '    path: charts/api\n'),
  'charts/api/Chart.yaml': 'name: api\n',
  'charts/api/values.yaml': '# defaults\nimage:\n  name: asia.gcr.io/acme/api\n  tag: abc1234\n',
  // Plain manifests in the Application's own file; an unaliased image and the app-wide key.
  'apps/web/web.yaml': `${application('web', [`${P}image-list: gcr.io/acme/web:~2`, `${P}ignore-tags: "latest, dev-*"`], '    path: apps/web\n')}---\n${deployment}`,
  // An earlier rollback ignored 1.3.0; rolling forward to it again.
  'argocd/rolled.yaml': application('rolled', [`${P}image-list: api=asia.gcr.io/acme/api:~1.2`, `${P}write-back-target: kustomization`, `${P}api.ignore-tags: latest, 1.3.0`], '    path: apps/api/rolled\n'),
  'apps/api/rolled/kustomization.yaml': kustomization('1.2.0'),
  // git holds no tag for the image yet.
  'argocd/fresh.yaml': application('fresh', [`${P}image-list: api=asia.gcr.io/acme/api`, `${P}write-back-target: kustomization`], '    path: apps/api/fresh\n'),
  'apps/api/fresh/kustomization.yaml': 'resources:\n- ../base\n',
  // Configured by an ImageUpdater CR, not by annotations.
  'argocd/cr-app.yaml': application('cr-app', [`team: a`], '    path: apps/api/prod\n'),
  'argocd/fleet.yaml': `apiVersion: argocd-image-updater.argoproj.io/v1alpha1\nkind: ImageUpdater\nmetadata: {name: fleet, namespace: argocd}\nspec:\n  applicationRefs:\n    - namePattern: cr-app\n      images:\n        - alias: api\n          imageName: asia.gcr.io/acme/api:~1.2\n`,
  // The updater patches the live Application: this tool does not touch it.
  'argocd/live.yaml': application('live', [`${P}image-list: api=asia.gcr.io/acme/api`, `${P}write-back-method: argocd`], '    path: apps/api/prod\n'),
  // The digest strategy follows one tag's digest: ignore-tags cannot hold it back.
  'argocd/pinned.yaml': application('pinned', [`${P}image-list: api=asia.gcr.io/acme/api:latest`, `${P}api.update-strategy: digest`, `${P}write-back-target: kustomization`], '    path: apps/api/prod\n'),
  // A broken annotation: the Application fails discovery.
  'argocd/broken.yaml': application('broken', [`${P}image-list: api=asia.gcr.io/acme/api`, `${P}api.force-update: maybe`], '    path: apps/api/prod\n'),
  // Two Applications named "twin" in different namespaces.
  'argocd/twin-a.yaml': application('twin', [`${P}image-list: api=asia.gcr.io/acme/api`, `${P}write-back-target: kustomization`], '    path: apps/api/prod\n', 'team-a'),
  'argocd/twin-b.yaml': application('twin', [`${P}image-list: api=asia.gcr.io/acme/api`, `${P}write-back-target: kustomization`], '    path: apps/api/rolled\n', 'team-b'),
};

/** changed lists the lines a change removes (-) and adds (+): the golden "only these lines change". */
function changed(change: FileChange): string[] {
  return diffLines(change.before ?? '', change.after).flatMap((part) => {
    if (!part.added && !part.removed) return [];
    return part.value.replace(/\n$/, '').split('\n').map((line) => `${part.added ? '+' : '-'}${line}`);
  });
}

function plan(request: Partial<RollbackRequest> & { application: string }, files = FILES) {
  return planRollback(memoryRepo(files), { alias: 'api', tag: '1.2.2', ...request });
}

describe('planRollback: sets the tag and ignores the tag it replaces', () => {
  it('kustomization target; the per-alias key is created', () => {
    const result = plan({ application: 'api-prod' });
    expect(result.changes.map((c) => [c.path, changed(c)])).toEqual([
      ['apps/api/prod/kustomization.yaml', ['-  newTag: 1.2.3 # promoted by CI', '+  newTag: 1.2.2 # promoted by CI']],
      ['argocd/api-prod.yaml', [`+    ${P}api.ignore-tags: 1.2.3`]],
    ]);
    expect(result.changes[1].after).toBe(
      FILES['argocd/api-prod.yaml'].replace(`write-back-target: kustomization\n`, `write-back-target: kustomization\n    ${P}api.ignore-tags: 1.2.3\n`),
    );
    expect(result.entry).toEqual({ application: 'api-prod', alias: 'api', image: 'asia.gcr.io/acme/api', from: '1.2.3', to: '1.2.2', digest: null, strategy: 'rollback', file: 'apps/api/prod/kustomization.yaml' });
    expect(result.ignoredTag).toBe('1.2.3');
    expect(result.ignore).toEqual({ annotation: `${P}api.ignore-tags`, file: 'argocd/api-prod.yaml', line: 11, value: '1.2.3', created: true });
    expect(result.warnings).toEqual([]);
    expect(result.config.app.name).toBe('api-prod');
  });

  it('helm override file is created; the new per-alias key starts from the app-wide list', () => {
    const result = plan({ application: 'api-dev', tag: 'def5678' });
    expect(result.changes.map((c) => [c.path, c.before === null ? 'created' : changed(c)])).toEqual([
      ['charts/api/.argocd-source-api-dev.yaml', 'created'],
      ['argocd/api-dev.yaml', [`+    ${P}api.ignore-tags: latest,abc1234`]],
    ]);
    expect(result.changes[0].after).toContain('value: def5678');
    expect(result.entry).toMatchObject({ from: 'abc1234', to: 'def5678', file: 'charts/api/.argocd-source-api-dev.yaml' });
  });

  it('an unaliased image uses the app-wide key; both edits land in the one file, in turn', () => {
    const result = plan({ application: 'web', alias: 'gcr.io/acme/web', tag: '1.9.0' });
    expect(result.changes.map((c) => [c.path, changed(c)])).toEqual([
      [
        'apps/web/web.yaml',
        [`-    ${P}ignore-tags: "latest, dev-*"`, `+    ${P}ignore-tags: "latest, dev-*, 2.0.0"`, '-        image: gcr.io/acme/web:2.0.0 # pinned', '+        image: gcr.io/acme/web:1.9.0 # pinned'],
      ],
    ]);
    expect(result.ignore).toMatchObject({ annotation: `${P}ignore-tags`, created: false, line: 8 });
    expect(result.warnings).toEqual([]);
  });

  it('rolling forward to a tag an earlier rollback ignored takes it off the list', () => {
    const result = plan({ application: 'rolled', tag: '1.3.0' });
    expect(result.changes.map((c) => [c.path, changed(c)])).toEqual([
      ['apps/api/rolled/kustomization.yaml', ['-  newTag: 1.2.0 # promoted by CI', '+  newTag: 1.3.0 # promoted by CI']],
      ['argocd/rolled.yaml', [`-    ${P}api.ignore-tags: latest, 1.3.0`, `+    ${P}api.ignore-tags: latest, 1.2.0`]],
    ]);
  });

  it('nothing to ignore when git held no tag: the image is set, the annotations stay', () => {
    const result = plan({ application: 'fresh', digest: `sha256:${'a'.repeat(64)}` });
    expect(result.changes.map((c) => c.path)).toEqual(['apps/api/fresh/kustomization.yaml']);
    expect(changed(result.changes[0])).toEqual(['+images:', '+- name: asia.gcr.io/acme/api', '+  newTag: 1.2.2', `+  digest: sha256:${'a'.repeat(64)}`]);
    expect(result).toMatchObject({ ignoredTag: null, ignore: null, entry: { from: null, digest: `sha256:${'a'.repeat(64)}`, pinned: true } });
  });

  it('warns when the new tag still matches an ignore-tags glob', () => {
    const result = plan({ application: 'web', alias: 'gcr.io/acme/web', tag: 'dev-1' });
    expect(result.warnings).toEqual(['dev-1 matches the ignore-tags glob "dev-*" of gcr.io/acme/web; later runs will not consider it.']);
  });

  it('the namespace picks one of two Applications of the same name', () => {
    expect(plan({ application: 'twin', namespace: 'team-b' }).entry).toMatchObject({ from: '1.2.0', file: 'apps/api/rolled/kustomization.yaml' });
  });
});

describe('planRollback: copies of one Application in several files (one folder per cluster, issue 10)', () => {
  const copies = {
    ...FILES,
    'argocd-apps/prod/shop.yaml': application('shop', [`${P}image-list: api=asia.gcr.io/acme/api`, `${P}write-back-target: kustomization`], '    path: apps/api/prod\n'),
    'argocd-apps/staging/shop.yaml': application('shop', [`${P}image-list: api=asia.gcr.io/acme/api`, `${P}write-back-target: kustomization`], '    path: apps/api/rolled\n'),
  };

  it('the bare name is refused, listing each copy by the name the report uses and saying how to pick one', () => {
    let caught: (Error & { fix?: string }) | undefined;
    try {
      planRollback(memoryRepo(copies), { application: 'shop', alias: 'api', tag: '1.2.2' }, { wording: wording('cli') });
    } catch (error) {
      caught = error as Error & { fix?: string };
    }
    expect(caught?.message).toBe("more than one Application is named shop: 'shop (argocd-apps/prod/shop.yaml)' (argocd-apps/prod/shop.yaml:2), 'shop (argocd-apps/staging/shop.yaml)' (argocd-apps/staging/shop.yaml:2)");
    expect(caught?.fix).toBe("Give --application the name the report uses for the one to roll back, e.g. 'shop (argocd-apps/prod/shop.yaml)'; or narrow the files read with --paths.");
  });

  it("the action's words: rollback-application and 'paths'", () => {
    expect(() => planRollback(memoryRepo(copies), { application: 'shop', alias: 'api', tag: '1.2.2' })).toThrow(expect.objectContaining({ fix: expect.stringMatching(/^Give 'rollback-application' .*narrow the files read with 'paths'\.$/) }));
  });

  it("the report's name picks one copy, and the entry carries that name", () => {
    const result = planRollback(memoryRepo(copies), { application: 'shop (argocd-apps/staging/shop.yaml)', alias: 'api', tag: '1.2.2' });
    expect(result.entry).toMatchObject({ application: 'shop (argocd-apps/staging/shop.yaml)', from: '1.2.0', file: 'apps/api/rolled/kustomization.yaml' });
    expect(result.changes.map((c) => c.path)).toEqual(['apps/api/rolled/kustomization.yaml', 'argocd-apps/staging/shop.yaml']);
  });

  it('paths narrows the files read, as in a promotion run: the other copy is not read', () => {
    const result = planRollback(memoryRepo(copies), { application: 'shop', alias: 'api', tag: '1.2.2' }, { paths: ['argocd-apps/prod'] });
    expect(result.entry).toMatchObject({ application: 'shop', file: 'apps/api/prod/kustomization.yaml' });
    expect(() => planRollback(memoryRepo(copies), { application: 'shop', alias: 'api', tag: '1.2.2' }, { excludePaths: ['argocd-apps/**'] })).toThrow(/no Application named shop/);
  });

  it('namespace/name picks one of two namespaces', () => {
    expect(plan({ application: 'team-b/twin' }).entry).toMatchObject({ application: 'team-b/twin', from: '1.2.0', file: 'apps/api/rolled/kustomization.yaml' });
  });
});

describe('planRollback: refusals name the application, file, line and fix, and change nothing', () => {
  const cases: { name: string; request: Partial<RollbackRequest> & { application: string }; error: string; message: RegExp; file?: string; line?: number }[] = [
    { name: 'unknown application', request: { application: 'nope' }, error: 'ConfigError', message: /no Application named nope/ },
    { name: 'unknown alias', request: { application: 'api-prod', alias: 'web' }, error: 'ConfigError', message: /image-list has no image "web"/, file: 'argocd/api-prod.yaml', line: 8 },
    { name: 'tag equal to the current one', request: { application: 'api-prod', tag: '1.2.3' }, error: 'ConfigError', message: /already at 1\.2\.3/, file: 'apps/api/prod/kustomization.yaml', line: 5 },
    { name: 'configured by an ImageUpdater CR', request: { application: 'cr-app' }, error: 'ConfigError', message: /configured by ImageUpdater fleet, not by annotations/, file: 'argocd/fleet.yaml', line: 2 },
    { name: 'write-back-method argocd', request: { application: 'live' }, error: 'ConfigError', message: /not promoted by this tool: write-back-method is argocd/ },
    { name: 'digest strategy', request: { application: 'pinned', tag: 'stable' }, error: 'ConfigError', message: /digest strategy/, file: 'apps/api/prod/kustomization.yaml', line: 5 },
    { name: 'broken annotation', request: { application: 'broken' }, error: 'AnnotationError', message: /force-update "maybe" is not a boolean/, file: 'argocd/broken.yaml', line: 8 },
    { name: 'same name in two namespaces', request: { application: 'twin' }, error: 'ConfigError', message: /more than one Application is named twin/, file: 'argocd/twin-a.yaml', line: 2 },
    { name: 'not a tag', request: { application: 'api-prod', tag: '-rc' }, error: 'ConfigError', message: /"-rc" is not an image tag/ },
    { name: 'not a digest', request: { application: 'api-prod', digest: 'sha256:xyz' }, error: 'ConfigError', message: /is not a digest/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      let caught: unknown;
      try {
        plan(c.request);
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ name: c.error, application: c.request.application, fix: expect.any(String) });
      const error = caught as Error & { file?: string; line?: number };
      expect(error.message).toMatch(c.message);
      expect({ file: error.file, line: error.line }).toEqual({ file: c.file, line: c.line });
      expect(toUserMessage(error)).toContain(`Application ${c.request.application}`);
    });
  }

  it('an Application whose file cannot take the annotation fails as a whole (no image change either)', () => {
    // The annotations map is shared through an anchor: adding a key would change the other user too.
    const text = FILES['argocd/api-prod.yaml'].replace('  annotations:\n', '  annotations: &notes\n') + `---\nkind: ConfigMap\ndata: *notes\n`;
    expect(() => plan({ application: 'api-prod' }, { ...FILES, 'argocd/api-prod.yaml': text })).toThrow(
      expect.objectContaining({ name: 'EditError', application: 'api-prod', annotation: `${P}api.ignore-tags`, file: 'argocd/api-prod.yaml', message: expect.stringMatching(/could not add the replaced tag/) }),
    );
  });
});
