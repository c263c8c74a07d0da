import { describe, expect, it } from 'vitest';
import { checkTargetFile, skippedDirReason, unreadTargetError } from '../../src/resolve/target-file.js';
import type { RepoFiles } from '../../src/resolve/types.js';
import { thrown } from './thrown.js';

/** repo is a snapshot with read files, unread paths (path -> reason) and existing directories. */
function repo(read: Record<string, string>, unread: Record<string, string> = {}, dirs?: string[]): RepoFiles {
  return {
    read: (path) => read[path],
    list: () => Object.keys(read),
    unread: (path) => unread[path],
    ...(dirs === undefined ? {} : { hasDirectory: (dir: string) => dirs.includes(dir) }),
  };
}

const context = { application: 'demo', annotation: 'write-back-target' };

describe('unreadTargetError', () => {
  it('allows a file that was read, even when the reader also calls it unread', () => {
    expect(unreadTargetError(repo({ 'a/v.yaml': 'x: 1\n' }, { 'a/v.yaml': 'it is odd' }), 'a/v.yaml')).toBeUndefined();
  });

  it('allows a path that does not exist', () => {
    expect(unreadTargetError(repo({}), 'a/new.yaml')).toBeUndefined();
  });

  it('refuses a path the reader saw but did not read, naming it, the reason, the context and the fix', () => {
    const error = unreadTargetError(repo({}, { 'a/README.md': 'it is not a YAML file' }), 'a/README.md', context);
    expect(error?.message).toBe('refusing to write "a/README.md": it is not a YAML file, and only YAML files that were read are edited');
    expect(error?.application).toBe('demo');
    expect(error?.fix).toBe('Point write-back-target at a YAML values file of the repository (at most 5 MiB), or move the file that is there.');
  });

  it('refuses a path under .git even when the reader has no unread record', () => {
    const error = unreadTargetError(repo({}), '.git/config');
    expect(error?.message).toBe('refusing to write ".git/config": it is inside .git/, which is never read or written, and only YAML files that were read are edited');
  });

  it('the skipped-directory reason wins over the reader reason', () => {
    const error = unreadTargetError(repo({}, { 'node_modules/x.yaml': 'it is too large' }), 'node_modules/x.yaml');
    expect(error?.message).toContain('it is inside node_modules/, which is never read or written');
  });

  it('skippedDirReason is undefined outside .git and node_modules', () => {
    expect(skippedDirReason('apps/git/x.yaml')).toBeUndefined();
  });
});

describe('checkTargetFile', () => {
  const origin = { sourceDir: 'apps/demo' };

  it('throws the unread refusal', () => {
    const error = thrown(() => checkTargetFile(repo({}, { 'apps/demo/v.yaml': 'it is a directory' }, ['apps/demo']), 'apps/demo/v.yaml', origin, context));
    expect(error.message).toBe('refusing to write "apps/demo/v.yaml": it is a directory, and only YAML files that were read are edited');
  });

  it('accepts a read file in a directory the reader does not list', () => {
    expect(() => checkTargetFile(repo({ 'apps/demo/v.yaml': '' }, {}, []), 'apps/demo/v.yaml', origin, context)).not.toThrow();
  });

  it('accepts a new file when the reader cannot tell directories', () => {
    expect(() => checkTargetFile(repo({}), 'nowhere/v.yaml', origin, context)).not.toThrow();
  });

  it('accepts a new file in an existing directory', () => {
    expect(() => checkTargetFile(repo({}, {}, ['apps/demo']), 'apps/demo/new.yaml', origin, context)).not.toThrow();
  });

  it('a new file at the root checks the root directory ""', () => {
    expect(() => checkTargetFile(repo({}, {}, ['']), 'new.yaml', { sourceDir: '' }, context)).not.toThrow();
    const error = thrown(() => checkTargetFile(repo({}, {}, ['.']), 'new.yaml', { sourceDir: '' }, context));
    expect(error.message).toBe('the directory "" of write-back target "new.yaml" (from the Application\'s source path "/") does not exist; refusing to create it');
  });

  it('refuses a new file whose directory is missing, naming the source path', () => {
    const error = thrown(() => checkTargetFile(repo({}, {}, ['apps']), 'apps/demo/new.yaml', origin, context));
    expect(error.message).toBe('the directory "apps/demo" of write-back target "apps/demo/new.yaml" (from the Application\'s source path "apps/demo") does not exist; refusing to create it');
    expect(error.application).toBe('demo');
    expect(error.fix).toBe('Fix the source path or write-back-target, or create the directory in the repository first.');
  });

  it('refuses a new file whose directory is missing, naming write-back-target and a root source path', () => {
    const error = thrown(() => checkTargetFile(repo({}, {}, ['']), 'x/new.yaml', { writeBackTarget: 'helmvalues:/x/new.yaml', sourceDir: '' }, context));
    expect(error.message).toBe('the directory "x" of write-back target "x/new.yaml" (from write-back-target "helmvalues:/x/new.yaml" with source path "/") does not exist; refusing to create it');
  });

  it('names the source path in the write-back-target message', () => {
    const error = thrown(() => checkTargetFile(repo({}, {}, ['']), 'x/new.yaml', { writeBackTarget: 'kustomization:../x', sourceDir: 'apps/demo' }, context));
    expect(error.message).toContain('with source path "apps/demo")');
  });

  it('refuses a new file whose "directory" is a path the reader did not read', () => {
    const error = thrown(() => checkTargetFile(repo({}, { 'apps/demo': 'it is a file, not a directory' }, ['apps']), 'apps/demo/new.yaml', origin, context));
    expect(error.message).toBe('refusing to write "apps/demo/new.yaml": its directory "apps/demo" is a file, not a directory');
    expect(error.application).toBe('demo');
    expect(error.fix).toBe('Point write-back-target at a file in a directory of the repository.');
  });

  it('a target under .git in a missing directory is refused as under .git, before its directory is looked at', () => {
    const error = thrown(() => checkTargetFile(repo({}, {}, ['']), '.git/hooks/new.yaml', origin, context));
    expect(error.message).toBe('refusing to write ".git/hooks/new.yaml": it is inside .git/, which is never read or written, and only YAML files that were read are edited');
  });

  it('only a leading "it " of the directory reason is dropped', () => {
    const error = thrown(() => checkTargetFile(repo({}, { d: 'as it is, a file' }, ['']), 'd/new.yaml', origin, context));
    expect(error.message).toBe('refusing to write "d/new.yaml": its directory "d" as it is, a file');
  });

  it('a reader without unread refuses a missing directory by its origin', () => {
    const files: RepoFiles = { read: () => undefined, list: () => [], hasDirectory: () => false };
    const error = thrown(() => checkTargetFile(files, 'd/new.yaml', origin, context));
    expect(error.message).toContain('the directory "d" of write-back target "d/new.yaml"');
  });
});
