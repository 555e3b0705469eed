/**
 * What bin/velo-events.cjs takes from the CLI's bundle (dist/cli/bundle.js, made from this
 * module by scripts/bundle-cli.cjs): one file to read and compile instead of ~75 modules
 * to resolve, read and hash one by one.
 */
export { main } from './main';
export { supportsColor } from './terminal/color-support';
export { blockOnPipe } from './terminal/blocking-pipe';
export { exitWhenReaderLeaves } from './terminal/closed-pipe';
