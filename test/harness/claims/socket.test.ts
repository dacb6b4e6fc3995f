import { CHECKERS } from '../../../scripts/harness/claims';
import { SOCKET_CASES } from './socket.cases';
import { describeCases } from './scenario';

/** The socket and the socket proxy, with a proxy that filters as docker-socket-proxy v0.4.1 does, played by the fake context. */
describeCases(SOCKET_CASES, CHECKERS);
