import { describe, expect, it } from 'vitest';
import { emptyReport, reportJson, type RunReport } from '../../src/report/result.js';

describe('CLI --json carries has-updates like the action output', () => {
  it('false with no updates, false when every update is already pending, true with a new one', () => {
    const report: RunReport = emptyReport(false);
    expect(reportJson(report)['has-updates']).toBe(false);
    report.updates.push({ pending: true } as RunReport['updates'][number]);
    expect(reportJson(report)['has-updates']).toBe(false);
    report.updates.push({} as RunReport['updates'][number]);
    expect(reportJson(report)['has-updates']).toBe(true);
  });
});
