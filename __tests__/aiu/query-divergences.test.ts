/**
 * Issue 10, "Divergences from AIU": decisions once a tag is chosen. Each case names the argocd-image-updater
 * code or test (at de2cfec6) whose outcome it pins.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/edit/apply-edits.js';
import { memoryRepo } from '../../src/discover/local-repo.js';
import { decideOutcome } from '../../src/query/decide.js';
import { wouldUpdate } from '../../src/strategy/select.js';
import { application, writeBack } from './write-back.js';

const kustomization = (entry: string[]) => `images:\n${entry.map((l) => `${l}\n`).join('')}`;

function decide(files: Record<string, string>, tag: string) {
  const [item] = writeBack(files, {}).resolved;
  const outcome = decideOutcome(item, {
    chosen: { tag },
    updates: wouldUpdate(item.image.strategy, { tag }, item.current),
    isDowngrade: () => false,
    allowDowngrade: false,
    mode: 'files',
  });
  if (outcome.status !== 'update') return { status: outcome.status, files: {} as Record<string, string> };
  const edit = { application: 'web', alias: item.image.alias, image: item.image, target: item.target, newImage: outcome.update.newImage };
  const changes = applyEdits([edit], memoryRepo(files)).changes;
  return { status: outcome.status, from: outcome.update.entry.from, files: Object.fromEntries(changes.map((c) => [c.path, c.after])) };
}

describe('item 7: a registry change with the same tag updates the image name', () => {
  const app = (target?: string) =>
    application('web', { 'image-list': 'app=gcr.io/org/app', 'app.kustomize.image-name': 'org/app', 'write-back-method': 'git', ...(target ? { 'write-back-target': target } : {}) }, [
      'source:',
      '  repoURL: https://github.com/acme/gitops.git',
      '  path: apps/web',
      '  kustomize: {}',
    ]);
  // update.go needsUpdate: "|| applicationImage.KustomizeImage != nil && applicationImage.DiffersFrom(updateableImage, false)";
  // argocd_test.go Test_SetKustomizeImage "... with alias name on Kustomize app with param already set" (the
  // `orig=new-name:tag` form written); update_test.go Test_UpdateApplication "Test kustomize w/ different registry".
  it('default .argocd-source target: org/app=gcr.io/org/app:1.0.1 written', () => {
    const out = decide({ 'argocd/web.yaml': app(), 'apps/web/kustomization.yaml': kustomization(['- name: org/app', '  newTag: 1.0.1']) }, '1.0.1');
    expect(out).toEqual({ status: 'update', from: '1.0.1', files: { 'apps/web/.argocd-source-web.yaml': 'kustomize:\n  images:\n  - org/app=gcr.io/org/app:1.0.1\n' } });
  });
  it('kustomization target: newName set, tag kept', () => {
    const out = decide({ 'argocd/web.yaml': app('kustomization'), 'apps/web/kustomization.yaml': kustomization(['- name: org/app', '  newTag: 1.0.1']) }, '1.0.1');
    expect(out.status).toBe('update');
    expect(out.files['apps/web/kustomization.yaml']).toContain('newName: gcr.io/org/app');
    expect(out.files['apps/web/kustomization.yaml']).toContain('newTag: 1.0.1');
  });
  it('already renamed: unchanged (no loop)', () => {
    const out = decide({ 'argocd/web.yaml': app(), 'apps/web/kustomization.yaml': kustomization(['- name: org/app', '  newTag: 1.0.1']), 'apps/web/.argocd-source-web.yaml': 'kustomize:\n  images:\n  - org/app=gcr.io/org/app:1.0.1\n' }, '1.0.1');
    expect(out.status).toBe('unchanged');
  });
});
