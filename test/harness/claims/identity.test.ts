import { appRunsAs, image, imageByDigest, noNewPrivileges, runsAsUid, workspaceFilesOwnedByUser } from '../../../scripts/harness/claims/identity';
import { IDENTITY } from './identity.cases';
import { describeCases } from './scenario';

/** Who runs what, from `docker inspect`, `docker top` and the host's view of the workspace, without Docker. */
describeCases(IDENTITY, {
  image,
  'app-runs-as': appRunsAs,
  'workspace-files-owned-by-user': workspaceFilesOwnedByUser,
  'image-by-digest': imageByDigest,
  'runs-as-uid': runsAsUid,
  'no-new-privileges': noNewPrivileges,
});
