import { usePluginData } from '@docusaurus/useGlobalData';
import { PLUGIN_NAME } from './pluginName';
import type { VerificationData } from './types';


/** The trimmed report and snippet placements (src/plugins/verification-report). */
export function useVerificationData(): VerificationData {
  const data = usePluginData(PLUGIN_NAME) as VerificationData | undefined;
  if (!data) throw new Error(`Unexpected missing global data of plugin "${PLUGIN_NAME}", expected it in docusaurus.config.ts plugins`);
  return data;
}
