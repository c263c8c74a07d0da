/** The registry inputs: registry-timeout (issue 14 item 12) and tag (issue 14 item 8). */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';

describe('input registry-timeout', () => {
  const read = (value: string) => parseConfig((name) => (name === 'registry-timeout' ? value : ''));
  it.each([
    ['', undefined],
    ['20', 20_000],
    ['0.5', 500],
  ])('%j is %s ms', (value, want) => {
    expect(read(value).registryTimeoutMs).toBe(want);
  });
  it.each(['0', '-1', 'ten', '20s', '99999'])('%j is refused, naming the input', (value) => {
    expect(() => read(value)).toThrow(/input 'registry-timeout' is ".*", which is not a number of seconds/);
  });
});

describe('input tag', () => {
  const read = (value: string) => parseConfig((name) => (name === 'tag' ? value : name === 'image' ? 'gcr.io/p/web' : ''));
  it('issue 14 item 8: an input tag that is not a valid OCI tag is refused', () => {
    expect(read('1.2.0').tag).toBe('1.2.0');
    expect(() => read('1.2\n{{x}}')).toThrow(`input 'tag' is "1.2\\n{{x}}", which is not a valid image tag.`);
  });
});
