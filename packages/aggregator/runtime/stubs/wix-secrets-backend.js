// Default stub of wix-secrets-backend: every secret reads as "stub-secret:<name>".
import { record } from './recorder.js';

export async function getSecret(name) {
  record('wix-secrets-backend', 'getSecret', [name]);
  return `stub-secret:${name}`;
}

export const secrets = { getSecretValue: getSecret };
