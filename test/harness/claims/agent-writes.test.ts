import { agentWriteAllowed, agentWriteRefused } from '../../../scripts/harness/claims/agent-writes';
import { AGENT_WRITES } from './agent-writes.cases';
import { describeCases } from './scenario';

/** The agent against the reader's folder: a real folder, the agent's shell played by the fake context. */
describeCases(AGENT_WRITES, { 'agent-write-refused': agentWriteRefused, 'agent-write-allowed': agentWriteAllowed });
