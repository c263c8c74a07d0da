/** Fake GitHub for tests: see server.ts. */
export { FakeGitHub, type Fault, type RequestRecord } from './server.js';
export { FakeRepo, type FakePull, type RepoSettings } from './model.js';
