export { aggregate, type AggregateOptions, type Aggregation } from './aggregate';
export type { VeloEventsConfig } from './discover/config';
export { renderJson } from './emit/reporters/json';
export { renderPretty } from './emit/reporters/pretty';
export { renderList } from './emit/render-list';
export { UsageError } from './errors';
export type * from './model';
export { CODES, docUrl } from './validate/codes';
export { VERSION } from './version';
