import { describe, expect, it } from 'vitest';
import { entryBelongsTo, setSpecImage, splitOriginal } from '../../src/resolve/kustomize-images.js';
import { parseImageRef } from '../../src/resolve/image-ref.js';

const owner = (image: string, kustomizeName?: string) => ({ ref: parseImageRef(image), ...(kustomizeName === undefined ? {} : { kustomizeName }) });

describe('splitOriginal', () => {
  it('an entry without "=" has no original', () => {
    expect(splitOriginal('org/app:1.0')).toEqual({ image: 'org/app:1.0' });
  });

  it('splits at the first "=" and trims both sides', () => {
    expect(splitOriginal(' web = org/app:1.0=x ')).toEqual({ original: 'web', image: 'org/app:1.0=x' });
  });

  it('a leading "=" gives an empty original, which is left out', () => {
    expect(splitOriginal('=org/app:1.0')).toEqual({ image: 'org/app:1.0' });
  });

  it('a one-character original is kept', () => {
    expect(splitOriginal('w=org/app')).toEqual({ original: 'w', image: 'org/app' });
  });
});

describe('entryBelongsTo', () => {
  it('an unparsable entry belongs to nobody', () => {
    expect(entryBelongsTo('Org/App', owner('org/app'))).toBe(false);
  });

  it('another repository does not belong', () => {
    expect(entryBelongsTo('org/other:1', owner('org/app'))).toBe(false);
  });

  it('the same repository with an original belongs to an image without kustomize.image-name', () => {
    expect(entryBelongsTo('web=org/app:1', owner('org/app'))).toBe(true);
  });

  it('an entry without original belongs to an image with kustomize.image-name', () => {
    expect(entryBelongsTo('org/app:1', owner('org/app', 'web'))).toBe(true);
  });

  it('the same original belongs, another original does not', () => {
    expect(entryBelongsTo('web=org/app:1', owner('org/app', 'web'))).toBe(true);
    expect(entryBelongsTo('api=org/app:1', owner('org/app', 'web'))).toBe(false);
  });
});

describe('setSpecImage', () => {
  it('replaces only the entries of the image and keeps the others in place', () => {
    expect(setSpecImage(['org/other:1', 'org/app:1', 'x/y'], 'org/app:2', owner('org/app'))).toEqual(['org/other:1', 'org/app:2', 'x/y']);
  });

  it('appends the entry when none belongs', () => {
    expect(setSpecImage(['org/other:1'], 'org/app:2', owner('org/app'))).toEqual(['org/other:1', 'org/app:2']);
  });

  it('two entries of the image become one', () => {
    expect(setSpecImage(['org/app:1', 'org/app:0'], 'org/app:2', owner('org/app'))).toEqual(['org/app:2']);
  });

  it('an alias leaves the other alias of the same repository alone', () => {
    expect(setSpecImage(['api=org/app:1', 'web=org/app:1'], 'web=org/app:2', owner('org/app', 'web'))).toEqual(['api=org/app:1', 'web=org/app:2']);
  });
});
