/**
 * multiSourceSkipReason on its own: which multi-source Applications have no place for the default
 * `.argocd-source-<app>.yaml`, with or without knowing this repository, and the helmvalues: target suggested.
 */
import { describe, expect, it } from 'vitest';
import { multiSourceSkipReason } from '../../src/discover/multi-source.js';
import type { AppSource } from '../../src/discover/types.js';
import { app, config, source } from '../support/builders.js';

const HERE = 'https://github.com/acme/gitops.git';
const isThisRepo = (url: string) => url === HERE;

const helmRepoChart = (fields: Partial<AppSource> = {}) => source({ repoURL: 'https://charts.acme.dev', chart: 'api', helm: { valueFiles: ['$values/envs/prod/api.yaml'] }, ...fields });
const gitChartElsewhere = (fields: Partial<AppSource> = {}) => source({ repoURL: 'https://github.com/acme/charts.git', path: 'charts/api', helm: { valueFiles: ['$values/envs/prod/api.yaml'] }, ...fields });
const valuesRef = (fields: Partial<AppSource> = {}) => source({ repoURL: HERE, ref: 'values', index: 1, ...fields });

const reason = (what: string, refText: string, path: string) =>
  `it has several sources and no write-back-target: the updater would write .argocd-source-api.yaml for ${what} where Argo CD does not read it${refText}. Set write-back-target: helmvalues:${path} (the values file the chart reads).`;
const FROM_HELM_REPO = 'the chart api from the Helm repository https://charts.acme.dev';
const GIT_ELSEWHERE = 'source 1 (https://github.com/acme/charts.git), another repository,';
const REF_TEXT = ', and Argo CD never reads one from the ref source "values"';
const PLACEHOLDER = '/<path of the values file in this repository>';

function skip(sources: AppSource[], matcher: typeof isThisRepo | undefined, writeBack: { target?: string; gitRepository?: string } = {}): string | undefined {
  const cfg = config(app({ name: 'api', sources }), [], writeBack.target);
  if (writeBack.gitRepository !== undefined) cfg.writeBack.gitRepository = writeBack.gitRepository;
  return multiSourceSkipReason(cfg, matcher);
}

describe('multiSourceSkipReason', () => {
  it('a single source is never skipped here', () => {
    expect(skip([helmRepoChart()], isThisRepo)).toBeUndefined();
  });

  it('a Helm-repository chart with a ref values source, this repository unknown: the ref source still counts', () => {
    expect(skip([helmRepoChart(), valuesRef()], undefined)).toBe(reason(FROM_HELM_REPO, REF_TEXT, '/envs/prod/api.yaml'));
  });

  it('a Helm-repository chart whose ref source is in another repository: no ref text, a placeholder path', () => {
    expect(skip([helmRepoChart(), valuesRef({ repoURL: 'https://github.com/acme/other.git' })], isThisRepo)).toBe(reason(FROM_HELM_REPO, '', PLACEHOLDER));
  });

  it('a write-back-target of blanks is no target', () => {
    expect(skip([helmRepoChart(), valuesRef()], isThisRepo, { target: '   ' })).toBe(reason(FROM_HELM_REPO, REF_TEXT, '/envs/prod/api.yaml'));
    expect(skip([helmRepoChart(), valuesRef()], isThisRepo, { target: 'helmvalues:/envs/prod/api.yaml' })).toBeUndefined();
  });

  it('a chart source without helm block or without value files gets the placeholder path', () => {
    expect(skip([helmRepoChart({ helm: undefined }), valuesRef()], isThisRepo)).toBe(reason(FROM_HELM_REPO, REF_TEXT, PLACEHOLDER));
    expect(skip([helmRepoChart({ helm: {} }), valuesRef()], isThisRepo)).toBe(reason(FROM_HELM_REPO, REF_TEXT, PLACEHOLDER));
    expect(skip([helmRepoChart({ helm: { valueFiles: ['values-prod.yaml'] } }), valuesRef()], isThisRepo)).toBe(reason(FROM_HELM_REPO, REF_TEXT, PLACEHOLDER));
  });

  it('without a ref source no value file is taken for one, whatever its name', () => {
    expect(skip([helmRepoChart({ helm: { valueFiles: ['undefined/values.yaml'] } }), source({ repoURL: HERE, path: 'apps/api', index: 1 })], isThisRepo)).toBe(reason(FROM_HELM_REPO, '', PLACEHOLDER));
  });

  it('a git chart elsewhere with values here is skipped', () => {
    expect(skip([gitChartElsewhere(), valuesRef()], isThisRepo)).toBe(reason(GIT_ELSEWHERE, REF_TEXT, '/envs/prod/api.yaml'));
  });

  it('a git source elsewhere at the repository root (no path, no chart) is not a Helm-repository chart', () => {
    expect(skip([gitChartElsewhere({ path: undefined }), valuesRef()], isThisRepo)).toBe(reason(GIT_ELSEWHERE, REF_TEXT, '/envs/prod/api.yaml'));
  });

  it('a git chart elsewhere is kept when git-repository is set, when no ref source is here, or when this repository is unknown', () => {
    expect(skip([gitChartElsewhere(), valuesRef()], isThisRepo, { gitRepository: 'https://github.com/acme/charts.git' })).toBeUndefined();
    expect(skip([gitChartElsewhere(), source({ repoURL: 'https://github.com/acme/other.git', index: 1 })], isThisRepo)).toBeUndefined();
    expect(skip([gitChartElsewhere(), valuesRef()], undefined)).toBeUndefined();
  });

  it('a chart with a path in this repository is not a Helm-repository chart', () => {
    expect(skip([source({ repoURL: HERE, chart: 'api', path: 'charts/api', helm: {} }), valuesRef()], isThisRepo)).toBeUndefined();
  });
});
