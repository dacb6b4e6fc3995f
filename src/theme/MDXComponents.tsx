import MDXComponents from '@theme-original/MDXComponents';
import Snippet from '@site/src/components/Snippet';
import VerificationTable from '@site/src/components/VerificationTable';
import VersionNote from '@site/src/components/VersionNote';

/** `<Snippet id="..."/>`, `<VerificationTable/>` and `<VersionNote/>` are available on every page without an import. */
export default {
  ...MDXComponents,
  Snippet,
  VerificationTable,
  VersionNote,
};
