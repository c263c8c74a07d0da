import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../../src/registry/client.js';
import { inferEndpoint, isLoopbackHost, selectEndpoint } from '../../src/registry/endpoints.js';

const configured = (host: string): Endpoint => ({ host, apiUrl: `https://mirror.example/${host}`, insecure: false, tagSortMode: 'none' });

describe('inferEndpoint', () => {
  const cases = [
    { host: 'asia.gcr.io', apiUrl: 'https://asia.gcr.io', limit: 20 },
    { host: 'registry.example:5000', apiUrl: 'https://registry.example:5000', limit: 20 },
    { host: '127.0.0.1:5000', apiUrl: 'http://127.0.0.1:5000', limit: 20 },
    { host: '127.1.2.3', apiUrl: 'http://127.1.2.3', limit: 20 },
    { host: 'localhost:5000', apiUrl: 'http://localhost:5000', limit: 20 },
    { host: '[::1]:5000', apiUrl: 'http://[::1]:5000', limit: 20 },
    // Not loopback: a host that only looks like it.
    { host: '127.0.0.1.example.com', apiUrl: 'https://127.0.0.1.example.com', limit: 20 },
    { host: 'docker.io', apiUrl: 'https://registry-1.docker.io', limit: 10 },
  ];
  it.each(cases)('$host -> $apiUrl', ({ host, apiUrl, limit }) => {
    expect(inferEndpoint(host)).toMatchObject({ host, apiUrl, limit, insecure: false, tagSortMode: 'none' });
  });
  it('gives Docker Hub the library namespace', () => {
    expect(inferEndpoint('docker.io').defaultns).toBe('library');
  });
  it.each(['::1', 'LOCALHOST', '127.255.255.255:1'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
});

describe('selectEndpoint', () => {
  const list = [configured('gcr.io'), configured('asia.gcr.io/proj'), configured('asia.gcr.io/proj/app'), configured('ghcr.io')];
  const cases = [
    { host: 'gcr.io', repository: 'proj/app', want: 'gcr.io' },
    // Longest plain-string prefix of host/repository.
    { host: 'asia.gcr.io', repository: 'proj/app', want: 'asia.gcr.io/proj/app' },
    { host: 'asia.gcr.io', repository: 'proj/other', want: 'asia.gcr.io/proj' },
    // Not path-segment aware, like the updater: proj2 starts with proj.
    { host: 'asia.gcr.io', repository: 'proj2/app', want: 'asia.gcr.io/proj' },
    { host: 'eu.gcr.io', repository: 'proj/app', want: 'inferred https://eu.gcr.io' },
    { host: 'ghcr.io', repository: 'org/app', want: 'ghcr.io' },
  ];
  it.each(cases)('$host/$repository -> $want', ({ host, repository, want }) => {
    const endpoint = selectEndpoint(host, repository, list);
    expect(endpoint.apiUrl.startsWith('https://mirror.example/') ? endpoint.host : `inferred ${endpoint.apiUrl}`).toBe(want);
  });
  it('an exact host entry wins over a longer prefix', () => {
    expect(selectEndpoint('asia.gcr.io', 'proj/app', [configured('asia.gcr.io/proj'), configured('asia.gcr.io')]).host).toBe('asia.gcr.io');
  });
});
