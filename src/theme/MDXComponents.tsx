import MDXComponents from '@theme-original/MDXComponents';
import AtAGlance from '@site/src/components/AtAGlance';
import AuditTable from '@site/src/components/AuditTable';
import PlatformMatrix from '@site/src/components/PlatformMatrix';
import ReleaseFacts from '@site/src/components/ReleaseFacts';
import RewriteRules from '@site/src/components/RewriteRules';
import Snippet from '@site/src/components/Snippet';
import VerificationTable from '@site/src/components/VerificationTable';
import VersionComparison from '@site/src/components/VersionComparison';
import VersionNote from '@site/src/components/VersionNote';

/** The guide's components (`<Snippet id="..."/>`, `<AuditTable snippet="..."/>`, ...) are available on every page without an import. */
export default {
  ...MDXComponents,
  AtAGlance,
  AuditTable,
  PlatformMatrix,
  ReleaseFacts,
  RewriteRules,
  Snippet,
  VerificationTable,
  VersionComparison,
  VersionNote,
};
