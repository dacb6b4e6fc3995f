import MDXComponents from '@theme-original/MDXComponents';
import Snippet from '@site/src/components/Snippet';

/** `<Snippet id="..."/>` is available on every page without an import. */
export default {
  ...MDXComponents,
  Snippet,
};
