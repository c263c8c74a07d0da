import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BY_FILE_AT, renderSummaryMarkdown, renderTable } from '../../src/report/render.js';
import { emptyReport, reportJson, type RunReport } from '../../src/report/result.js';

function sampleReport(): RunReport {
  const report = emptyReport(true);
  report.updates.push({ application: 'web-prod', alias: 'web', image: 'asia.gcr.io/acme/web', from: '1.4.1', to: '1.4.2', digest: null, strategy: 'semver', file: 'apps/web/kustomization.yaml', mode: 'pull-request' });
  report.unchanged.push({ application: 'api-prod', alias: 'api', image: 'asia.gcr.io/acme/api', tag: '2.0.0', strategy: 'semver', file: 'apps/api/values.yaml' });
  report.skipped.push({ application: 'legacy', alias: null, reason: 'write-back-method argocd: this action writes only to git' });
  report.errors.push({ application: 'broken|app', alias: 'x', message: 'bad constraint "~>1.x.y"' });
  report.filesChanged.push('apps/web/kustomization.yaml');
  report.warnings.push({ message: 'web-prod: update-strategy "latest" is a deprecated name', file: 'apps/web.yaml', line: 3 });
  return report;
}

describe('renderTable', () => {
  it('shows one row per image with the result and the file or reason', () => {
    const lines = renderTable(sampleReport()).split('\n');
    expect(lines[0]).toMatch(/^APPLICATION\s+ALIAS\s+IMAGE\s+CURRENT\s+CHOSEN\s+STRATEGY\s+RESULT\s+FILE \/ REASON$/);
    expect(lines[1]).toMatch(/^web-prod\s+web\s+asia\.gcr\.io\/acme\/web\s+1\.4\.1\s+1\.4\.2\s+semver\s+update \(pull-request\)\s+apps\/web\/kustomization\.yaml$/);
    expect(lines.some((l) => /^legacy .*skipped\s+write-back-method argocd/.test(l))).toBe(true);
    expect(lines.some((l) => /FAILED\s+bad constraint/.test(l))).toBe(true);
    expect(lines).toContain('would change: apps/web/kustomization.yaml');
    expect(lines).toContain('warning: web-prod: update-strategy "latest" is a deprecated name');
    expect(lines).toContain('1 to update, 1 up to date, 1 skipped, 1 failed');
  });
});

describe('renderTable: big plans', () => {
  it('groups the update rows by edited file above BY_FILE_AT updates, in file order, each file with its count', () => {
    const report = sampleReport();
    const base = report.updates[0]!;
    report.updates.length = 0;
    for (let i = 0; i <= BY_FILE_AT; i++) report.updates.push({ ...base, application: `app-${i}`, file: i % 2 === 0 ? 'b/kustomization.yaml' : 'a/values.yaml' });
    const lines = renderTable(report).split('\n');
    const even = Math.ceil((BY_FILE_AT + 1) / 2);
    const odd = BY_FILE_AT + 1 - even;
    expect(lines[1]).toBe(`a/values.yaml (${odd} updates):`);
    expect(lines[2]).toMatch(/^  app-1\s+web\s.*a\/values\.yaml$/);
    expect(lines[2 + odd]).toBe(`b/kustomization.yaml (${even} updates):`);
    expect(lines[3 + odd]).toMatch(/^  app-0\s+web\s.*b\/kustomization\.yaml$/);
    expect(lines[3 + odd + even]).toMatch(/^api-prod\s+api\s.*up to date/);
  });

  it('keeps the flat table at BY_FILE_AT updates or fewer', () => {
    expect(renderTable(sampleReport())).not.toMatch(/\(1 update\):/);
  });
});

describe('renderSummaryMarkdown', () => {
  it('escapes table cells and lists skipped reasons', () => {
    const markdown = renderSummaryMarkdown(sampleReport());
    expect(markdown).toContain('| web-prod | web | `asia.gcr.io/acme/web` | 1.4.1 | **1.4.2** | pull-request | apps/web/kustomization.yaml |');
    expect(markdown).toContain('| broken\\|app | x |');
    expect(markdown).toContain('write-back-method argocd');
  });
});

describe('reportJson', () => {
  it('has the output names of action.yml', () => {
    const outputs = Object.keys((parse(readFileSync(join(import.meta.dirname, '../../action.yml'), 'utf8')) as { outputs: Record<string, unknown> }).outputs);
    expect(outputs).toContain('configured-by');
    expect(Object.keys(reportJson(sampleReport()))).toEqual(outputs);
  });
});

describe('renderSummaryMarkdown: visible state', () => {
  it('marks a dry run, lists up-to-date Applications and warnings', () => {
    const markdown = renderSummaryMarkdown(sampleReport());
    expect(markdown).toContain('> **Dry run**: nothing was committed, pushed or opened');
    expect(markdown).toContain('| api-prod | api | `asia.gcr.io/acme/api` | 2.0.0 |');
    expect(markdown).toContain('### Warnings\n\n- `apps/web.yaml:3`: web-prod: update-strategy "latest" is a deprecated name');
    expect(renderSummaryMarkdown({ ...sampleReport(), dryRun: false })).not.toContain('Dry run');
  });

  it('says per pull request which Applications it carries and its auto-merge state, and which updates are only pending', () => {
    const report = { ...sampleReport(), dryRun: false };
    report.updates[0] = { ...report.updates[0]!, pullRequest: 7, pending: true };
    report.pullRequests.push(
      { number: 7, url: 'https://github.example/acme/gitops/pull/7', branch: 'image-promoter/web-prod', operation: 'unchanged', applications: ['web-prod'], autoMerge: 'enabled' },
      { number: 8, url: 'https://github.example/acme/gitops/pull/8', branch: 'image-promoter/api', operation: 'created', applications: ['api', 'worker'], autoMerge: 'not-enabled', autoMergeReason: 'auto-merge is not allowed in this repository' },
    );
    const markdown = renderSummaryMarkdown(report);
    expect(markdown).toContain('| [#7](https://github.example/acme/gitops/pull/7) | web-prod | unchanged | armed |');
    expect(markdown).toContain('| [#8](https://github.example/acme/gitops/pull/8) | api, worker | created | not armed: auto-merge is not allowed in this repository |');
    expect(markdown).toContain('| pull-request (#7, already pending) |');
    expect(markdown).toContain('1 to update (1 already pending in open pull requests)');
  });
});

describe('configured by (issue 10, divergence 13): which configuration source each Application used', () => {
  const report = (): RunReport => ({
    ...sampleReport(),
    configuredBy: {
      'web-prod': 'annotations',
      'shop-api': 'ImageUpdater shop (updaters/updater.yaml:2)',
      'api-prod': 'annotations',
      legacy: 'annotations (ImageUpdater team useAnnotations, updaters/team.yaml:5)',
    },
  });

  it('--json carries the map', () => {
    expect(reportJson(report())['configured-by']).toEqual(report().configuredBy);
  });

  it('the table says one line per source, Applications in name order', () => {
    const table = renderTable(report());
    expect(table).toContain('configured by ImageUpdater shop (updaters/updater.yaml:2): shop-api\n');
    expect(table).toContain('configured by annotations: api-prod, web-prod\n');
    expect(table).toContain('configured by annotations (ImageUpdater team useAnnotations, updaters/team.yaml:5): legacy\n');
  });

  it('the job summary has a Configured by table', () => {
    expect(renderSummaryMarkdown(report())).toContain('| Configured by | Applications |\n| --- | --- |\n| ImageUpdater shop (updaters/updater.yaml:2) | shop-api |\n| annotations | api-prod, web-prod |\n');
  });
});
