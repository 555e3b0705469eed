export {
  loadPackage,
  loadSite,
  DEFAULT_TIMEOUT_MS,
  type EmitResult,
  type PayloadReport,
  type PayloadWarning,
  type HandlerError,
  type HandlerOutcome,
  type LoadPackageOptions,
  type LoadSiteOptions,
  type LoadedSite,
  type StubCall,
} from './load-site';
