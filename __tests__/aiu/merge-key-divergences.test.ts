/**
 * Issue 10 item 5: `<<:` merge keys in Helm values. Expected bytes from argocd-image-updater's
 * update_test.go TestMarshalParamsOverride_PreservesFormatting (de2cfec6).
 */
import { describe, expect, it } from 'vitest';
import { application, writeBack } from './write-back.js';

const VALUES = `# This is a header comment describing the values file
# It spans multiple lines

# Global settings section
global:
  # Environment configuration
  environment: production
  debug: false

# Image configuration with anchors
images:
  # Primary application image
  app: &app-image
    repository: myapp
    tag: v1.0.0  # Current version
    pullPolicy: IfNotPresent

  # Sidecar image using alias
  sidecar:
    <<: *app-image
    tag: v1.0.0

# Database settings
database:
  host: localhost
  port: 5432

  # Connection pool settings
  pool:
    minSize: 5
    maxSize: 20
`;

const app = (sidecarTag: string) =>
  application(
    'web',
    {
      'image-list': 'app=myapp, sidecar=myapp',
      'write-back-method': 'git',
      'write-back-target': 'helmvalues:values.yaml',
      'app.helm.image-name': 'images.app.repository',
      'app.helm.image-tag': 'images.app.tag',
      'sidecar.helm.image-name': 'images.app.repository',
      'sidecar.helm.image-tag': sidecarTag,
    },
    ['source:', '  repoURL: https://github.com/acme/gitops.git', '  path: apps/web', '  helm: {}'],
  );
const repo = (sidecarTag: string, values = VALUES) => ({ 'argocd/web.yaml': app(sidecarTag), 'apps/web/Chart.yaml': 'name: web\n', 'apps/web/values.yaml': values });

describe('item 5: a values block anchored and merged elsewhere', () => {
  it('both tags patched byte-exactly, as AIU does (TestMarshalParamsOverride_PreservesFormatting)', () => {
    const out = writeBack(repo('images.sidecar.tag'), { app: 'v2.0.0', sidecar: 'v2.0.0' });
    expect(out.errors).toEqual([]);
    expect(out.files['apps/web/values.yaml']).toBe(VALUES.replace('tag: v1.0.0  # Current version', 'tag: v2.0.0  # Current version').replace('    tag: v1.0.0\n\n# Database', '    tag: v2.0.0\n\n# Database'));
  });
  it('only the anchored tag moves: the merged block keeps its own override', () => {
    const out = writeBack(repo('images.sidecar.tag'), { app: 'v2.0.0' });
    expect(out.errors).toEqual([]);
    expect(out.files['apps/web/values.yaml']).toBe(VALUES.replace('tag: v1.0.0  # Current version', 'tag: v2.0.0  # Current version'));
  });
  it('the merged block without a tag of its own gets one: both written (AIU re-encodes to the same values)', () => {
    const values = VALUES.replace('    <<: *app-image\n    tag: v1.0.0\n', '    <<: *app-image\n    pullPolicy: Always\n');
    const out = writeBack(repo('images.sidecar.tag', values), { app: 'v2.0.0', sidecar: 'v3.0.0' });
    expect(out.errors).toEqual([]);
    expect(out.files['apps/web/values.yaml']).toBe(
      values.replace('tag: v1.0.0  # Current version', 'tag: v2.0.0  # Current version').replace('    pullPolicy: Always\n', '    pullPolicy: Always\n    tag: v3.0.0\n'),
    );
  });
  it('a refusal never leaves a half-update: the whole Application is refused', () => {
    // No image owns the sidecar block, which merges the anchored tag without a tag of its own: moving the
    // anchored tag would also move the sidecar, so that edit is refused, and with it the other image (other.tag).
    const values = `${VALUES.replace('    <<: *app-image\n    tag: v1.0.0\n', '    <<: *app-image\n')}other:\n  tag: v1.0.0\n`;
    const out = writeBack(repo('other.tag', values), { app: 'v2.0.0', sidecar: 'v3.0.0' });
    expect(out.files).toEqual({});
    expect(out.errors).toHaveLength(2);
    expect(out.errors.every((e) => /more than the image values/.test(e))).toBe(true);
  });
});
