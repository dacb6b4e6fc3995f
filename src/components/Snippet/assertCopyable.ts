/**
 * `@theme/CodeBlock` copies its code after dropping one trailing newline and any
 * "magic comment" lines (`# highlight-next-line`, ...). Text that would be altered that
 * way would make the copy button copy something other than what the harness ran.
 */
const MAGIC_COMMENT = /^\s*#\s*(highlight-next-line|highlight-start|highlight-end)\s*$/m;

export function assertCopyable(text: string, snippetId: string): void {
  if (text.endsWith('\n')) {
    throw new Error(`Snippet "${snippetId}": rendered text ends with a newline, which the copy button would drop`);
  }
  const magic = MAGIC_COMMENT.exec(text);
  if (magic) {
    throw new Error(
      `Snippet "${snippetId}": line "${magic[0].trim()}" is a CodeBlock magic comment the copy button would drop; reword the comment`,
    );
  }
}
