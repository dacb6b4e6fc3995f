import MDXComponents from '@theme-original/MDXComponents';
import Snippet from '@site/src/components/Snippet';
import VerificationTable from '@site/src/components/VerificationTable';

/** `<Snippet id="..."/>` and `<VerificationTable/>` are available on every page without an import. */
export default {
  ...MDXComponents,
  Snippet,
  VerificationTable,
};
