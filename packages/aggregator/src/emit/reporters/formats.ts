/** Every `--format`, known without loading the reporters (the CLI's option parsing needs only the names). */
export const REPORT_FORMATS = ['pretty', 'json', 'sarif', 'github'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];
