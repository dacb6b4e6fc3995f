/** The plugin that loads the report, and the key its global data is read under. */
export const PLUGIN_NAME = 'verification-report';
