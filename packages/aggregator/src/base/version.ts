import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The aggregator's package.json version (src/base and dist/base both sit two levels below it). */
export const VERSION: string = (
  JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }
).version;
