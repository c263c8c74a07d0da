/** Branch names, change fingerprints and the commit message template subset, edge by edge (pure). */
import { describe, expect, it } from 'vitest';
import { branchName, changeFingerprint } from '../../src/publish/branch-name.js';
import { parseTemplate, renderTemplate, templateData, type TemplateData } from '../../src/publish/commit-message.js';
import type { ImageChange } from '../../src/publish/types.js';

const change = (over: Partial<ImageChange> = {}): ImageChange => ({
  application: 'web', alias: 'web', image: 'ghcr.io/acme/web', from: '1.0.0', to: '1.1.0', strategy: 'semver', file: 'apps/web.yaml', ...over,
});

describe('branchName edges', () => {
  it.each([
    { key: '  web  ', want: 'image-promoter/web' },
    { key: 'a  ~~b', want: 'image-promoter/a-b' },
    { key: 'a//b', want: 'image-promoter/a/b' },
    { key: '/web', want: 'image-promoter/web' },
    { key: 'app.locked/x', want: 'image-promoter/app.locked/x' },
  ])('$key -> $want', ({ key, want }) => expect(branchName(key)).toBe(want));

  it('keeps a name of exactly 200 characters whole', () => {
    expect(branchName('x'.repeat(200))).toBe(`image-promoter/${'x'.repeat(200)}`);
  });

  it('cuts a longer name before trailing dots and slashes and ends it with 8 hex characters of the key\'s hash', () => {
    const name = branchName(`v1.${'x'.repeat(185)}a./${'y'.repeat(30)}`);
    expect(name).toMatch(new RegExp(`^image-promoter/v1\\.${'x'.repeat(185)}a-[0-9a-f]{8}$`));
  });
});

describe('changeFingerprint', () => {
  it('tells Applications of the same name in two namespaces apart', () => {
    expect(changeFingerprint([change({ namespace: 'team-a' })])).not.toBe(changeFingerprint([change({ namespace: 'team-b' })]));
  });

  it('is stable across versions: pull request bodies opened by earlier versions store it', () => {
    const changes = [change(), change({ namespace: 'team-a', alias: 'api', image: 'ghcr.io/acme/api', digest: 'sha256:aa' })];
    // sha256 of the sorted lines `namespace|application|alias|image|to|digest|file` joined by newlines, first 16 hex digits.
    expect(changeFingerprint(changes)).toBe('be98ee8ca7f53ac3');
  });
});

describe('commit message template edges', () => {
  const data: TemplateData = { AppName: 'web', AppChanges: [{ Image: 'acme/web', OldTag: '1', NewTag: '2' }], Labels: { team: 'core' } };

  it.each([
    { template: '  {{ .AppName }}', want: '  web' },
    { template: '{{ .AppName -}}a b{{ .AppName -}}c d', want: 'weba bwebc d' },
    { template: 'x\n\n {{- .AppName }}', want: 'xweb' },
    { template: '{{ .AppName -}}\n\n x{{ .AppName }}', want: 'webxweb' },
    { template: 'a b {{- .AppName }}', want: 'a bweb' },
    { template: '{{ .Labels.team }}', want: 'core' },
    { template: '{{ .AppName.length }}', want: '' },
    { template: '{{ range  .AppChanges }}{{ .NewTag }}{{ end }}', want: '2' },
  ])('$template -> $want', ({ template, want }) => expect(renderTemplate(template, data)).toBe(want));

  it('renders a missing or null value as empty', () => {
    expect(renderTemplate('[{{ .Labels.team }}]', { AppName: 'web', AppChanges: [] })).toBe('[]');
    expect(renderTemplate('[{{ .Labels.team }}]', { AppName: 'web', AppChanges: [], Labels: { team: null } } as unknown as TemplateData)).toBe('[]');
    expect(renderTemplate('[{{ .Labels.team }}]', { AppName: 'web', AppChanges: [], Labels: null } as unknown as TemplateData)).toBe('[]');
  });

  it('parses text and fields, with no empty text between actions', () => {
    expect(parseTemplate('{{ .AppName }}{{ .AppName }}')).toEqual([{ field: ['AppName'] }, { field: ['AppName'] }]);
  });

  it.each([
    { template: '{{ .Labels "x" }}', message: 'unsupported template expression: .Labels "x"' },
    { template: 'a{{ end }}', message: 'unexpected {{end}}' },
    { template: '{{ range .AppChanges }}a', message: 'missing {{end}}' },
    { template: '{{ range .Labels.team }}{{ end }}', message: 'range over a non-list: .Labels.team' },
  ])('refuses $template: $message', ({ template, message }) => expect(() => renderTemplate(template, data)).toThrow(message));
});

describe('templateData', () => {
  it('keeps an image name it cannot parse as it is', () => {
    expect(templateData('web', [change({ image: 'Not A Ref' })]).AppChanges[0]!.Image).toBe('Not A Ref');
  });

  it('puts the digest in NewTag only for the digest strategy', () => {
    expect(templateData('web', [change({ digest: 'sha256:aa' })]).AppChanges[0]!.NewTag).toBe('1.1.0');
  });

  it('takes the labels of the last change, and none without changes', () => {
    const labels = (l: string) => ({ 'org.opencontainers.image.revision': l });
    expect(templateData('web', [change({ labels: labels('a') }), change({ labels: labels('b') }), change({ labels: labels('c') })]).Labels).toEqual(labels('c'));
    expect(templateData('web', []).Labels).toBeUndefined();
  });
});
