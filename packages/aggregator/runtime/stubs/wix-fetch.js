// Default stub of wix-fetch: records the request and answers 200 with an empty JSON body.
import { record } from './recorder.js';

export async function fetch(url, options) {
  record('wix-fetch', 'fetch', [url, options ?? {}]);
  return { ok: true, status: 200, headers: {}, async json() { return {}; }, async text() { return ''; } };
}

export const getJSON = async (url, options) => {
  record('wix-fetch', 'getJSON', [url, options ?? {}]);
  return {};
};
