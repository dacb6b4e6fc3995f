import { editorReachableOnNetwork, editorRoute } from '../../../scripts/harness/claims/editor';
import { EDITOR } from './editor.cases';
import { describeCases } from './scenario';

/** The bundled editor's port and route, without Docker. */
describeCases(EDITOR, { 'editor-reachable-on-network': editorReachableOnNetwork, 'editor-route': editorRoute });
