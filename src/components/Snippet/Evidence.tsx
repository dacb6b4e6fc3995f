import type { ReactNode } from 'react';

export interface EvidenceProps {
  readonly snippetId: string;
}

/**
 * Where the harness' evidence for a snippet (verified or not, when, on which engine)
 * will be shown, under its claims. Intentionally empty until that report is wired in.
 */
export default function Evidence(_props: EvidenceProps): ReactNode {
  return null;
}
