import { relativeUri } from './sarif';

describe('relativeUri (SARIF artifactLocation.uri)', () => {
  it.each([
    ['sites/shop/src/backend/events.js', 'sites/shop/src/backend/events.js'],
    ['sites/my shop/events.js', 'sites/my%20shop/events.js'],
    ['a:b/events.js', 'a%3Ab/events.js'],
    ['libs/100%/#1?/events.js', 'libs/100%25/%231%3F/events.js'],
    ['libs/a,b/ünï/events.js', 'libs/a%2Cb/%C3%BCn%C3%AF/events.js'],
  ])('%s → %s', (file, uri) => {
    expect(relativeUri(file)).toBe(uri);
  });
});
