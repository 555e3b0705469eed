import { packageLinksOf, readPackageLinks } from './package-links';

describe('packageLinksOf: only web addresses package.json names', () => {
  it.each<[string, unknown, { homepage: string | undefined; bugs: string | undefined }]>([
    ['none', { name: 'x' }, { homepage: undefined, bugs: undefined }],
    [
      'homepage and bugs as a URL',
      { homepage: 'https://example.org/velo-events', bugs: 'https://example.org/velo-events/issues' },
      { homepage: 'https://example.org/velo-events', bugs: 'https://example.org/velo-events/issues' },
    ],
    ['bugs as { url, email }', { bugs: { url: 'http://example.org/issues', email: 'a@example.org' } }, { homepage: undefined, bugs: 'http://example.org/issues' }],
    ['bugs as an e-mail address only', { bugs: { email: 'a@example.org' } }, { homepage: undefined, bugs: undefined }],
    ['not http(s), or not a URL', { homepage: 'mailto:a@example.org', bugs: 'example.org/issues' }, { homepage: undefined, bugs: undefined }],
    ['not an object', ['https://example.org'], { homepage: undefined, bugs: undefined }],
  ])('%s', (_, manifest, links) => {
    expect(packageLinksOf(manifest)).toEqual(links);
  });

  it("the aggregator's own package.json names neither (there is no public repository)", () => {
    expect(readPackageLinks()).toEqual({ homepage: undefined, bugs: undefined });
  });
});
