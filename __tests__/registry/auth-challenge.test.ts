import { describe, expect, it } from 'vitest';
import { buildTokenRequest, mayReceiveCredential, parseChallenge } from '../../src/registry/auth-challenge.js';

describe('parseChallenge', () => {
  const cases = [
    {
      header: 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"',
      want: { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:samalba/my-app:pull,push' } },
    },
    { header: 'Basic realm="Registry Realm"', want: { scheme: 'basic', params: { realm: 'Registry Realm' } } },
    // Unquoted values, odd spacing, upper-case names, and escapes inside quotes.
    { header: 'BEARER  Realm=https://h/t , Service = svc, error="a\\"b"', want: { scheme: 'bearer', params: { realm: 'https://h/t', service: 'svc', error: 'a"b' } } },
    { header: 'Basic', want: { scheme: 'basic', params: {} } },
    { header: '', want: undefined },
    { header: null, want: undefined },
  ];
  it.each(cases)('$header', ({ header, want }) => {
    expect(parseChallenge(header)).toEqual(want);
  });
});

describe('buildTokenRequest', () => {
  const bearer = { scheme: 'bearer', params: { realm: 'https://auth.example/token?x=1', service: 'reg', scope: 'repository:other:push' } };
  it('asks anonymously for the pull scope of our repository, not the challenge scope', () => {
    expect(buildTokenRequest(bearer, 'team/app')).toEqual({
      url: new URL('https://auth.example/token?x=1&service=reg&scope=repository%3Ateam%2Fapp%3Apull'),
      method: 'GET',
      headers: {},
    });
  });
  it('sends Basic credentials on a GET', () => {
    const request = buildTokenRequest(bearer, 'team/app', { kind: 'basic', username: 'u', password: 'p' });
    expect(request?.headers).toEqual({ authorization: `Basic ${Buffer.from('u:p').toString('base64')}` });
    expect(request?.url.searchParams.get('account')).toBe('u');
  });
  it('uses the OAuth2 refresh_token grant POST for an identity token', () => {
    const request = buildTokenRequest(bearer, 'team/app', { kind: 'identity-token', token: 'idt' });
    expect(request?.method).toBe('POST');
    expect(request?.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'idt',
      client_id: 'argocd-image-promoter',
      scope: 'repository:team/app:pull',
      service: 'reg',
    });
  });
  const bad = [{ realm: undefined }, { realm: 'not a url' }, { realm: 'file:///etc/passwd' }];
  it.each(bad)('refuses realm $realm', ({ realm }) => {
    expect(buildTokenRequest({ scheme: 'bearer', params: realm === undefined ? {} : { realm } }, 'a')).toBeUndefined();
  });
});

describe('issue 14 item 11: mayReceiveCredential keeps Google credentials on Google hosts', () => {
  const google = { kind: 'basic' as const, username: 'oauth2accesstoken', password: 'ya29.x', audience: 'google' as const };
  const docker = { kind: 'basic' as const, username: 'u', password: 'p' };
  const api = 'http://127.0.0.1:5000';
  it.each([
    [google, 'https://gcr.io/v2/token', true],
    [google, 'https://europe-docker.pkg.dev/v2/token', true],
    [google, 'http://127.0.0.1:5000/v2/token', true], // the registry's own origin (a mirror behind a Google prefix)
    [google, 'https://auth.example.com/token', false],
    [google, 'http://gcr.io/v2/token', false], // not over TLS
    [google, 'https://gcr.io.evil.example/token', false],
    [google, undefined, false],
    [docker, 'https://auth.docker.io/token', true], // Docker Hub's realm is another host, as docker allows
  ])('%o to %s: %s', (credential, realm, want) => {
    expect(mayReceiveCredential(credential, realm, api)).toBe(want);
  });
});
